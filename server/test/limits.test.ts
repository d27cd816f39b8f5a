/**
 * [S-LIMIT-*]: message size, rate, connections per board and per address, malformed frames,
 * slow connections and REST body sizes. Each refusal is a documented close code and reason,
 * and the room, the server and every other connection go on.
 */
import { addCard, CLOSE_CODES, cardsMap, cardText, getCardMap } from '@fire-triangle/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  createBoard,
  docsConverged,
  expectUpgradeRefused,
  getJson,
  stateOf,
  type TestServer,
  updateFrame,
  updateThatDecodesButFails,
  useTestHarness,
  waitFor,
  wsBase,
} from './helpers.ts';

function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('limits and bad input', () => {
  const harness = useTestHarness();
  const { connect, raw } = harness;
  let test: TestServer;

  /** A board with two synced editors; checks they still sync after whatever the test did. */
  async function boardWithTwoEditors(overrides = {}) {
    test = await harness.start(overrides);
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([alice.synced, bob.synced]);
    addCard(alice.doc, { lane: 'objective', title: 'Before' });
    await waitFor(() => docsConverged(alice.doc, bob.doc));
    const stillSyncing = async () => {
      const id = addCard(bob.doc, { lane: 'tactic', title: 'Still syncing' });
      await waitFor(() => cardsMap(alice.doc).has(id), { what: 'the room still relays' });
    };
    return { server: test.server, board, alice, bob, stillSyncing };
  }

  it('[S-LIMIT-1] a message over the size limit closes that connection with 4413 and a reason', async () => {
    const { server, board, stillSyncing } = await boardWithTwoEditors({
      maxMessageBytes: 64 * 1024,
    });
    const socket = await raw(server, board.id, board.tokens.editor);
    socket.send(new Uint8Array(100 * 1024));
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_CODES.MESSAGE_TOO_LARGE);
    expect(closed.reason).toBe('message too large: over 65536 bytes');
    expect(
      await metricValue(server.internals.metrics.connectionsClosed, {
        reason: 'message-too-large',
      }),
    ).toBe(1);
    await stillSyncing();
  });

  it('[S-LIMIT-2] a connection over its message rate is closed with 4429', async () => {
    const { server, board, stillSyncing } = await boardWithTwoEditors({
      messagesPerSecond: 10,
      messageBurst: 20,
    });
    const socket = await raw(server, board.id, board.tokens.editor);
    for (let index = 0; index < 40; index++) socket.send(new Uint8Array([3]));
    const closed = await socket.closed;
    expect(closed).toEqual({
      code: CLOSE_CODES.RATE_LIMITED,
      reason: 'rate limited: over 10 messages per second',
    });
    // It answered the burst before closing.
    expect(socket.messages.filter((message) => message[0] === 1).length).toBeGreaterThanOrEqual(19);
    await stillSyncing();
  });

  it('[S-LIMIT-3] a full board refuses one more connection with 4503 (transient)', async () => {
    const { server, board, stillSyncing } = await boardWithTwoEditors({ maxConnectionsPerRoom: 2 });
    const socket = await raw(server, board.id, board.tokens.viewer);
    expect(await socket.closed).toEqual({ code: 4503, reason: 'board is full: 2 connections' });
    expect(
      await metricValue(server.internals.metrics.connectionsRefused, { reason: 'room-full' }),
    ).toBe(1);
    await stillSyncing();
  });

  it('[S-LIMIT-4] one address may hold at most N connections; the N+1th upgrade gets HTTP 429', async () => {
    test = await harness.start({ maxConnectionsPerAddress: 3 });
    const board = await createBoard(test.server);
    const open = [];
    for (let index = 0; index < 3; index++)
      open.push(await raw(test.server, board.id, board.tokens.viewer));
    const url = `${wsBase(test.server)}/${board.id}?token=${board.tokens.viewer}`;
    const refused = await expectUpgradeRefused(url);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatch(/Too many connections from .* \(at most 3\)/);
    open[0]!.ws.close();
    await open[0]!.closed;
    await waitFor(() => test.server.internals.registry.connectionCount === 2);
    const again = await raw(test.server, board.id, board.tokens.viewer);
    expect(again.ws.readyState).toBe(again.ws.OPEN);
  });

  it('[S-LIMIT-5] each kind of malformed frame closes only that connection with 4400 and says why; the board is untouched', async () => {
    const { server, board, alice, stillSyncing } = await boardWithTwoEditors();
    const stored = async () => (await server.internals.store.loadBoard(board.id))!.lastSeq;
    const seqBefore = await stored();
    const boardBefore = stateOf(alice.doc);
    const failing = updateThatDecodesButFails(alice.doc);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['garbage', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01]), /malformed message/],
      ['truncated varint', new Uint8Array([0x80, 0x80]), /truncated or oversized number/],
      ['unknown type', new Uint8Array([42]), /unknown message type 42/],
      ['auth from a client', new Uint8Array([2, 0, 0]), /auth messages/],
      ['unknown sync step', new Uint8Array([0, 7, 0]), /unknown sync step 7/],
      ['length past the end', new Uint8Array([0, 2, 0x7f, 1, 2, 3]), /longer than the message/],
      [
        'update that does not decode',
        updateFrame(new Uint8Array([5, 0xff, 0xff, 0x01, 0x02])),
        /does not decode/,
      ],
      ['update that fails halfway', updateFrame(failing), /update does not apply to this board/],
      ['trailing bytes', new Uint8Array([3, 3]), /trailing bytes/],
      [
        'awareness not JSON',
        awarenessFrame(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b])),
        /not JSON/,
      ],
      ['text frame', 'hello', /text frames/],
    ];
    for (const [name, frame, reason] of cases) {
      const socket = await raw(server, board.id, board.tokens.editor);
      socket.ws.send(frame);
      const closed = await socket.closed;
      expect(closed.code, name).toBe(CLOSE_CODES.MALFORMED_MESSAGE);
      expect(closed.reason, name).toMatch(reason);
    }
    expect(
      await metricValue(server.internals.metrics.connectionsClosed, { reason: 'malformed' }),
    ).toBe(cases.length);
    expect(await stored()).toBe(seqBefore);
    const fresh = connect(server, board.id, board.tokens.viewer);
    await fresh.synced;
    expect(stateOf(fresh.doc)).toBe(boardBefore);
    await stillSyncing();
  });

  it('[S-LIMIT-6] presence is bounded: too many ids on one connection (4400) or too large a state (4413)', async () => {
    const { server, board, stillSyncing } = await boardWithTwoEditors();
    const many = await raw(server, board.id, board.tokens.editor);
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    const states = new Map<number, Record<string, unknown>>();
    for (let id = 1; id <= 20; id++) {
      fake.states.set(id, { n: id });
      fake.meta.set(id, { clock: 1, lastUpdated: 0 });
      states.set(id, { n: id });
    }
    many.send(
      awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(fake, [...states.keys()], states)),
    );
    expect(await many.closed).toEqual({
      code: 4400,
      reason: 'malformed message: too many presence ids on one connection',
    });
    fake.destroy();
    const big = await raw(server, board.id, board.tokens.editor);
    const bigState = new awarenessProtocol.Awareness(new Y.Doc());
    bigState.setLocalState({ blob: 'x'.repeat(100 * 1024) });
    big.send(
      awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(bigState, [bigState.clientID])),
    );
    expect((await big.closed).code).toBe(4413);
    bigState.destroy();
    await stillSyncing();
  });

  it('[S-LIMIT-8] a connection that stops reading is closed as too slow (4504) instead of buffering forever', async () => {
    const { server, board, alice, stillSyncing } = await boardWithTwoEditors({
      maxBufferedBytes: 64 * 1024,
    });
    const stalled = await raw(server, board.id, board.tokens.viewer);
    (stalled.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const card = addCard(alice.doc, { lane: 'plan', title: 'Bulky' });
    // More than the kernel's socket buffers absorb (a few MiB on loopback).
    const tooSlow = async () =>
      (await metricValue(server.internals.metrics.connectionsClosed, { reason: 'too-slow' })) === 1;
    for (let index = 0; index < 400 && !(await tooSlow()); index++) {
      cardText(getCardMap(alice.doc, card)!, 'body').insert(0, 'x'.repeat(64 * 1024));
      if (index % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(tooSlow, { what: 'the stalled connection to be dropped' });
    (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await stalled.closed).code).toBe(CLOSE_CODES.TOO_SLOW);
    await stillSyncing();
  });

  it('[S-LIMIT-7] REST bodies are size-limited (413) and must be JSON (400)', async () => {
    test = await harness.start({ maxImportBytes: 2048 });
    const board = await createBoard(test.server);
    const big = await getJson(`${test.server.url}/api/boards`, {
      method: 'POST',
      body: `{"title":"${'x'.repeat(20_000)}"}`,
    });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/larger than the 16 KiB/);
    const bad = await getJson(`${test.server.url}/api/boards`, {
      method: 'POST',
      body: '{"title":',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not valid JSON/);
    const bigImport = await getJson(
      `${test.server.url}/api/boards/${board.id}/import?token=${board.tokens.facilitator}`,
      { method: 'POST', body: 'x'.repeat(4096) },
    );
    expect(bigImport.status).toBe(413);
    expect(bigImport.body.error).toMatch(/2 KiB/);
  });
});
