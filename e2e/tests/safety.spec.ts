/**
 * Data safety (issue #15), client side: no participant and no fault can break another's screen,
 * lose a board's content, or leave something on the board nobody can see or remove; the client
 * says the truth about what reached the server; exports write only what their format allows.
 */
import { readFile } from 'node:fs/promises';
import { HOSTILE_TEXTS } from '@fire-triangle/shared/test-support';
import type { Browser } from '@playwright/test';
import { BoardPage } from '../board-page.ts';
import { createBoard, expect, exportBoard, openBoard, personContext, test } from '../fixtures.ts';
import { rawClient } from '../raw-client.ts';
import { routeBoardSocket } from '../socket-route.ts';

/** Attaches a screenshot of `page` at a desktop and a phone size, then restores the default. */
async function screenshotsAtBothSizes(page: BoardPage, name: string): Promise<void> {
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.page.setViewportSize(viewport);
    await test.info().attach(`${name}-${viewport.width}`, {
      body: await page.screenshot(`${name}-${viewport.width}`),
      contentType: 'image/png',
    });
  }
  await page.page.setViewportSize({ width: 1400, height: 860 });
}

/**
 * A person's board page whose websocket goes through a line the test controls (`closeAfterSync`
 * set before the page opens, `language` the interface's).
 */
async function openOnLine(
  browser: Browser,
  url: string,
  name: string,
  options: { language?: 'fr'; closeAfterSync?: { code: number; reason: string } } = {},
) {
  const context = await personContext(browser, name);
  if (options.language) {
    await context.addInitScript(
      (lang) => localStorage.setItem('ft-ui-language', lang),
      options.language,
    );
  }
  const tab = await context.newPage();
  const line = await routeBoardSocket(tab);
  line.closeAfterSync(options.closeAfterSync ?? null);
  await tab.goto(url);
  return { context, tab, line, page: new BoardPage(tab) };
}

/** Presence a stock client can send: what blanked every page before (`role: 'admin'`) and kin. */
const HOSTILE_PRESENCE: unknown[] = [
  { user: { role: 'admin' } },
  { user: { role: '__proto__', name: { toString: 1 }, colour: 'red;background:url(x)' } },
  { user: { role: 'constructor', name: ['a'] }, cursor: { x: 'NaN', y: null } },
  { user: 'a string', selection: 'c_1' },
  { user: null },
  { user: { name: 'x'.repeat(50_000), role: 'toString' }, cursor: { x: 1e308, y: -1e308 } },
  { user: { name: '<img src=x onerror=alert(1)>', colour: '#zzzzzz' }, selection: [1, {}, null] },
];

test('[E2E-20][SAFE-1] hostile presence from stock clients breaks no one’s board: two people and a newcomer keep working', async ({
  twoUsers,
  browser,
  server,
}) => {
  const { a, b, links } = twoUsers;
  const errors: string[] = [];
  for (const person of [a, b]) {
    person.page.on('pageerror', (error) => errors.push(error.message));
  }
  const card = await a.addCard('strategy', 'Win mid-size retailers');
  await expect(b.card(card)).toBeVisible({ timeout: 2_000 });

  // A viewer's link is enough to send presence; each raw client speaks a different poison.
  const raws = await Promise.all(
    HOSTILE_PRESENCE.map(() => rawClient(server.url, links.board.id, links.board.tokens.viewer)),
  );
  try {
    raws.forEach((raw, index) => {
      raw.provider.awareness.setLocalState(HOSTILE_PRESENCE[index] as Record<string, unknown>);
    });
    for (const person of [a, b]) {
      // Everyone is counted and listed (the poisoned ones under '?'), the board stays.
      await expect(person.page.locator('.ft-presence')).toHaveAttribute(
        'data-count',
        String(2 + raws.length),
        { timeout: 5_000 },
      );
      await person.page.locator('.ft-presence__faces').click();
      await expect(person.page.locator('.ft-people__row')).toHaveCount(2 + raws.length);
      await person.page.keyboard.press('Escape');
      await expect(person.card(card)).toBeVisible();
      await expect(person.page.locator('.ft-board-crashed, .ft-part-failed')).toHaveCount(0);
    }
    // The board still works for both while the poison is there.
    const tactic = await b.addCard('tactic', 'Trade show');
    await expect(a.card(tactic)).toBeVisible({ timeout: 2_000 });

    // A newcomer joining while they are connected gets the board too.
    const newcomer = await openBoard(await personContext(browser, 'Chloé'), links.viewer);
    await expect(newcomer.cards).toHaveCount(2);
    await expect(newcomer.page.locator('.ft-presence')).toHaveAttribute(
      'data-count',
      String(3 + raws.length),
    );
    await newcomer.page.context().close();
  } finally {
    for (const raw of raws) raw.close();
  }
  expect(errors).toEqual([]);
});

test('[E2E-21][SAFE-1] a part of the page that fails to draw (the DOM changed under it, as translators and extensions do) is replaced alone; the board page falls back with reload and the board file', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Crash test' });
  const context = await personContext(browser, 'Alice');
  const page = await openBoard(context, links.editor);
  const reports: string[] = [];
  page.page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('[fire-triangle]')) {
      reports.push(message.text());
    }
  });
  const lonely = await page.addCard('tactic', 'Lonely tactic');
  const kept = await page.addCard('objective', 'Grow revenue 15% in Quebec by 2027');
  const finding = page.page.locator(`.ft-findings li:has(.ft-finding[data-target-id="${lonely}"])`);
  await expect(finding).not.toHaveCount(0);

  // An extension removes the finding's row; when the finding goes, React cannot remove it.
  await finding.evaluateAll((rows) => {
    for (const row of rows) row.remove();
  });
  await page.selectCard(lonely);
  await page.page.keyboard.press('Delete');
  const failed = page.page.locator('.ft-part-failed[data-part="findings"]');
  await expect(failed).toBeVisible();
  // Only that part: the canvas, the header and the other cards are still there.
  await expect(page.card(kept)).toBeVisible();
  await expect(page.connectionState).toHaveAttribute('data-state', 'connected');
  await expect(page.page.locator('.ft-board-crashed')).toHaveCount(0);
  expect(reports.some((report) => report.includes('findings part failed'))).toBe(true);
  await failed.locator('button').click();
  await expect(page.page.locator('.ft-findings')).toBeVisible();

  // The same fault around the page itself (the notice, which the page draws): the whole board
  // falls back — the data is safe, and the board file can be downloaded from there.
  const editor = await page.openEditor(kept);
  await editor.title.fill('x'.repeat(600));
  await expect(page.page.locator('.ft-notice')).toBeVisible();
  await page.page.locator('.ft-notice').evaluate((notice) => notice.remove());
  const crashed = page.page.locator('.ft-board-crashed');
  await expect(crashed).toBeVisible({ timeout: 10_000 });
  await expect(crashed).toContainText('Your board is safe');
  await screenshotsAtBothSizes(page, 'error-boundary');
  const [download] = await Promise.all([
    page.page.waitForEvent('download'),
    crashed.locator('.ft-board-crashed__export').click(),
  ]);
  const file = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    cards: { id: string; title: string }[];
  };
  expect(file.cards.map((card) => card.id)).toEqual([kept]);
  expect(file.cards[0]?.title).toHaveLength(500);
  expect(reports.some((report) => report.includes('board page failed'))).toBe(true);
  await crashed.locator('.ft-board-crashed__retry').click();
  await expect(page.card(kept)).toBeVisible();
  await context.close();
});

test('[E2E-22][SAFE-2] import asks first, is offered to the facilitator only, and one undo brings the board back whole — title included — for everyone', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const before = JSON.stringify(await exportBoard(server.url, links));
  const facilitator = await openBoard(await personContext(browser, 'Fatima'), links.facilitator);
  const editor = await openBoard(await personContext(browser, 'Eddie'), links.editor);
  const cardCount = await facilitator.cards.count();
  const linkCount = await facilitator.links.count();
  await expect(editor.page.locator('.ft-import, .ft-import-input')).toHaveCount(0);
  await expect(facilitator.page.locator('.ft-import')).toBeVisible();

  const file = {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: 'Imported plan', language: 'fr', focusLimit: 3 },
    cards: [
      { id: 'i1', lane: 'objective', title: 'Croître de 10 %', position: { x: 1500, y: 420 } },
      { id: 'i2', lane: 'strategy', title: 'Viser les PME', position: { x: 1500, y: 760 } },
    ],
    links: [{ id: 'il1', from: 'i2', to: 'i1' }],
  };
  const choose = () =>
    facilitator.page.locator('.ft-import-input').setInputFiles({
      name: 'plan.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file, null, 2)),
    });
  await choose();
  const dialog = facilitator.page.locator('.ft-import-confirm');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Imported plan');
  await expect(dialog).toContainText(`${cardCount} cards, ${linkCount} links`);
  await expect(dialog).toContainText('Everyone on the board sees the change');
  await screenshotsAtBothSizes(facilitator, 'import-confirm');
  // Cancel changes nothing (Escape on the focused default button).
  await facilitator.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(facilitator.cards).toHaveCount(cardCount);

  await choose();
  await dialog.locator('.ft-import-confirm__yes').click();
  for (const person of [facilitator, editor]) {
    await expect(person.cards).toHaveCount(2, { timeout: 2_000 });
    await expect(person.page.locator('.ft-board__title')).toHaveText('Imported plan');
  }
  await facilitator.undo();
  for (const person of [facilitator, editor]) {
    await expect(person.cards).toHaveCount(cardCount, { timeout: 2_000 });
    await expect(person.page.locator('.ft-board__title')).not.toHaveText('Imported plan');
  }
  await expect
    .poll(async () => {
      const now = (await exportBoard(server.url, links)) as { exportedAt?: unknown };
      return JSON.stringify({ ...now, exportedAt: undefined });
    })
    .toBe(JSON.stringify({ ...JSON.parse(before), exportedAt: undefined }));
  await Promise.all([facilitator.page.context().close(), editor.page.context().close()]);
});

test('[E2E-23][SAFE-3] Alice’s undo of a plan card Bob has filled and linked to keeps the card with Bob’s work, for both, and says so', async ({
  twoUsers,
}) => {
  const { a, b } = twoUsers;
  await a.page.locator('.ft-new-card--plan').click();
  const plan = (await a.inspector.getAttribute('data-card-id'))!;
  await a.page.keyboard.press('Escape');
  await expect(b.card(plan)).toBeVisible({ timeout: 2_000 });

  const editor = await b.openEditor(plan);
  await editor.title.fill('Retail partner plan');
  const fields = b.inspector;
  await fields.getByLabel('KPI', { exact: true }).fill('Leads per month');
  await fields.getByLabel('Owner', { exact: true }).fill('Bob');
  await b.page.keyboard.press('Escape');
  const tactic = await b.addCard('tactic', 'Trade show in Montreal');
  await b.link(tactic, plan);
  await expect(a.links).toHaveCount(1, { timeout: 2_000 });
  await expect(a.card(plan).locator('.ft-card__title')).toHaveText('Retail partner plan');

  await a.undo();
  await expect(a.page.locator('.ft-notice')).toContainText('Bob');
  await expect(a.page.locator('.ft-notice')).toContainText('was kept');
  for (const person of [a, b]) {
    await expect(person.card(plan).locator('.ft-card__title')).toHaveText('Retail partner plan');
    await expect(person.card(plan)).toContainText('Leads per month');
    await expect(person.page.locator('.ft-ghost')).toHaveCount(0);
    await expect(person.findings('link/dangling')).toHaveCount(0);
  }
});

test('[E2E-24][SAFE-4] a link whose two cards were deleted while B linked them offline is drawn (two ghosts), found from its finding and deleted', async ({
  twoUsers,
}) => {
  const { a, b, contextB } = twoUsers;
  const strategy = await a.addCard('strategy', 'Focus on retail');
  const plan = await a.addCard('plan', 'Retail partner plan');
  await expect(b.card(plan)).toBeVisible({ timeout: 2_000 });
  await contextB.setOffline(true);
  await expect(b.connectionState).toHaveAttribute('data-state', 'offline');
  for (const id of [strategy, plan]) {
    await a.selectCard(id);
    await a.page.keyboard.press('Delete');
  }
  await expect(a.cards).toHaveCount(0);
  await b.link(plan, strategy);
  await contextB.setOffline(false);
  await b.waitConnected();
  for (const person of [a, b]) {
    await expect(person.cards).toHaveCount(0, { timeout: 5_000 });
    await expect(person.findings('link/dangling')).toHaveCount(1, { timeout: 5_000 });
    await expect(person.page.locator('.ft-ghost')).toHaveCount(2);
    await expect(person.links).toHaveCount(1);
  }
  // The finding leads to the link: selected and in view.
  await b.findings('link/dangling').click();
  await expect(b.page.locator('.ft-link--selected')).toHaveCount(1);
  await a.page.locator('.ft-finding__delete-link').click();
  for (const person of [a, b]) {
    await expect(person.links).toHaveCount(0, { timeout: 2_000 });
    await expect(person.page.locator('.ft-ghost')).toHaveCount(0);
    await expect(person.findings()).toHaveCount(0);
  }
});

test('[E2E-25][SAFE-4] a card a stock client put far outside the triangle (or at NaN) is drawn inside, and can be selected and deleted', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Stray card' });
  const page = await openBoard(await personContext(browser, 'Alice'), links.editor);
  const id = await page.addCard('tactic', 'Stray');
  const raw = await rawClient(server.url, links.board.id, links.board.tokens.editor);
  try {
    await expect.poll(() => raw.doc.getMap('cards').has(id)).toBe(true);
    const card = raw.doc.getMap('cards').get(id) as { set(key: string, value: unknown): void };
    for (const position of [
      { x: 50_000, y: 900 },
      { x: Number.NaN, y: 1e9 },
    ]) {
      raw.doc.transact(() => card.set('position', position));
      await page.page.locator('.ft-fit').click();
      await expect(page.card(id)).toBeInViewport();
      const box = (await page.card(id).boundingBox())!;
      const centre = await page.screenPoint({ x: 1600, y: 1000 });
      // Inside the triangle's frame on screen, not at some far corner of the plane.
      expect(Math.abs(box.y - centre.y)).toBeLessThan(600);
    }
    await page.selectCard(id);
    await page.page.keyboard.press('Delete');
    await expect(page.cards).toHaveCount(0);
    await expect.poll(() => raw.doc.getMap('cards').size).toBe(0);
  } finally {
    raw.close();
  }
  await page.page.context().close();
});

test('[E2E-26][SAFE-5] the editor stops at the title limit and says so: a counter near it, a notice when a paste is cut', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Limits' });
  const page = await openBoard(await personContext(browser, 'Alice'), links.editor);
  const id = await page.addCard('strategy', 'Short');
  const editor = await page.openEditor(id);
  await editor.title.fill('y'.repeat(420));
  const counter = page.inspector.locator('.ft-card-editor__title .ft-limit');
  await expect(counter).toHaveText('420 / 500');
  await expect(counter).toHaveClass(/ft-limit--near/);
  await editor.title.fill('z'.repeat(650));
  await expect(editor.title).toHaveValue('z'.repeat(500));
  await expect(counter).toHaveText('500 / 500');
  await expect(counter).toHaveClass(/ft-limit--reached/);
  await expect(page.page.locator('.ft-notice')).toContainText('stops at 500 characters');
  // The counter is in the inspector, readable whatever the zoom (issue #14).
  await screenshotsAtBothSizes(page, 'limit-counter');
  await page.page.keyboard.press('Escape');
  // What the board shows is what the server holds, and what export and import take again.
  await expect
    .poll(async () => {
      const file = (await exportBoard(server.url, links)) as { cards: { title: string }[] };
      return file.cards[0]?.title.length;
    })
    .toBe(500);
  await page.page.context().close();
});

test('[E2E-27][SAFE-6] with the connection frozen (no FIN), a new card is counted unsynced until the server acknowledges it, and the badge turns to reconnecting', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Frozen' });
  const { context, tab, line, page } = await openOnLine(browser, links.editor, 'Alice');
  await page.waitConnected();

  line.freeze();
  await tab.locator('.ft-new-card--objective').click();
  const id = (await tab.locator('.ft-inspector').getAttribute('data-card-id'))!;
  await tab.keyboard.press('Escape');
  // Not "connected, 0 unsynced": the server has acknowledged nothing.
  await expect(page.connectionState).toHaveAttribute('data-unsynced', '1');
  await expect(page.connectionState).toHaveAttribute('data-state', 'reconnecting', {
    timeout: 12_000,
  });
  await expect(page.connectionState).toHaveAttribute('data-unsynced', '1');
  const during = (await exportBoard(server.url, links)) as { cards: unknown[] };
  expect(during.cards).toHaveLength(0);

  line.thaw();
  await expect(page.connectionState).toHaveAttribute('data-state', 'connected', {
    timeout: 30_000,
  });
  await expect(page.connectionState).toHaveAttribute('data-unsynced', '0');
  const after = (await exportBoard(server.url, links)) as { cards: { id: string }[] };
  expect(after.cards.map((card) => card.id)).toEqual([id]);
  await context.close();
});

test('[E2E-28][SAFE-7] a server that closes with 4500 after every sync is retried with growing waits, not in a storm; a final close stops and says why in the reader’s language', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Storm' });
  const { context, tab, line, page } = await openOnLine(browser, links.editor, 'Alice');
  await page.waitConnected();

  line.closeAfterSync({ code: 4500, reason: 'board unavailable' });
  const start = line.opened;
  // Drop the healthy connection: from now on each one syncs, then is closed with 4500.
  await tab.evaluate(() => window.dispatchEvent(new Event('offline')));
  await tab.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.connectionState).toHaveAttribute('data-state', 'reconnecting');
  await expect(page.page.locator('.ft-connection-state__reason')).toContainText(
    'could not load or save',
    { timeout: 5_000 },
  );
  await tab.waitForTimeout(10_000);
  // The stock provider reconnects every 200 ms here (its count resets on each sync): ~50.
  expect(line.opened - start).toBeLessThanOrEqual(5);
  expect(line.opened - start).toBeGreaterThanOrEqual(2);
  await context.close();

  // A final close (the link was revoked): no more attempts, the reason in French.
  const {
    context: french,
    tab: frenchTab,
    line: revoked,
    page: frenchPage,
  } = await openOnLine(browser, links.editor, 'Amélie', {
    language: 'fr',
    closeAfterSync: { code: 4403, reason: 'share token refused' },
  });
  await expect(frenchPage.connectionState).toHaveAttribute('data-state', 'closed', {
    timeout: 10_000,
  });
  await expect(frenchTab.locator('.ft-connection-state__reason')).toContainText(
    'Ce lien n’est pas valable',
  );
  const opened = revoked.opened;
  await frenchTab.waitForTimeout(4_000);
  expect(revoked.opened).toBe(opened);
  await french.close();
});

test('[E2E-29][SAFE-8] hostile card titles export to a well-formed SVG, a PNG and an escaped report; a failing export says so', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Hostile <titles> & co' });
  const page = await openBoard(await personContext(browser, 'Alice'), links.facilitator);
  const file = {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: 'Hostile \u0001 board ]]>', language: 'en', focusLimit: 3 },
    cards: HOSTILE_TEXTS.map((title, index) => ({
      id: `h${index}`,
      lane: (['objective', 'strategy', 'plan', 'tactic'] as const)[index % 4],
      title,
      body: title.slice(0, 200),
      position: { x: 300 + (index % 12) * 220, y: 300 + Math.floor(index / 12) * 500 },
    })),
    links: [],
  };
  await page.page.locator('.ft-import-input').setInputFiles({
    name: 'hostile.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.page.locator('.ft-import-confirm__yes').click();
  await expect(page.cards).toHaveCount(HOSTILE_TEXTS.length);

  const exportAs = async (kind: 'svg' | 'png' | 'report') => {
    await page.page.locator('.ft-export').click();
    const [download] = await Promise.all([
      page.page.waitForEvent('download'),
      page.page.locator(`.ft-export-${kind}`).click(),
    ]);
    return readFile((await download.path())!);
  };
  const svg = (await exportAs('svg')).toString('utf8');
  const parseError = await page.page.evaluate(
    (text) =>
      new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')
        ?.textContent ?? null,
    svg,
  );
  expect(parseError).toBeNull();
  const png = await exportAs('png');
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  const report = (await exportAs('report')).toString('utf8');
  expect(report).not.toContain('<script>');
  expect(report).not.toMatch(/[^\\]\]\(javascript:/);
  expect(report).not.toMatch(/^#+ (a|another) heading/m);

  // The browser cannot encode the PNG (out of memory, a canvas too large): a notice, no silence.
  await page.page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function toBlob(callback: BlobCallback) {
      callback(null);
    };
  });
  await page.page.locator('.ft-export').click();
  await page.page.locator('.ft-export-png').click();
  await expect(page.page.locator('.ft-notice')).toContainText('The PNG export failed');
  await screenshotsAtBothSizes(page, 'notice');
  await page.page.context().close();
});
