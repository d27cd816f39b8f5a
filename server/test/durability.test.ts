/**
 * [S-DUR-*]: what survives a crash, a restart, an idle unload, a compaction and a storage failure.
 */
import { rm } from 'node:fs/promises';
import {
  addCard,
  cardsMap,
  cardText,
  editCard,
  getCardMap,
  metaMap,
  readBoard,
  SCHEMA_VERSION,
} from '@fire-triangle/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metricValue } from '../src/metrics/server-metrics.ts';
import { MemoryBoardStore } from '../src/storage/memory-store.ts';
import {
  connectClient,
  createBoard,
  docsConverged,
  fetchServerDoc,
  getJson,
  makeDataDir,
  openRawSocket,
  type ServerProcess,
  sleep,
  spawnServer,
  startTestServer,
  stateOf,
  type TestClient,
  waitFor,
} from './helpers.ts';

/** Whether `doc` already holds everything in `update` (applying it to a copy changes nothing). */
function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let changed = false;
  copy.on('update', () => {
    changed = true;
  });
  Y.applyUpdate(copy, update);
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return !changed && !pending;
}

describe('durability', () => {
  const clients: TestClient[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };

  it('[S-DUR-1] kill -9 mid-stream: every update a client received is on disk; all converge after restart', async () => {
    const dataDir = await makeDataDir();
    const processes: ServerProcess[] = [];
    cleanups.push(async () => {
      for (const server of processes)
        if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });
    const first = await spawnServer(['--port', '0', '--data-dir', dataDir]);
    processes.push(first);
    const board = await createBoard(first, { title: 'Crash test' });

    // Three editors, each recording what it received from the server.
    const writers = Array.from({ length: 3 }, (_, index) => {
      const client = connect(first, board.id, board.tokens.editor);
      const received: Uint8Array[] = [];
      client.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === client.provider) received.push(update);
      });
      return { client, received, index, made: 0 };
    });
    await Promise.all(writers.map((writer) => writer.client.synced));
    const ownCard = writers.map((writer) =>
      addCard(writer.client.doc, { lane: 'tactic', title: `writer ${writer.index}` }),
    );

    // A stream of edits from everyone: new cards and typing into each writer's own card.
    let editing = true;
    const loops = writers.map(async (writer) => {
      while (editing) {
        writer.made += 1;
        if (writer.made % 3 === 0) {
          addCard(writer.client.doc, { lane: 'plan', title: `w${writer.index}-${writer.made}` });
        } else {
          const card = getCardMap(writer.client.doc, ownCard[writer.index]!)!;
          Y.transact(writer.client.doc, () =>
            cardText(card, 'body').insert(0, `${writer.made % 10}`),
          );
        }
        await sleep(2 + writer.index);
      }
    });

    // Kill the server when everyone has received a good number of others' edits.
    await waitFor(() => writers.every((writer) => writer.received.length >= 40), {
      what: 'a stream of relayed edits',
      timeoutMs: 20_000,
    });
    first.child.kill('SIGKILL');
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    // What each client had received from the server when it died.
    const receivedAtCrash = writers.map((writer) => Y.mergeUpdates(writer.received));
    const receivedCounts = writers.map((writer) => writer.received.length);
    // Keep editing offline for a moment, then stop.
    await sleep(100);
    editing = false;
    await Promise.all(loops);
    for (const writer of writers) writer.client.provider.disconnect();

    // Restart on the same data directory and port; look at the board before anyone resyncs.
    const second = await spawnServer(['--port', String(first.port), '--data-dir', dataDir]);
    processes.push(second);
    const stored = await fetchServerDoc(second, board.id, board.tokens.viewer);
    for (const [index, update] of receivedAtCrash.entries()) {
      expect(contains(stored, update), `writer ${index} received updates missing after crash`).toBe(
        true,
      );
    }
    expect(receivedCounts.every((count) => count >= 40)).toBe(true);

    // Everyone reconnects (their unsent edits go up with the sync) and converges.
    for (const writer of writers) writer.client.provider.connect();
    const observer = connect(second, board.id, board.tokens.viewer);
    await waitFor(
      () => docsConverged(observer.doc, ...writers.map((writer) => writer.client.doc)),
      {
        what: 'convergence after restart',
        timeoutMs: 20_000,
      },
    );
    const titles = readBoard(observer.doc).cards.map((card) => card.title);
    for (const writer of writers) expect(titles).toContain(`writer ${writer.index}`);
    // Every edit any writer made is on the board now (addCard every third edit).
    for (const writer of writers) {
      const made = titles.filter((title) => title.startsWith(`w${writer.index}-`)).length;
      expect(made).toBe(Math.floor(writer.made / 3));
    }
  });

  it('[S-DUR-2] a clean restart gives back the identical board', async () => {
    let test = await startTestServer();
    cleanups.push(() => test.cleanup());
    const board = await createBoard(test.server, { title: 'Restart', template: undefined });
    const alice = connect(test.server, board.id, board.tokens.editor);
    await alice.synced;
    for (let index = 0; index < 25; index++)
      addCard(alice.doc, { lane: 'tactic', title: `t${index}` });
    const card = addCard(alice.doc, { lane: 'objective', title: 'Double SMB revenue by 2027' });
    editCard(alice.doc, card, { body: 'Measured on invoices' });
    await waitFor(
      async () => (await test.server.internals.store.loadBoard(board.id))!.lastSeq >= 27,
    );
    const before = await getJson(
      `${test.server.url}/api/boards/${board.id}/export?token=${board.tokens.viewer}`,
    );
    alice.provider.disconnect();
    const dataDir = test.dataDir;
    await test.server.close();
    test = await startTestServer({}, dataDir);
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const after = await getJson(
      `${test.server.url}/api/boards/${board.id}/export?token=${board.tokens.viewer}`,
    );
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    const reloaded = await fetchServerDoc(test.server, board.id, board.tokens.viewer);
    expect(stateOf(reloaded)).toBe(stateOf(alice.doc));
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(alice.doc));
  });

  it('[S-DUR-3] an idle board is unloaded after the delay and reloads identically', async () => {
    const test = await startTestServer({ idleUnloadMs: 100 });
    cleanups.push(() => test.cleanup());
    const { registry, metrics, store } = test.server.internals;
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    await alice.synced;
    for (let index = 0; index < 10; index++)
      addCard(alice.doc, { lane: 'strategy', title: `s${index}` });
    await waitFor(() => registry.loaded(board.id)?.pendingLogLength === 10, {
      what: '10 stored updates',
    });
    // Still loaded while someone is connected, however long.
    await sleep(250);
    expect(registry.loaded(board.id)).toBeDefined();
    const expected = stateOf(alice.doc);
    alice.destroy();
    clients.splice(clients.indexOf(alice), 1);
    await waitFor(() => registry.roomCount === 0, { what: 'idle unload' });
    expect(await metricValue(metrics.roomUnloads)).toBeGreaterThanOrEqual(1);
    // Unloading compacted the log into the snapshot.
    const stored = (await store.loadBoard(board.id))!;
    expect(stored.updates).toHaveLength(0);
    expect(stored.snapshot).not.toBeNull();
    const reloaded = await fetchServerDoc(test.server, board.id, board.tokens.viewer);
    expect(stateOf(reloaded)).toBe(expected);
  });

  it('[S-DUR-4] the update log is compacted into a snapshot in the background past N updates', async () => {
    const test = await startTestServer({ compactAfterUpdates: 20 });
    cleanups.push(() => test.cleanup());
    const { store, metrics } = test.server.internals;
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([alice.synced, bob.synced]);
    // Five bursts of 25 edits: each burst passes the threshold once.
    for (let burst = 0; burst < 5; burst++) {
      for (let index = 0; index < 25; index++) {
        addCard(index % 2 ? alice.doc : bob.doc, { lane: 'tactic', title: `t${burst}-${index}` });
      }
      await waitFor(async () => (await metricValue(metrics.compactions)) === burst + 1, {
        what: `compaction ${burst + 1}`,
      });
    }
    await waitFor(() => docsConverged(alice.doc, bob.doc) && cardsMap(alice.doc).size === 125);
    const stored = (await store.loadBoard(board.id))!;
    expect(stored.lastSeq).toBe(125);
    expect(stored.updates.length).toBeLessThan(20);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, stored.snapshot!);
    for (const update of stored.updates) Y.applyUpdate(rebuilt, update);
    expect(stateOf(rebuilt)).toBe(stateOf(alice.doc));
  });

  it('[S-DUR-5] a prototype (v0) board is migrated on load; a board from a newer version is refused with 4409', async () => {
    const test = await startTestServer();
    cleanups.push(() => test.cleanup());
    const { store } = test.server.internals;
    // A v0 board as the first prototype stored it: x/y keys and a plain-string title.
    const legacy = new Y.Doc();
    legacy.transact(() => {
      const card = new Y.Map<unknown>();
      cardsMap(legacy).set('c_old', card);
      card.set('id', 'c_old');
      card.set('lane', 'objective');
      card.set('x', 1500);
      card.set('y', 300);
      card.set('text', 'Legacy objective');
    });
    await store.createBoard('legacy-board', Y.encodeStateAsUpdate(legacy));
    const { signToken } = await import('../src/auth/tokens.ts');
    const token = signToken(test.server.internals.secret, {
      boardId: 'legacy-board',
      role: 'editor',
    });
    const client = connect(test.server, 'legacy-board', token);
    await client.synced;
    const migrated = readBoard(client.doc);
    expect(migrated.meta.schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrated.cards[0]).toMatchObject({
      title: 'Legacy objective',
      position: { x: 1500, y: 300 },
    });
    // The migration was stored like any update.
    expect((await store.loadBoard('legacy-board'))!.lastSeq).toBeGreaterThanOrEqual(1);

    const future = new Y.Doc();
    metaMap(future).set('schemaVersion', SCHEMA_VERSION + 1);
    await store.createBoard('future-board', Y.encodeStateAsUpdate(future));
    const futureToken = signToken(test.server.internals.secret, {
      boardId: 'future-board',
      role: 'viewer',
    });
    const raw = await openRawSocket(test.server, 'future-board', futureToken);
    const closed = await raw.closed;
    expect(closed.code).toBe(4409);
    expect(closed.reason).toMatch(/board too new/);
    const info = await getJson(`${test.server.url}/api/boards/future-board?token=${futureToken}`);
    expect(info.status).toBe(409);
    expect(info.body.error).toMatch(/newer/);
    // The stored board is untouched.
    expect((await store.loadBoard('future-board'))!.lastSeq).toBe(0);
  });

  it('[S-DUR-6][S-DUR-9] when storage fails, nothing unstored is relayed and /healthz says so; clients reconnect and converge once it is back', async () => {
    class FlakyStore extends MemoryBoardStore {
      failing = false;
      override async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
        if (this.failing) throw new Error('disk full');
        return super.appendUpdate(boardId, update);
      }
    }
    const flaky = new FlakyStore();
    const test = await startTestServer({}, undefined, { store: flaky });
    cleanups.push(() => test.cleanup());
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([alice.synced, bob.synced]);
    const closes: number[] = [];
    bob.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    flaky.failing = true;
    const lost = addCard(alice.doc, {
      lane: 'objective',
      title: 'Written while the disk was full',
    });
    await waitFor(() => closes.includes(4500), { what: 'Bob closed with 4500' });
    expect(cardsMap(bob.doc).has(lost)).toBe(false);
    // [S-DUR-9] /healthz says so while edits cannot be stored, whatever its own probe managed.
    const health = await getJson(`${test.server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'store-unavailable' });
    expect(String(health.body.reason)).toMatch(/disk full/);
    expect(await flaky.loadBoard(board.id).then((stored) => stored!.lastSeq)).toBe(0);
    flaky.failing = false;
    // 4500 is transient: the stock clients reconnect, Alice's client resends its edit.
    await waitFor(() => cardsMap(bob.doc).has(lost) && docsConverged(alice.doc, bob.doc), {
      what: 'convergence after the store recovered',
      timeoutMs: 15_000,
    });
    expect((await flaky.loadBoard(board.id))!.lastSeq).toBeGreaterThanOrEqual(1);
    expect((await getJson(`${test.server.url}/healthz`)).status).toBe(200);
  });
});
