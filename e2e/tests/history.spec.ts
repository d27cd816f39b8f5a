/**
 * Version history in the browser (issue #9; docs/server-spec.md S-HIST-*): several people on one
 * board, each in their own browser context, against the real server and the built client.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import type { BoardPage } from '../board-page.ts';
import { LANE_CENTRE_Y } from '../board-page.ts';
import {
  type BoardLinks,
  createBoard,
  expect,
  exportBoard,
  openBoard,
  personContext,
  test,
} from '../fixtures.ts';

mkdirSync(`${import.meta.dirname}/../artifacts/screenshots`, { recursive: true });

/** A workshop board put in place through the REST import (fixed ids). */
async function workshop(serverUrl: string, links: BoardLinks): Promise<void> {
  const card = (id: string, lane: string, title: string, x: number) => ({
    id,
    lane,
    title,
    position: { x, y: LANE_CENTRE_Y[lane as keyof typeof LANE_CENTRE_Y] - 48 },
  });
  const file = {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: 'Q3 workshop', language: 'en' },
    cards: [
      card('o1', 'objective', 'Grow revenue 15% by December 2027 in Belgium', 1500),
      card('s1', 'strategy', 'Become the reference for SMEs', 1250),
      card('s2', 'strategy', 'Newsletter', 1750),
      card('t1', 'tactic', 'Trade shows', 1100),
      card('t2', 'tactic', 'Monthly webinar', 1900),
    ],
    links: [
      { id: 'l1', from: 's1', to: 'o1' },
      { id: 'l2', from: 's2', to: 'o1' },
      { id: 'l3', from: 't1', to: 's1' },
      { id: 'l4', from: 't2', to: 's1' },
    ],
  };
  const response = await fetch(`${serverUrl}/api/boards/${links.board.id}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${links.board.tokens.facilitator}` },
    body: JSON.stringify(file),
  });
  if (response.status !== 200) throw new Error(`import → ${response.status}`);
}

/** Ana (facilitator) and Bob (editor), each in their own browser, on a new workshop board. */
async function anaAndBob(browser: Browser, serverUrl: string) {
  const links = await createBoard(serverUrl, { title: 'Q3 workshop' });
  await workshop(serverUrl, links);
  const anaContext = await personContext(browser, 'Ana');
  const bobContext = await personContext(browser, 'Bob');
  const ana = await openBoard(anaContext, links.facilitator);
  const bob = await openBoard(bobContext, links.editor);
  await expect(ana.cards).toHaveCount(5);
  await expect(bob.cards).toHaveCount(5);
  return {
    links,
    ana,
    bob,
    close: async () => {
      await Promise.all([anaContext.close(), bobContext.close()]);
    },
  };
}

async function openHistory(board: BoardPage): Promise<void> {
  if ((await board.page.locator('.ft-history').count()) === 0) {
    await board.page.locator('.ft-history-toggle').click();
  }
  await expect(board.page.locator('.ft-history')).toBeVisible();
}

/** Names a version through the panel (facilitator); returns its id. */
async function nameVersion(board: BoardPage, name: string): Promise<string> {
  await openHistory(board);
  const input = board.page.locator('.ft-history__name input');
  await input.fill(name);
  await board.page.locator('.ft-history__name button[type="submit"]').click();
  const item = board.page.locator('.ft-version', {
    has: board.page.locator('.ft-version__label', { hasText: name }),
  });
  await expect(item).toHaveCount(1);
  return (await item.getAttribute('data-version-id'))!;
}

function versionItem(page: Page, id: string) {
  return page.locator(`.ft-version[data-version-id="${id}"]`);
}

async function deleteCard(board: BoardPage, id: string): Promise<void> {
  await board.selectCard(id);
  await board.page.keyboard.press('Delete');
  await expect(board.card(id)).toHaveCount(0);
}

async function shoot(board: BoardPage, name: string): Promise<void> {
  await board.page.waitForTimeout(300);
  await test.info().attach(name, { body: await board.screenshot(name), contentType: 'image/png' });
}

test('[E2E-40] browse the history: a named version opens read-only with its findings and score, and the diff shows what was added, deleted and changed since', async ({
  browser,
  server,
}) => {
  const { ana, bob, close } = await anaAndBob(browser, server.url);
  await ana.page.setViewportSize({ width: 1440, height: 900 });
  await expect(ana.cards).toHaveCount(5);
  const versionId = await nameVersion(ana, 'After the objective round');

  // The board moves on, on Bob's screen.
  await deleteCard(bob, 't1');
  const added = await bob.addCard('tactic', 'Podcast');
  await bob.dragCardTo('s2', { x: 2600, y: LANE_CENTRE_Y.tactic });
  await expect(ana.card('t1')).toHaveCount(0);
  await expect(ana.card(added)).toHaveCount(1);

  await ana.page.locator('.ft-history__refresh').click();
  const item = versionItem(ana.page, versionId);
  await expect(item.locator('.ft-version__change')).toContainText('5 cards, 4 links');
  await shoot(ana, 'history-panel-1440');

  await item.locator('.ft-version__open').click();
  const view = ana.page.locator('.ft-version-view');
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-version-id', versionId);
  // The board then: its five cards, its findings and its alignment score (the shared validator).
  await expect(view.locator('.ft-version-view__picture [data-card-id]')).toHaveCount(5);
  await expect(view.locator('.ft-version-view__picture [data-card-id="t1"]')).toHaveCount(1);
  await expect(view.locator('.ft-score')).toHaveAttribute('data-score', /\d+/);
  await expect(view.locator('.ft-findings')).toBeVisible();
  // Nothing of the version can be edited: no card editor, no new-card buttons in it.
  await expect(view.locator('.ft-card-editor, .ft-new-card')).toHaveCount(0);

  await view.locator('.ft-version-view__tab[data-tab="changes"]').click();
  await expect(view).toHaveAttribute('data-tab', 'changes');
  const change = (id: string) => view.locator(`.ft-diff__card[data-card-id="${id}"]`);
  await expect(change('t1')).toHaveAttribute('data-change', 'removed');
  await expect(change(added)).toHaveAttribute('data-change', 'added');
  await expect(change('s2')).toHaveAttribute('data-change', 'changed');
  await expect(change('s2').locator('.ft-diff__detail')).toContainText(/→|from|to/);
  await expect(view.locator('.ft-svg-card--removed')).toHaveCount(1);
  await expect(view.locator('.ft-svg-card--added')).toHaveCount(1);
  await expect(view.locator('.ft-svg-card--changed')).toHaveCount(1);
  // The comparison is live: Bob's next card shows up in it.
  const later = await bob.addCard('plan', 'Plan Q4');
  await expect(change(later)).toHaveAttribute('data-change', 'added');
  await shoot(ana, 'history-diff-1440');

  // Export the version as a board file and a report.
  const [file] = await Promise.all([
    ana.page.waitForEvent('download'),
    view.locator('.ft-version-view__export-json').click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/-version-\d+\.json$/);
  const [report] = await Promise.all([
    ana.page.waitForEvent('download'),
    view.locator('.ft-version-view__export-report').click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/-report\.md$/);

  // Escape goes back to the live board.
  await ana.page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);

  // The same at phone size.
  await ana.page.setViewportSize({ width: 390, height: 844 });
  await shoot(ana, 'history-panel-390');
  await item.locator('.ft-version__open').click();
  await ana.page.locator('.ft-version-view__tab[data-tab="changes"]').click();
  await expect(change('t1')).toBeVisible();
  await shoot(ana, 'history-diff-390');
  await close();
});

test('[E2E-41] restore with a concurrent editor: the confirmation says what changes, the board comes back for everyone, what the editor did meanwhile is kept, and the restore can be undone', async ({
  browser,
  server,
}) => {
  const { ana, bob, close } = await anaAndBob(browser, server.url);
  const versionId = await nameVersion(ana, 'Before the break');

  await deleteCard(bob, 't1');
  const early = await bob.addCard('tactic', 'Cold calls');
  await expect(ana.card(early)).toHaveCount(1);

  await versionItem(ana.page, versionId).locator('.ft-version__restore').click();
  const dialog = ana.page.locator('.ft-restore-dialog');
  await expect(dialog).toBeVisible();
  const preview = dialog.locator('.ft-restore-dialog__preview');
  await expect(preview).toContainText('1 deleted card comes back');
  await expect(preview).toContainText('1 card added since is removed');
  // While Ana reads the question, Bob keeps working: that card must not vanish.
  const meanwhile = await bob.addCard('plan', 'Plan made meanwhile');
  await expect(ana.card(meanwhile)).toHaveCount(1);
  await dialog.locator('.ft-restore-dialog__confirm').click();
  await expect(dialog).toHaveCount(0);

  for (const board of [ana, bob]) {
    await expect(board.card('t1')).toHaveCount(1); // back
    await expect(board.card(early)).toHaveCount(0); // made before Ana looked: removed
    await expect(board.card(meanwhile)).toHaveCount(1); // made while she looked: kept
  }
  const restored = ana.page.locator('.ft-history__restored');
  await expect(restored).toContainText('Board restored');
  await expect(restored).toContainText('kept');
  await expect(bob.brokenLinks).toHaveCount(0);

  // Bob goes on working after the restore, before Ana undoes it: that work stays.
  const afterwards = await bob.addCard('strategy', 'Made after the restore');
  await expect(ana.card(afterwards)).toHaveCount(1);

  // Undo restore: what the restore changed goes back; what was written after it stays.
  await restored.locator('.ft-history__undo').click();
  for (const board of [ana, bob]) {
    await expect(board.card('t1')).toHaveCount(0);
    await expect(board.card(early)).toHaveCount(1);
    await expect(board.card(meanwhile)).toHaveCount(1);
    await expect(board.card(afterwards)).toHaveCount(1);
  }
  const kinds = await ana.page
    .locator('.ft-version')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
  expect(kinds).toEqual(expect.arrayContaining(['before-restore', 'restore', 'named']));
  await close();
});

test('[E2E-42] restore one card from the diff view: a deleted card comes back with its links', async ({
  browser,
  server,
}) => {
  const { ana, bob, close } = await anaAndBob(browser, server.url);
  const versionId = await nameVersion(ana, 'Full board');
  await deleteCard(bob, 's1'); // its three links go with it
  const newer = await bob.addCard('objective', 'Another objective');
  await expect(ana.card('s1')).toHaveCount(0);
  await expect(ana.links).toHaveCount(1);

  await versionItem(ana.page, versionId).locator('.ft-version__open').click();
  await ana.page.locator('.ft-version-view__tab[data-tab="changes"]').click();
  await ana.page.locator('.ft-diff__card[data-card-id="s1"] .ft-diff__restore-card').click();
  await expect(ana.page.locator('.ft-version-view')).toHaveCount(0);
  for (const board of [ana, bob]) {
    await expect(board.card('s1')).toHaveCount(1);
    await expect(board.links).toHaveCount(4);
    await expect(board.card(newer)).toHaveCount(1); // nothing else was touched
  }
  await expect(ana.page.locator('.ft-notice')).toContainText('restored');
  await close();
});

test('[E2E-43] a viewer and an editor see the history but no way to restore, and the server refuses them', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { title: 'Q3 workshop' });
  await workshop(server.url, links);
  const facilitatorContext = await personContext(browser, 'Ana');
  const ana = await openBoard(facilitatorContext, links.facilitator);
  const versionId = await nameVersion(ana, 'Agreed');
  const before = JSON.stringify(await exportBoard(server.url, links));
  for (const role of ['viewer', 'editor'] as const) {
    const context = await personContext(browser, role === 'viewer' ? 'Victor' : 'Bob');
    const board = await openBoard(context, links[role]);
    await board.page.keyboard.press('h');
    await expect(board.page.locator('.ft-history')).toBeVisible();
    const item = versionItem(board.page, versionId);
    await expect(item).toBeVisible();
    await expect(item.locator('.ft-version__restore, .ft-version__rename')).toHaveCount(0);
    await expect(board.page.locator('.ft-history__name')).toHaveCount(0);
    await item.locator('.ft-version__open').click();
    const view = board.page.locator('.ft-version-view');
    await expect(view).toBeVisible();
    await expect(view.locator('.ft-version-view__restore')).toHaveCount(0);
    await view.locator('.ft-version-view__tab[data-tab="changes"]').click();
    await expect(view.locator('.ft-diff__restore-card')).toHaveCount(0);
    // Asking the server anyway, with this page's own link.
    const refused = await board.page.request.post(
      `${server.url}/api/boards/${links.board.id}/versions/${versionId}/restore`,
      {
        headers: { authorization: `Bearer ${links.board.tokens[role]}` },
        data: {},
      },
    );
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error).toContain('Only a facilitator');
    await context.close();
  }
  expect(JSON.stringify(await exportBoard(server.url, links))).toBe(before);
  await facilitatorContext.close();
});

test('[E2E-44] a card’s activity in its details: who moved it between lanes and retitled it', async ({
  browser,
  server,
}) => {
  const { ana, bob, close } = await anaAndBob(browser, server.url);
  await bob.dragCardTo('s2', { x: 2600, y: LANE_CENTRE_Y.tactic });
  await expect(ana.card('s2')).toHaveClass(/ft-card--tactic/);
  const { title } = await bob.openEditor('s2');
  await title.fill('Monthly newsletter');
  await bob.page.keyboard.press('Escape');
  await bob.page.keyboard.press('Escape'); // Bob lets go of the card (his mark would cover it)
  await expect(ana.card('s2').locator('.ft-card__title')).toHaveText('Monthly newsletter');

  await ana.selectCard('s2');
  const activity = ana.page.locator('.ft-activity[data-card-id="s2"]');
  await expect(activity.locator('.ft-activity__entry[data-action="moved"]')).toContainText(
    /Bob moved “(Newsletter|Monthly newsletter)” from \w+ to \w+/,
  );
  await expect(activity.locator('.ft-activity__entry[data-action="edited"]')).toContainText(
    'Bob edited the title of “Monthly newsletter”',
  );
  await close();
});

test('[E2E-49] a version named with one 200-character word, and a restore of it, stay inside the panel and the dialog at 1440×900 and 390×844', async ({
  browser,
  server,
}) => {
  const { ana, close } = await anaAndBob(browser, server.url);
  const name = 'W'.repeat(200);
  const versionId = await nameVersion(ana, name);
  /** How far a box's content runs past its right edge (0 when it fits). */
  const overflow = (selector: string) =>
    ana.page
      .locator(selector)
      .first()
      .evaluate((element) => element.scrollWidth - element.clientWidth);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await ana.page.setViewportSize(size);
    await expect(versionItem(ana.page, versionId)).toBeVisible();
    expect(await overflow(`.ft-version[data-version-id="${versionId}"]`)).toBeLessThanOrEqual(0);
    expect(await overflow('.ft-history')).toBeLessThanOrEqual(0);
    await shoot(ana, `history-long-name-${size.width}`);
    await versionItem(ana.page, versionId).locator('.ft-version__restore').click();
    await expect(ana.page.locator('.ft-restore-dialog')).toBeVisible();
    expect(await overflow('.ft-restore-dialog')).toBeLessThanOrEqual(0);
    await ana.page.locator('.ft-restore-dialog__cancel').click();
    await expect(ana.page.locator('.ft-restore-dialog')).toHaveCount(0);
  }
  await close();
});
