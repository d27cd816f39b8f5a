/**
 * Where boards live between restarts. A board is stored as a snapshot (one Yjs update holding
 * the merged state of everything compacted so far) plus a log of the updates appended since,
 * each with a sequence number. The room appends every update before relaying it, and
 * compacts the log into the snapshot in the background.
 *
 * Every implementation passes the one contract suite in `board-store.contract.ts` (SQLite,
 * in-memory and PostgreSQL).
 */

export interface StoredBoard {
  /** The merged state of everything compacted so far, or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** The sequence number the snapshot covers up to and including (0 before any compaction). */
  snapshotSeq: number;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The sequence number of each entry of `updates`, in the same order. */
  seqs: number[];
  /** Sequence number of the last update ever appended (0 when none). */
  lastSeq: number;
  /**
   * Rows the store itself knows to be damaged (a checksum that does not match), or empty. The
   * caller refuses such a board (`decodeStoredBoard`); the store never hides or drops a row.
   */
  problems: StoredBoardProblem[];
}

/** What `/healthz` reports about the store: `ok`, or why not (read-only, disk full, closed…). */
export type StoreHealth = { ok: true } | { ok: false; reason: string };

export interface BoardStore {
  /** A short name for logs and metrics, e.g. `sqlite`. */
  readonly kind: string;
  /**
   * Creates a board whose snapshot is `initialState`. Returns false, changing nothing, when a
   * board with this id already exists.
   */
  createBoard(boardId: string, initialState: Uint8Array): Promise<boolean>;
  hasBoard(boardId: string): Promise<boolean>;
  /**
   * The board's snapshot and log, or null when there is no such board. Rows that fail their
   * checksum are returned as they are and listed in `problems`; a backend that cannot read at
   * all throws.
   */
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
  /**
   * Whether the store can take writes right now, checked with a real write (a store opened on
   * a read-only file, a full disk, a closed store are not `ok`). Never throws.
   */
  health(): Promise<StoreHealth>;
  /** Flushes and releases the store; later calls fail. */
  close(): Promise<void>;
}

/**
 * A store several server instances share (PostgreSQL): what an instance needs beyond
 * `BoardStore` to catch up with updates other instances stored (docs/server-spec.md, S-SCALE-*).
 */
export interface SharedBoardStore extends BoardStore {
  /**
   * The board's rows after `afterSeq`, as one consistent read: the logged updates with a greater
   * seq, plus the snapshot when it covers more than `afterSeq` (the rows it replaced are gone);
   * `snapshotSeq` is then the snapshot's, else `afterSeq` with `snapshot` null. Null for an
   * unknown board. Rows failing their checksum are listed in `problems`, as in `loadBoard`.
   */
  loadBoardSince(boardId: string, afterSeq: number): Promise<StoredBoard | null>;
  /** The last seq of each of `boardIds` the store has (unknown ids are left out). */
  lastSeqs(boardIds: readonly string[]): Promise<Map<string, number>>;
}

export function isSharedBoardStore(store: BoardStore): store is SharedBoardStore {
  return (
    typeof (store as Partial<SharedBoardStore>).loadBoardSince === 'function' &&
    typeof (store as Partial<SharedBoardStore>).lastSeqs === 'function'
  );
}

export class BoardNotFoundError extends Error {
  constructor(readonly boardId: string) {
    super(`No board "${boardId}" in the store`);
    this.name = 'BoardNotFoundError';
  }
}

/**
 * One stored row of a board that cannot be used as it is. `row` names it the way an operator
 * finds it: `snapshot` (the `boards` row), `update 17` (the `updates` row with seq 17) or `log`
 * (the sequence as a whole, e.g. a missing row).
 */
export interface StoredBoardProblem {
  row: string;
  problem: string;
}

/**
 * A board whose stored rows do not decode, fail their checksum or have gaps: it is refused
 * (websocket 4500, REST 503) and its rows are left exactly as they are, so nothing more is
 * lost (docs/server-spec.md, S-DUR-7; recovery in "A damaged board").
 */
export class StoredBoardDamagedError extends Error {
  constructor(
    readonly boardId: string,
    readonly problems: readonly StoredBoardProblem[],
  ) {
    super(
      `The stored board "${boardId}" is damaged: ${problems.map((entry) => `${entry.row}: ${entry.problem}`).join('; ')}`,
    );
    this.name = 'StoredBoardDamagedError';
  }
}

/**
 * The data directory or its store cannot be used at all (not a database, an empty file, held
 * by another process, written by a newer version): the server refuses to start and exits 2
 * with this message (docs/server-spec.md, S-DUR-8, S-DUR-9).
 */
export class StoreUnusableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnusableError';
  }
}
