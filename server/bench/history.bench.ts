/**
 * What the version history costs (issue #9), measured through the real pieces — `BoardRoom` with
 * the history extension, the SQLite store and its history tables, brotli on the thread pool:
 *
 * 1. Bytes per version: a workshop board (200 cards) and a big one (5,000 cards, the join-storm
 *    board), raw and as stored; brotli 1 (ours) beside deflate 6 and brotli 4 in the same run.
 * 2. An hour of an active 20-person workshop: the sync benchmark's edit workload (5 writers
 *    dragging a card each at 20 updates/s, 15 participants watching, on a 200-card board), and a
 *    workshop mix (drags ending in a drop, typing, a new card a minute per writer) — one
 *    simulated hour each on a manual clock: versions taken, their bytes, activity entries, how
 *    the SQLite file grew.
 * 3. Opening a version of the 5,000-card board (what `GET /versions/:v` does), against loading
 *    the live board from the store and exporting it (what `GET /export` does on a cold board).
 * 4. Restoring it onto a board where 10 % of the cards changed (before-restore version, the
 *    card-by-card restore as a server change, the version after), against importing the same
 *    board (which also takes its version before).
 * 5. What it adds to every edit: the room path of 3,000 ordinary edits (typing, moves) with the
 *    history extension (its transaction listener, activity extraction and coalescing) against
 *    the same room without it, alternating, on a memory store so the store's time does not
 *    hide the difference.
 *
 *   pnpm --filter @fire-triangle/server bench:history [-- --smoke]
 *
 * Results go to bench/results/history.json at the repo root.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import {
  addCard,
  type BoardSnapshot,
  cardText,
  deleteCard,
  editCard,
  exportBoardJson,
  fileOfSnapshot,
  getCardMap,
  importBoard,
  LANES,
  laneBand,
  moveCard,
  readBoard,
} from '@fire-triangle/shared';
import { ManualClock, seededRandom } from '@fire-triangle/shared/test-support';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { HistoryService } from '../src/history/history-service.ts';
import { type HistorySettings, historyExtension, historyOf } from '../src/history/room-history.ts';
import { createLogger } from '../src/log.ts';
import { ServerMetrics } from '../src/metrics/server-metrics.ts';
import { parseAwarenessUpdate } from '../src/protocol/wire-codec.ts';
import { type BoardRoom, ORIGINS } from '../src/rooms/board-room.ts';
import type { RoomRegistry } from '../src/rooms/room-registry.ts';
import { MemoryActivityStore, MemoryVersionStore } from '../src/storage/memory-history-store.ts';
import { MemoryBoardStore } from '../src/storage/memory-store.ts';
import { historyStoresFor } from '../src/storage/open-storage.ts';
import { SQLITE_FILE_NAME, SqliteBoardStore } from '../src/storage/sqlite-store.ts';
import { decodeStoredBoard } from '../src/storage/stored-board.ts';
import { writeBoard } from './board-content.ts';
import { machineInfo } from './machine.ts';
import { benchConnection, loadBenchRoom } from './room-fixtures.ts';

const smoke = process.argv.includes('--smoke');
const SIMULATED_MS = smoke ? 120_000 : 3_600_000;
const BIG_CARDS = smoke ? 500 : 5000;
const REPEATS = smoke ? 1 : 5;
const TICK_MS = 50; // 20 updates/s per writer, as the edit workload
const WRITERS = 5;
const WATCHERS = 15;

const settings: HistorySettings = {
  autosaveQuietMs: 30_000,
  autosaveMaxIntervalMs: 300_000,
  budget: { unnamed: 200, named: 100 },
  activityEntriesKept: 5000,
  activityCoalesceMs: 60_000,
  activityFlushMs: 5_000,
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = run();
  return { ms: performance.now() - start, result };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

function boardDoc(cards: number, seed: number): Y.Doc {
  const doc = new Y.Doc();
  writeBoard(doc, { cards, linkProbability: 0.8, movesPerCard: 2, seed });
  return doc;
}

/** A data dir with an SQLite store, a room loaded on `state` with the history extension. */
async function openRoom(dir: string, boardId: string, state: Uint8Array, clock: ManualClock) {
  const store = new SqliteBoardStore({ dataDir: dir });
  const stores = historyStoresFor(store);
  const metrics = new ServerMetrics();
  const log = createLogger('silent');
  await store.createBoard(boardId, state);
  const room = await loadBenchRoom(store, boardId, {
    compactAfterUpdates: 500,
    metrics,
    extensions: [historyExtension({ stores, boardStore: store, clock, settings, metrics, log })],
  });
  const service = new HistoryService({
    stores,
    registry: { loaded: () => room } as unknown as RoomRegistry,
    settings,
    metrics,
    log,
  });
  return { store, stores, room, service, metrics };
}

/** A connection with a presence name, as a participant's client would have. */
function participant(room: BoardRoom, name: string, role: 'editor' | 'viewer', id: number) {
  const connection = benchConnection(room, role);
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.clientID = id;
  awareness.setLocalState({ user: { name, colour: '#1b998b', role } });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
  awareness.destroy(); // its own timer would keep the process alive
  room.receive(connection, { kind: 'awareness', update, entries: parseAwarenessUpdate(update) });
  return connection;
}

// ---------------------------------------------------------------------------------------------
// 1. Bytes per version

function bytesPerVersion() {
  const rows = [];
  for (const cards of [200, BIG_CARDS]) {
    const doc = boardDoc(cards, 7);
    const state = Y.encodeStateAsUpdate(doc);
    const measure = (compress: () => Uint8Array) => {
      const runs = Array.from({ length: 5 }, () => timed(compress));
      return { bytes: runs[0]!.result.length, ms: median(runs.map((run) => run.ms)) };
    };
    const brotli = (quality: number) => () =>
      brotliCompressSync(state, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: state.length,
        },
      });
    rows.push({
      cards,
      links: readBoard(doc).links.length,
      rawBytes: state.length,
      brotli1: measure(brotli(1)),
      brotli4: measure(brotli(4)),
      deflate6: measure(() => deflateRawSync(state, { level: 6 })),
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 2. An hour of a workshop

function dropPointIn(lane: (typeof LANES)[number], x: number) {
  const band = laneBand(lane);
  return { x, y: (band.top + band.bottom) / 2 - 48 };
}

async function workshopHour(mix: 'edit-workload' | 'workshop-mix') {
  const dir = mkdtempSync(join(tmpdir(), 'ft-history-bench-'));
  const clock = new ManualClock();
  const base = boardDoc(200, 11);
  const baseState = Y.encodeStateAsUpdate(base);
  const { store, stores, room } = await openRoom(dir, 'workshop', baseState, clock);
  const file = join(dir, SQLITE_FILE_NAME);
  const fileBytes = () =>
    statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  const bytesAtStart = fileBytes();
  const random = seededRandom(3);
  const board = readBoard(base);
  const writers = Array.from({ length: WRITERS }, (_, index) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseState);
    const outbox: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => outbox.push(update));
    const connection = participant(room, `Writer ${index + 1}`, 'editor', 1000 + index);
    return { doc, outbox, connection, card: board.cards[index * 7]!.id, index };
  });
  for (let index = 0; index < WATCHERS; index++) {
    participant(room, `Watcher ${index + 1}`, 'viewer', 2000 + index);
  }
  let updates = 0;
  let updateBytes = 0;
  const started = performance.now();
  for (let tick = 0; tick * TICK_MS < SIMULATED_MS; tick++) {
    const second = Math.floor((tick * TICK_MS) / 1000);
    for (const writer of writers) {
      const x = 400 + ((tick * 37 + writer.index * 300) % 2400);
      const drop = mix === 'workshop-mix' && tick % 40 === 39;
      if (drop) {
        moveCard(writer.doc, writer.card, dropPointIn(LANES[Math.floor(random() * 4)]!, x));
      } else {
        const lane = getCardMap(writer.doc, writer.card)!.get('lane') as (typeof LANES)[number];
        moveCard(writer.doc, writer.card, dropPointIn(lane, x), { relevel: false });
      }
      if (mix === 'workshop-mix') {
        // Typing in bursts: ten keystrokes, one every tick, every 20 s.
        if (second % 20 === writer.index && tick % 20 < 10) {
          const title = cardText(getCardMap(writer.doc, writer.card)!, 'title');
          title.insert(title.length, 'x');
        }
        // A new card a minute.
        if (tick % 1200 === writer.index * 100) {
          addCard(writer.doc, {
            lane: 'tactic',
            title: `Idea ${tick}`,
            position: dropPointIn('tactic', x),
          });
        }
      }
      for (const update of writer.outbox.splice(0)) {
        updates++;
        updateBytes += update.length;
        room.receive(writer.connection, { kind: 'update', update, empty: false });
      }
    }
    await room.read(() => 0);
    clock.advance(TICK_MS);
  }
  // The workshop ends: quiet, then everyone leaves.
  clock.advance(settings.autosaveQuietMs);
  await room.unload();
  const elapsedMs = performance.now() - started;
  const versions = await stores.versions.listVersions('workshop');
  const db = store.database;
  const activityEntries = db.prepare('SELECT COUNT(*) FROM card_activity').pluck().get() as number;
  const activityBytes = db
    .prepare(
      'SELECT COALESCE(SUM(length(entry) + length(id) + length(card_id)), 0) FROM card_activity',
    )
    .pluck()
    .get() as number;
  const versionRowBytes = db
    .prepare('SELECT COALESCE(SUM(length(state) + length(details)), 0) FROM versions')
    .pluck()
    .get() as number;
  await store.close();
  const result = {
    mix,
    simulatedMinutes: SIMULATED_MS / 60_000,
    participants: WRITERS + WATCHERS,
    updates,
    updateBytes,
    versions: versions.length,
    versionKinds: Object.fromEntries(
      [...new Set(versions.map((version) => version.kind))].map((kind) => [
        kind,
        versions.filter((version) => version.kind === kind).length,
      ]),
    ),
    versionStateBytes: versions.reduce((sum, version) => sum + version.stateBytes, 0),
    meanVersionStateBytes: Math.round(
      versions.reduce((sum, version) => sum + version.stateBytes, 0) / Math.max(1, versions.length),
    ),
    versionRowBytes,
    activityEntries,
    activityBytes,
    sqliteFileGrowthBytes: fileBytes() - bytesAtStart,
    wallSeconds: elapsedMs / 1000,
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------------------------
// 3 and 4. Opening and restoring a version of the big board

/** The big board with 10 % of its cards changed: retitled, moved, deleted, added. */
function diverged(baseState: Uint8Array, board: BoardSnapshot): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, baseState);
  const cards = board.cards;
  const step = Math.floor(cards.length / 500);
  for (let index = 0; index < 500 && index * step < cards.length; index++) {
    const card = cards[index * step]!;
    if (index % 5 === 0) deleteCard(doc, card.id);
    else if (index % 5 === 1) moveCard(doc, card.id, dropPointIn(LANES[(index >> 1) % 4]!, 1500));
    else editCard(doc, card.id, { title: `${card.title} (revised)` });
  }
  for (let index = 0; index < cards.length / 100; index++) {
    addCard(doc, {
      lane: 'tactic',
      title: `Added later ${index}`,
      position: dropPointIn('tactic', 1500),
    });
  }
  return Y.encodeStateAsUpdate(doc);
}

async function openAndRestore() {
  const original = boardDoc(BIG_CARDS, 21);
  const originalState = Y.encodeStateAsUpdate(original);
  const originalBoard = readBoard(original);
  const changedState = diverged(originalState, originalBoard);
  const opens: number[] = [];
  const loads: number[] = [];
  const restores: number[] = [];
  const imports: number[] = [];
  const pureRestores: number[] = [];
  let restoreSummary: Record<string, number> = {};
  let versionBytes = 0;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const dir = mkdtempSync(join(tmpdir(), 'ft-history-bench-'));
    const clock = new ManualClock();
    const { store, room, service } = await openRoom(dir, 'big', originalState, clock);
    const version = await historyOf(room)!.nameNow('the big board');
    versionBytes = version.stateBytes;
    // 3. Open the version (store → decompress → doc → readBoard → board file), as the route.
    const open = await timedAsync(async () => {
      const opened = await service.open('big', version.id);
      return JSON.stringify({ version: opened.version, board: fileOfSnapshot(opened.board) });
    });
    opens.push(open.ms);
    // The peer: the live board loaded from the store and exported, as GET /export on a cold board.
    loads.push(
      (
        await timedAsync(async () => {
          const stored = (await store.loadBoard('big'))!;
          const doc = decodeStoredBoard('big', stored);
          const json = exportBoardJson(doc);
          doc.destroy();
          return json;
        })
      ).ms,
    );
    const target = (await service.open('big', version.id)).board;
    await room.unload();
    await store.close();
    rmSync(dir, { recursive: true, force: true });

    // 4. Restore onto the diverged board, through the room; the peer imports the same board.
    for (const side of repeat % 2 === 0 ? ['restore', 'import'] : ['import', 'restore']) {
      const sideDir = mkdtempSync(join(tmpdir(), 'ft-history-bench-'));
      const opened = await openRoom(sideDir, 'big', changedState, new ManualClock());
      if (side === 'restore') {
        const run = await timedAsync(() =>
          historyOf(opened.room)!.restore(target, version.id, { by: 'bench' }),
        );
        restores.push(run.ms);
        restoreSummary = Object.fromEntries(
          Object.entries(run.result.summary).map(([key, value]) => [key, value.length]),
        );
      } else {
        const file = fileOfSnapshot(target);
        const run = await timedAsync(() =>
          opened.room.change((doc) => importBoard(file, doc, ORIGINS.import), ORIGINS.import),
        );
        imports.push(run.ms);
      }
      await opened.room.unload();
      await opened.store.close();
      rmSync(sideDir, { recursive: true, force: true });
    }
    // The shared operation alone, on a doc.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, changedState);
    const { restoreBoard } = await import('@fire-triangle/shared');
    pureRestores.push(timed(() => restoreBoard(doc, target)).ms);
    doc.destroy();
  }
  return {
    cards: BIG_CARDS,
    versionStateBytes: versionBytes,
    rawStateBytes: originalState.length,
    openVersionMs: median(opens),
    loadAndExportLiveMs: median(loads),
    openToLoadRatio: median(opens) / median(loads),
    restoreMs: median(restores),
    importMs: median(imports),
    restoreToImportRatio: median(restores) / median(imports),
    restoreOperationOnlyMs: median(pureRestores),
    restoreSummary,
    samples: { opens, loads, restores, imports, pureRestores },
  };
}

// ---------------------------------------------------------------------------------------------
// 5. The cost per edit

function recordEdits(count: number) {
  const base = boardDoc(200, 5);
  const baseState = Y.encodeStateAsUpdate(base);
  const ids = readBoard(base).cards.map((card) => card.id);
  const client = new Y.Doc();
  Y.applyUpdate(client, baseState);
  const edits: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => edits.push(update));
  const random = seededRandom(9);
  for (let index = 0; index < count; index++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    const roll = random();
    if (roll < 0.6) {
      const title = cardText(getCardMap(client, id)!, 'title');
      title.insert(title.length, 'x');
    } else if (roll < 0.9) {
      moveCard(
        client,
        id,
        { x: 800 + random() * 1400, y: 300 + random() * 1200 },
        { relevel: false },
      );
    } else {
      moveCard(client, id, dropPointIn(LANES[Math.floor(random() * 4)]!, 1500));
    }
  }
  return { baseState, edits };
}

async function editPath(baseState: Uint8Array, edits: Uint8Array[], history: boolean) {
  const store = new MemoryBoardStore();
  await store.createBoard('edits', baseState);
  const metrics = new ServerMetrics();
  const log = createLogger('silent');
  const stores = { versions: new MemoryVersionStore(), activity: new MemoryActivityStore() };
  const clock = new ManualClock();
  const room = await loadBenchRoom(store, 'edits', {
    metrics,
    extensions: history
      ? [historyExtension({ stores, boardStore: store, clock, settings, metrics, log })]
      : [],
  });
  const sender = participant(room, 'Bob', 'editor', 77);
  benchConnection(room, 'viewer');
  const start = performance.now();
  for (const update of edits) room.receive(sender, { kind: 'update', update, empty: false });
  await room.read(() => 0);
  const micros = ((performance.now() - start) * 1000) / edits.length;
  await room.unload();
  return micros;
}

async function costPerEdit() {
  const { baseState, edits } = recordEdits(3000);
  const without: number[] = [];
  const withHistory: number[] = [];
  const differences: number[] = [];
  const samples = smoke ? 3 : 21;
  for (let round = 0; round < samples + 2; round++) {
    let plain = Number.POSITIVE_INFINITY;
    let extended = Number.POSITIVE_INFINITY;
    for (const side of round % 2 === 0 ? [false, true] : [true, false]) {
      const micros = await editPath(baseState, edits, side);
      if (side) extended = Math.min(extended, micros);
      else plain = Math.min(plain, micros);
    }
    if (round < 2) continue; // warm-up
    without.push(plain);
    withHistory.push(extended);
    differences.push(extended - plain);
  }
  return {
    edits: edits.length,
    withoutMicros: median(without),
    withMicros: median(withHistory),
    historyMicros: median(differences),
    ratio: median(withHistory) / median(without),
    samples: { without, withHistory, differences },
  };
}

async function main() {
  const machine = machineInfo();
  const perVersion = bytesPerVersion();
  const hours = [await workshopHour('edit-workload'), await workshopHour('workshop-mix')];
  const big = await openAndRestore();
  const perEdit = await costPerEdit();
  machine.loadAverageAtEnd = loadavg()[0]!;
  const result = {
    benchmark: 'history',
    smoke,
    machine,
    perVersion,
    hours,
    big,
    perEdit,
    settings,
  };
  const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/results');
  mkdirSync(out, { recursive: true });
  if (!smoke) writeFileSync(resolve(out, 'history.json'), `${JSON.stringify(result, null, 2)}\n`);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const lines = [
    `Version history (${smoke ? 'smoke' : 'full'}), ${cpus().length} CPUs, load ${machine.loadAverageAtStart.toFixed(2)} → ${machine.loadAverageAtEnd.toFixed(2)}`,
  ];
  for (const row of perVersion) {
    lines.push(
      `  ${row.cards} cards: state ${kb(row.rawBytes)} → brotli 1 ${kb(row.brotli1.bytes)} in ${row.brotli1.ms.toFixed(1)} ms (brotli 4 ${kb(row.brotli4.bytes)} ${row.brotli4.ms.toFixed(1)} ms, deflate 6 ${kb(row.deflate6.bytes)} ${row.deflate6.ms.toFixed(1)} ms)`,
    );
  }
  for (const hour of hours) {
    lines.push(
      `  ${hour.mix}, ${hour.simulatedMinutes} min, ${hour.participants} people: ${hour.updates} updates (${kb(hour.updateBytes)}), ${hour.versions} versions ${JSON.stringify(hour.versionKinds)} = ${kb(hour.versionRowBytes)} (mean ${kb(hour.meanVersionStateBytes)}), ${hour.activityEntries} activity entries ${kb(hour.activityBytes)}, SQLite file +${kb(hour.sqliteFileGrowthBytes)}; ${hour.wallSeconds.toFixed(1)} s`,
    );
  }
  lines.push(
    `  ${big.cards} cards: open a version ${big.openVersionMs.toFixed(0)} ms vs load + export the live board ${big.loadAndExportLiveMs.toFixed(0)} ms (×${big.openToLoadRatio.toFixed(2)}); restore ${big.restoreMs.toFixed(0)} ms vs import ${big.importMs.toFixed(0)} ms (×${big.restoreToImportRatio.toFixed(2)}); the operation alone ${big.restoreOperationOnlyMs.toFixed(0)} ms; ${JSON.stringify(big.restoreSummary)}`,
  );
  lines.push(
    `  per edit (${perEdit.edits} edits, room path, memory store): ${perEdit.withoutMicros.toFixed(1)} µs without the history, ${perEdit.withMicros.toFixed(1)} µs with (×${perEdit.ratio.toFixed(3)}; median paired difference ${perEdit.historyMicros.toFixed(2)} µs)`,
  );
  console.log(lines.join('\n'));
}

await main();
