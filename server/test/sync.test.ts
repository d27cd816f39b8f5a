/**
 * [S-PROTO-*] and [S-PRES-*]: the stock y-websocket client against a real server on port 0.
 */
import {
  addCard,
  cardsMap,
  editCard,
  linkCards,
  readBoard,
  TEMPLATES,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  connectClient,
  createBoard,
  docsConverged,
  openRawSocket,
  startTestServer,
  stateOf,
  syncStep1Frame,
  type TestClient,
  type TestServer,
  waitFor,
} from './helpers.ts';

interface Presence {
  cursor?: { x: number; y: number };
}

describe('sync protocol', () => {
  let test: TestServer;
  const clients: TestClient[] = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    test = await startTestServer({ awarenessBatchMs: 20 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await test.cleanup();
  });

  it('[S-PROTO-1] the stock WebsocketProvider connects unchanged and syncs the board', async () => {
    const board = await createBoard(test.server, { title: 'Q3', language: 'en' });
    const client = connect(test.server, board.id, board.tokens.editor);
    await client.synced;
    expect(readBoard(client.doc).meta).toMatchObject({ title: 'Q3', language: 'en' });
    expect(client.provider.wsconnected).toBe(true);
  });

  it('[S-PROTO-2] two clients editing concurrently converge, through the server only', async () => {
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.facilitator);
    await Promise.all([alice.synced, bob.synced]);

    const objective = addCard(alice.doc, { lane: 'objective', title: 'Grow revenue 10% by 2027' });
    const strategy = addCard(bob.doc, { lane: 'strategy', title: 'Focus on SMB' });
    await waitFor(() => cardsMap(alice.doc).has(strategy) && cardsMap(bob.doc).has(objective), {
      what: 'both cards on both sides',
    });
    // Concurrent typing in one card's title merges character by character.
    editCard(alice.doc, objective, { title: 'Grow revenue 10% in France by 2027' });
    editCard(bob.doc, objective, { title: 'Grow revenue 12% by 2027' });
    linkCards(bob.doc, strategy, objective);
    await waitFor(() => docsConverged(alice.doc, bob.doc), { what: 'convergence' });
    expect(readBoard(alice.doc).links).toHaveLength(1);
    expect(readBoard(alice.doc)).toEqual(readBoard(bob.doc));
  });

  it('[S-PROTO-2] a client joining later receives everything', async () => {
    const board = await createBoard(test.server, { template: TEMPLATES[0]!.id });
    const first = connect(test.server, board.id, board.tokens.editor);
    const second = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([first.synced, second.synced]);
    for (let index = 0; index < 30; index++) {
      const writer = index % 2 === 0 ? first : second;
      addCard(writer.doc, { lane: 'tactic', title: `tactic ${index}` });
    }
    await waitFor(() => docsConverged(first.doc, second.doc), { what: 'first two converge' });
    const late = connect(test.server, board.id, board.tokens.viewer);
    await late.synced;
    expect(stateOf(late.doc)).toBe(stateOf(first.doc));
    expect(
      readBoard(late.doc).cards.filter((card) => card.title.startsWith('tactic ')),
    ).toHaveLength(30);
  });

  it('[S-PROTO-3] the board is loaded before the first sync reply: the first step 2 already holds it', async () => {
    const board = await createBoard(test.server, { title: 'Loaded first' });
    const writer = connect(test.server, board.id, board.tokens.editor);
    await writer.synced;
    addCard(writer.doc, { lane: 'objective', title: 'Be there from the first reply' });
    await waitFor(
      async () => (await test.server.internals.store.loadBoard(board.id))!.updates.length > 0,
    );
    writer.destroy();
    // Unload the board, then ask a cold server-side room for it over a raw socket.
    await test.server.close();
    test = await startTestServer({}, test.dataDir);
    const raw = await openRawSocket(test.server, board.id, board.tokens.viewer);
    raw.send(syncStep1Frame(new Y.Doc()));
    await waitFor(() => raw.messages.some((message) => message[0] === 0 && message[1] === 1));
    const reply = raw.messages.find((message) => message[0] === 0 && message[1] === 1)!;
    const decoder = decoding.createDecoder(reply);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    expect(readBoard(doc).meta.title).toBe('Loaded first');
    expect(readBoard(doc).cards.map((card) => card.title)).toEqual([
      'Be there from the first reply',
    ]);
    raw.ws.close();
  });

  it('[S-PROTO-4] a client’s offline edits reach the others when it reconnects', async () => {
    const board = await createBoard(test.server);
    const online = connect(test.server, board.id, board.tokens.editor);
    const traveller = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([online.synced, traveller.synced]);
    traveller.provider.disconnect();
    const offline = addCard(traveller.doc, { lane: 'plan', title: 'Written on the train' });
    addCard(online.doc, { lane: 'tactic', title: 'Written at the office' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cardsMap(online.doc).has(offline)).toBe(false);
    traveller.provider.connect();
    await waitFor(() => docsConverged(online.doc, traveller.doc), { what: 'reconnect merge' });
    expect(cardsMap(online.doc).has(offline)).toBe(true);
  });

  it('[S-PRES-1] presence reaches the others and is cleared when a client leaves', async () => {
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', colour: '#e4572e' });
    alice.provider.awareness.setLocalStateField('cursor', { x: 100, y: 200 });
    const aliceId = alice.doc.clientID;
    await waitFor(
      () =>
        (bob.provider.awareness.getStates().get(aliceId) as Presence | undefined)?.cursor?.x ===
        100,
      { what: 'Alice’s cursor at Bob' },
    );
    expect(bob.provider.awareness.getStates().get(aliceId)).toMatchObject({
      user: { name: 'Alice' },
    });
    // A viewer's presence reaches editors too.
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
    await waitFor(() => alice.provider.awareness.getStates().has(bob.doc.clientID), {
      what: 'Bob at Alice',
    });

    // Alice's tab closes without a goodbye message: the server clears her presence.
    (alice.provider.ws as unknown as { terminate(): void }).terminate();
    alice.provider.shouldConnect = false;
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), {
      what: 'Alice cleared at Bob',
    });
  });

  it('[S-PRES-2] presence is batched: many cursor moves in one window reach others as few messages', async () => {
    await test.cleanup();
    test = await startTestServer({ awarenessBatchMs: 200 });
    const board = await createBoard(test.server);
    const movers = Array.from({ length: 5 }, () =>
      connect(test.server, board.id, board.tokens.editor),
    );
    const watcher = await openRawSocket(test.server, board.id, board.tokens.viewer);
    await Promise.all(movers.map((mover) => mover.synced));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = watcher.messages.filter((message) => message[0] === 1).length;
    const broadcastsBefore = await metricValue(test.server.internals.metrics.awarenessBroadcasts);
    // 5 clients × 20 moves, as fast as they can.
    for (let step = 1; step <= 20; step++) {
      for (const mover of movers)
        mover.provider.awareness.setLocalStateField('cursor', { x: step, y: step });
    }
    await waitFor(
      () => {
        const latest = new awarenessProtocol.Awareness(new Y.Doc());
        for (const message of watcher.messages.filter((m) => m[0] === 1)) {
          const decoder = decoding.createDecoder(message);
          decoding.readVarUint(decoder);
          awarenessProtocol.applyAwarenessUpdate(latest, decoding.readVarUint8Array(decoder), null);
        }
        const done = movers.every(
          (mover) =>
            (latest.getStates().get(mover.doc.clientID) as Presence | undefined)?.cursor?.x === 20,
        );
        latest.destroy();
        return done;
      },
      { what: 'the last cursor positions at the watcher' },
    );
    const received = watcher.messages.filter((message) => message[0] === 1).length - before;
    // 100 moves arrive within a window or two of 200 ms (a loaded machine may stretch that).
    expect(received).toBeLessThanOrEqual(5);
    expect(
      (await metricValue(test.server.internals.metrics.awarenessBroadcasts)) - broadcastsBefore,
    ).toBe(received);
    watcher.ws.close();
  });

  it('[S-PRES-3] a query-awareness message is answered with everyone’s presence', async () => {
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    await alice.synced;
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const raw = await openRawSocket(test.server, board.id, board.tokens.viewer);
    raw.messages.length = 0;
    raw.send(new Uint8Array([3]));
    await waitFor(() => raw.messages.some((message) => message[0] === 1));
    const decoder = decoding.createDecoder(raw.messages.find((message) => message[0] === 1)!);
    decoding.readVarUint(decoder);
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(presence, decoding.readVarUint8Array(decoder), null);
    expect(presence.getStates().get(alice.doc.clientID)).toMatchObject({ user: { name: 'Alice' } });
    presence.destroy();
    raw.ws.close();
  });
});
