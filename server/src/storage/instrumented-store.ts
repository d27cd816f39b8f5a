import type { Histogram } from 'prom-client';
import type { BoardStore, StoredBoard, StoreHealth } from './board-store.ts';

/** Wraps a store so every call's latency lands in the store histogram, labelled by operation. */
export class InstrumentedBoardStore implements BoardStore {
  readonly kind: string;

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

  createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    return this.timed('create', () => this.inner.createBoard(boardId, initialState));
  }
  hasBoard(boardId: string): Promise<boolean> {
    return this.timed('has', () => this.inner.hasBoard(boardId));
  }
  loadBoard(boardId: string): Promise<StoredBoard | null> {
    return this.timed('load', () => this.inner.loadBoard(boardId));
  }
  appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    return this.timed('append', () => this.inner.appendUpdate(boardId, update));
  }
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.timed('compact', () => this.inner.compact(boardId, snapshot, throughSeq));
  }
  listBoards(): Promise<string[]> {
    return this.timed('list', () => this.inner.listBoards());
  }
  health(): Promise<StoreHealth> {
    return this.timed('health', () => this.inner.health());
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
