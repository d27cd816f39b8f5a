import { LANE_CENTRE_Y } from '../board-page.ts';
import { createBoard, expect, openBoard, personContext, test } from '../fixtures.ts';

test.describe('moving fast', () => {
  test('[E2E-65] copy, paste on another board, duplicate, cut, select all: links follow when both ends go', async ({
    browser,
    server,
  }) => {
    const context = await personContext(browser, 'Alice');
    const source = await openBoard(context, (await createBoard(server.url)).editor);
    const strategy = await source.addCard('strategy', 'Win mid-size retailers');
    const plan = await source.addCard('plan', 'Retail partner plan');
    const tactic = await source.addCard('tactic', 'Trade show');
    await source.link(plan, strategy);
    await source.link(tactic, plan);
    await expect(source.links).toHaveCount(2);

    // Copy the plan and its tactic (one link between them), paste on another board.
    await source.selectCard(plan);
    await source.addToSelection(tactic);
    await source.page.keyboard.press('Control+c');
    await expect(source.page.locator('.ft-notice')).toContainText('2 card(s) copied');
    const target = await openBoard(context, (await createBoard(server.url)).editor);
    await target.page.locator('.react-flow__pane').click({ position: { x: 40, y: 200 } });
    await target.page.keyboard.press('Control+v');
    await expect(target.cards).toHaveCount(2);
    await expect(target.links).toHaveCount(1);
    await expect(target.cardByTitle('Retail partner plan')).toHaveClass(/ft-card--plan/);
    const pastedIds = await target.cards.evaluateAll((cards) =>
      cards.map((card) => card.getAttribute('data-card-id')),
    );
    expect(pastedIds).not.toContain(plan);
    expect(pastedIds).not.toContain(tactic);
    // The pasted cards are selected: one undo removes the whole paste.
    await target.page.keyboard.press('Control+z');
    await expect(target.cards).toHaveCount(0);

    // Duplicate on the same board: beside the originals, with the link between them.
    await source.page.bringToFront();
    await source.page.keyboard.press('Escape');
    await source.selectCard(plan);
    await source.addToSelection(tactic);
    await source.page.keyboard.press('Control+d');
    await expect(source.cards).toHaveCount(5);
    await expect(source.links).toHaveCount(3);
    // Cut: the duplicates go, then come back with a paste.
    await source.page.keyboard.press('Control+x');
    await expect(source.cards).toHaveCount(3);
    await source.page.keyboard.press('Control+v');
    await expect(source.cards).toHaveCount(5);
    // Select all, delete, undo.
    await source.page.locator('.react-flow__pane').click({ position: { x: 40, y: 200 } });
    await source.page.keyboard.press('Control+a');
    await expect(source.page.locator('.ft-card--selected')).toHaveCount(5);
    await source.page.keyboard.press('Delete');
    await expect(source.cards).toHaveCount(0);
    await source.page.keyboard.press('Control+z');
    await expect(source.cards).toHaveCount(5);
    // Plain text pastes as one card per line, in the lane under the pointer.
    await target.page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '- Newsletter\n- Webinar');
      document.body.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
      );
    });
    await expect(target.cards).toHaveCount(2);
    await context.close();
  });

  test('[E2E-66] a selection drag moves every selected card live for the other person, and the dragger’s cursor moves with it', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const left = await a.addCard('tactic', 'Trade show');
    const right = await a.addCard('tactic', 'Newsletter');
    await expect(b.card(right)).toBeVisible({ timeout: 2_000 });
    await a.page.locator('.ft-fit').click();
    await b.page.locator('.ft-fit').click();
    await a.page.waitForTimeout(300);
    await a.selectCard(left);
    await a.addToSelection(right);
    const before = { left: await b.cardPosition(left), right: await b.cardPosition(right) };
    const box = (await a.page.locator(`.react-flow__node[data-id="${left}"]`).boundingBox())!;
    const grab = { x: box.x + box.width * 0.25, y: box.y + box.height * 0.7 };
    const target = await a.screenPoint({ x: 1500, y: LANE_CENTRE_Y.plan });
    await a.page.mouse.move(grab.x, grab.y);
    await a.page.mouse.down();
    await a.page.mouse.move(grab.x + 10, grab.y - 10, { steps: 3 });
    const cursor = b.page.locator('.ft-cursor[data-name="Alice"]');
    await expect(cursor).toBeVisible({ timeout: 2_000 });
    const cursorAt = () => cursor.evaluate((element) => getComputedStyle(element).transform);
    const cursorBefore = await cursorAt();
    await a.page.mouse.move((grab.x + target.x) / 2, (grab.y + target.y) / 2, { steps: 8 });
    // Mid-drag, B already sees both cards moved, and Alice's cursor with them.
    await expect
      .poll(async () => (await b.cardPosition(left)).y, { timeout: 2_000 })
      .toBeLessThan(before.left.y - 100);
    await expect
      .poll(async () => (await b.cardPosition(right)).y, { timeout: 2_000 })
      .toBeLessThan(before.right.y - 100);
    await expect.poll(cursorAt, { timeout: 2_000 }).not.toBe(cursorBefore);
    await a.page.mouse.move(target.x, target.y, { steps: 8 });
    await a.page.mouse.up();
    for (const person of [a, b]) {
      await expect(person.card(left)).toHaveClass(/ft-card--plan/, { timeout: 2_000 });
      await expect(person.card(right)).toHaveClass(/ft-card--plan/, { timeout: 2_000 });
    }
    // Both cards moved by the same amount: the selection kept its shape.
    const after = { left: await b.cardPosition(left), right: await b.cardPosition(right) };
    expect(after.right.x - after.left.x).toBeCloseTo(before.right.x - before.left.x, 0);
    // One undo puts the whole selection back, for both.
    await a.undo();
    await expect(b.card(left)).toHaveClass(/ft-card--tactic/, { timeout: 2_000 });
    await expect(b.card(right)).toHaveClass(/ft-card--tactic/, { timeout: 2_000 });
  });

  test('[E2E-67] the keyboard walks the cards: Tab in reading order, Ctrl+arrows by direction, Enter opens, Escape comes back', async ({
    onTemplate: board,
  }) => {
    const page = board.page;
    const objective = (await page.locator('.ft-card--objective').getAttribute('data-card-id'))!;
    const strategy = (await page.locator('.ft-card--strategy').getAttribute('data-card-id'))!;
    const plan = (await page.locator('.ft-card--plan').getAttribute('data-card-id'))!;
    // Tab from the toolbar reaches the canvas, then the first card in reading order.
    await page.locator('.ft-fit').focus();
    const focusedClass = () => page.evaluate(() => document.activeElement?.className ?? '');
    for (let i = 0; i < 10 && !(await focusedClass()).includes('react-flow'); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedClass()).toContain('react-flow');
    await page.keyboard.press('Tab');
    const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
    await expect(node(objective)).toBeFocused();
    await expect(board.card(objective)).toHaveClass(/ft-card--selected/);
    // The focused card shows it (a visible outline), not by colour alone.
    const outline = await node(objective).evaluate(
      (element) => getComputedStyle(element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    await expect(node(strategy)).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(node(objective)).toBeFocused();
    await page.keyboard.press('Control+ArrowDown');
    await expect(node(strategy)).toBeFocused();
    await page.keyboard.press('Control+ArrowDown');
    await expect(node(plan)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(board.inspector).toHaveAttribute('data-card-id', plan);
    await expect(board.inspector.locator('.ft-card-editor__title input')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(board.inspector).toHaveCount(0);
    await expect(node(plan)).toBeFocused();
    // Only one card is a tab stop, so Tab from the last card leaves the canvas.
    await expect(page.locator('.react-flow__node[tabindex="0"]')).toHaveCount(1);
  });

  test('[E2E-68] search finds cards by any text, highlights them all and zooms to each in turn', async ({
    onTemplate: board,
  }) => {
    const page = board.page;
    await page.locator('.ft-fit').click();
    const plan = (await page.locator('.ft-card--plan').getAttribute('data-card-id'))!;
    await page.keyboard.press('Control+f');
    const input = page.locator('.ft-search__input');
    await expect(input).toBeFocused();
    // "brand" is in titles and bodies across the lanes.
    await input.fill('BRAND');
    const matches = page.locator('.ft-card--match');
    await expect(matches).not.toHaveCount(0);
    const count = await matches.count();
    await expect(page.locator('.ft-search__count')).toHaveText(`1 of ${count}`);
    await expect(page.locator('.ft-search__result')).toHaveCount(count);
    // The result shown is selected and zoomed to, at a readable zoom, on screen.
    const current = page.locator('.ft-card--match-current');
    await expect(current).toHaveCount(1);
    await expect.poll(() => board.zoom(), { timeout: 2_000 }).toBeGreaterThanOrEqual(1);
    await expect(current).toBeInViewport();
    const first = await current.getAttribute('data-card-id');
    await input.press('Enter');
    await expect(page.locator('.ft-search__count')).toHaveText(`2 of ${count}`);
    await expect(current).not.toHaveAttribute('data-card-id', first!);
    await expect(current).toBeInViewport();
    // Plan fields are searched too: the plan card's owner.
    await input.fill('marketing director');
    await expect(matches).toHaveCount(1);
    await expect(board.card(plan)).toHaveClass(/ft-card--match/);
    await page.keyboard.press('Escape');
    await expect(page.locator('.ft-search')).toHaveCount(0);
    await expect(matches).toHaveCount(0);
  });
});
