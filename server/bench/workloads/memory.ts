/**
 * Workload 5 — memory. Every figure is taken after a full GC in the server (memory probe).
 * - Per loaded board: K boards loaded, one client each; (RSS − RSS with none) / K, as a
 *   multiple of the board's stored size (its state as one Yjs update). Ours is restarted on
 *   its data dir first, so its boards are loaded from SQLite as in production; the in-memory
 *   peers hold the boards their seeding clients wrote.
 * - Per idle connection: C more clients on one loaded board, silent.
 * - After idle: every client gone, then wait. Ours reports its loaded boards (/metrics); for
 *   the others a board counts as unloaded when the heap falls back to within 10 % of where it
 *   was before the boards were loaded.
 */

import { BenchClient, type RoomAddress } from '../client.ts';
import type { MemoryConfig } from '../config.ts';
import { du } from '../disk.ts';
import { type MemoryProbe, type PeerDefinition, RunningPeer } from '../peers.ts';
import { seedBoard } from './join-storm.ts';

export interface MemoryResult {
  peer: string;
  boards: number;
  cardsPerBoard: number;
  storedBytes: number;
  /** Bytes on disk per board (ours: the SQLite data dir / boards), null for in-memory servers. */
  diskBytesPerBoard: number | null;
  rssPerBoard: number;
  rssPerBoardRatio: number;
  /** V8 heap + external memory per board (less noisy than RSS, but not "resident"). */
  heapPerBoard: number;
  heapPerBoardRatio: number;
  rssPerIdleConnection: number;
  heapPerIdleConnection: number;
  idleConnections: number;
  base: MemoryProbe;
  loaded: MemoryProbe;
  withIdleConnections: MemoryProbe;
  afterIdle: MemoryProbe;
  /** Share of the boards' heap still held after everyone left and the wait (0 = all freed). */
  retainedAfterIdle: number;
  /** Boards the server itself reports loaded after the wait (ours' /metrics), null if it cannot tell. */
  loadedAfterIdle: number | null;
  unloaded: boolean;
  waitedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const heapOf = (probe: MemoryProbe) => probe.heapUsed + probe.external;

async function connectAll(addresses: RoomAddress[]): Promise<BenchClient[]> {
  const clients = addresses.map((address) => new BenchClient(address, { applyDocument: false }));
  // In small waves: this measures memory, not a storm.
  for (let start = 0; start < clients.length; start += 50) {
    await Promise.all(clients.slice(start, start + 50).map((client) => client.connect()));
  }
  return clients;
}

export async function runMemory(
  definition: PeerDefinition,
  config: MemoryConfig,
): Promise<MemoryResult> {
  const env = { FT_IDLE_UNLOAD_MS: String(config.oursIdleUnloadMs) };
  let peer = await RunningPeer.start(definition, { env });
  const peers = [peer];
  const clients: BenchClient[] = [];
  try {
    let base = await peer.probeMemory();
    let addresses: RoomAddress[] = [];
    let storedBytes = 0;
    for (let board = 0; board < config.boards; board += 1) {
      const address = await peer.createRoom(`memory ${board}`);
      const seeded = await seedBoard(address, config.board);
      storedBytes = seeded.storedBytes;
      addresses.push(address);
      clients.push(seeded.seeder);
    }
    if (definition.persistent && config.loadFromDisk) {
      for (const client of clients.splice(0)) client.close();
      await sleep(300);
      await peer.stop({ keepData: true });
      peer = await RunningPeer.start(definition, { dataDir: peer.dataDir, env });
      peers.push(peer);
      addresses = addresses.map((address) => peer.rehost(address));
      base = await peer.probeMemory();
      clients.push(...(await connectAll(addresses)));
    }
    const loaded = await peer.probeMemory();
    const idle = await connectAll(
      Array.from({ length: config.idleConnections }, () => addresses[0]!),
    );
    clients.push(...idle);
    const withIdleConnections = await peer.probeMemory();
    const diskBytesPerBoard = definition.persistent ? du(peer.dataDir) / config.boards : null;

    for (const client of clients.splice(0)) client.close();
    const boardsHeap = heapOf(loaded) - heapOf(base);
    const started = Date.now();
    // Ours says how many boards it holds; the others are judged by their heap alone.
    const boardsStillLoaded = async () => {
      const reported = await peer.loadedBoards();
      if (reported !== null) return reported > 0;
      const probe = await peer.probeMemory();
      return boardsHeap > 0 && (heapOf(probe) - heapOf(base)) / boardsHeap > 0.1;
    };
    while ((await boardsStillLoaded()) && Date.now() - started < config.unloadWaitMs) {
      await sleep(250);
    }
    const afterIdle = await peer.probeMemory();
    const retained = boardsHeap > 0 ? (heapOf(afterIdle) - heapOf(base)) / boardsHeap : 0;
    const loadedAfterIdle = await peer.loadedBoards();

    const perConnectionRss = (withIdleConnections.rss - loaded.rss) / config.idleConnections;
    const perConnectionHeap =
      (heapOf(withIdleConnections) - heapOf(loaded)) / config.idleConnections;
    // The K loading clients are connections too: take their share out of the boards' figure.
    const rssPerBoard = (loaded.rss - base.rss) / config.boards - perConnectionRss;
    const heapPerBoard = boardsHeap / config.boards - perConnectionHeap;
    return {
      peer: definition.name,
      boards: config.boards,
      cardsPerBoard: config.board.cards,
      storedBytes,
      diskBytesPerBoard,
      rssPerBoard,
      rssPerBoardRatio: rssPerBoard / storedBytes,
      heapPerBoard,
      heapPerBoardRatio: heapPerBoard / storedBytes,
      rssPerIdleConnection: perConnectionRss,
      heapPerIdleConnection: perConnectionHeap,
      idleConnections: config.idleConnections,
      base,
      loaded,
      withIdleConnections,
      afterIdle,
      retainedAfterIdle: retained,
      loadedAfterIdle,
      unloaded: loadedAfterIdle !== null ? loadedAfterIdle === 0 : retained <= 0.1,
      waitedMs: Date.now() - started,
    };
  } finally {
    for (const client of clients) client.close();
    // Last started first: the first one owns the data dir and removes it when it stops.
    for (const running of peers.reverse()) await running.stop();
  }
}
