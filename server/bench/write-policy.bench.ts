/**
 * What the write policy costs on the hot path (S-WRITE-*): applying a client's ordinary card
 * edit with the room's `WriteGuard` on the doc, against applying it to the same doc without —
 * the peer measured in the same process, alternating, so machine noise cancels. For scale, the
 * whole room path of one update (parse result in, apply, check, append to a memory store, relay
 * to one connection), and what a refused edit costs (apply + revert).
 *
 *   pnpm --filter @fire-triangle/server bench:write-policy
 *
 * Results go to bench/results/write-policy.json at the repo root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCard, cardText, getCardMap, metaMap, moveCard } from '@fire-triangle/shared';
import * as Y from 'yjs';
import { WriteGuard } from '../src/rooms/write-guard.ts';
import { MemoryBoardStore } from '../src/storage/memory-store.ts';
import { benchConnection, loadBenchRoom } from './room-fixtures.ts';

const CARDS = 200;
const EDITS = 3000;
const REFUSED = 300;
const SAMPLES = 21;
/** Runs of each side per sample; the fastest counts (the least disturbed by other work). */
const PAIRED = 3;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A deterministic sequence (no Math.random: the same edits every run). */
function sequence(seed: number) {
  let state = seed;
  return (max: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % max;
  };
}

/** The base board and the updates an editor's client sends for `EDITS` ordinary edits. */
function recordEdits() {
  const base = new Y.Doc();
  const ids: string[] = [];
  for (let index = 0; index < CARDS; index++) {
    ids.push(addCard(base, { lane: 'tactic', title: `Card ${index}`, now: 0 }));
  }
  const baseState = Y.encodeStateAsUpdate(base);
  const client = new Y.Doc();
  Y.applyUpdate(client, baseState);
  const edits: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => edits.push(update));
  const next = sequence(1);
  for (let index = 0; index < EDITS; index++) {
    const id = ids[next(ids.length)]!;
    const kind = next(10);
    if (kind < 6) {
      const title = cardText(getCardMap(client, id)!, 'title');
      title.insert(title.length, 'x');
    } else if (kind < 9) {
      moveCard(client, id, { x: 800 + next(1400), y: 300 + next(1200) });
    } else {
      cardText(getCardMap(client, id)!, 'body').insert(0, 'y');
    }
  }
  const refused: Uint8Array[] = [];
  const forbidden = new Y.Doc();
  Y.applyUpdate(forbidden, baseState);
  forbidden.on('update', (update: Uint8Array) => refused.push(update));
  for (let index = 0; index < REFUSED; index++) metaMap(forbidden).set('title', `Mine ${index}`);
  return { baseState, edits, refused };
}

class FakeClient {
  readonly role = 'editor' as const;
}

/** Applies `updates` to a fresh doc holding `baseState`; returns µs per update. */
function applyAll(baseState: Uint8Array, updates: Uint8Array[], guarded: boolean): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, baseState);
  const guard = guarded ? new WriteGuard(doc, FakeClient, () => ({ blank: false })) : null;
  const origin = new FakeClient();
  const start = performance.now();
  for (const update of updates) {
    Y.applyUpdate(doc, update, origin);
    guard?.takeRevert();
  }
  const elapsed = performance.now() - start;
  guard?.destroy();
  doc.destroy();
  return (elapsed * 1000) / updates.length;
}

/** The room path for `updates`, on a loaded room with one other connection; µs per update. */
async function roomPath(baseState: Uint8Array, updates: Uint8Array[]): Promise<number> {
  const store = new MemoryBoardStore();
  await store.createBoard('bench', baseState);
  const room = await loadBenchRoom(store, 'bench');
  const sender = benchConnection(room, 'editor');
  benchConnection(room, 'viewer');
  const start = performance.now();
  for (const update of updates) room.receive(sender, { kind: 'update', update, empty: false });
  await room.read(() => 0);
  const elapsed = performance.now() - start;
  await room.unload();
  return (elapsed * 1000) / updates.length;
}

/** The fastest of `PAIRED` runs of each side, alternating: one paired sample. */
function pairedSample(baseState: Uint8Array, updates: Uint8Array[]) {
  let plain = Number.POSITIVE_INFINITY;
  let guarded = Number.POSITIVE_INFINITY;
  for (let run = 0; run < PAIRED; run++) {
    // Alternate the order so neither side always runs on a warmer heap.
    for (const side of run % 2 === 0 ? [false, true] : [true, false]) {
      const value = applyAll(baseState, updates, side);
      if (side) guarded = Math.min(guarded, value);
      else plain = Math.min(plain, value);
    }
  }
  return { plain, guarded };
}

async function main() {
  const { baseState, edits, refused } = recordEdits();
  const samples = {
    plain: [] as number[],
    guarded: [] as number[],
    difference: [] as number[],
    room: [] as number[],
  };
  const refusedSamples = { plain: [] as number[], guarded: [] as number[] };
  const loadAtStart = loadavg()[0]!;
  for (let round = 0; round < SAMPLES + 2; round++) {
    const ordinary = pairedSample(baseState, edits);
    const refusing = pairedSample(baseState, refused);
    const room = await roomPath(baseState, edits);
    if (round < 2) continue; // warm-up
    samples.plain.push(ordinary.plain);
    samples.guarded.push(ordinary.guarded);
    samples.difference.push(ordinary.guarded - ordinary.plain);
    refusedSamples.plain.push(refusing.plain);
    refusedSamples.guarded.push(refusing.guarded);
    samples.room.push(room);
  }
  const plain = median(samples.plain);
  const guarded = median(samples.guarded);
  const policy = median(samples.difference);
  const room = median(samples.room);
  const result = {
    benchmark: 'write-policy',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    workload: { cards: CARDS, edits: EDITS, refused: REFUSED, samples: SAMPLES },
    ordinaryEdit: {
      plainApplyMicros: plain,
      guardedApplyMicros: guarded,
      policyMicros: policy,
      ratioToPlainApply: guarded / plain,
      roomPathMicros: room,
      policyShareOfRoomPath: policy / room,
    },
    refusedEdit: {
      plainApplyMicros: median(refusedSamples.plain),
      applyAndRevertMicros: median(refusedSamples.guarded),
    },
    samples,
  };
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, 'write-policy.json'), `${JSON.stringify(result, null, 2)}\n`);
  const f = (value: number) => value.toFixed(2);
  console.log(`Write policy, ${EDITS} ordinary card edits on a ${CARDS}-card board (${SAMPLES} samples, each the fastest of ${PAIRED} alternating runs):
  apply without the policy     ${f(plain)} µs/update
  apply with the policy        ${f(guarded)} µs/update   (×${(guarded / plain).toFixed(3)})
  policy (median of paired differences) ${f(policy)} µs/update = ${((100 * policy) / room).toFixed(1)} % of the room path (${f(room)} µs/update)
  refused edit: apply ${f(result.refusedEdit.plainApplyMicros)} µs → apply + revert ${f(result.refusedEdit.applyAndRevertMicros)} µs
  load average ${loadAtStart.toFixed(2)} → ${result.loadAverage.end.toFixed(2)} on ${cpus().length} CPUs`);
}

await main();
