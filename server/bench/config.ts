/**
 * The two configurations: the full benchmark (several minutes, the figures in BENCHMARKS.md)
 * and the smoke (every workload, tiny, in well under a minute — CI checks it runs and its
 * numbers are sane, never how fast they are).
 */
import type { BoardShape } from './board-content.ts';

export interface EditLatencyConfig {
  /** Writers dragging a card each. */
  writers: number;
  /** Participants watching (the sweep). */
  viewerSweep: number[];
  updatesPerSecond: number;
  /** Presence: every client moves its cursor this often. */
  cursorHz: number;
  /** Cards already on the board. */
  backgroundCards: number;
  warmupMs: number;
  measureMs: number;
  /** How long late updates may still arrive after the writers stop. */
  drainMs: number;
}

export interface CapacityConfig {
  /** p99 bound that defines capacity. */
  p99LimitMs: number;
  /** Viewer counts tried beyond the sweep when every sweep point passes. */
  extendTo: number[];
  /** Bisection runs between the last passing and the first failing V. */
  bisectSteps: number;
  /** Stop bisecting below this gap. */
  resolution: number;
}

export interface JoinStormConfig {
  clients: number;
  /** Clients start connecting uniformly over this window. */
  spreadMs: number;
  board: BoardShape;
  timeoutMs: number;
  /** Also storm ours restarted on its data dir (the board loaded from SQLite by the storm). */
  cold: boolean;
}

export interface MemoryConfig {
  boards: number;
  board: BoardShape;
  idleConnections: number;
  /** How long ours may take to unload idle boards (its idle delay is shortened for the run). */
  unloadWaitMs: number;
  /** Idle-unload delay given to ours for this workload (env FT_IDLE_UNLOAD_MS). */
  oursIdleUnloadMs: number;
  /**
   * Restart ours on its data dir before measuring, so its boards are loaded from SQLite as in
   * production (the smoke skips it: a restart costs seconds of start-up).
   */
  loadFromDisk: boolean;
}

export interface BenchConfig {
  name: 'full' | 'smoke';
  loadGenerators: number;
  /**
   * Runs per (server, V) of the edit workload and per server of the join storm, interleaved;
   * the report shows the median run (the machines are shared and noisy).
   */
  repeats: number;
  edit: EditLatencyConfig;
  capacity: CapacityConfig;
  joinStorm: JoinStormConfig;
  memory: MemoryConfig;
}

export const FULL: BenchConfig = {
  name: 'full',
  loadGenerators: 2,
  repeats: 3,
  edit: {
    writers: 5,
    viewerSweep: [10, 50, 100, 250],
    updatesPerSecond: 20,
    cursorHz: 20,
    backgroundCards: 200,
    warmupMs: 2_000,
    measureMs: 8_000,
    drainMs: 5_000,
  },
  capacity: { p99LimitMs: 50, extendTo: [400, 600], bisectSteps: 2, resolution: 10 },
  joinStorm: {
    clients: 100,
    spreadMs: 1_000,
    board: { cards: 5_000, linkProbability: 0.8, movesPerCard: 2, seed: 5_000 },
    timeoutMs: 60_000,
    cold: true,
  },
  memory: {
    boards: 20,
    board: { cards: 500, linkProbability: 0.8, movesPerCard: 3, seed: 500 },
    idleConnections: 500,
    unloadWaitMs: 20_000,
    oursIdleUnloadMs: 2_000,
    loadFromDisk: true,
  },
};

export const SMOKE: BenchConfig = {
  name: 'smoke',
  loadGenerators: 2,
  repeats: 1,
  edit: {
    writers: 2,
    viewerSweep: [4],
    updatesPerSecond: 20,
    cursorHz: 20,
    backgroundCards: 20,
    warmupMs: 300,
    measureMs: 1_000,
    // Ends as soon as every update arrived; generous so a busy CI machine is not a failure.
    drainMs: 15_000,
  },
  capacity: { p99LimitMs: 50, extendTo: [], bisectSteps: 0, resolution: 10 },
  joinStorm: {
    clients: 10,
    spreadMs: 200,
    board: { cards: 300, linkProbability: 0.8, movesPerCard: 1, seed: 300 },
    timeoutMs: 20_000,
    cold: true,
  },
  memory: {
    boards: 3,
    board: { cards: 100, linkProbability: 0.8, movesPerCard: 1, seed: 100 },
    idleConnections: 20,
    unloadWaitMs: 1_500,
    oursIdleUnloadMs: 300,
    loadFromDisk: false,
  },
};
