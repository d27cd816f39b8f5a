import {
  BoardNotFoundError,
  type BoardStore,
  type StoredBoard,
  type StoreHealth,
} from './board-store.ts';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  log: { seq: number; update: Uint8Array }[];
  lastSeq: number;
}

/**
 * Keeps boards in this process only (lost on exit): for tests, demos and `FT_STORE=memory`.
 * It copies bytes in and out, so callers cannot change stored data by mutating their arrays —
 * the same guarantee a real store gives.
 */
export class MemoryBoardStore implements BoardStore {
  readonly kind = 'memory';
  private readonly boards = new Map<string, MemoryBoard>();
  private closed = false;

  async createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    this.assertOpen();
    if (this.boards.has(boardId)) return false;
    this.boards.set(boardId, {
      snapshot: initialState.slice(),
      snapshotSeq: 0,
      log: [],
      lastSeq: 0,
    });
    return true;
  }

  async hasBoard(boardId: string): Promise<boolean> {
    this.assertOpen();
    return this.boards.has(boardId);
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) return null;
    return {
      snapshot: board.snapshot ? board.snapshot.slice() : null,
      snapshotSeq: board.snapshotSeq,
      updates: board.log.map((entry) => entry.update.slice()),
      seqs: board.log.map((entry) => entry.seq),
      lastSeq: board.lastSeq,
      problems: [],
    };
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) throw new BoardNotFoundError(boardId);
    board.lastSeq += 1;
    board.log.push({ seq: board.lastSeq, update: update.slice() });
    return board.lastSeq;
  }

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.assertOpen();
    const board = this.boards.get(boardId);
    if (!board) throw new BoardNotFoundError(boardId);
    board.snapshot = snapshot.slice();
    board.snapshotSeq = Math.max(board.snapshotSeq, throughSeq);
    board.log = board.log.filter((entry) => entry.seq > throughSeq);
  }

  async listBoards(): Promise<string[]> {
    this.assertOpen();
    return [...this.boards.keys()].sort();
  }

  async health(): Promise<StoreHealth> {
    return this.closed ? { ok: false, reason: 'the store is closed' } : { ok: true };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The memory board store is closed');
  }
}
