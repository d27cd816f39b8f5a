import { createBoard, expect, exportBoard, openBoard, personContext, test } from '../fixtures.ts';

test('[E2E-6] a viewer link sees the board live but cannot change anything', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const before = JSON.stringify(await exportBoard(server.url, links));
  const editorContext = await personContext(browser, 'Alice');
  const viewerContext = await personContext(browser, 'Victor');
  const editor = await openBoard(editorContext, links.editor);
  const viewer = await openBoard(viewerContext, links.viewer);

  await expect(viewer.page.locator('.ft-view-only')).toBeVisible();
  await expect(viewer.page.locator('.ft-new-card')).toHaveCount(0);
  await expect(viewer.page.locator('.ft-import')).toHaveCount(0);
  const cardCount = await editor.cards.count();
  expect(cardCount).toBeGreaterThan(3);
  await expect(viewer.cards).toHaveCount(cardCount);

  // Everything a person could try: drag, double-click the pane, keyboard shortcuts, undo.
  const firstId = (await viewer.cards.first().getAttribute('data-card-id'))!;
  await viewer.dragCardTo(firstId, { x: 1600, y: 1750 });
  const pane = viewer.page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await viewer.page.mouse.dblclick(box.x + box.width / 2, box.y + box.height * 0.8);
  await viewer.page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8);
  await viewer.page.keyboard.press('n');
  await viewer.selectCard(firstId);
  await viewer.page.keyboard.press('Delete');
  await viewer.page.keyboard.press('ArrowLeft');
  await viewer.page.keyboard.press('Control+z');
  // A viewer may open a card to read it whole, but every field is read-only.
  await expect(
    viewer.page.locator(
      '.ft-inspector :is(input, textarea, select):not([disabled]), .ft-inspector__delete, .ft-inspector__duplicate',
    ),
  ).toHaveCount(0);
  await expect(viewer.cards).toHaveCount(cardCount);

  // The viewer still sees live changes.
  const added = await editor.addCard('tactic', 'Podcast sponsorship');
  await expect(viewer.card(added)).toBeVisible({ timeout: 1_000 });

  const after = (await exportBoard(server.url, links)) as { cards: { id: string }[] };
  const unchanged = JSON.parse(before) as { cards: { id: string }[] };
  expect(after.cards.filter((card) => card.id !== added)).toEqual(unchanged.cards);
  await Promise.all([editorContext.close(), viewerContext.close()]);
});

test('[E2E-10] a forged link shows the server’s reason instead of a board', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url);
  const context = await personContext(browser, 'Mallory');
  const page = await context.newPage();
  await page.goto(`${server.url}/b/${links.board.id}?token=forged-token`);
  await expect(page.locator('.ft-board-error')).toBeVisible();
  await expect(page.locator('.ft-board-error__message')).not.toBeEmpty();
  await expect(page.locator('.ft-card')).toHaveCount(0);
  await page.goto(`${server.url}/b/${links.board.id}`);
  await expect(page.locator('.ft-board-error__message')).toContainText('token');
  await context.close();
});
