/**
 * Facilitation (issue #13), in real browsers: a facilitator, an editor and a viewer on one board
 * (three browser contexts) — what each role sees, that only the facilitator runs the workshop
 * (the interface hides the tools, and the server refuses them anyway, with the reason shown),
 * locks and stages, the timer on the server's clock, dot voting hidden until the reveal, follow
 * and "bring everyone here", silent writing, and who is here at a hundred-person scale.
 */
import { readFile } from 'node:fs/promises';
import { sessionMap } from '@fire-triangle/shared';
import { type BoardPage, LANE_CENTRE_Y } from '../board-page.ts';
import {
  beeps,
  facilitatorPanel,
  openWorkshop,
  probeAudio,
  timerSeconds,
  viewportOf,
} from '../facilitation.ts';
import { expect, exportBoard, openBoard, personContext, test } from '../fixtures.ts';
import { rawClient } from '../raw-client.ts';
import { startServerProcess } from '../server-process.ts';

test('[E2E-80] each role sees its tools: the facilitator’s panel for the facilitator only; settings and stages reach everyone', async ({
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

test('[E2E-81] an editor cannot use facilitator tools: hidden, and a page that shows them anyway is refused by the server with the reason shown', async ({
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

test('[E2E-82] locked lanes look locked for everyone and are enforced: an editor’s drag into one rolls back with a notice', async ({
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
  // The card opens to be read (the inspector, issue #14), its fields closed to the editor.
  await editor.card(objective).dblclick();
  await expect(editor.inspector.locator('.ft-card-editor__title input')).toBeDisabled();
  await expect(editor.inspector.locator('.ft-card-editor__body textarea')).toBeDisabled();
  await editor.page.keyboard.press('Escape');

  // A drag into the locked lane: refused (the page keeps it local; the server would refuse it),
  // the card comes back, the editor is told.
  const before = await editor.card(strategy).getAttribute('data-lane');
  await editor.dragCardTo(strategy, { x: 1600, y: LANE_CENTRE_Y.objective + 60 });
  await expect(editor.page.locator('.ft-notice')).toContainText('locked the Objective lane');
  await expect(editor.card(strategy)).toHaveAttribute('data-lane', before!);
  await expect(facilitator.card(strategy)).toHaveAttribute('data-lane', 'strategy');
  const box = (await editor.page
    .locator(`.react-flow__node[data-id="${strategy}"]`)
    .boundingBox())!;
  const centre = await editor.page.evaluate(
    ({ x, y }) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
      const container = document.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
      const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
      return {
        x: (x - container.left - matrix.e) / matrix.a,
        y: (y - container.top - matrix.f) / matrix.d,
      };
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
  expect(centre.y).toBeGreaterThan(500);

  // Delete and arrow nudges of a locked card are not even sent: the page says why (the server
  // would refuse them and roll them back) — the server counts no refused write for them.
  const refusedLocked = async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((row) => row.startsWith('fire_triangle_writes_refused_total{reason="locked"'));
    return Number(line?.split(' ').pop() ?? 0);
  };
  const refusedBefore = await refusedLocked();
  await editor.selectCard(objective);
  await editor.page.keyboard.press('Delete');
  await expect(editor.page.locator('.ft-notice')).toContainText('locked the Objective lane');
  await editor.page.keyboard.press('ArrowRight');
  await editor.page.waitForTimeout(500); // what a refused write would take to come back
  await expect(editor.card(objective)).toBeVisible();
  await expect(facilitator.card(objective)).toBeVisible();
  expect(await refusedLocked()).toBe(refusedBefore);

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

test('[E2E-83] the timer: the same second on every screen (a laptop whose clock is 3 minutes off included), after a reload and for a late joiner; pause, add, the end seen and heard', async ({
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

test('[E2E-84] a running timer survives a server restart', async ({ browser }) => {
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

test('[E2E-85] dot voting: each person places and removes their own dots (mouse and keyboard), nobody sees others’ before the reveal, then counts, sorted results and the report', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor, viewer, links } = workshop;
  const a = await facilitator.addCard('strategy', 'Win mid-size retailers');
  const b = await facilitator.addCard('strategy', 'Go upmarket');
  const c = await facilitator.addCard('strategy', 'Own after-sales service');
  const tactic = await facilitator.addCard('tactic', 'Trade show in Montreal');
  // New cards land at random spots in their lane: set them apart, so a click finds each one —
  // newest first, since a newer card is drawn over an older one it may have landed on.
  for (const [id, x] of [
    [c, 1950],
    [b, 1600],
    [a, 1250],
  ] as const) {
    await facilitator.dragCardTo(id, { x, y: LANE_CENTRE_Y.strategy });
  }
  const panel = await facilitatorPanel(facilitator);
  // The default: every card of the strategy lane, 3 dots, one per card.
  await panel.locator('.ft-vote-start').click();
  await expect(editor.page.locator('.ft-vote-status[data-state="open"]')).toBeVisible();
  await expect(editor.card(tactic).locator('.ft-vote')).toHaveCount(0);
  await expect(viewer.page.locator('.ft-vote')).toHaveCount(0);

  await editor.card(a).locator('.ft-vote__add').click();
  await expect(editor.card(a).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');
  await expect(editor.card(a).locator('.ft-vote__add')).toBeDisabled(); // one per card
  await editor.selectCard(b);
  await editor.page.keyboard.press('v');
  await expect(editor.card(b).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');
  await expect(editor.page.locator('.ft-vote-status__left')).toHaveAttribute('data-remaining', '1');
  await editor.page.keyboard.press('Shift+V');
  await expect(editor.card(b).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '0');
  await editor.page.keyboard.press('v');
  await expect(editor.card(b).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');

  // Nobody else sees those dots: not the facilitator, not the viewer, not a stock client.
  await expect(panel.locator('.ft-fac-status')).toContainText('1 voted');
  await expect(facilitator.card(a).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '0');
  await expect(facilitator.page.locator('.ft-vote-count')).toHaveCount(0);
  const raw = await rawClient(server.url, links.board.id, links.board.tokens.editor);
  expect(JSON.stringify(sessionMap(raw.doc).toJSON())).not.toContain(a);
  raw.close();
  await facilitator.card(a).locator('.ft-vote__add').click();
  await expect(facilitator.card(a).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');

  // Dots are kept with the board: a reload finds them.
  await editor.page.reload();
  await editor.waitConnected();
  await expect(editor.card(a).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');
  await expect(editor.card(b).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '1');
  await expect(editor.card(c).locator('.ft-vote__mine')).toHaveAttribute('data-dots', '0');

  await panel.locator('.ft-vote-reveal').click();
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.card(a).locator('.ft-vote-count')).toHaveAttribute('data-count', '2');
    await expect(person.card(b).locator('.ft-vote-count')).toHaveAttribute('data-count', '1');
    await expect(person.card(c).locator('.ft-vote-count')).toHaveAttribute('data-count', '0');
    await expect(person.card(tactic).locator('.ft-vote-count')).toHaveCount(0);
    const rows = person.page.locator('.ft-vote-result');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-card-id', a);
    await expect(rows.nth(1)).toHaveAttribute('data-card-id', b);
  }

  // The results go into the Markdown report.
  await editor.page.locator('.ft-export').click();
  const [download] = await Promise.all([
    editor.page.waitForEvent('download'),
    editor.page.locator('.ft-export-report').click(),
  ]);
  const report = await readFile((await download.path())!, 'utf8');
  expect(report).toContain('## Dot vote');
  expect(report).toContain('2 participants voted, 3 dots each.');
  expect(report).toContain('1. **Strategy** — Win mid-size retailers — 2 dots');
  expect(report).toContain('2. **Strategy** — Go upmarket — 1 dot');
  await workshop.close();
});

/** Whether two pages look at the same place (centre within 2 board units at that zoom, zoom 1 %). */
async function sameView(a: BoardPage, b: BoardPage): Promise<boolean> {
  const [one, two] = await Promise.all([viewportOf(a), viewportOf(b)]);
  return (
    Math.abs(one.zoom - two.zoom) <= one.zoom * 0.01 &&
    Math.abs(one.centre.x - two.centre.x) <= 2 / one.zoom + 1 &&
    Math.abs(one.centre.y - two.centre.y) <= 2 / one.zoom + 1
  );
}

/** Drags the empty canvas of `page` by (dx, dy) screen pixels. */
async function panBy(page: BoardPage, dx: number, dy: number): Promise<void> {
  const box = (await page.page.locator('.react-flow__pane').boundingBox())!;
  const start = { x: box.x + 90, y: box.y + box.height / 2 };
  await page.page.mouse.move(start.x, start.y);
  await page.page.mouse.down();
  await page.page.mouse.move(start.x + dx, start.y + dy, { steps: 6 });
  await page.page.mouse.up();
}

test('[E2E-86] follow anyone’s view (leave with Escape or by panning), and “bring everyone here” moves everyone once', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url, { template: 'seed-001-rebrand-en' });
  const { facilitator, editor, viewer } = workshop;
  await facilitator.page.locator('.react-flow__controls-zoomin').click();
  await facilitator.page.locator('.react-flow__controls-zoomin').click();
  await panBy(facilitator, 120, -80);
  expect(await sameView(facilitator, editor)).toBe(false);

  await editor.page.locator('.ft-presence__faces').click();
  await editor.page.locator('.ft-people__row[data-name="Fran"] .ft-people__follow').click();
  await expect(editor.page.locator('.ft-follow-banner')).toContainText('Fran');
  await expect.poll(() => sameView(facilitator, editor)).toBe(true);
  // The leader moves: the follower goes along.
  await panBy(facilitator, -200, 90);
  await facilitator.page.locator('.react-flow__controls-zoomout').click();
  await expect.poll(() => sameView(facilitator, editor)).toBe(true);
  // Escape leaves; the leader's next move is theirs alone.
  await editor.page.keyboard.press('Escape');
  await expect(editor.page.locator('.ft-follow-banner')).toHaveCount(0);
  await panBy(facilitator, 150, 0);
  await facilitator.page.waitForTimeout(400);
  expect(await sameView(facilitator, editor)).toBe(false);

  // Following again, then panning by hand: following ends, and says so.
  await editor.page.locator('.ft-presence__faces').click();
  await editor.page.locator('.ft-people__row[data-name="Fran"] .ft-people__follow').click();
  await expect.poll(() => sameView(facilitator, editor)).toBe(true);
  await panBy(editor, 60, 60);
  await expect(editor.page.locator('.ft-follow-banner')).toHaveCount(0);
  await expect(editor.page.locator('.ft-notice')).toHaveText('You stopped following Fran.');

  // Bring everyone here: both the editor and the viewer land on the facilitator's view, once.
  await panBy(viewer, -100, 50);
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-bring-everyone').click();
  await expect(facilitator.page.locator('.ft-notice')).toHaveText(
    'Everyone was brought to your view.',
  );
  for (const person of [editor, viewer]) {
    await expect(person.page.locator('.ft-notice')).toHaveText('Fran brought everyone here.');
    await expect.poll(() => sameView(facilitator, person)).toBe(true);
  }
  await panBy(facilitator, 80, 80);
  await facilitator.page.waitForTimeout(400);
  expect(await sameView(facilitator, editor)).toBe(false);
  await workshop.close();
});

test('[E2E-87] silent writing: new cards stay with their author (marked, through a reload, out of everyone else’s doc), then all appear at once, authors hidden', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor, viewer, links } = workshop;
  const strategy = await facilitator.addCard('strategy', 'Win mid-size retailers');
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-private-start').click();
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.page.locator('.ft-private-status')).toBeVisible();
  }

  const podcast = await editor.addCard('tactic', 'Podcast with our retailers');
  await expect(editor.card(podcast)).toHaveClass(/ft-card--private/);
  await expect(editor.card(podcast).locator('.ft-card__private')).toHaveText('Only you see this');
  await editor.link(podcast, strategy);
  await expect(editor.links).toHaveCount(1);
  const webinar = await facilitator.addCard('tactic', 'Webinar series');
  await expect(facilitator.card(webinar)).toHaveClass(/ft-card--private/);
  // Edits to cards already on the board go on as usual, for everyone.
  const { title } = await editor.openEditor(strategy);
  await title.fill('Win mid-size retailers first');
  await editor.page.keyboard.press('Escape');
  await expect(viewer.card(strategy).locator('.ft-card__title')).toHaveText(
    'Win mid-size retailers first',
  );
  // Nobody else has the private cards: not on screen, not in a stock client's copy of the board.
  for (const [person, hidden] of [
    [facilitator, podcast],
    [viewer, podcast],
    [viewer, webinar],
    [editor, webinar],
  ] as const) {
    await expect(person.card(hidden)).toHaveCount(0);
  }
  await expect(viewer.links).toHaveCount(0);
  const raw = await rawClient(server.url, links.board.id, links.board.tokens.editor);
  const seen = JSON.stringify(raw.doc.toJSON());
  expect(seen).not.toContain(podcast);
  expect(seen).not.toContain('Podcast');
  raw.close();

  // A reload during the round finds the private card again, still private.
  await editor.page.reload();
  await editor.waitConnected();
  await expect(editor.card(podcast)).toHaveClass(/ft-card--private/);
  await expect(editor.links).toHaveCount(1);

  await panel.locator('.ft-private-end').click();
  await expect(facilitator.page.locator('.ft-notice')).toHaveText('Revealed 2 cards and 1 link.');
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.card(podcast)).toBeVisible();
    await expect(person.card(webinar)).toBeVisible();
    await expect(person.page.locator('.ft-card--private')).toHaveCount(0);
    await expect(person.page.locator('.ft-private-status')).toHaveCount(0);
    await expect(person.links).toHaveCount(1);
  }
  const file = (await exportBoard(server.url, links)) as {
    cards: { id: string; author: string }[];
  };
  for (const id of [podcast, webinar]) {
    expect(file.cards.find((card) => card.id === id)?.author).toBe('');
  }
  // After the round, a new card is on the board for everyone at once.
  const after = await editor.addCard('tactic', 'Loyalty programme');
  await expect(viewer.card(after)).toBeVisible();
  await workshop.close();
});

test('[E2E-88] who is here scales: the board title, a few faces and “+N”, the full list on click with the facilitator marked and long names cut cleanly', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url, { title: 'Rebrand 2027 — day 2' });
  const { editor, links } = workshop;
  const names = [
    'Ana Lima',
    'Benoît Tremblay',
    'Chloé',
    'Dmitri Alexandrovich Konstantinopolsky-Rimsky',
    'Eve',
    'Farid',
    'Gwen',
    'Hiroshi',
    'Ines',
    'Jon',
    // A stock client may claim any role in its presence: the server stamps the real one.
    'Fake Facilitator',
  ];
  const raws = await Promise.all(
    names.map(async (name) => {
      const raw = await rawClient(server.url, links.board.id, links.board.tokens.editor);
      raw.provider.awareness.setLocalStateField('user', {
        name,
        colour: '#2e86ab',
        role: 'facilitator',
      });
      return raw;
    }),
  );
  const total = 3 + names.length;
  const presence = editor.page.locator('.ft-presence');
  await expect(presence).toHaveAttribute('data-count', String(total), { timeout: 10_000 });
  await expect(editor.page.locator('.ft-board__title')).toHaveText('Rebrand 2027 — day 2');
  await expect(editor.page.locator('.ft-board__title')).toBeVisible();
  await expect(presence.locator('.ft-presence__item')).toHaveCount(5);
  await expect(presence.locator('.ft-presence__more')).toHaveText(`+${total - 5}`);
  // This person first, then the facilitator (marked), whatever the names.
  await expect(presence.locator('.ft-presence__item').nth(0)).toHaveAttribute('data-name', 'Eddie');
  await expect(presence.locator('.ft-presence__item').nth(1)).toHaveAttribute('data-name', 'Fran');
  await expect(presence.locator('.ft-presence__item--facilitator')).toHaveCount(1);

  await presence.locator('.ft-presence__faces').click();
  const rows = editor.page.locator('.ft-people__row');
  await expect(rows).toHaveCount(total);
  await expect(editor.page.locator('.ft-people__facilitator')).toHaveCount(1);
  await expect(rows.nth(1)).toHaveAttribute('data-name', 'Fran');
  await expect(rows.nth(1).locator('.ft-people__facilitator')).toBeVisible();
  await expect(
    editor.page.locator('.ft-people__row[data-name="Fake Facilitator"] .ft-people__facilitator'),
  ).toHaveCount(0);
  // A long name is cut with an ellipsis inside its row, not spilling out of the list.
  const long = editor.page.locator('.ft-people__row[data-name^="Dmitri"] .ft-people__name');
  const cut = await long.evaluate((element) => ({
    overflows: element.scrollWidth > element.clientWidth,
    ellipsis: getComputedStyle(element).textOverflow,
    inside:
      element.getBoundingClientRect().right <=
      element.closest('.ft-people')!.getBoundingClientRect().right,
  }));
  expect(cut).toEqual({ overflows: true, ellipsis: 'ellipsis', inside: true });
  await editor.page.keyboard.press('Escape');
  await expect(rows).toHaveCount(0);
  for (const raw of raws) raw.close();
  await expect(presence).toHaveAttribute('data-count', '3', { timeout: 10_000 });
  await workshop.close();
});

test('[E2E-90] silent writing offline: a private card written while the round ends is kept on the device and offered for the board', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor, viewer } = workshop;
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-private-start').click();
  const online = await editor.addCard('strategy', 'Written online');
  await expect(editor.page.locator('.ft-private-status')).toHaveAttribute(
    'data-connection',
    'connected',
  );
  await editor.page.context().setOffline(true);
  await expect(editor.connectionState).toHaveAttribute('data-state', 'offline');
  const offline = await editor.addCard('tactic', 'Written offline');
  await expect(editor.card(offline)).toHaveClass(/ft-card--private/);
  await expect(editor.page.locator('.ft-private-status')).toContainText('kept on this device');

  await panel.locator('.ft-private-end').click();
  await expect(viewer.card(online)).toBeVisible();
  await expect(viewer.card(offline)).toHaveCount(0);

  await editor.page.context().setOffline(false);
  await editor.waitConnected();
  const dialog = editor.page.locator('.ft-leftovers');
  await expect(dialog).toContainText('1 private card did not reach the board');
  await dialog.locator('.ft-leftovers-add').click();
  await expect(dialog).toHaveCount(0);
  for (const person of [facilitator, editor, viewer]) {
    await expect(person.card(offline)).toBeVisible();
    await expect(person.card(online)).toBeVisible();
  }
  await expect(editor.page.locator('.ft-card--private')).toHaveCount(0);
  await workshop.close();
});

test('[E2E-91] a drag that crosses an open lane into a locked one comes back whole to where it started: its band and its lane agree for everyone', async ({
  browser,
  server,
}) => {
  const workshop = await openWorkshop(browser, server.url);
  const { facilitator, editor } = workshop;
  const tactic = await editor.addCard('tactic', 'Trade show stand');
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-lock-lane[data-lane="objective"]').click();
  await panel.locator('.ft-lock-lane[data-lane="strategy"]').click();
  await expect(editor.page.locator('.ft-lane-lock')).toHaveCount(2);
  const start = await editor.page.locator(`.react-flow__node[data-id="${tactic}"]`).boundingBox();

  // Through the open plan lane, up into the locked objective lane.
  await editor.dragCardTo(tactic, { x: 1600, y: LANE_CENTRE_Y.objective + 60 }, 24);
  await expect(editor.page.locator('.ft-notice')).toContainText('locked the Objective lane');
  for (const person of [editor, facilitator]) {
    await expect(person.card(tactic)).toHaveAttribute('data-lane', 'tactic');
  }
  // Back where it started, not left half-way in the plan band.
  await expect
    .poll(async () => {
      const box = await editor.page.locator(`.react-flow__node[data-id="${tactic}"]`).boundingBox();
      return Math.abs(box!.y - start!.y) + Math.abs(box!.x - start!.x);
    })
    .toBeLessThan(2);
  const stored = (await exportBoard(server.url, workshop.links)) as {
    cards: { id: string; lane: string; position: { x: number; y: number } }[];
  };
  const card = stored.cards.find((each) => each.id === tactic)!;
  expect(card.lane).toBe('tactic');
  expect(card.position.y).toBeGreaterThan(LANE_CENTRE_Y.tactic - 300);
  await workshop.close();
});
