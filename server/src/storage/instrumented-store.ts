import type { Histogram } from 'prom-client';
import type { BoardStore, StoredBoard, StoreHealth } from './board-store.ts';

/**
 * How long a failed write keeps `health()` from saying `ok` (ms) unless a write succeeds first:
 * the health probe's one-row write fits in pages SQLite already has, so it succeeds on a full
 * disk where a board's update fails (seen: /healthz 200 while every edit closed with 4500).
 */
export const WRITE_FAILURE_MEMORY_MS = 60_000;

/**
 * Wraps a store so every call's latency lands in the store histogram, labelled by operation,
 * and so that `health()` also reports the last write that failed (S-DUR-9).
 */
export class InstrumentedBoardStore implements BoardStore {
  readonly kind: string;
  private lastWriteFailure: { at: number; message: string } | null = null;

  constructor(
    private readonly inner: BoardStore,
    private readonly latency: Histogram<'operation' | 'store'>,
  ) {
    this.kind = inner.kind;
  }

  private async timed<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await call();
    } finally {
      this.latency.observe({ operation, store: this.kind }, (performance.now() - start) / 1000);
    }
  }

  /** A write: its failure is remembered for `health()`, its success clears it. */
  private async written<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await this.timed(operation, call);
      this.lastWriteFailure = null;
      return result;
    } catch (error) {
      this.lastWriteFailure = { at: Date.now(), message: (error as Error).message };
      throw error;
    }
  }

  createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    return this.written('create', () => this.inner.createBoard(boardId, initialState));
  }
  hasBoard(boardId: string): Promise<boolean> {
    return this.timed('has', () => this.inner.hasBoard(boardId));
  }
  loadBoard(boardId: string): Promise<StoredBoard | null> {
    return this.timed('load', () => this.inner.loadBoard(boardId));
  }
  appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    return this.written('append', () => this.inner.appendUpdate(boardId, update));
  }
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.written('compact', () => this.inner.compact(boardId, snapshot, throughSeq));
  }
  listBoards(): Promise<string[]> {
    return this.timed('list', () => this.inner.listBoards());
  }
  async health(): Promise<StoreHealth> {
    const health = await this.timed('health', () => this.inner.health());
    const failure = this.lastWriteFailure;
    if (!health.ok || failure === null) return health;
    const ago = Date.now() - failure.at;
    if (ago >= WRITE_FAILURE_MEMORY_MS) return health;
    return {
      ok: false,
      reason: `a board's update could not be stored ${Math.round(ago / 1000)} s ago: ${failure.message}`,
    };
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
