/**
 * Messages between the benchmark runner and its load-generator processes (over the fork IPC
 * channel). Every time is on the shared clock `performance.timeOrigin + performance.now()`,
 * which all processes on one machine agree on to well under a millisecond.
 */
import type { RoomAddress } from './client.ts';

export const sharedNow = (): number => performance.timeOrigin + performance.now();

export interface EditClientSpec {
  /** Position in the whole run (0 … W+V-1); writers come first. */
  index: number;
  /** Set for writers: which card they drag and which fixed Yjs client id they use. */
  writerIndex: number | null;
}

export type RunnerMessage =
  | { kind: 'edit-connect'; address: RoomAddress; clients: EditClientSpec[]; writerCount: number }
  | { kind: 'edit-prepare' }
  | {
      kind: 'edit-go';
      startAt: number;
      measureFrom: number;
      endAt: number;
      updatesPerSecond: number;
      cursorHz: number;
    }
  | { kind: 'edit-finish'; finalClocks: Record<number, number>; drainMs: number }
  | { kind: 'edit-close' }
  | {
      kind: 'storm';
      address: RoomAddress;
      /** When each of this generator's clients starts connecting (shared clock). */
      startTimes: number[];
      timeoutMs: number;
    }
  | { kind: 'storm-close' }
  | { kind: 'exit' };

export interface WriterReport {
  writerIndex: number;
  /** The writer's own clock for its client id after its last update. */
  finalClock: number;
  /** Updates sent with a timestamp inside the measured window. */
  measuredSent: number;
  /** Scheduled sends skipped because the generator fell behind (it never bursts). */
  skipped: number;
}

export interface ReceiverReport {
  index: number;
  writerIndex: number | null;
  /** Updates received per writer, counting only those sent inside the measured window. */
  receivedByWriter: Record<number, number>;
  /** Whether the client's doc had every writer's final clock when the drain ended. */
  complete: boolean;
  awarenessIn: number;
  closed: { code: number; reason: string } | null;
}

export type LoadGenMessage =
  | { kind: 'edit-connected'; errors: string[] }
  | { kind: 'edit-prepared' }
  | { kind: 'edit-sent'; writers: WriterReport[] }
  | {
      kind: 'edit-result';
      /** Latencies (ms) of every update received, over all this generator's clients. */
      latencies: number[];
      /** Updates that arrived merged with a later one from the same writer (same transaction). */
      merged: number;
      receivers: ReceiverReport[];
      eventLoopDelayP99Ms: number;
      cpuPercent: number;
    }
  | { kind: 'edit-closed' }
  | {
      kind: 'storm-result';
      /** Per client: ms from starting to connect to the whole board having arrived; null = failed. */
      timesMs: (number | null)[];
      errors: string[];
      syncStep2Bytes: number[];
    }
  | { kind: 'storm-closed' }
  | { kind: 'error'; message: string };
