/**
 * Facilitation (issue #13), in real browsers: a facilitator, an editor and a viewer on one board
 * (three browser contexts) — what each role sees, that only the facilitator runs the workshop
 * (the interface hides the tools, and the server refuses them anyway, with the reason shown),
 * locks and stages, the timer on the server's clock, dot voting hidden until the reveal, follow
 * and "bring everyone here", silent writing, and who is here at a hundred-person scale.
 */
import { LANE_CENTRE_Y } from '../board-page.ts';
import {
  beeps,
  facilitatorPanel,
  openWorkshop,
  probeAudio,
  timerSeconds,
} from '../facilitation.ts';
import { expect, openBoard, personContext, test } from '../fixtures.ts';
import { startServerProcess } from '../server-process.ts';

test('[E2E-40] each role sees its tools: the facilitator’s panel for the facilitator only; settings and stages reach everyone', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url, { title: 'Q3 strategy day' });
  const { facilitator, editor, viewer } = workshop;
  // The header names the board for everyone.
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-board__title')).toHaveText('Q3 strategy day');
  }
  await expect(facilitator.page.locator('.ft-facilitate-toggle')).toBeVisible();
  for (const person of [editor, viewer]) {
    await expect(person.page.locator('.ft-facilitate-toggle')).toHaveCount(0);
    await expect(person.page.locator('.ft-facilitator-panel')).toHaveCount(0);
    // Nothing is going on yet: no workshop bar at all.
    await expect(person.page.locator('.ft-workshop')).toHaveCount(0);
  }

  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-settings-title').fill('Stratégie T3');
  await panel.locator('.ft-settings-language').selectOption('fr');
  await panel.locator('.ft-settings-focus').fill('2');
  await panel.locator('.ft-settings-save').click();
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-board__title')).toHaveText('Stratégie T3');
    await expect(person.page.locator('.ft-triangle__label').first()).toHaveText('OBJECTIF');
  }

  await panel.locator('.ft-stage-button[data-lane="strategy"]').click();
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-stage[data-stage="strategy"]')).toBeVisible();
    await expect(person.page.locator('.ft-lane-open[data-lane="strategy"]')).toHaveCount(1);
    await expect(person.page.locator('.ft-lane-lock')).toHaveCount(3);
  }
  // Stage 2: the editor writes in the strategy lane only.
  await expect(editor.page.locator('.ft-new-card--objective')).toBeDisabled();
  await expect(editor.page.locator('.ft-new-card--strategy')).toBeEnabled();
  await editor.addCard('strategy', 'Focus on mid-size retailers');
  await panel.locator('.ft-stage-end').click();
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-stage')).toHaveCount(0);
    await expect(person.page.locator('.ft-lane-lock')).toHaveCount(0);
  }
  await expect(editor.page.locator('.ft-new-card--objective')).toBeEnabled();
  await workshop.close();
});

test('[E2E-41] an editor cannot use facilitator tools: hidden, and a page that shows them anyway is refused by the server with the reason shown', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url, { title: 'Keep this title' });
  const { facilitator, links } = workshop;
  // An editor whose page believes it is a facilitator: the board's REST answer rewritten.
  const context = await personContext(browser, 'Mallory');
  await context.route(/\/api\/boards\/[^/?]+\?token=/, async (route) => {
    const response = await route.fetch();
    const info = await response.json();
    await route.fulfill({ response, json: { ...info, role: 'facilitator' } });
  });
  const forger = await openBoard(context, links.editor);
  await expect(forger.page.locator('.ft-facilitate-toggle')).toBeVisible();
  const panel = await facilitatorPanel(forger);

  // A command: refused by the server, the reason in the notice, nothing changes for anyone.
  await panel.locator('.ft-timer-preset[data-minutes="5"]').click();
  await expect(forger.page.locator('.ft-notice')).toHaveText('Only a facilitator can do this.');
  await panel.locator('.ft-lock-board').click();
  await expect(forger.page.locator('.ft-notice')).toHaveText('Only a facilitator can do this.');
  await expect(forger.page.locator('.ft-lock-board')).not.toBeChecked();
  // A board setting (written in the doc): reverted by the server, rolled back here, said why.
  await panel.locator('.ft-settings-title').fill('Hijacked');
  await panel.locator('.ft-settings-save').click();
  await expect(forger.page.locator('.ft-notice')).toContainText(
    'Only a facilitator can change the board’s settings',
  );
  await expect(forger.page.locator('.ft-board__title')).toHaveText('Keep this title');
  for (const person of [facilitator, workshop.editor, workshop.viewer]) {
    await expect(person.page.locator('.ft-board__title')).toHaveText('Keep this title');
    await expect(person.page.locator('.ft-timer')).toHaveCount(0);
    await expect(person.page.locator('.ft-board-lock')).toHaveCount(0);
  }
  await context.close();
  await workshop.close();
});

test('[E2E-42] locked lanes look locked for everyone and are enforced: an editor’s drag into one rolls back with a notice', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor, viewer } = workshop;
  const objective = await facilitator.addCard('objective', 'Grow revenue 15% by 2027');
  const strategy = await editor.addCard('strategy', 'Win mid-size retailers');
  await expect(editor.card(objective)).toBeVisible();
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-lock-lane[data-lane="objective"]').click();

  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-lane-lock[data-lane="objective"]')).toHaveCount(1);
    await expect(person.page.locator('.ft-lanes-lock')).toContainText('Objective');
  }
  // For the editor: greyed, not draggable, no new card there; the facilitator keeps the lane.
  await expect(editor.card(objective)).toHaveClass(/ft-card--locked/);
  await expect(editor.page.locator(`.react-flow__node[data-id="${objective}"]`)).not.toHaveClass(
    /draggable/,
  );
  await expect(facilitator.card(objective)).not.toHaveClass(/ft-card--locked/);
  await expect(editor.page.locator('.ft-new-card--objective')).toBeDisabled();
  await editor.card(objective).dblclick();
  await expect(editor.page.locator('.ft-card-editor')).toHaveCount(0);

  // A drag into the locked lane: the server refuses it, the card comes back, the editor is told.
  const before = await editor.card(strategy).getAttribute('data-lane');
  await editor.dragCardTo(strategy, { x: 1600, y: LANE_CENTRE_Y.objective + 60 });
  await expect(editor.page.locator('.ft-notice')).toContainText('locked the Objective lane');
  await expect(editor.card(strategy)).toHaveAttribute('data-lane', before!);
  await expect(facilitator.card(strategy)).toHaveAttribute('data-lane', 'strategy');
  const box = (await editor.page.locator(`.react-flow__node[data-id="${strategy}"]`).boundingBox())!;
  const centre = await editor.page.evaluate(
    ({ x, y }) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
      const container = document.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
      const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
      return { x: (x - container.left - matrix.e) / matrix.a, y: (y - container.top - matrix.f) / matrix.d };
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(centre.y).toBeGreaterThan(500);

  // The whole board locked: every lane, for every editor edit; then everything unlocked.
  await panel.locator('.ft-lock-board').click();
  await expect(editor.page.locator('.ft-board-lock')).toBeVisible();
  await expect(editor.page.locator('.ft-lane-lock')).toHaveCount(4);
  await expect(editor.card(strategy)).toHaveClass(/ft-card--locked/);
  await expect(editor.page.locator('.ft-new-card--tactic')).toBeDisabled();
  await panel.locator('.ft-lock-board').click();
  await panel.locator('.ft-lock-lane[data-lane="objective"]').click();
  await expect(editor.page.locator('.ft-lane-lock')).toHaveCount(0);
  await expect(editor.card(objective)).not.toHaveClass(/ft-card--locked/);
  await editor.dragCardTo(strategy, { x: 1600, y: LANE_CENTRE_Y.objective + 60 });
  await expect(facilitator.card(strategy)).toHaveAttribute('data-lane', 'objective');
  await workshop.close();
});

test('[E2E-43] the timer: the same second on every screen (a laptop whose clock is 3 minutes off included), after a reload and for a late joiner; pause, add, the end seen and heard', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor, viewer, links } = workshop;
  // A participant whose laptop clock is three minutes ahead: the timer must not trust it.
  const skewedContext = await personContext(browser, 'Sky');
  await probeAudio(skewedContext);
  await skewedContext.clock.install({ time: Date.now() + 180_000 });
  await skewedContext.clock.resume();
  const skewed = await openBoard(skewedContext, links.editor);
  const skew = (await skewed.page.evaluate(() => Date.now())) - Date.now();
  expect(skew).toBeGreaterThan(170_000);
  const everyone = [facilitator, editor, viewer, skewed];

  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-timer-preset[data-minutes="5"]').click();
  for (const person of everyone) {
    await expect(person.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
  }
  const sameSecond = async (people: typeof everyone) => {
    const seconds = await Promise.all(people.map((person) => timerSeconds(person)));
    const spread = Math.max(...(seconds as number[])) - Math.min(...(seconds as number[]));
    expect(spread, `seconds left on each screen: ${seconds.join(', ')}`).toBeLessThanOrEqual(1);
    return seconds[0]!;
  };
  const first = await sameSecond(everyone);
  expect(first).toBeGreaterThan(280);
  expect(first).toBeLessThanOrEqual(300);

  // A reload, and someone who arrives late: the time left, not the full five minutes.
  await editor.page.reload();
  await editor.waitConnected();
  await expect(editor.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
  const lateContext = await personContext(browser, 'Lena');
  const late = await openBoard(lateContext, links.viewer);
  await expect(late.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
  await sameSecond([...everyone, late]);

  // Pause: everyone sees the same frozen time; +1 min adds to it; resume.
  await panel.locator('.ft-timer-pause').click();
  for (const person of everyone) {
    await expect(person.page.locator('.ft-timer[data-phase="paused"]')).toBeVisible();
  }
  const paused = await sameSecond(everyone);
  await panel.locator('.ft-timer-add').click();
  for (const person of everyone) {
    await expect(person.page.locator('.ft-timer')).toHaveAttribute(
      'data-remaining',
      String(paused + 60),
    );
  }
  await panel.locator('.ft-timer-resume').click();
  await expect(viewer.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();

  // The sound switch is remembered on the device.
  await editor.page.locator('.ft-timer__sound').click();
  await expect(editor.page.locator('.ft-timer__sound')).toHaveAttribute('aria-pressed', 'false');
  await editor.page.reload();
  await editor.waitConnected();
  await expect(editor.page.locator('.ft-timer__sound')).toHaveAttribute('aria-pressed', 'false');

  // A three-second timer: its end is seen by all and heard where the sound is on.
  await panel.locator('.ft-timer-minutes').fill('0.05');
  await panel.locator('.ft-timer-start').click();
  for (const person of everyone) {
    await expect(person.page.locator('.ft-timer[data-phase="finished"]')).toBeVisible({
      timeout: 8_000,
    });
    await expect(person.page.locator('.ft-timer__end')).toHaveText('Time’s up!');
    await expect(person.page.locator('.ft-timer')).toHaveAttribute('data-chimes', '1');
  }
  expect(await beeps(facilitator)).toBeGreaterThan(0);
  expect(await beeps(viewer)).toBeGreaterThan(0);
  expect(await beeps(editor)).toBe(0);

  await panel.locator('.ft-timer-stop').click();
  for (const person of everyone) await expect(person.page.locator('.ft-timer')).toHaveCount(0);
  await Promise.all([skewedContext.close(), lateContext.close()]);
  await workshop.close();
});

test('[E2E-44] a running timer survives a server restart', async ({ browser }) => {
  let server = await startServerProcess();
  try {
    const workshop = await openWorkshop(browser, server.url);
    const { facilitator, editor } = workshop;
    const panel = await facilitatorPanel(facilitator);
    await panel.locator('.ft-timer-preset[data-minutes="10"]').click();
    await expect(editor.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
    const before = (await timerSeconds(editor))!;
    await server.kill();
    server = await startServerProcess({ port: server.port, dataDir: server.dataDir });
    await editor.waitConnected();
    await editor.page.reload();
    await editor.waitConnected();
    await expect(editor.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
    const after = (await timerSeconds(editor))!;
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(before - 30);
    await workshop.close();
  } finally {
    await server.stop();
  }
});
