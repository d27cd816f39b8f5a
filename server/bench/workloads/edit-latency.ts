/**
 * Workload 1 — edit latency: W writers drag a card each (20 updates/s) while V participants
 * watch; everyone moves a cursor at 20 Hz. Latency = a writer's `moveCard` → the update
 * applied in every other client's doc, on the shared clock.
 */
import os from 'node:os';
import { writeBoard, writerClientId } from '../board-content.ts';
import { BenchClient } from '../client.ts';
import type { EditLatencyConfig } from '../config.ts';
import type { LoadGeneratorPool } from '../loadgen-pool.ts';
import { type EditClientSpec, sharedNow } from '../loadgen-protocol.ts';
import type { RunningPeer, StoreHistogram } from '../peers.ts';
import { type LatencySummary, summarise } from '../stats.ts';
import type { RepeatFigures } from './repeats.ts';

export interface EditLatencyResult {
  peer: string;
  viewers: number;
  writers: number;
  latency: LatencySummary;
  /** Updates delivered / expected, over every (writer update, other client) pair. */
  delivered: number;
  expected: number;
  /** Updates the server merged with a later one (latency estimated from the send period). */
  merged: number;
  /** Updates the writers actually sent per second (they skip ticks if the generator lags). */
  updatesPerSecond: number;
  awarenessMessagesInPerSecond: number;
  serverCpuPercent: number;
  serverRss: number;
  loadGenEventLoopP99Ms: number;
  loadGenCpuPercent: number;
  /** Clients that failed to connect or were closed during the run. */
  clientErrors: string[];
  /** Clients that should have received updates and received none (0 in a sane run). */
  clientsWithoutUpdates: number;
  /** The measured window on the shared clock. */
  window: { measureFrom: number; endAt: number };
  /** Every repeat's figures when this is the median of several runs (see repeats.ts). */
  repeats?: RepeatFigures[];
  /** The machine's 1-minute load average at the end of the measured window. */
  loadAverage: number;
  /** Ours only: its store appends during the run, from its own /metrics histogram. */
  storeAppend?: StoreAppendFigures | null;
}

export interface StoreAppendFigures {
  count: number;
  meanMs: number;
  /** Upper bounds of the histogram buckets holding the 50th / 99th percentile. */
  p50AtMostMs: number;
  p99AtMostMs: number;
}

/** The appends between two snapshots of ours' store histogram. */
function appendFigures(
  before: StoreHistogram | null,
  after: StoreHistogram | null,
): StoreAppendFigures | null {
  if (!before || !after) return null;
  const count = after.count - before.count;
  if (count <= 0) return null;
  const bucketDelta = after.buckets.map(([bound, cumulative], index): [number, number] => [
    bound,
    cumulative - (before.buckets[index]?.[1] ?? 0),
  ]);
  const atMost = (fraction: number) =>
    (bucketDelta.find(([, cumulative]) => cumulative >= fraction * count)?.[0] ?? Infinity) * 1000;
  return {
    count,
    meanMs: ((after.sum - before.sum) / count) * 1000,
    p50AtMostMs: atMost(0.5),
    p99AtMostMs: atMost(0.99),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runEditLatency(
  peer: RunningPeer,
  viewers: number,
  config: EditLatencyConfig,
  pool: LoadGeneratorPool,
): Promise<EditLatencyResult> {
  const address = await peer.createRoom(`edit latency V=${viewers}`);
  // Cards already on the board; a seeder stays connected so no server unloads the room.
  let seeder: BenchClient | null = null;
  if (peer.definition.holdsDocuments) {
    seeder = new BenchClient(address, { applyDocument: true });
    await seeder.connect();
    writeBoard(seeder.doc, {
      cards: config.backgroundCards,
      linkProbability: 0.8,
      movesPerCard: 0,
      seed: 42,
    });
  }
  const generatorCount = pool.generators.length;
  const total = config.writers + viewers;
  const specs: EditClientSpec[][] = Array.from({ length: generatorCount }, () => []);
  for (let index = 0; index < total; index += 1) {
    specs[index % generatorCount]!.push({
      index,
      writerIndex: index < config.writers ? index : null,
    });
  }
  try {
    const connected = await pool.all(
      (generator) => ({
        kind: 'edit-connect',
        address,
        clients: specs[generator]!,
        writerCount: config.writers,
      }),
      'edit-connected',
    );
    const connectErrors = connected.flatMap((answer) => answer.errors);
    if (connectErrors.length > 0) {
      throw new Error(`${connectErrors.length} clients failed to connect: ${connectErrors[0]}`);
    }
    await pool.all(() => ({ kind: 'edit-prepare' }), 'edit-prepared');
    const storeBefore = await peer.storeAppendHistogram();
    await sleep(200);
    const startAt = sharedNow() + 300;
    const measureFrom = startAt + config.warmupMs;
    const endAt = measureFrom + config.measureMs;
    const sentPromise = pool.all(
      () => ({
        kind: 'edit-go',
        startAt,
        measureFrom,
        endAt,
        updatesPerSecond: config.updatesPerSecond,
        cursorHz: config.cursorHz,
      }),
      'edit-sent',
    );
    await sleep(measureFrom - sharedNow());
    const cpuStart = peer.cpuTimeMs();
    const wallStart = sharedNow();
    await sleep(endAt - sharedNow());
    const serverCpuPercent = ((peer.cpuTimeMs() - cpuStart) / (sharedNow() - wallStart)) * 100;
    const serverRss = peer.memory().rss;
    const loadAverage = os.loadavg()[0]!;
    const storeAfter = await peer.storeAppendHistogram();
    const writers = (await sentPromise).flatMap((answer) => answer.writers);
    const finalClocks: Record<number, number> = {};
    for (const writer of writers)
      finalClocks[writerClientId(writer.writerIndex)] = writer.finalClock;
    const results = await pool.all(
      () => ({ kind: 'edit-finish', finalClocks, drainMs: config.drainMs }),
      'edit-result',
      config.drainMs + 60_000,
    );

    const measuredSentBy = new Map(
      writers.map((writer) => [writer.writerIndex, writer.measuredSent]),
    );
    const totalMeasuredSent = writers.reduce((sum, writer) => sum + writer.measuredSent, 0);
    let expected = 0;
    let delivered = 0;
    let awarenessIn = 0;
    let clientsWithoutUpdates = 0;
    const clientErrors: string[] = [];
    for (const receiver of results.flatMap((result) => result.receivers)) {
      let expectedHere = 0;
      let receivedHere = 0;
      for (const [writerIndex, sent] of measuredSentBy) {
        if (writerIndex === receiver.writerIndex) continue;
        expectedHere += sent;
        // Clamp: the send-time estimate for merged updates can put one across the window edge.
        receivedHere += Math.min(sent, receiver.receivedByWriter[writerIndex] ?? 0);
      }
      expected += expectedHere;
      delivered += receivedHere;
      if (expectedHere > 0 && receivedHere === 0) clientsWithoutUpdates += 1;
      awarenessIn += receiver.awarenessIn;
      if (receiver.closed) {
        clientErrors.push(
          `client ${receiver.index} closed: ${receiver.closed.code} ${receiver.closed.reason}`,
        );
      }
    }
    const latencies = results.flatMap((result) => result.latencies);
    const measureSeconds = config.measureMs / 1000;
    return {
      peer: peer.definition.name,
      viewers,
      writers: config.writers,
      latency: summarise(latencies, Math.max(0, expected - delivered)),
      delivered,
      expected,
      merged: results.reduce((sum, result) => sum + result.merged, 0),
      updatesPerSecond: totalMeasuredSent / measureSeconds,
      awarenessMessagesInPerSecond: awarenessIn / measureSeconds,
      serverCpuPercent,
      serverRss,
      loadGenEventLoopP99Ms: Math.max(...results.map((result) => result.eventLoopDelayP99Ms)),
      loadGenCpuPercent: results.reduce((sum, result) => sum + result.cpuPercent, 0),
      clientErrors,
      clientsWithoutUpdates,
      window: { measureFrom, endAt },
      storeAppend: appendFigures(storeBefore, storeAfter),
      loadAverage,
    };
  } finally {
    await pool.all(() => ({ kind: 'edit-close' }), 'edit-closed');
    seeder?.close();
  }
}
