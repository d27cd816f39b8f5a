/**
 * Several instances on one PostgreSQL and one Redis (S-SCALE-*), in this process: each test has
 * its own PostgreSQL schema and Redis key prefix, and starts two or three real servers on them
 * with stock y-websocket clients spread over the instances. Killing instances (kill -9) and
 * restarts are in `scale-processes.test.ts`.
 */
import {
  addCard,
  cardsMap,
  editCard,
  encodeFrame,
  metaMap,
  readBoard,
  readSession,
} from '@fire-triangle/shared';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FOLLOWER_DEADLINE_GRACE_MS } from '../src/facilitation/board-facilitation.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import type { ServerConfig } from '../src/server.ts';
import { sayHello } from './ft-client.ts';
import {
  createBoard,
  docsConverged,
  expectUpgradeRefused,
  getJson,
  sleep,
  stateOf,
  useTestHarness,
  waitFor,
  wsBase,
} from './helpers.ts';
import { dropSchema, sql, testDatabaseUrl, testRedisUrl, uniqueName } from './services.ts';

/** A deployment: one schema, one prefix; `start` adds an instance to it. */
function useDeployment() {
  const harness = useTestHarness();
  let schema = '';
  let prefix = '';
  const dropped: string[] = [];
  afterEach(async () => {
    schema = '';
    prefix = '';
    for (const name of dropped.splice(0)) await dropSchema(name);
  });
  return {
    ...harness,
    get schema() {
      return schema;
    },
    get prefix() {
      return prefix;
    },
    fresh() {
      schema = uniqueName();
      prefix = uniqueName();
      dropped.push(schema);
    },
    /** Two instances with `overrides`, a board, and an editor connected (and synced) to each. */
    async twoClients(overrides: Partial<ServerConfig> = {}) {
      const a = await this.instance(overrides);
      const b = await this.instance(overrides);
      const board = await createBoard(a.server);
      const onA = harness.connect(a.server, board.id, board.tokens.editor);
      const onB = harness.connect(b.server, board.id, board.tokens.editor);
      await Promise.all([onA.synced, onB.synced]);
      return { a, b, board, onA, onB };
    },
    async instance(overrides: Partial<ServerConfig> = {}) {
      if (!schema) this.fresh();
      return harness.start({
        store: 'postgres',
        databaseUrl: testDatabaseUrl(),
        pgSchema: schema,
        redisUrl: testRedisUrl(),
        redisPrefix: prefix,
        awarenessBatchMs: 0,
        catchUpIntervalMs: 200,
        ...overrides,
      });
    },
  };
}

describe('several instances', () => {
  const deployment = useDeployment();

  it('[S-SCALE-3] clients on two instances converge, and each instance stores every update once', async () => {
    const { a, b, board, onA, onB } = await deployment.twoClients();
    const fromA = addCard(onA.doc, { lane: 'plan', title: 'from A' });
    const fromB = addCard(onB.doc, { lane: 'tactic', title: 'from B' });
    for (let index = 0; index < 20; index++) {
      editCard(onA.doc, fromA, { title: `A ${index}` });
      editCard(onB.doc, fromB, { title: `B ${index}` });
    }
    await waitFor(() => docsConverged(onA.doc, onB.doc), { what: 'the two clients to converge' });
    expect(cardsMap(onA.doc).size).toBe(2);
    // Every update was stored by the instance that received it, and by no other: each stored
    // row was published once, by the instance that stored it (a row may hold several client
    // updates merged by a group commit, S-PERF-2, never another instance's).
    const stored = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM "${deployment.schema}".updates WHERE board_id = $1`,
      [board.id],
    );
    const published = { direction: 'published', kind: 'update' } as const;
    const rowsPublished =
      (await metricValue(a.server.internals.metrics.replicaMessages, published)) +
      (await metricValue(b.server.internals.metrics.replicaMessages, published));
    const applied =
      (await metricValue(a.server.internals.metrics.updatesApplied)) +
      (await metricValue(b.server.internals.metrics.updatesApplied));
    expect(Number(stored[0]!.n)).toBe(rowsPublished);
    expect(Number(stored[0]!.n)).toBeLessThanOrEqual(applied);
    expect(applied).toBeGreaterThanOrEqual(42); // two cards added, 20 edits on each
    expect(
      await metricValue(b.server.internals.metrics.replicaMessages, {
        direction: 'received',
        kind: 'update',
      }),
    ).toBeGreaterThan(0);
  });

  it('[S-SCALE-3] three instances, six clients spread over them, concurrent edits: all converge to what is stored', async () => {
    const instances = [
      await deployment.instance(),
      await deployment.instance(),
      await deployment.instance(),
    ];
    const board = await createBoard(instances[0]!.server);
    const clients = Array.from({ length: 6 }, (_, index) =>
      deployment.connect(instances[index % 3]!.server, board.id, board.tokens.editor),
    );
    await Promise.all(clients.map((client) => client.synced));
    const ids = clients.map((client, index) =>
      addCard(client.doc, { lane: 'plan', title: `card ${index}` }),
    );
    for (let round = 0; round < 15; round++) {
      clients.forEach((client, index) => {
        editCard(client.doc, ids[index]!, { title: `card ${index} round ${round}` });
      });
      await sleep(5);
    }
    await waitFor(() => docsConverged(...clients.map((client) => client.doc)), {
      what: 'six clients on three instances to converge',
    });
    // A client joining later, on any instance, gets exactly that board.
    const late = deployment.connect(instances[2]!.server, board.id, board.tokens.viewer);
    await late.synced;
    await waitFor(() => stateOf(late.doc) === stateOf(clients[0]!.doc), {
      what: 'a late joiner to get the whole board',
    });
  });

  it('[S-SCALE-3] an update Redis never delivered is read from PostgreSQL (periodic check), and a gap in seqs at once', async () => {
    const { a, b, board, onA, onB } = await deployment.twoClients();
    // An update stored behind both instances' backs, as if its instance died before publishing.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(onA.doc));
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    addCard(writer, { lane: 'objective', title: 'never published' });
    const storeOfA = a.server.internals.store;
    await storeOfA.appendUpdate(board.id, Y.mergeUpdates(updates));
    await waitFor(() => [...cardsMap(onB.doc).values()].length === 1, {
      what: 'the periodic check to bring the unpublished update to B’s client',
    });
    expect(
      await metricValue(b.server.internals.metrics.replicaCatchUps, { reason: 'sweep' }),
    ).toBeGreaterThan(0);
    // Then a published update whose predecessor was not published: a gap, read at once.
    updates.length = 0;
    addCard(writer, { lane: 'strategy', title: 'hidden' });
    await storeOfA.appendUpdate(board.id, Y.mergeUpdates(updates));
    addCard(onA.doc, { lane: 'plan', title: 'published' });
    await waitFor(() => cardsMap(onB.doc).size === 3, { what: 'B’s client to get both' });
    await waitFor(() => docsConverged(onA.doc, onB.doc), { what: 'convergence' });
  });

  it('[S-SCALE-4] presence crosses instances, and leaves everywhere when its connection ends', async () => {
    const a = await deployment.instance();
    const b = await deployment.instance();
    const board = await createBoard(a.server);
    const onA = deployment.connect(a.server, board.id, board.tokens.editor);
    await onA.synced;
    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    // B loads the board after Ada is there: it asks who is here.
    const onB = deployment.connect(b.server, board.id, board.tokens.editor);
    await onB.synced;
    const names = (client: typeof onA) =>
      [...client.provider.awareness.getStates().values()]
        .map((state) => (state.user as { name?: string } | undefined)?.name)
        .filter(Boolean)
        .sort();
    await waitFor(() => names(onB).includes('Ada'), { what: 'B to see Ada' });
    onB.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => names(onA).includes('Bob'), { what: 'A to see Bob' });
    // Bob leaves (his socket closes): A's client no longer sees him.
    onB.provider.disconnect();
    await waitFor(() => !names(onA).includes('Bob'), { what: 'Bob to leave A’s screen' });
    // Bob's echo of Ada's presence, relayed through B, never made B "own" Ada: she stays.
    expect(names(onA)).toEqual(['Ada']);
  });

  it('[S-SCALE-7] compaction runs on one instance at a time, from the stored rows, and loses nothing', async () => {
    const { a, b, board, onA, onB } = await deployment.twoClients({ compactAfterUpdates: 20 });
    const card = addCard(onA.doc, { lane: 'plan', title: 'x' });
    await waitFor(() => cardsMap(onB.doc).has(card), { what: 'the card on B' });
    for (let index = 0; index < 120; index++) {
      editCard(index % 2 ? onA.doc : onB.doc, card, { title: `t${index}` });
      if (index % 10 === 0) await sleep(10);
    }
    await waitFor(() => docsConverged(onA.doc, onB.doc), { what: 'convergence' });
    const compactions =
      (await metricValue(a.server.internals.metrics.compactions)) +
      (await metricValue(b.server.internals.metrics.compactions));
    expect(compactions).toBeGreaterThan(0);
    // Two holders of the lock at once would show as a snapshot that lost a title: a fresh
    // client on a third instance, loading from the store, sees the last title.
    const c = await deployment.instance();
    const fresh = deployment.connect(c.server, board.id, board.tokens.viewer);
    await fresh.synced;
    await waitFor(() => stateOf(fresh.doc) === stateOf(onA.doc), { what: 'the stored board' });
    const rows = await sql<{ snapshot_seq: string; last_seq: string }>(
      `SELECT snapshot_seq, last_seq FROM "${deployment.schema}".boards WHERE id = $1`,
      [board.id],
    );
    expect(Number(rows[0]!.snapshot_seq)).toBeGreaterThan(0);
  });

  it('[S-SCALE-8] a frame broadcast on a board reaches the connections of every instance that read its type', async () => {
    const { a, b, board } = await deployment.twoClients();
    const raw = await deployment.raw(b.server, board.id, board.tokens.editor);
    raw.send(encodeFrame({ type: 'hello', accepts: ['write-refused'] }));
    await sleep(100);
    const roomOnA = a.server.internals.registry.loaded(board.id)!;
    const frame = { type: 'write-refused' as const, refusals: [] };
    roomOnA.broadcastFrame(frame);
    await waitFor(() => raw.messages.some((message) => message[0] === 100), {
      what: 'the frame on B’s connection',
    });
  });

  it('[S-SCALE-5] connection limits per address and per board count every instance’s connections', async () => {
    const a = await deployment.instance({
      maxConnectionsPerAddress: 3,
      maxConnectionsPerRoom: 100,
    });
    const b = await deployment.instance({
      maxConnectionsPerAddress: 3,
      maxConnectionsPerRoom: 100,
    });
    const board = await createBoard(a.server);
    const token = encodeURIComponent(board.tokens.editor);
    await deployment.raw(a.server, board.id, board.tokens.editor);
    await deployment.raw(a.server, board.id, board.tokens.editor);
    await deployment.raw(b.server, board.id, board.tokens.editor);
    const refused = await expectUpgradeRefused(`${wsBase(b.server)}/${board.id}?token=${token}`);
    expect(refused.status).toBe(429);
    deployment.closeConnections();
    await waitFor(
      async () => {
        try {
          (await deployment.raw(b.server, board.id, board.tokens.editor)).ws.terminate();
          return true;
        } catch {
          return false;
        }
      },
      { what: 'a slot to be given back on every instance' },
    );
  });

  it('[S-SCALE-5] the board connection cap counts every instance; a dead instance’s slots stop counting', async () => {
    const a = await deployment.instance({ maxConnectionsPerRoom: 2 });
    const b = await deployment.instance({ maxConnectionsPerRoom: 2 });
    const board = await createBoard(a.server);
    await deployment.raw(a.server, board.id, board.tokens.editor);
    await deployment.raw(b.server, board.id, board.tokens.editor);
    const third = await deployment.raw(b.server, board.id, board.tokens.editor);
    const closed = await third.closed;
    expect(closed.code).toBe(4503);
    // An instance whose liveness key expired (it died) no longer counts: drop A's key.
    const redis = new Redis(testRedisUrl());
    await redis.del(`${deployment.prefix}:instance:${a.server.internals.instances.instanceId}`);
    redis.disconnect();
    const fourth = await deployment.raw(b.server, board.id, board.tokens.editor);
    expect(fourth.ws.readyState).toBe(fourth.ws.OPEN);
  });

  it('[S-SCALE-5] board creations per address are counted over every instance', async () => {
    const a = await deployment.instance({ boardCreationsPerMinute: 2 });
    const b = await deployment.instance({ boardCreationsPerMinute: 2 });
    await createBoard(a.server);
    await createBoard(b.server);
    const third = await fetch(`${a.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(third.status).toBe(429);
  });

  it('[S-SCALE-7] idle unload is per instance: one instance unloads, the other keeps serving', async () => {
    const { a, b, board, onA, onB } = await deployment.twoClients({ idleUnloadMs: 100 });
    addCard(onA.doc, { lane: 'plan', title: 'before' });
    await waitFor(() => cardsMap(onB.doc).size === 1, { what: 'the card on B' });
    onA.destroy();
    await waitFor(() => a.server.internals.registry.loaded(board.id) === undefined, {
      what: 'A to unload the board',
    });
    addCard(onB.doc, { lane: 'plan', title: 'after' });
    const info = await getJson(
      `${b.server.url}/api/boards/${board.id}?token=${board.tokens.editor}`,
    );
    expect(info.status).toBe(200);
    const again = deployment.connect(a.server, board.id, board.tokens.editor);
    await again.synced;
    await waitFor(() => cardsMap(again.doc).size === 2, { what: 'A to load both cards' });
    expect(metaMap(again.doc).size).toBeGreaterThan(0);
  });

  it('[S-SCALE-9] the facilitator on instance A runs locks, a vote, bring-everyone and a timer; participants on instance B see them and are held to them', async () => {
    const { a, b, board, onA, onB } = await deployment.twoClients();
    for (const lane of ['objective', 'plan'] as const) {
      addCard(onA.doc, { id: lane, lane, title: `${lane} card` });
    }
    await waitFor(() => cardsMap(onB.doc).size === 2, { what: 'the cards on B' });
    const facilitator = await sayHello(
      await deployment.raw(a.server, board.id, board.tokens.facilitator),
    );
    const voter = await sayHello(await deployment.raw(b.server, board.id, board.tokens.editor));

    // A lock set on A holds a stock editor on B.
    expect(
      await facilitator.command({ name: 'lock', lanes: ['plan'], locked: true }),
    ).toMatchObject({ ok: true });
    await waitFor(() => readSession(onB.doc).locks.lanes.includes('plan'), {
      what: 'the lock on B’s client',
    });
    editCard(onB.doc, 'plan', { title: 'written into a locked lane' });
    editCard(onB.doc, 'objective', { title: 'allowed' });
    const title = (doc: Y.Doc, id: string) =>
      readBoard(doc).cards.find((card) => card.id === id)?.title;
    await waitFor(
      () => title(onB.doc, 'plan') === 'plan card' && title(onA.doc, 'objective') === 'allowed',
      { what: 'the refused edit rolled back on B, the allowed one everywhere' },
    );
    expect(await metricValue(b.server.internals.metrics.writesRefused, { reason: 'locked' })).toBe(
      1,
    );

    // A vote started on A: the voter on B is told, votes on B, and A's facilitator sees the
    // progress; the reveal on A counts B's dots.
    expect(
      await facilitator.command({
        name: 'vote-start',
        scope: { kind: 'lanes', lanes: ['objective', 'plan'] },
        dotsPerPerson: 2,
        maxDotsPerCard: 2,
        durationMs: null,
      }),
    ).toMatchObject({ ok: true });
    await waitFor(() => voter.framesOf('my-votes').length > 0, { what: 'my-votes on B' });
    const voteId = voter.framesOf('my-votes')[0]!.voteId;
    expect(voter.framesOf('my-votes')[0]).toMatchObject({ dots: {}, remaining: 2 });
    expect(
      await voter.command({ name: 'set-dots', voteId, cardId: 'plan', dots: 2 }),
    ).toMatchObject({ ok: true });
    // Held to the vote's rules on B as on A: no third dot.
    expect(
      await voter.command({ name: 'set-dots', voteId, cardId: 'objective', dots: 1 }),
    ).toMatchObject({ ok: false, error: 'no-dots-left' });
    await waitFor(
      () =>
        facilitator
          .framesOf('vote-progress')
          .some((frame) => frame.voteId === voteId && frame.voters === 1 && frame.finished === 1),
      { what: 'the progress on A' },
    );
    // The dots themselves never reach A's facilitator before the reveal.
    expect(
      facilitator.framesOf('my-votes').every((frame) => Object.keys(frame.dots).length === 0),
    ).toBe(true);
    expect(await facilitator.command({ name: 'vote-reveal' })).toMatchObject({ ok: true });
    await waitFor(() => readSession(onB.doc).vote?.state === 'revealed', {
      what: 'the reveal on B',
    });
    expect(readSession(onB.doc).vote).toMatchObject({
      results: [{ cardId: 'plan', dots: 2 }],
      voters: 1,
    });

    // Bring everyone: from A to the Fire Triangle client on B, not back to the facilitator.
    const viewport = { centre: { x: 100, y: 200 }, zoom: 1.5 };
    expect(await facilitator.command({ name: 'bring-everyone', viewport })).toMatchObject({
      ok: true,
    });
    await waitFor(() => voter.framesOf('bring-everyone').length === 1, {
      what: 'bring-everyone on B',
    });
    expect(voter.framesOf('bring-everyone')[0]).toMatchObject({ viewport });
    expect(facilitator.framesOf('bring-everyone')).toEqual([]);

    // A timer started on A ends on B's screen — written once, by A.
    expect(await facilitator.command({ name: 'timer-start', durationMs: 1_000 })).toMatchObject({
      ok: true,
    });
    await waitFor(() => readSession(onB.doc).timer.state === 'running', { what: 'B’s timer' });
    await waitFor(() => readSession(onB.doc).timer.state === 'finished', {
      what: 'the timer finished on B',
    });
    const finishedSeq = a.server.internals.registry.loaded(board.id)!.storedSeq;
    await sleep(FOLLOWER_DEADLINE_GRACE_MS + 300);
    // B did not write it a second time (A's write reached it within its grace).
    expect(b.server.internals.registry.loaded(board.id)!.storedSeq).toBe(finishedSeq);

    // A timer whose instance dies before its end is finished by the instance left (after its grace).
    expect(await facilitator.command({ name: 'timer-start', durationMs: 1_000 })).toMatchObject({
      ok: true,
    });
    await waitFor(() => readSession(onB.doc).timer.state === 'running', { what: 'the new timer' });
    facilitator.raw.ws.terminate();
    onA.destroy();
    await a.server.close();
    await waitFor(() => readSession(onB.doc).timer.state === 'finished', {
      what: 'B to finish the timer of the instance that is gone',
      timeoutMs: 1_000 + FOLLOWER_DEADLINE_GRACE_MS + 3_000,
    });
  });
});
