/**
 * Workload 3 — join storm: N clients join a big board within one second. Time to synced =
 * from a client starting to connect to the server's sync step 2 (the whole board) having
 * arrived; the clients do not decode it, so the figure is the server's, not the clients'.
 * Server peak RSS is its VmHWM over the storm (reset just before).
 *
 * The board is seeded by a client in batches of 250 cards, the same way on every server.
 * Ours runs twice: warm (the seeding client stays connected, the board is in memory, like
 * the in-memory peers) and cold (restarted on the same data dir: the storm's first join loads
 * the board from SQLite, and every other join waits for that).
 */
import { cardsMap } from '@fire-triangle/shared';
import { storedSize, writeBoard } from '../board-content.ts';
import { BenchClient, type RoomAddress } from '../client.ts';
import type { JoinStormConfig } from '../config.ts';
import type { LoadGeneratorPool } from '../loadgen-pool.ts';
import { sharedNow } from '../loadgen-protocol.ts';
import { type PeerDefinition, RunningPeer, type StartOptions } from '../peers.ts';
import { type LatencySummary, summarise } from '../stats.ts';
import type { RepeatFigures } from './repeats.ts';

export interface JoinStormResult {
  peer: string;
  variant: 'warm' | 'cold';
  clients: number;
  cards: number;
  /** The board as one Yjs update. */
  storedBytes: number;
  /** Size of the sync step 2 message a joining client received. */
  syncMessageBytes: number;
  timeToSynced: LatencySummary;
  failures: string[];
  rssBefore: number;
  peakRss: number;
  peakResetWorked: boolean;
  /** When the storm ran and the server was spawned, on the shared clock (to cut a CPU profile). */
  window: { from: number; to: number; serverSpawnedAt: number };
  /** Every repeat's figures when this is the median of several runs (see repeats.ts). */
  repeats?: RepeatFigures[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Seeds a board through one client; returns the client (still connected) and the board size. */
export async function seedBoard(
  address: RoomAddress,
  shape: JoinStormConfig['board'],
): Promise<{ seeder: BenchClient; storedBytes: number }> {
  const seeder = new BenchClient(address, { applyDocument: true });
  await seeder.connect();
  writeBoard(seeder.doc, shape);
  // Check the server has it all: a fresh client must sync every card.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const check = new BenchClient(address, { applyDocument: true });
    await check.connect();
    const cards = cardsMap(check.doc).size;
    check.close();
    if (cards === shape.cards) break;
    if (Date.now() > deadline) {
      throw new Error(`server holds ${cards} of ${shape.cards} seeded cards after 60 s`);
    }
    await sleep(250);
  }
  return { seeder, storedBytes: storedSize(seeder.doc) };
}

async function storm(
  peer: RunningPeer,
  address: RoomAddress,
  config: JoinStormConfig,
  pool: LoadGeneratorPool,
) {
  const before = peer.memory();
  const peakResetWorked = peer.resetPeak();
  const generators = pool.generators.length;
  const startAt = sharedNow() + 300;
  const startTimes: number[][] = Array.from({ length: generators }, () => []);
  for (let index = 0; index < config.clients; index += 1) {
    startTimes[index % generators]!.push(startAt + (index * config.spreadMs) / config.clients);
  }
  const answers = await pool.all(
    (generator) => ({
      kind: 'storm',
      address,
      startTimes: startTimes[generator]!,
      timeoutMs: config.timeoutMs,
    }),
    'storm-result',
    config.timeoutMs + 30_000,
  );
  const after = peer.memory();
  const endedAt = sharedNow();
  await pool.all(() => ({ kind: 'storm-close' }), 'storm-closed');
  const times = answers.flatMap((answer) => answer.timesMs);
  return {
    timeToSynced: summarise(
      times.filter((time): time is number => time !== null),
      times.filter((time) => time === null).length,
    ),
    failures: answers.flatMap((answer) => answer.errors),
    syncMessageBytes: Math.max(...answers.flatMap((answer) => answer.syncStep2Bytes)),
    rssBefore: before.rss,
    peakRss: peakResetWorked ? after.peakRss : Math.max(after.rss, before.rss),
    peakResetWorked,
    window: { from: startAt, to: endedAt, serverSpawnedAt: peer.spawnedAt },
  };
}

export async function runJoinStorm(
  definition: PeerDefinition,
  config: JoinStormConfig,
  pool: LoadGeneratorPool,
  startOptions: StartOptions = {},
): Promise<JoinStormResult[]> {
  const results: JoinStormResult[] = [];
  const peer = await RunningPeer.start(definition, startOptions);
  let restarted: RunningPeer | null = null;
  try {
    const address = await peer.createRoom('join storm');
    const { seeder, storedBytes } = await seedBoard(address, config.board);
    const base = {
      peer: definition.name,
      clients: config.clients,
      cards: config.board.cards,
      storedBytes,
    };
    results.push({ ...base, variant: 'warm', ...(await storm(peer, address, config, pool)) });
    seeder.close();
    if (definition.persistent && config.cold) {
      await sleep(200);
      await peer.stop({ keepData: true });
      restarted = await RunningPeer.start(definition, { dataDir: peer.dataDir });
      const coldAddress = restarted.rehost(address);
      results.push({
        ...base,
        variant: 'cold',
        ...(await storm(restarted, coldAddress, config, pool)),
      });
    }
  } finally {
    await restarted?.stop();
    await peer.stop();
    if (restarted) peer.removeDataDir();
  }
  return results;
}
