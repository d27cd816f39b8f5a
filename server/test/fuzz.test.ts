/**
 * [S-LIMIT-9] A few thousand random and mutated frames against a live board: the server stays
 * up, the honest clients keep syncing, memory stays bounded, and the stored board is exactly
 * what the honest clients wrote — nothing an attacker sent landed in it.
 *
 * Seeded (FT_FUZZ_SEED, default 1) and sized (FT_FUZZ_FRAMES, default 3000) so a failure can be
 * replayed. Mutated updates that would be *valid* edits (an editor may edit) are not sent; the
 * oracle for that is a copy of the board the honest clients hold.
 */
import { addCard, cardText, getCardMap, readBoard } from '@fire-triangle/shared';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MalformedMessageError, parseClientMessage } from '../src/protocol/wire-codec.ts';
import {
  connectClient,
  createBoard,
  docsConverged,
  getJson,
  startTestServer,
  stateOf,
  type TestClient,
  type TestServer,
  waitFor,
  wsBase,
} from './helpers.ts';

const SEED = Number(process.env.FT_FUZZ_SEED ?? 1);
const FRAMES = Number(process.env.FT_FUZZ_FRAMES ?? 3000);
const ROUNDS = 6;
const LANES = 8;
const MAX_MESSAGE_BYTES = 64 * 1024;

function frameOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Valid messages to mutate: sync steps and updates that touch the real board, presence, queries. */
function corpusFrom(board: Y.Doc, generator: prng.PRNG): Uint8Array[] {
  const attacker = new Y.Doc();
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(board));
  const updates: Uint8Array[] = [];
  attacker.on('update', (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < 12; index++) {
    const id = addCard(attacker, { lane: 'tactic', title: `attack ${index}` });
    cardText(getCardMap(attacker, id)!, 'body').insert(0, prng.word(generator, 1, 40));
  }
  const frames = updates.map((update) =>
    frameOf((encoder) => {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
    }),
  );
  frames.push(
    frameOf((encoder) => {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, attacker);
    }),
    frameOf((encoder) => {
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep2(encoder, attacker, Y.encodeStateVector(board));
    }),
    new Uint8Array([3]),
  );
  const presence = new awarenessProtocol.Awareness(new Y.Doc());
  presence.setLocalState({ user: { name: 'Mallory' }, cursor: { x: 1, y: 2 } });
  frames.push(
    frameOf((encoder) => {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]),
      );
    }),
  );
  presence.destroy();
  attacker.destroy();
  return frames;
}

function randomBytes(generator: prng.PRNG, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) bytes[index] = prng.int32(generator, 0, 255);
  return bytes;
}

function mutate(generator: prng.PRNG, source: Uint8Array): Uint8Array {
  let bytes = Uint8Array.from(source);
  const operations = prng.int32(generator, 1, 4);
  for (let step = 0; step < operations; step++) {
    const at = prng.int32(generator, 0, Math.max(0, bytes.length - 1));
    switch (prng.int32(generator, 0, 6)) {
      case 0: // flip a bit
        if (bytes.length > 0) bytes[at]! ^= 1 << prng.int32(generator, 0, 7);
        break;
      case 1: // overwrite a byte
        if (bytes.length > 0) bytes[at] = prng.int32(generator, 0, 255);
        break;
      case 2: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 3: // append garbage
        bytes = Uint8Array.from([
          ...bytes,
          ...randomBytes(generator, prng.int32(generator, 1, 16)),
        ]);
        break;
      case 4: // insert garbage
        bytes = Uint8Array.from([
          ...bytes.slice(0, at),
          ...randomBytes(generator, prng.int32(generator, 1, 8)),
          ...bytes.slice(at),
        ]);
        break;
      case 5: // a varint that never ends
        bytes = Uint8Array.from([...bytes.slice(0, at), ...new Uint8Array(12).fill(0xff)]);
        break;
      default: // another message type
        if (bytes.length > 0) bytes[0] = prng.int32(generator, 0, 8);
        break;
    }
  }
  return bytes;
}

/** Would the server accept this frame as a real edit of the board? Those are not attacks. */
function isValidEdit(frame: Uint8Array, board: Y.Doc): boolean {
  let message: ReturnType<typeof parseClientMessage>;
  try {
    message = parseClientMessage(frame);
  } catch (error) {
    if (error instanceof MalformedMessageError) return false;
    throw error;
  }
  if (message.kind !== 'update' && message.kind !== 'sync-step-2') return false;
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(board));
  let changed = false;
  scratch.on('update', () => {
    changed = true;
  });
  try {
    Y.applyUpdate(scratch, message.update);
  } catch {
    return false;
  } finally {
    // An update the doc parks as pending would integrate later: treat it as an edit too.
    changed ||= scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null;
    scratch.destroy();
  }
  return changed;
}

interface FuzzOutcome {
  closed: number;
  survived: number;
  closeCodes: Map<number, number>;
}

/** Opens a connection, sends one frame, then a sync step 1 as a probe; waits for the probe's
 * answer (the frame was handled and the connection lives) or the close. */
function attack(url: string, frame: Uint8Array, outcome: FuzzOutcome): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('the server answered neither the probe nor with a close within 5 s'));
    }, 5000);
    ws.on('error', () => {});
    ws.on('open', () => {
      ws.send(frame);
      ws.send(new Uint8Array([0, 0, 1, 0])); // sync step 1, empty state vector
    });
    let answered = false;
    ws.on('message', (data: Buffer) => {
      if (!answered && data[0] === 0 && data[1] === 1) {
        answered = true;
        ws.close();
      }
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (code === 1005 || code === 1000) {
        outcome.survived++;
      } else {
        outcome.closed++;
        outcome.closeCodes.set(code, (outcome.closeCodes.get(code) ?? 0) + 1);
      }
      resolve();
    });
  });
}

describe('fuzzing a live board', () => {
  let test: TestServer;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    test = await startTestServer({
      maxMessageBytes: MAX_MESSAGE_BYTES,
      messagesPerSecond: 100_000,
      messageBurst: 100_000,
      maxConnectionsPerAddress: 10_000,
      maxConnectionsPerRoom: 10_000,
      awarenessBatchMs: 0,
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await test.cleanup();
  });

  it(`[S-LIMIT-9] ${FRAMES} random and mutated frames: server up, others syncing, memory bounded, board untouched`, async () => {
    const generator = prng.create(SEED);
    const board = await createBoard(test.server, { title: 'Under attack', language: 'en' });
    const alice = connectClient(test.server, board.id, board.tokens.editor);
    const bob = connectClient(test.server, board.id, board.tokens.editor);
    clients.push(alice, bob);
    await Promise.all([alice.synced, bob.synced]);
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
    for (let index = 0; index < 8; index++) {
      addCard(index % 2 ? alice.doc : bob.doc, { lane: 'tactic', title: `honest ${index}` });
    }
    await waitFor(() => docsConverged(alice.doc, bob.doc));
    const honestClients = new Set<number>();
    const serverDoc = async () => {
      const observer = connectClient(test.server, board.id, board.tokens.viewer);
      await observer.synced;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(observer.doc));
      observer.destroy();
      return copy;
    };
    const exportJson = async () =>
      (
        await getJson(
          `${test.server.url}/api/boards/${board.id}/export?token=${board.tokens.viewer}`,
        )
      ).body;
    for (const clientId of Y.decodeStateVector(Y.encodeStateVector(alice.doc)).keys()) {
      honestClients.add(clientId);
    }

    const url = `${wsBase(test.server)}/${board.id}?token=${board.tokens.editor}`;
    const outcome: FuzzOutcome = { closed: 0, survived: 0, closeCodes: new Map() };
    let skippedValidEdits = 0;
    let sent = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    const perRound = Math.ceil(FRAMES / ROUNDS);

    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      const exportBefore = await exportJson();
      const corpus = corpusFrom(alice.doc, generator);
      const frames: Uint8Array[] = [];
      while (frames.length < perRound && sent + frames.length < FRAMES) {
        const pick = prng.int32(generator, 0, 99);
        let frame: Uint8Array;
        if (pick < 20) frame = randomBytes(generator, prng.int32(generator, 0, 64));
        else if (pick < 22) frame = randomBytes(generator, MAX_MESSAGE_BYTES + 1024);
        else frame = mutate(generator, prng.oneOf(generator, corpus));
        if (isValidEdit(frame, alice.doc)) {
          skippedValidEdits++;
          continue;
        }
        frames.push(frame);
      }
      // A few attackers at once.
      const lanes = Array.from({ length: LANES }, async (_, lane) => {
        for (let index = lane; index < frames.length; index += LANES) {
          await attack(url, frames[index]!, outcome);
        }
      });
      await Promise.all(lanes);
      sent += frames.length;

      // The stored board did not change during the attack…
      expect(await exportJson()).toEqual(exportBefore);
      // …and the honest clients still sync through the same room.
      const id = addCard(round % 2 ? alice.doc : bob.doc, {
        lane: 'plan',
        title: `after round ${round}`,
      });
      await waitFor(
        () =>
          readBoard(alice.doc).cards.some((card) => card.id === id) &&
          docsConverged(alice.doc, bob.doc),
        { what: `honest sync after round ${round}` },
      );
    }

    expect(sent).toBe(FRAMES);
    expect(outcome.closed + outcome.survived).toBe(FRAMES);
    expect(outcome.closed).toBeGreaterThan(FRAMES / 2);
    // The server's board is exactly the honest clients' board, with nobody else's edits in it.
    const stored = await serverDoc();
    expect(stateOf(stored)).toBe(stateOf(alice.doc));
    expect(docsConverged(stored, alice.doc, bob.doc)).toBe(true);
    for (const clientId of Y.decodeStateVector(Y.encodeStateVector(alice.doc)).keys()) {
      honestClients.add(clientId);
    }
    for (const clientId of Y.decodeStateVector(Y.encodeStateVector(stored)).keys()) {
      expect(honestClients.has(clientId)).toBe(true);
    }
    // Bounded: every attacker connection is gone, presence holds only the honest people.
    const room = test.server.internals.registry.loaded(board.id)!;
    await waitFor(() => room.connections.size === 2, { what: 'attacker connections released' });
    await waitFor(() => room.awareness.getStates().size <= 2, {
      what: 'attacker presence cleared',
    });
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(heapGrowth).toBeLessThan(150 * 1024 * 1024);
    const health = await getJson(`${test.server.url}/healthz`);
    expect(health.body).toMatchObject({ status: 'ok', connections: 2 });
    console.log(
      `[S-LIMIT-9] seed ${SEED}: ${sent} frames, ${outcome.closed} closed (${[...outcome.closeCodes]
        .map(([code, count]) => `${code}×${count}`)
        .join(
          ', ',
        )}), ${outcome.survived} harmless, ${skippedValidEdits} valid edits skipped, heap +${Math.round(heapGrowth / 1024 / 1024)} MiB, ${Math.round(performance.now() - started)} ms`,
    );
  });
});
