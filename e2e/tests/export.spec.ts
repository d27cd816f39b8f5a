import { readFile } from 'node:fs/promises';
import { createBoard, expect, exportBoard, openBoard, personContext, test } from '../fixtures.ts';

test('[E2E-7] export the board JSON, import it into a new board: the same board', async ({
  browser,
  server,
}) => {
  const source = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const context = await personContext(browser, 'Alice');
  const page = await openBoard(context, source.facilitator);
  await expect(page.cards).not.toHaveCount(0);

  await page.page.locator('.ft-export').click();
  const [download] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-json').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const exported = await readFile((await download.path())!, 'utf8');

  const target = await createBoard(server.url, { title: 'Empty target' });
  // Importing replaces the board's settings: facilitator-only (server-spec S-WRITE-2).
  const copy = await openBoard(context, target.facilitator);
  await expect(copy.cards).toHaveCount(0);
  await copy.page.locator('.ft-import-input').setInputFiles({
    name: 'board.json',
    mimeType: 'application/json',
    buffer: Buffer.from(exported),
  });
  await copy.page.locator('.ft-import-confirm__yes').click();
  await expect(copy.cards).toHaveCount(await page.cards.count());
  await expect(copy.links).toHaveCount(await page.links.count());

  // Wait until the server holds the import, then compare the two boards field by field.
  await expect
    .poll(async () => JSON.stringify(await exportBoard(server.url, target)), { timeout: 5_000 })
    .toBe(JSON.stringify(await exportBoard(server.url, source)));
  await context.close();
});

test('[E2E-11] importing a broken file names the field and the line and changes nothing', async ({
  browser,
  server,
}) => {
  const target = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const context = await personContext(browser, 'Alice');
  const page = await openBoard(context, target.facilitator);
  const count = await page.cards.count();
  const broken = JSON.stringify(
    {
      format: 'fire-triangle/board',
      version: 1,
      meta: { title: 'Broken', language: 'en', focusLimit: 3 },
      cards: [{ id: 'c1', lane: 'tactique', title: 'x', position: { x: 0, y: 0 } }],
      links: [],
    },
    null,
    2,
  );
  await page.page.locator('.ft-import-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(broken),
  });
  const dialog = page.page.locator('.ft-import-errors');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('cards[0]');
  await expect(dialog.locator('.ft-import-errors__line').first()).toContainText(/line \d+/);
  // A refused file is not offered for confirmation: nothing to replace the board with.
  await expect(page.page.locator('.ft-import-confirm')).toHaveCount(0);
  await expect(page.cards).toHaveCount(count);
  await context.close();
});

test('[E2E-8] PNG export produces an image of the triangle', async ({ browser, server }) => {
  const board = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const context = await personContext(browser, 'Alice');
  const page = await openBoard(context, board.viewer);
  await page.page.locator('.ft-export').click();
  const [download] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-png').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const png = await readFile((await download.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBeGreaterThan(1000);
  expect(height).toBeGreaterThan(600);
  expect(png.length).toBeGreaterThan(20_000);
  await test.info().attach('export.png', { body: png, contentType: 'image/png' });

  await page.page.locator('.ft-export').click();
  const [svgDownload] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-svg').click(),
  ]);
  const svg = await readFile((await svgDownload.path())!, 'utf8');
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('OBJECTIVE');
  await context.close();
});

test('[E2E-12] the Markdown report lists objectives down to tactics', async ({
  browser,
  server,
}) => {
  const board = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const context = await personContext(browser, 'Alice');
  const page = await openBoard(context, board.viewer);
  await page.page.locator('.ft-export').click();
  const [download] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-report').click(),
  ]);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toMatch(/^# Strategy report/);
  expect(markdown).toMatch(/\*\*Objective\*\*/);
  expect(markdown).toMatch(/\n {6}- \*\*Tactic\*\*/);
  await context.close();
});
