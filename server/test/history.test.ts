/**
 * [S-HIST-*]: the version history of a board, end to end — a real server (SQLite), stock
 * y-websocket clients, the REST API, and a manual clock for the autosave timing (minutes of
 * quiet pass in microseconds; the test only waits for the store's real writes).
 */
import { join } from 'node:path';
import {
  type ActivityEntry,
  addCard,
  type BoardSnapshot,
  cardsMap,
  deleteCard,
  diffBoards,
  editCard,
  getCardMap,
  isEmptyDiff,
  laneBand,
  linkCards,
  moveCard,
  PRIVATE_ROOM_PARAM,
  parseBoardFile,
  type RestoreResponse,
  readBoard,
  replaceBoard,
  snapshotOfFile,
  type VersionSummary,
} from '@fire-triangle/shared';
import { boardContent as content, ManualClock } from '@fire-triangle/shared/test-support';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metricValue } from '../src/metrics/server-metrics.ts';
import { SQLITE_FILE_NAME } from '../src/storage/sqlite-store.ts';
import { sayHello } from './ft-client.ts';
import {
  createBoard,
  docsConverged,
  getJson,
  type JsonBody,
  type TestClient,
  type TestServer,
  useTestHarness,
  waitFor,
} from './helpers.ts';

type Board = Awaited<ReturnType<typeof createBoard>>;

/** A REST call with a board token; the status and the parsed body. */
async function api(
  test: TestServer,
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: JsonBody }> {
  return getJson(`${test.server.url}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

async function versionsOf(test: TestServer, board: Board): Promise<VersionSummary[]> {
  const { status, body } = await api(test, `/boards/${board.id}/versions`, board.tokens.viewer);
  expect(status).toBe(200);
  return body.versions;
}

function dropPointIn(lane: Parameters<typeof laneBand>[0]) {
  const band = laneBand(lane);
  return { x: 1500, y: (band.top + band.bottom) / 2 - 48 };
}

/** The board as the server holds it now. */
function liveBoard(test: TestServer, board: Board): Promise<BoardSnapshot> {
  return test.server.internals.registry.loaded(board.id)!.read(readBoard);
}

/** Waits until the server holds what `client` holds. */
async function stored(test: TestServer, board: Board, client: TestClient): Promise<void> {
  await waitFor(
    async () =>
      JSON.stringify(await liveBoard(test, board)) === JSON.stringify(readBoard(client.doc)),
    { what: 'the server to store the edit' },
  );
}

/** A small workshop board, written by `client`. */
function workshop(doc: Y.Doc): void {
  doc.transact(() => {
    addCard(doc, { id: 'o', lane: 'objective', title: 'Grow revenue 15 % by 2027', now: 1 });
    addCard(doc, { id: 's', lane: 'strategy', title: 'Win SMEs in Brittany', now: 1 });
    addCard(doc, { id: 'n', lane: 'strategy', title: 'Newsletter', now: 1 });
    addCard(doc, { id: 't', lane: 'tactic', title: 'Trade shows', now: 1 });
    linkCards(doc, 's', 'o', null, 'l-so');
    linkCards(doc, 't', 's', null, 'l-ts');
    linkCards(doc, 'n', 'o', null, 'l-no');
  });
}

function named(client: TestClient, name: string): void {
  client.provider.awareness.setLocalStateField('user', { name, colour: '#1b998b' });
}

describe('version history', () => {
  const harness = useTestHarness();
  const { connect } = harness;

  async function startWithClock(overrides: Parameters<typeof harness.start>[0] = {}) {
    const clock = new ManualClock();
    const test = await harness.start(overrides, undefined, { clock });
    return { test, clock };
  }

  /**
   * A server on a manual clock and a board whose workshop cards the first of `people` wrote
   * (stock clients, each named in its presence), stored.
   */
  async function workshopBoard(
    people: readonly { name: string; role: 'facilitator' | 'editor' }[],
    overrides: Parameters<typeof harness.start>[0] = {},
  ) {
    const { test, clock } = await startWithClock(overrides);
    const board = await createBoard(test.server, { title: 'Workshop' });
    const clients = people.map(({ role }) => connect(test.server, board.id, board.tokens[role]));
    await Promise.all(clients.map((client) => client.synced));
    people.forEach(({ name }, index) => {
      named(clients[index]!, name);
    });
    // Everyone's name reached the server before anyone edits (the activity names them).
    await waitFor(
      () =>
        test.server.internals.registry.loaded(board.id)?.awareness.getStates().size ===
        people.length,
    );
    workshop(clients[0]!.doc);
    await stored(test, board, clients[0]!);
    return { test, clock, board, clients };
  }

  /** A named version of the board now, through REST as a facilitator. */
  async function nameVersion(
    test: TestServer,
    board: Board,
    name: string,
  ): Promise<VersionSummary> {
    const { status, body } = await api(
      test,
      `/boards/${board.id}/versions`,
      board.tokens.facilitator,
      {
        method: 'POST',
        body: { name },
      },
    );
    expect(status).toBe(201);
    return body;
  }

  it('[S-HIST-1] an automatic version after 30 s of quiet, and at least every 5 minutes while the board keeps changing', async () => {
    const { test, clock, board, clients } = await workshopBoard([
      { name: 'Bob', role: 'editor' },
      { name: 'Ana', role: 'facilitator' },
    ]);
    const [bob, ana] = clients as [TestClient, TestClient];

    clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await versionsOf(test, board)).toEqual([]);
    clock.advance(1_000);
    await waitFor(async () => (await versionsOf(test, board)).length === 1, {
      what: 'the first automatic version',
    });
    const [first] = await versionsOf(test, board);
    expect(first).toMatchObject({
      kind: 'auto',
      name: null,
      cards: 4,
      links: 3,
      authors: ['Bob'],
      change: null, // the first version has nothing to compare with
    });
    expect(first!.participants).toEqual([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);

    // Six minutes of editing, a change every 20 s: never 30 s of quiet, yet a version at 5 min.
    for (let step = 1; step <= 18; step++) {
      clock.advance(20_000);
      editCard(bob.doc, 'n', { title: `Newsletter ${step}` });
      await stored(test, board, bob);
    }
    await waitFor(async () => (await versionsOf(test, board)).length === 2, {
      what: 'a version within five minutes of editing',
    });
    const [during] = await versionsOf(test, board);
    expect(during!.createdAt - first!.createdAt).toBeLessThanOrEqual(300_000 + 20_000);
    expect(during!.change).toMatchObject({ textsChanged: 1, cardsAdded: 0 });
    expect(during!.change!.bytes).toBeGreaterThan(0);

    moveCard(ana.doc, 't', dropPointIn('plan'));
    await stored(test, board, ana);
    clock.advance(30_000);
    await waitFor(async () => (await versionsOf(test, board)).length === 3, {
      what: 'the version after the editing stopped',
    });
    const [last] = await versionsOf(test, board);
    expect(last!.change).toMatchObject({ cardsMoved: 1 });
    expect(last!.authors).toEqual(expect.arrayContaining(['Ana']));
    // Nothing changed since: no timer waits, no further version.
    clock.advance(600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await versionsOf(test, board)).toHaveLength(3);
  });

  it('[S-HIST-1] a board that changed since its last version gets one when it unloads', async () => {
    const { test, board } = await workshopBoard([{ name: 'Bob', role: 'editor' }], {
      idleUnloadMs: 20,
    });
    harness.closeConnections();
    await waitFor(async () => (await versionsOf(test, board)).length === 1, {
      what: 'a version on unload',
    });
    await waitFor(() => test.server.internals.registry.loaded(board.id) === undefined);
  });

  it('[S-HIST-1] a private doc of a silent-writing round takes no version and records no activity: only the board does, authors hidden', async () => {
    const { test, clock } = await startWithClock({ idleUnloadMs: 20 });
    const board = await createBoard(test.server, { title: 'Workshop' });
    const facilitator = await sayHello(
      await harness.raw(test.server, board.id, board.tokens.facilitator),
    );
    const eve = await sayHello(await harness.raw(test.server, board.id, board.tokens.editor));
    expect(await facilitator.command({ name: 'private-start', hideAuthors: true })).toMatchObject({
      ok: true,
    });
    const mine = connect(test.server, board.id, board.tokens.editor, {
      params: { [PRIVATE_ROOM_PARAM]: eve.welcome.participant.token },
    });
    await mine.synced;
    named(mine, 'Eve');
    addCard(mine.doc, { id: 'secret', lane: 'tactic', title: 'Private idea', author: 'Eve' });
    editCard(mine.doc, 'secret', { title: 'Private idea, reworded' });
    const privateRoom = `${board.id}~private~${eve.welcome.participant.id}`;
    await waitFor(async () => (await test.server.internals.store.loadBoard(privateRoom)) !== null);
    clock.advance(31_000);
    expect(await facilitator.command({ name: 'private-end' })).toMatchObject({
      ok: true,
      result: { cards: 1 },
    });
    clock.advance(31_000);
    harness.closeConnections();
    await waitFor(async () => (await versionsOf(test, board)).length >= 1, {
      what: 'the board’s version',
    });
    await waitFor(() => test.server.internals.registry.loaded(privateRoom) === undefined);
    const { versions, activity } = test.server.internals.history;
    expect(await versions.listVersions(privateRoom)).toEqual([]);
    expect(await activity.cardActivity(privateRoom, 'secret', 10)).toEqual([]);
    const [version] = await versionsOf(test, board);
    expect(version!.authors).toEqual([]);
  });

  it('[S-HIST-2] an import through REST and a facilitator’s import from a stock client each leave a version of the board before it; an editor’s refused import leaves none', async () => {
    const { test, board, clients } = await workshopBoard([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);
    const [ana, bob] = clients as [TestClient, TestClient];
    const beforeRest = await liveBoard(test, board);

    const file = {
      format: 'fire-triangle/board',
      version: 1,
      meta: { title: 'Imported', language: 'en' },
      cards: [{ id: 'x', lane: 'tactic', title: 'Imported card', position: { x: 1500, y: 1800 } }],
      links: [],
    };
    const imported = await fetch(`${test.server.url}/api/boards/${board.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify(file),
    });
    expect(imported.status).toBe(200);
    let versions = await versionsOf(test, board);
    expect(versions.map((version) => version.kind)).toEqual(['before-import']);
    const opened = await api(
      test,
      `/boards/${board.id}/versions/${versions[0]!.id}`,
      board.tokens.viewer,
    );
    expect(content(snapshotOfFile(parseBoardFile(JSON.stringify(opened.body.board))))).toEqual(
      content(beforeRest),
    );

    // The facilitator's client imports on its own (replaceBoard writes the import marker).
    await waitFor(() => readBoard(ana.doc).cards.length === 1);
    const beforeClient = await liveBoard(test, board);
    replaceBoard(ana.doc, {
      meta: { title: 'Second import', language: 'fr', focusLimit: 3 },
      cards: beforeRest.cards,
      links: beforeRest.links,
    });
    await waitFor(async () => (await versionsOf(test, board)).length === 2, {
      what: 'the version before the client-side import',
    });
    versions = await versionsOf(test, board);
    expect(versions[0]).toMatchObject({ kind: 'before-import', cards: 1 });
    const second = await api(
      test,
      `/boards/${board.id}/versions/${versions[0]!.id}`,
      board.tokens.viewer,
    );
    expect(content(snapshotOfFile(parseBoardFile(JSON.stringify(second.body.board))))).toEqual(
      content(beforeClient),
    );

    // An editor's import is refused by the write policy: nothing changed, no version.
    await waitFor(() => readBoard(bob.doc).meta.title === 'Second import');
    replaceBoard(bob.doc, {
      meta: { title: 'Mine', language: 'en', focusLimit: 3 },
      cards: [],
      links: [],
    });
    await waitFor(() => readBoard(bob.doc).meta.title === 'Second import', {
      what: 'the editor’s import to be reverted',
    });
    expect(await versionsOf(test, board)).toHaveLength(2);
  });

  it('[S-HIST-4] a restore with a concurrent editor (stock clients): card by card, live for everyone, the typist keeps every character, and it can be undone', async () => {
    const { test, board, clients } = await workshopBoard([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);
    const [ana, bob] = clients as [TestClient, TestClient];
    const created = { body: await nameVersion(test, board, 'After the objective round') };
    expect(created.body).toMatchObject({ kind: 'named', name: 'After the objective round' });
    const version = await liveBoard(test, board);

    // The board moves on: a card deleted, one added, one retitled, one dropped in another lane.
    deleteCard(bob.doc, 't');
    addCard(bob.doc, { id: 'later', lane: 'plan', title: 'Plan made later' });
    editCard(bob.doc, 's', { title: 'Win SMEs' });
    moveCard(bob.doc, 'n', dropPointIn('tactic'));
    await stored(test, board, bob);
    await waitFor(() => docsConverged(ana.doc, bob.doc));
    const beforeRestore = await liveBoard(test, board);

    // The facilitator restores while Bob types in the card being restored: his keystrokes are
    // in flight (his connection drops for the moment, as on conference Wi-Fi), so they reach
    // the server only after the restore.
    bob.provider.disconnect();
    const title = getCardMap(bob.doc, 's')!.get('title') as Y.Text;
    title.insert(title.length, ' and Normandy');
    const restored = (await api(
      test,
      `/boards/${board.id}/versions/${created.body.id}/restore`,
      board.tokens.facilitator,
      { method: 'POST', body: { by: 'Ana' } },
    )) as { status: number; body: RestoreResponse };
    bob.provider.connect();
    expect(restored.status).toBe(200);
    expect(restored.body.summary).toMatchObject({
      cardsRestored: ['t'],
      cardsRemoved: ['later'],
      cardsMoved: ['n'],
    });
    expect(restored.body.before).toMatchObject({
      kind: 'before-restore',
      restoredFrom: created.body.id,
    });
    expect(restored.body.after).toMatchObject({ kind: 'restore', restoredFrom: created.body.id });

    await waitFor(() => docsConverged(ana.doc, bob.doc), { what: 'everyone to converge' });
    const after = readBoard(ana.doc);
    const sTitle = after.cards.find((card) => card.id === 's')!.title;
    // Typed while the restore travelled: merged with it, not overwritten.
    expect(['Win SMEs in Brittany and Normandy', 'Win SMEs and Normandy in Brittany']).toContain(
      sTitle,
    );
    const rest = (snapshot: BoardSnapshot) => ({
      ...content(snapshot),
      cards: content(snapshot).cards.filter((card) => card.id !== 's'),
    });
    expect(rest(after)).toEqual(rest(version));
    expect(await metricValue(test.server.internals.metrics.restores, { scope: 'board' })).toBe(1);

    // Undo restore: restore the version taken just before it.
    await waitFor(
      async () => JSON.stringify(await liveBoard(test, board)) === JSON.stringify(after),
    );
    const undo = await api(
      test,
      `/boards/${board.id}/versions/${restored.body.before.id}/restore`,
      board.tokens.facilitator,
      { method: 'POST', body: {} },
    );
    expect(undo.status).toBe(200);
    await waitFor(() => docsConverged(ana.doc, bob.doc));
    const undone = content(readBoard(bob.doc));
    expect(undone.cards.map((card) => card.id)).toEqual(
      content(beforeRestore).cards.map((card) => card.id),
    );
    expect(undone.cards.find((card) => card.id === 'n')!.lane).toBe('tactic');
  });

  it('[S-HIST-4] undoing a restore (its `undoSeen`) takes back what the restore changed and keeps what anyone wrote after it', async () => {
    const { test, board, clients } = await workshopBoard([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);
    const [ana, bob] = clients as [TestClient, TestClient];
    const seenNow = () => Buffer.from(Y.encodeSnapshot(Y.snapshot(ana.doc))).toString('base64');
    const v1 = await nameVersion(test, board, 'Before the break');
    deleteCard(bob.doc, 't');
    await stored(test, board, bob);
    await waitFor(() => docsConverged(ana.doc, bob.doc));
    const restored = (await api(
      test,
      `/boards/${board.id}/versions/${v1.id}/restore`,
      board.tokens.facilitator,
      { method: 'POST', body: { seen: seenNow() } },
    )) as { status: number; body: RestoreResponse };
    expect(restored.status).toBe(200);
    expect(restored.body.summary.cardsRestored).toEqual(['t']);
    expect(typeof restored.body.undoSeen).toBe('string');
    await waitFor(() => docsConverged(ana.doc, bob.doc) && cardsMap(bob.doc).has('t'));
    // Bob works on after the restore: a card the restore did not touch, and a new one.
    editCard(bob.doc, 'n', { title: 'Newsletter, monthly' });
    addCard(bob.doc, { id: 'after', lane: 'plan', title: 'Plan made after the restore' });
    await stored(test, board, bob);
    await waitFor(() => docsConverged(ana.doc, bob.doc));

    const undo = (await api(
      test,
      `/boards/${board.id}/versions/${restored.body.before.id}/restore`,
      board.tokens.facilitator,
      { method: 'POST', body: { seen: restored.body.undoSeen } },
    )) as { status: number; body: RestoreResponse };
    expect(undo.status).toBe(200);
    await waitFor(() => docsConverged(ana.doc, bob.doc) && !cardsMap(bob.doc).has('t'), {
      what: 'the restored card to go again',
    });
    const after = readBoard(bob.doc);
    expect(after.cards.find((card) => card.id === 'n')?.title).toBe('Newsletter, monthly');
    expect(after.cards.some((card) => card.id === 'after')).toBe(true);
    expect(undo.body.summary.cardsRemoved).toEqual(['t']);
    expect(undo.body.summary.kept.map((kept) => kept.id).sort()).toEqual(['after', 'n']);
  });

  it('[S-HIST-4] edits made after the facilitator looked (`seen`) are kept and listed, not dropped', async () => {
    const { test, board, clients } = await workshopBoard([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);
    const [ana, bob] = clients as [TestClient, TestClient];
    const version = await nameVersion(test, board, 'v1');
    deleteCard(bob.doc, 't');
    await stored(test, board, bob);
    await waitFor(() => docsConverged(ana.doc, bob.doc));
    // Ana opens the version; what she sees is her doc now.
    const seen = Buffer.from(Y.encodeSnapshot(Y.snapshot(ana.doc))).toString('base64');
    addCard(bob.doc, { id: 'late', lane: 'tactic', title: 'Late idea' });
    editCard(bob.doc, 'o', { title: 'Grow revenue 20 % by 2027' });
    await stored(test, board, bob);
    const restored = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
      { method: 'POST', body: { seen } },
    );
    expect(restored.status).toBe(200);
    expect(restored.body.summary.cardsRestored).toEqual(['t']);
    expect(restored.body.summary.kept).toEqual(
      expect.arrayContaining([
        { kind: 'card', id: 'late', reason: 'added-since' },
        { kind: 'card', id: 'o', reason: 'edited-since', fields: ['title'] },
      ]),
    );
    await waitFor(() => docsConverged(ana.doc, bob.doc));
    const after = readBoard(bob.doc);
    expect(after.cards.map((card) => card.id)).toEqual(['late', 'n', 'o', 's', 't']);
    expect(after.cards.find((card) => card.id === 'o')!.title).toBe('Grow revenue 20 % by 2027');
    // A seen that is not a snapshot is refused with a reason, and nothing changes.
    const bad = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
      {
        method: 'POST',
        body: { seen: 'not base64!' },
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/"seen"/);
  });

  it('[S-HIST-5] restoring one card brings it back with its links to cards still on the board', async () => {
    const { test, board, clients } = await workshopBoard([{ name: 'Bob', role: 'editor' }]);
    const [bob] = clients as [TestClient];
    linkCards(bob.doc, 't', 'o', null, 'l-to');
    await stored(test, board, bob);
    const version = await nameVersion(test, board, 'v1');
    deleteCard(bob.doc, 't');
    deleteCard(bob.doc, 'o');
    addCard(bob.doc, { id: 'kept', lane: 'plan', title: 'Stays' });
    await stored(test, board, bob);
    const restored = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore-card`,
      board.tokens.facilitator,
      { method: 'POST', body: { cardId: 't', by: 'Ana' } },
    );
    expect(restored.status).toBe(200);
    expect(restored.body.summary).toMatchObject({
      cardsRestored: ['t'],
      linksRestored: ['l-ts'],
      kept: [{ kind: 'link', id: 'l-to', reason: 'missing-card' }],
    });
    await waitFor(() => readBoard(bob.doc).cards.some((card) => card.id === 't'));
    const after = readBoard(bob.doc);
    expect(after.cards.map((card) => card.id)).toEqual(['kept', 'n', 's', 't']);
    expect(after.links.map((link) => link.id).sort()).toEqual(['l-ts']);
    expect(await metricValue(test.server.internals.metrics.restores, { scope: 'card' })).toBe(1);
    const missing = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore-card`,
      board.tokens.facilitator,
      { method: 'POST', body: { cardId: 'kept' } },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/not in version/);
  });

  it('[S-HIST-6] viewers and editors cannot name or restore (403 with the reason); a stock client’s only way — rewriting the board with the import marker — is refused', async () => {
    const { test, board, clients } = await workshopBoard([{ name: 'Bob', role: 'editor' }]);
    const [bob] = clients as [TestClient];
    const version = await nameVersion(test, board, 'v1');
    deleteCard(bob.doc, 's');
    await stored(test, board, bob);
    const before = await liveBoard(test, board);
    for (const role of ['viewer', 'editor'] as const) {
      const token = board.tokens[role];
      const calls = [
        api(test, `/boards/${board.id}/versions`, token, { method: 'POST', body: { name: 'x' } }),
        api(test, `/boards/${board.id}/versions/${version.id}`, token, {
          method: 'PATCH',
          body: { name: 'x' },
        }),
        api(test, `/boards/${board.id}/versions/${version.id}/restore`, token, {
          method: 'POST',
          body: {},
        }),
        api(test, `/boards/${board.id}/versions/${version.id}/restore-card`, token, {
          method: 'POST',
          body: { cardId: 's' },
        }),
      ];
      for (const { status, body } of await Promise.all(calls)) {
        expect(status, role).toBe(403);
        expect(body.error, role).toMatch(
          /Only a facilitator link can (name versions|restore a version)/,
        );
      }
      // Reading the history is for everyone who can open the board.
      expect((await api(test, `/boards/${board.id}/versions/${version.id}`, token)).status).toBe(
        200,
      );
      expect(
        (await api(test, `/boards/${board.id}/versions/${version.id}/diff`, token)).status,
      ).toBe(200);
    }
    expect((await api(test, `/boards/${board.id}/versions`, 'forged')).status).toBe(403);
    const opened = await api(
      test,
      `/boards/${board.id}/versions/${version.id}`,
      board.tokens.editor,
    );
    replaceBoard(bob.doc, snapshotOfFile(opened.body.board));
    await waitFor(() => readBoard(bob.doc).cards.length === before.cards.length, {
      what: 'the stock client’s rewrite to be reverted',
    });
    expect(await liveBoard(test, board)).toEqual(before);
    expect(await metricValue(test.server.internals.metrics.restores, { scope: 'board' })).toBe(0);
  });

  it('[S-HIST-3] the budget: the newest automatic versions plus the named ones; a name past the named budget is refused', async () => {
    const { test, clock, board, clients } = await workshopBoard([{ name: 'Bob', role: 'editor' }], {
      versionsKept: 3,
      namedVersionsKept: 1,
    });
    const [bob] = clients as [TestClient];
    const kept = await nameVersion(test, board, 'Keep me');
    const autos: number[] = [];
    for (let round = 1; round <= 5; round++) {
      editCard(bob.doc, 'o', { title: `Objective ${round}` });
      await stored(test, board, bob);
      clock.advance(30_000);
      await waitFor(
        async () =>
          (await versionsOf(test, board))[0]?.kind === 'auto' &&
          (await versionsOf(test, board))[0]!.id > (autos.at(-1) ?? 0),
        {
          what: `automatic version ${round}`,
        },
      );
      autos.push((await versionsOf(test, board))[0]!.id);
    }
    const versions = await versionsOf(test, board);
    expect(versions.map((version) => version.id)).toEqual([autos[4], autos[3], autos[2], kept.id]);
    const refused = await api(
      test,
      `/boards/${board.id}/versions/${autos[4]}`,
      board.tokens.facilitator,
      {
        method: 'PATCH',
        body: { name: 'Another' },
      },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/named versions/);
    // Removing a name frees the slot; the version then counts as automatic.
    const cleared = await api(
      test,
      `/boards/${board.id}/versions/${kept.id}`,
      board.tokens.facilitator,
      {
        method: 'PATCH',
        body: { name: '' },
      },
    );
    expect(cleared.body).toMatchObject({ id: kept.id, name: null });
    const renamed = await api(
      test,
      `/boards/${board.id}/versions/${autos[4]}`,
      board.tokens.facilitator,
      {
        method: 'PATCH',
        body: { name: 'Another' },
      },
    );
    expect(renamed.body).toMatchObject({ id: autos[4], name: 'Another', kind: 'auto' });
    const { body: list } = await api(test, `/boards/${board.id}/versions`, board.tokens.viewer);
    expect(list.budget).toEqual({ unnamed: 3, named: 1 });
  });

  it('[S-HIST-7] a damaged version row does not break the board: it opens and syncs, the version says it is damaged, the others still open, autosave goes on', async () => {
    const clock = new ManualClock();
    const test = await harness.start({}, undefined, { clock });
    const board = await createBoard(test.server);
    let bob = connect(test.server, board.id, board.tokens.editor);
    await bob.synced;
    workshop(bob.doc);
    await stored(test, board, bob);
    const v1 = await nameVersion(test, board, 'good');
    editCard(bob.doc, 'o', { title: 'Changed' });
    await stored(test, board, bob);
    const v2 = await nameVersion(test, board, 'to be damaged');
    harness.closeConnections();
    await test.server.close();

    const db = new Database(join(test.dataDir, SQLITE_FILE_NAME));
    db.prepare("UPDATE versions SET state = x'00ff00ff00ff' WHERE id = ?").run(v2.id);
    db.close();

    const again = await harness.start({}, test.dataDir, { clock });
    bob = connect(again.server, board.id, board.tokens.editor);
    await bob.synced;
    expect(readBoard(bob.doc).cards.find((card) => card.id === 'o')!.title).toBe('Changed');
    const damaged = await api(again, `/boards/${board.id}/versions/${v2.id}`, board.tokens.viewer);
    expect(damaged.status).toBe(422);
    expect(damaged.body.error).toMatch(/damaged.*other versions are not affected/);
    for (const path of ['diff', 'export']) {
      expect(
        (await api(again, `/boards/${board.id}/versions/${v2.id}/${path}`, board.tokens.viewer))
          .status,
      ).toBe(422);
    }
    const restore = await api(
      again,
      `/boards/${board.id}/versions/${v2.id}/restore`,
      board.tokens.facilitator,
      {
        method: 'POST',
        body: {},
      },
    );
    expect(restore.status).toBe(422);
    expect(
      (await api(again, `/boards/${board.id}/versions/${v1.id}`, board.tokens.viewer)).status,
    ).toBe(200);
    editCard(bob.doc, 'o', { title: 'Changed again' });
    await stored(again, board, bob);
    clock.advance(30_000);
    await waitFor(async () => (await versionsOf(again, board)).length === 3, { what: 'autosave' });
    const [latest] = await versionsOf(again, board);
    expect(latest).toMatchObject({ kind: 'auto', change: null }); // its predecessor cannot be read
    expect(
      await metricValue(again.server.internals.metrics.historyFailures, { operation: 'read' }),
    ).toBeGreaterThan(0);
  });

  it('[S-HIST-8] card activity: who did what, coalesced — a drag into another lane, a typing session, a link', async () => {
    const { test, clock, board, clients } = await workshopBoard([
      { name: 'Ana', role: 'facilitator' },
      { name: 'Bob', role: 'editor' },
    ]);
    const [, bob] = clients as [TestClient, TestClient];
    clock.advance(120_000);
    // Bob drags 'Newsletter' from strategy to tactic: many frames, one drop.
    for (let frame = 0; frame < 5; frame++) {
      moveCard(bob.doc, 'n', { x: 1500, y: 900 + frame * 100 }, { relevel: false });
    }
    moveCard(bob.doc, 'n', dropPointIn('tactic'));
    await stored(test, board, bob);
    // Then types in its title, a keystroke at a time (the server stamps each as it stores it).
    for (const char of ' (monthly)') {
      clock.advance(500);
      const title = getCardMap(bob.doc, 'n')!.get('title') as Y.Text;
      title.insert(title.length, char);
      await stored(test, board, bob);
    }
    clock.advance(1000);
    linkCards(bob.doc, 'n', 's', null, 'l-ns');
    await stored(test, board, bob);
    const { status, body } = await api(
      test,
      `/boards/${board.id}/cards/n/activity`,
      board.tokens.viewer,
    );
    expect(status).toBe(200);
    const entries = body.entries as ActivityEntry[];
    expect(entries.slice(0, 3).map((entry) => [entry.action, entry.actor])).toEqual([
      ['linked', 'Bob'],
      ['edited', 'Bob'],
      ['moved', 'Bob'],
    ]);
    // Made and linked to the objective by Ana in one transaction, two minutes before.
    expect(
      entries
        .slice(3)
        .map((entry) => [entry.action, entry.actor])
        .sort(),
    ).toEqual([
      ['created', 'Ana'],
      ['linked', 'Ana'],
    ]);
    expect(entries[2]).toMatchObject({ fromLane: 'strategy', toLane: 'tactic', role: 'editor' });
    expect(entries[1]).toMatchObject({ field: 'title', cardTitle: 'Newsletter (monthly)' });
    expect(entries[1]!.at - entries[1]!.since).toBe(4500); // ten keystrokes, one entry
    expect(entries[0]).toMatchObject({ otherCardId: 's', otherCardTitle: 'Win SMEs in Brittany' });
    const other = await api(
      test,
      `/boards/${board.id}/cards/s/activity?limit=1`,
      board.tokens.viewer,
    );
    expect(other.body.entries).toHaveLength(1);
    expect(other.body.entries[0]).toMatchObject({ action: 'linked', otherCardId: 'n' });
    expect(
      (await api(test, `/boards/${board.id}/cards/s/activity?limit=0`, board.tokens.viewer)).status,
    ).toBe(400);
    // A restore is in the cards' activity too, under the facilitator's name.
    const version = await nameVersion(test, board, 'v');
    clock.advance(1000);
    deleteCard(bob.doc, 'n');
    await stored(test, board, bob);
    clock.advance(1000);
    await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore-card`,
      board.tokens.facilitator,
      {
        method: 'POST',
        body: { cardId: 'n', by: 'Ana' },
      },
    );
    const restored = await api(test, `/boards/${board.id}/cards/n/activity`, board.tokens.viewer);
    expect(
      restored.body.entries.slice(0, 2).map((entry: ActivityEntry) => [entry.action, entry.actor]),
    ).toEqual([
      ['restored', 'Ana'],
      ['deleted', 'Bob'],
    ]);
    expect(restored.body.entries[0]).toMatchObject({ version: version.id, role: 'facilitator' });
  });

  it('[S-HIST-9] a version opens as a board file, exports as an attachment, and diffs against now', async () => {
    const { test, board, clients } = await workshopBoard([{ name: 'Bob', role: 'editor' }]);
    const [bob] = clients as [TestClient];
    const version = await nameVersion(test, board, 'v');
    deleteCard(bob.doc, 't');
    addCard(bob.doc, { id: 'new', lane: 'plan', title: 'New plan' });
    moveCard(bob.doc, 'n', dropPointIn('tactic'));
    await stored(test, board, bob);
    const opened = await api(
      test,
      `/boards/${board.id}/versions/${version.id}`,
      board.tokens.viewer,
    );
    expect(opened.status).toBe(200);
    const file = parseBoardFile(JSON.stringify(opened.body.board));
    expect(file.cards.map((card) => card.id)).toEqual(['n', 'o', 's', 't']);
    const exported = await fetch(
      `${test.server.url}/api/boards/${board.id}/versions/${version.id}/export?token=${board.tokens.viewer}`,
    );
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="${board.id}-version-${version.id}.fire-triangle.json"`,
    );
    expect(parseBoardFile(await exported.text())).toEqual(file);
    const { body: diff } = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/diff`,
      board.tokens.viewer,
    );
    expect(diff.counts).toMatchObject({ cardsAdded: 1, cardsRemoved: 1, cardsMoved: 1 });
    expect(diff.diff.added.map((card: { id: string }) => card.id)).toEqual(['new']);
    expect(diffBoards(snapshotOfFile(file), await liveBoard(test, board))).toEqual(diff.diff);
    expect(isEmptyDiff(diffBoards(snapshotOfFile(file), snapshotOfFile(file)))).toBe(true);
    for (const [path, status] of [
      ['/versions/999999', 404],
      ['/versions/abc', 404],
      ['/versions/0', 404],
    ] as const) {
      expect(
        (await api(test, `/boards/${board.id}${path}`, board.tokens.viewer)).status,
        path,
      ).toBe(status);
    }
    const wrongMethod = await api(
      test,
      `/boards/${board.id}/versions/${version.id}/restore`,
      board.tokens.facilitator,
    );
    expect(wrongMethod.status).toBe(405);
    expect(cardsMap(bob.doc).size).toBe(4);
  });
});
