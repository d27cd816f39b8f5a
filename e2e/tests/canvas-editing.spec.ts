import { expect, onNewBoard, test } from '../fixtures.ts';

test.describe('reading and editing at any zoom', () => {
  test('[E2E-61] a card opens in the inspector with every field, plan fields too, readable whatever the zoom', async ({
    onTemplate: board,
  }) => {
    const page = board.page;
    // The board opens on its cards with readable titles.
    expect(await board.zoom()).toBeGreaterThanOrEqual(0.55);
    // Far away: the whole triangle, cards drawn as titles only.
    await page.locator('.ft-fit').click();
    await page.waitForTimeout(400);
    expect(await board.zoom()).toBeLessThan(0.45);
    const plan = (await page.locator('.ft-card--plan').first().getAttribute('data-card-id'))!;
    await board.openCard(plan);
    const inspector = board.inspector;
    for (const field of [
      'title input',
      'body textarea',
      'kpi input',
      'owner input',
      'budget input',
    ]) {
      const input = inspector.locator(`.ft-card-editor__${field}`);
      await expect(input, field).toBeVisible();
      const px = await input.evaluate((element) => {
        // Drawn at the interface's size: outside the zoomed canvas, 12 px or more.
        if (element.closest('.react-flow__viewport')) return 0;
        return Number.parseFloat(getComputedStyle(element).fontSize);
      });
      expect(px, field).toBeGreaterThanOrEqual(12);
    }
    const due = inspector.locator('.ft-card-editor__due input');
    await expect(due).toHaveAttribute('type', 'date');
    await due.fill('2027-09-30');
    await inspector.locator('.ft-card-editor__kpi input').fill('30 active resellers');
    await expect(board.card(plan).locator('.ft-card__plan')).toContainText('2027-09-30');
    await expect(board.card(plan).locator('.ft-card__plan')).toContainText('30 active resellers');
    await test.info().attach('inspector', {
      body: await board.screenshot('inspector-far-zoom'),
      contentType: 'image/png',
    });
    await inspector.locator('.ft-card-editor__clear-date').click();
    await expect(due).toHaveValue('');

    // A new card opens with its title ready for typing; Escape goes back to the card.
    await page.locator('.ft-new-card--objective').click();
    await expect(inspector.locator('.ft-card-editor__title input')).toBeFocused();
    const id = (await inspector.getAttribute('data-card-id'))!;
    await page.keyboard.type('Win 20% of Quebec retail by 2028');
    await page.keyboard.press('Escape');
    await expect(inspector).toHaveCount(0);
    await expect(board.card(id).locator('.ft-card__title')).toHaveText(
      'Win 20% of Quebec retail by 2028',
    );
    await expect(page.locator(`.react-flow__node[data-id="${id}"]`)).toBeFocused();
  });

  test('[E2E-62] two people typing in one KPI at once merge character by character', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const plan = await a.addCard('plan', 'Retail partner plan');
    await expect(b.card(plan)).toBeVisible({ timeout: 1_000 });
    await a.openCard(plan);
    await a.inspector.locator('.ft-card-editor__kpi input').fill('resellers');
    await b.openCard(plan);
    const kpiA = a.inspector.locator('.ft-card-editor__kpi input');
    const kpiB = b.inspector.locator('.ft-card-editor__kpi input');
    await expect(kpiB).toHaveValue('resellers', { timeout: 2_000 });
    await kpiA.press('End');
    await kpiB.press('Home');
    await Promise.all([kpiA.pressSequentially(' active'), kpiB.pressSequentially('20 ')]);
    for (const person of [a, b]) {
      await expect(person.card(plan).locator('.ft-card__plan')).toContainText(
        '20 resellers active',
        { timeout: 3_000 },
      );
    }
    await expect(kpiA).toHaveValue('20 resellers active');
    await expect(kpiB).toHaveValue('20 resellers active');
  });

  test('[E2E-63] deleting a card someone has open tells them who did it, and Undo puts it back for everyone', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const strategy = await a.addCard('strategy', 'Win mid-size retailers');
    const plan = await a.addCard('plan', 'Retail partner plan');
    await a.link(plan, strategy);
    await expect(b.links).toHaveCount(1, { timeout: 2_000 });
    await b.openCard(plan);
    await b.inspector.locator('.ft-card-editor__body textarea').fill('Typing when it goes');

    await a.selectCard(plan);
    await a.page.keyboard.press('Delete');
    await expect(a.card(plan)).toHaveCount(0);
    // B's editor stays, says who deleted the card, and offers to put it back.
    await expect(b.inspector).toBeVisible();
    await expect(b.page.locator('.ft-inspector__lost')).toContainText('Alice deleted this card.', {
      timeout: 3_000,
    });
    await expect(b.inspector.locator('.ft-card-editor__body textarea')).toBeDisabled();
    await b.page.locator('.ft-inspector__restore').click();
    for (const person of [a, b]) {
      await expect(person.card(plan)).toBeVisible({ timeout: 2_000 });
      await expect(person.links).toHaveCount(1, { timeout: 2_000 });
    }
    await expect(b.inspector.locator('.ft-card-editor__body textarea')).toBeEnabled();
    await expect(b.inspector.locator('.ft-card-editor__body textarea')).toHaveValue(
      'Typing when it goes',
    );
    await expect(a.card(plan).locator('.ft-card__body')).toHaveText('Typing when it goes');
  });

  test('[E2E-64] a double-click outside the triangle creates nothing; new cards never land on one another', async ({
    browser,
    server,
  }) => {
    const { context, board } = await onNewBoard(browser, server.url);
    const page = board.page;
    // Outside: left of the triangle's base, and above the apex.
    for (const point of [
      { x: 60, y: 1900 },
      { x: 1600, y: -150 },
      { x: 3150, y: 300 },
    ]) {
      const at = await board.screenPoint(point);
      await page.mouse.dblclick(at.x, at.y);
    }
    await expect(page.locator('.ft-notice')).toContainText('inside the triangle');
    await expect(board.cards).toHaveCount(0);

    // Four objectives from the toolbar, and a double-click right on a card: no overlaps.
    for (let i = 0; i < 4; i++) {
      await page.locator('.ft-new-card--objective').click();
      await page.keyboard.type(`Objective ${i + 1}`);
      await page.keyboard.press('Escape');
    }
    await expect(board.cards).toHaveCount(4);
    const first = (await board.cards.first().getAttribute('data-card-id'))!;
    const box = (await page.locator(`.react-flow__node[data-id="${first}"]`).boundingBox())!;
    await page.locator('.react-flow__pane').dispatchEvent('dblclick', {
      bubbles: true,
      clientX: box.x + box.width / 2,
      clientY: box.y + box.height + 4,
    });
    await expect(board.cards).toHaveCount(5);
    const boxes = await page
      .locator('.react-flow__node-card')
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
    for (const [index, one] of boxes.entries()) {
      for (const other of boxes.slice(index + 1)) {
        const overlap =
          one.left < other.right &&
          other.left < one.right &&
          one.top < other.bottom &&
          other.top < one.bottom;
        expect(overlap, JSON.stringify([one, other])).toBe(false);
      }
    }
    await context.close();
  });
});
