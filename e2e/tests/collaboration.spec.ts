import { LANE_CENTRE_Y } from '../board-page.ts';
import { expect, test } from '../fixtures.ts';

test.describe('two people on one board', () => {
  test('[E2E-1] cards A adds in every lane and links appear for B within a second', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const objective = await a.addCard('objective', 'Grow revenue 15% in Quebec by 2027');
    await expect(b.card(objective)).toBeVisible({ timeout: 1_000 });
    const strategy = await a.addCard('strategy', 'Win mid-size retailers');
    await expect(b.card(strategy)).toBeVisible({ timeout: 1_000 });
    const plan = await a.addCard('plan', 'Retail partner plan');
    await expect(b.card(plan)).toBeVisible({ timeout: 1_000 });
    const tactic = await a.addCard('tactic', 'Trade show in Montreal');
    await expect(b.card(tactic)).toBeVisible({ timeout: 1_000 });
    await expect(b.card(tactic).locator('.ft-card__title')).toHaveText('Trade show in Montreal', {
      timeout: 1_000,
    });

    // Link in both directions of dragging: the link is oriented from the lower card anyway.
    await a.link(tactic, plan);
    await expect(a.links).toHaveCount(1);
    await expect(b.links).toHaveCount(1, { timeout: 1_000 });
    await a.link(plan, strategy);
    await a.link(strategy, objective);
    await expect(b.links).toHaveCount(3, { timeout: 1_000 });
    await expect(b.brokenLinks).toHaveCount(0);
    await expect(b.page.locator('.ft-score')).toHaveAttribute('data-score', '100');
    // B sees A in the presence list and A's cursor on the board.
    await expect(b.page.locator('.ft-presence__item[data-name="Alice"]')).toBeVisible();
    const pointer = await a.screenPoint({ x: 1600, y: 1500 });
    await a.page.mouse.move(pointer.x, pointer.y, { steps: 3 });
    await expect(b.page.locator('.ft-cursor[data-name="Alice"]')).toBeVisible({ timeout: 1_000 });

    // Selecting the objective highlights its chain down to the tactic; B sees A's selection.
    await a.selectCard(objective);
    await expect(a.card(tactic)).toHaveClass(/ft-card--chain-down/);
    await expect(a.page.locator('.ft-link--chain')).toHaveCount(3);
    await expect(b.card(objective)).toHaveClass(/ft-card--remote-selected/, { timeout: 1_000 });

    // N adds a card in the lane under the pointer.
    await a.page.keyboard.press('Escape');
    const inTactics = await a.screenPoint({ x: 900, y: 1800 });
    await a.page.mouse.move(inTactics.x, inTactics.y);
    await a.page.keyboard.press('n');
    await expect(a.page.locator('.ft-card--tactic.ft-card--editing')).toHaveCount(1);
    await a.page.keyboard.type('Podcast');
    await a.page.keyboard.press('Escape');
    await expect(b.cardByTitle('Podcast')).toHaveClass(/ft-card--tactic/, { timeout: 1_000 });
  });

  test('[E2E-2] a tactic dragged into the strategy lane breaks its link for both; undo on A restores it for both', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const plan = await a.addCard('plan', 'Retail partner plan');
    const tactic = await a.addCard('tactic', 'Newsletter to retailers');
    await a.link(tactic, plan);
    await expect(b.links).toHaveCount(1, { timeout: 1_000 });
    await expect(b.brokenLinks).toHaveCount(0);

    await a.dragCardTo(tactic, { x: 1600, y: LANE_CENTRE_Y.strategy });
    await expect(a.card(tactic)).toHaveClass(/ft-card--strategy/);
    await expect(b.card(tactic)).toHaveClass(/ft-card--strategy/, { timeout: 1_000 });
    for (const person of [a, b]) {
      await expect(person.brokenLinks).toHaveCount(1, { timeout: 1_000 });
      await expect(person.findings('link/downward')).toHaveCount(1);
    }
    // The reason is on the link itself, on hover.
    await expect(b.page.locator('.ft-link--broken title')).toContainText(/.+/);

    // One drag is one undo step: a single undo puts the card back in its lane, for both.
    await a.undo();
    await expect(a.card(tactic)).toHaveClass(/ft-card--tactic/);
    await expect(b.card(tactic)).toHaveClass(/ft-card--tactic/, { timeout: 1_000 });
    for (const person of [a, b]) {
      await expect(person.brokenLinks).toHaveCount(0, { timeout: 1_000 });
      await expect(person.findings('link/downward')).toHaveCount(0);
    }
    // B's undo has nothing of A's to undo.
    await expect(b.page.locator('.ft-undo')).toBeDisabled();

    // Keyboard redo and undo, as one step each.
    await a.page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await a.page.keyboard.press('Control+Shift+Z');
    await expect(b.brokenLinks).toHaveCount(1, { timeout: 1_000 });
    await a.page.keyboard.press('Control+z');
    await expect(b.brokenLinks).toHaveCount(0, { timeout: 1_000 });

    // Clicking a finding pans to it and selects its link.
    await a.dragCardTo(tactic, { x: 1600, y: LANE_CENTRE_Y.strategy });
    await a.findings('link/downward').click();
    await expect(a.page.locator('.ft-link--selected')).toHaveCount(1);
  });

  test('[E2E-3] A deletes a card while B, offline, links to it: after B reconnects both see the dangling link', async ({
    twoUsers,
  }) => {
    const { a, b, contextB } = twoUsers;
    const strategy = await a.addCard('strategy', 'Focus on mid-size retailers');
    const plan = await a.addCard('plan', 'Retail partner plan');
    await expect(b.card(strategy)).toBeVisible({ timeout: 1_000 });
    await expect(b.card(plan)).toBeVisible({ timeout: 1_000 });

    await contextB.setOffline(true);
    await expect(b.connectionState).toHaveAttribute('data-state', 'offline');

    await a.selectCard(strategy);
    await a.page.keyboard.press('Delete');
    await expect(a.card(strategy)).toHaveCount(0);

    // B still sees the strategy and links the plan to it.
    await expect(b.card(strategy)).toBeVisible();
    await b.link(plan, strategy);
    await expect(b.links).toHaveCount(1);
    await expect(b.connectionState).toHaveAttribute('data-unsynced', /[1-9]/);

    await contextB.setOffline(false);
    await b.waitConnected();
    for (const person of [a, b]) {
      await expect(person.card(strategy)).toHaveCount(0, { timeout: 5_000 });
      await expect(person.brokenLinks).toHaveCount(1, { timeout: 5_000 });
      await expect(person.findings('link/dangling')).toHaveCount(1);
      await expect(person.page.locator('.ft-ghost')).toHaveCount(1);
    }
    await expect(b.connectionState).toHaveAttribute('data-unsynced', '0');
  });

  test('[E2E-9] two people typing in one card merge instead of overwriting', async ({
    twoUsers,
  }) => {
    const { a, b } = twoUsers;
    const card = await a.addCard('strategy', 'Focus');
    await expect(b.card(card)).toBeVisible({ timeout: 1_000 });
    await a.card(card).dblclick();
    await b.card(card).dblclick();
    const inputA = a.page.locator('.ft-card-editor__title input');
    const inputB = b.page.locator('.ft-card-editor__title input');
    await inputA.press('End');
    await inputB.press('Home');
    await inputA.pressSequentially(' on retail');
    await inputB.pressSequentially('Our ');
    await expect(a.card(card).locator('.ft-card__title')).toHaveText('Our Focus on retail', {
      timeout: 2_000,
    });
    await expect(b.card(card).locator('.ft-card__title')).toHaveText('Our Focus on retail', {
      timeout: 2_000,
    });
  });
});
