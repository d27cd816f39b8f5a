/**
 * Where boards live between restarts. A board is stored as a snapshot (one Yjs update holding
 * the merged state of everything compacted so far) plus a log of the updates appended since,
 * each with a sequence number. The room appends every update before relaying it, and
 * compacts the log into the snapshot in the background.
 *
 * Every implementation passes the one contract suite in `board-store.contract.ts` (SQLite and
 * in-memory today; a PostgreSQL store would join the same suite).
 */

export interface StoredBoard {
  /** The merged state of everything compacted so far, or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update ever appended (0 when none). */
  lastSeq: number;
}

export interface BoardStore {
  /** A short name for logs and metrics, e.g. `sqlite`. */
  readonly kind: string;
  /**
   * Creates a board whose snapshot is `initialState`. Returns false, changing nothing, when a
   * board with this id already exists.
   */
  createBoard(boardId: string, initialState: Uint8Array): Promise<boolean>;
  hasBoard(boardId: string): Promise<boolean>;
  /** The board's snapshot and log, or null when there is no such board. */
  loadBoard(boardId: string): Promise<StoredBoard | null>;
  /**
   * Appends one update durably (it is on disk when the promise resolves) and returns its
   * sequence number. Throws `BoardNotFoundError` when the board does not exist.
   */
  appendUpdate(boardId: string, update: Uint8Array): Promise<number>;
  /**
   * Replaces the snapshot with `snapshot` and drops the logged updates up to and including
   * `throughSeq`, atomically. Updates appended after `throughSeq` stay in the log.
   */
  compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Every board id, sorted. */
  listBoards(): Promise<string[]>;
  /** Flushes and releases the store; later calls fail. */
  close(): Promise<void>;
}

export class BoardNotFoundError extends Error {
  constructor(readonly boardId: string) {
    super(`No board "${boardId}" in the store`);
    this.name = 'BoardNotFoundError';
  }
}
