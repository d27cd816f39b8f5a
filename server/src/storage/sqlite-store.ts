import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config.ts';
import {
  BoardNotFoundError,
  type BoardStore,
  type StoredBoard,
  type StoredBoardProblem,
  type StoreHealth,
  StoreUnusableError,
} from './board-store.ts';
import { HISTORY_TABLES } from './sqlite-history-store.ts';

/**
 * The layout of the SQLite file; bump with a migration in `migrate()`.
 * 1: boards (snapshot, last_seq) + updates (seq, data).
 * 2: a CRC-32 per snapshot and update, the seq a snapshot covers (so a missing row shows),
 *    `store_info` (the health probe writes there) and `set_aside` (rows an operator moved away).
 * 3: the board's history — `versions` and `card_activity` (`sqlite-history-store.ts`).
 */
const STORE_SCHEMA_VERSION = 3;

export const SQLITE_FILE_NAME = 'boards.sqlite';

export interface SqliteBoardStoreOptions {
  /** Directory of the database file (created if missing), or `:memory:`. */
  dataDir: string;
  /**
   * `normal` (default): in WAL mode a commit is written to the WAL file before `appendUpdate`
   * returns, so it survives the process being killed (kill -9, crash); a power cut or OS crash
   * may lose the last commits (never corrupt the file). `full`: fsync on every commit, which
   * also survives a power cut, at a few milliseconds per update on most disks.
   */
  synchronous?: SqliteSynchronous;
  /**
   * Open an existing store for reading only (the `store check` command, safe beside a running
   * server): nothing is created, upgraded or written.
   */
  readonly?: boolean;
}

/** A board's rows as an operator moved them out of the way (`setAsideBoard`). */
export interface SetAsideRow {
  boardId: string;
  /** `snapshot` or `update <seq>`, as in the damage report. */
  row: string;
  bytes: number;
  reason: string;
  setAsideAt: number;
}

const LAYOUT = `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    snapshot BLOB,
    snapshot_crc INTEGER,
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE updates (
    board_id TEXT NOT NULL REFERENCES boards (id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    crc INTEGER,
    PRIMARY KEY (board_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE store_info (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
  CREATE TABLE set_aside (
    board_id TEXT NOT NULL,
    seq INTEGER,
    data BLOB,
    crc INTEGER,
    reason TEXT NOT NULL,
    set_aside_at INTEGER NOT NULL
  );
  ${HISTORY_TABLES}
  PRAGMA user_version = ${STORE_SCHEMA_VERSION};
`;

/**
 * Boards in one SQLite file (`<dataDir>/boards.sqlite`) through better-sqlite3, in WAL mode.
 * better-sqlite3 is synchronous: when `appendUpdate`'s promise resolves, the row was committed
 * before the call returned — nothing is buffered in this process.
 *
 * Every snapshot and update carries a CRC-32 written with it and checked when the board is
 * read: SQLite has no checksums of its own, and half of all single-bit flips in a Yjs update
 * still decode — into a different board. A row that fails its check is reported, never
 * dropped (S-DUR-7).
 *
 * Opening refuses (`StoreUnusableError`, the server exits 2) a file that exists but is not a
 * Fire Triangle store — empty, not SQLite, or SQLite without our tables — rather than start
 * an empty store on top of it (S-DUR-9). A new store is built under a temporary name and
 * renamed into place, so a crash while creating it never leaves a half-made file behind.
 */
export class SqliteBoardStore implements BoardStore {
  readonly kind = 'sqlite';
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(options: SqliteBoardStoreOptions) {
    const synchronous = options.synchronous === 'full' ? 'FULL' : 'NORMAL';
    if (options.dataDir === ':memory:') {
      this.path = ':memory:';
      this.db = new Database(this.path);
      this.db.exec(LAYOUT);
    } else {
      this.path = join(options.dataDir, SQLITE_FILE_NAME);
      if (options.readonly && !existsSync(this.path)) {
        throw new StoreUnusableError(`${this.path} does not exist: no boards are stored there.`);
      }
      if (!options.readonly) {
        mkdirSync(options.dataDir, { recursive: true });
        if (!existsSync(this.path)) createStoreFile(this.path);
      }
      this.db = openExistingStore(this.path, options.readonly ?? false);
      try {
        this.checkLayout();
        if (options.readonly) {
          const version = this.db.pragma('user_version', { simple: true }) as number;
          if (version !== STORE_SCHEMA_VERSION) {
            throw new StoreUnusableError(
              `${this.path} uses store layout ${version}; start the server once to upgrade it to ${STORE_SCHEMA_VERSION}.`,
            );
          }
        } else {
          // Only once the file is known to be ours: switching to WAL writes to it.
          this.db.pragma('journal_mode = WAL');
          this.migrate();
        }
      } catch (error) {
        this.db.close();
        if (error instanceof StoreUnusableError) throw error;
        throw new StoreUnusableError(
          `${this.path} could not be brought to store layout ${STORE_SCHEMA_VERSION}: ${(error as Error).message}. Is the file or its directory read-only?`,
          { cause: error },
        );
      }
    }
    if (!options.readonly) this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.statements = prepareStatements(this.db);
  }

  /** Refuses a database that is not a Fire Triangle store this version can read. */
  private checkLayout(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > STORE_SCHEMA_VERSION) {
      throw new StoreUnusableError(
        `${this.path} was written by a newer Fire Triangle (store layout ${version}, this one knows ${STORE_SCHEMA_VERSION}). Run the newer version, or restore a backup made by this one.`,
      );
    }
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .pluck()
      .all() as string[];
    // Layout 1 wrote its tables and user_version in separate statements: tables without a
    // version are a layout-1 store whose first start was cut short.
    if (!tables.includes('boards') || !tables.includes('updates')) {
      // Our own files are created whole (createStoreFile); a database without our layout is
      // someone else's file, or the remains of one: starting an empty store on it would hand
      // every old link an empty board.
      throw new StoreUnusableError(
        `${this.path} is an SQLite database but not a Fire Triangle store (layout ${version}, tables: ${tables.join(', ') || 'none'}). Restore boards.sqlite from a backup, or move this file away to start with an empty store.`,
      );
    }
  }

  private migrate(): void {
    let version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === STORE_SCHEMA_VERSION) return;
    // Each step in one transaction, so a start cut short leaves a layout the next one resumes.
    if (version < 2) {
      // 1 → 2: checksums for the rows already there (from here on a later change to them
      // shows), and the seq each snapshot covers (the log starts right after it).
      this.db.function('ft_crc32', { deterministic: true }, (data) =>
        data instanceof Uint8Array ? crc32(data) : null,
      );
      this.db.transaction(() => {
        this.db.exec(`
          ALTER TABLE boards ADD COLUMN snapshot_crc INTEGER;
          ALTER TABLE boards ADD COLUMN snapshot_seq INTEGER NOT NULL DEFAULT 0;
          ALTER TABLE updates ADD COLUMN crc INTEGER;
          UPDATE boards SET snapshot_crc = ft_crc32(snapshot),
            snapshot_seq = COALESCE((SELECT MIN(seq) - 1 FROM updates WHERE board_id = boards.id), last_seq);
          UPDATE updates SET crc = ft_crc32(data);
          CREATE TABLE store_info (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
          CREATE TABLE set_aside (
            board_id TEXT NOT NULL, seq INTEGER, data BLOB, crc INTEGER,
            reason TEXT NOT NULL, set_aside_at INTEGER NOT NULL
          );
          PRAGMA user_version = 2;
        `);
      })();
      version = 2;
    }
    if (version < 3) {
      // 2 → 3: the history's tables, empty (boards stored before have no versions yet).
      this.db.transaction(() => {
        this.db.exec(`${HISTORY_TABLES} PRAGMA user_version = 3;`);
      })();
    }
  }

  /** The connection, for the stores that keep their tables in this file (the history's). */
  get database(): Database.Database {
    return this.db;
  }

  async createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    const now = Date.now();
    const snapshot = Buffer.from(initialState);
    const result = this.statements.create.run(boardId, snapshot, crc32(snapshot), now, now);
    return result.changes === 1;
  }

  async hasBoard(boardId: string): Promise<boolean> {
    return this.statements.has.get(boardId) === 1;
  }

  private readonly loadTransaction = (boardId: string): StoredBoard | null => {
    const row = this.statements.board.get(boardId) as
      | {
          snapshot: unknown;
          snapshot_crc: number | null;
          snapshot_seq: number;
          last_seq: number;
        }
      | undefined;
    if (!row) return null;
    const problems: StoredBoardProblem[] = [];
    const check = (name: string, data: unknown, crc: number | null): Buffer => {
      // A hand edit can leave text (or a number) where bytes belong: report it, keep its bytes.
      if (!Buffer.isBuffer(data)) {
        problems.push({ row: name, problem: `stored as ${typeof data}, not as bytes` });
        return Buffer.from(String(data));
      }
      if (crc !== null && crc32(data) !== crc) {
        problems.push({ row: name, problem: checksumProblem(data, crc) });
      }
      return data;
    };
    const snapshot =
      row.snapshot === null ? null : check('snapshot', row.snapshot, row.snapshot_crc);
    const log = (
      this.statements.log.all(boardId) as { seq: number; data: unknown; crc: number | null }[]
    ).map((entry) => ({
      seq: entry.seq,
      data: check(`update ${entry.seq}`, entry.data, entry.crc),
    }));
    return {
      snapshot: snapshot ? toUint8Array(snapshot) : null,
      snapshotSeq: row.snapshot_seq,
      updates: log.map((entry) => toUint8Array(entry.data)),
      seqs: log.map((entry) => entry.seq),
      lastSeq: row.last_seq,
      problems,
    };
  };

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    // One read transaction, so the snapshot and the log are from the same moment.
    return this.db.transaction(this.loadTransaction)(boardId);
  }

  private readonly appendTransaction = (boardId: string, update: Uint8Array): number => {
    const seq = this.statements.bumpSeq.get(Date.now(), boardId) as number | undefined;
    if (seq === undefined) throw new BoardNotFoundError(boardId);
    const data = Buffer.from(update);
    this.statements.append.run(boardId, seq, data, crc32(data));
    return seq;
  };

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    return this.db.transaction(this.appendTransaction)(boardId, update);
  }

  private readonly compactTransaction = (
    boardId: string,
    snapshot: Uint8Array,
    throughSeq: number,
  ): void => {
    const data = Buffer.from(snapshot);
    // Log first: the snapshot then reuses the pages the log freed, instead of the file
    // growing by the board's size at every compaction (SQLite keeps free pages for reuse).
    this.statements.trimLog.run(boardId, throughSeq);
    const changed = this.statements.setSnapshot.run(
      data,
      crc32(data),
      throughSeq,
      Date.now(),
      boardId,
    );
    if (changed.changes !== 1) throw new BoardNotFoundError(boardId);
  };

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(this.compactTransaction)(boardId, snapshot, throughSeq);
  }

  async listBoards(): Promise<string[]> {
    return this.statements.list.all() as string[];
  }

  async health(): Promise<StoreHealth> {
    if (!this.db.open) return { ok: false, reason: 'the store is closed' };
    try {
      // A real write: SQLite opens a file it may not write without complaint and only says so
      // at the first write (SQLITE_READONLY), and a full disk shows the same way.
      this.statements.probe.run(Date.now());
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: describeWriteFailure(this.path, error) };
    }
  }

  /**
   * For an operator (the `store set-aside` command, with the server stopped): moves every row
   * of a board — snapshot and log — into the `set_aside` table, in one transaction, and
   * removes the board. The next participant who opens it with a copy in their browser fills it
   * back (S-AUTH-6); the old bytes stay in `set_aside` for salvage. Returns the rows moved.
   */
  setAsideBoard(boardId: string, reason: string): SetAsideRow[] {
    return this.db.transaction(() => {
      const now = Date.now();
      const board = this.statements.boardRow.get(boardId) as
        | { snapshot: Buffer | null; snapshot_crc: number | null; snapshot_seq: number }
        | undefined;
      if (!board) throw new BoardNotFoundError(boardId);
      const moved: SetAsideRow[] = [];
      const rows: { seq: number | null; data: Buffer | null; crc: number | null }[] = [
        { seq: null, data: board.snapshot, crc: board.snapshot_crc },
        ...(this.statements.log.all(boardId) as { seq: number; data: Buffer; crc: number }[]),
      ];
      for (const row of rows) {
        this.statements.setAside.run(boardId, row.seq, row.data, row.crc, reason, now);
        moved.push({
          boardId,
          row: row.seq === null ? 'snapshot' : `update ${row.seq}`,
          bytes: row.data?.length ?? 0,
          reason,
          setAsideAt: now,
        });
      }
      this.statements.deleteLog.run(boardId);
      this.statements.deleteBoard.run(boardId);
      return moved;
    })();
  }

  /** Every row ever set aside, oldest first (for the `store check` command). */
  listSetAside(): SetAsideRow[] {
    return (
      this.statements.listSetAside.all() as {
        board_id: string;
        seq: number | null;
        bytes: number;
        reason: string;
        set_aside_at: number;
      }[]
    ).map((row) => ({
      boardId: row.board_id,
      row: row.seq === null ? 'snapshot' : `update ${row.seq}`,
      bytes: row.bytes,
      reason: row.reason,
      setAsideAt: row.set_aside_at,
    }));
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      // Fold the WAL back into the main file so the data directory is one self-contained file.
      if (this.path !== ':memory:' && !this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A store that cannot be written cannot checkpoint either; the WAL stays and is read back
      // at the next start, so nothing is lost by closing anyway.
    }
    this.db.close();
  }
}

/** Builds an empty store under a temporary name, then renames it into place (atomic). */
function createStoreFile(path: string): void {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new StoreUnusableError(
      `${wal} exists without ${path}: the store was moved or deleted in part. Put boards.sqlite back next to it (or move both away to start with an empty store).`,
    );
  }
  const creating = `${path}.creating`;
  for (const file of [creating, `${creating}-wal`, `${creating}-shm`])
    rmSync(file, { force: true });
  const db = new Database(creating);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(LAYOUT);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  renameSync(creating, path);
}

/** Opens a store file that exists, refusing anything that is not an SQLite database. */
function openExistingStore(path: string, readonly: boolean): Database.Database {
  const wal = `${path}-wal`;
  if (statSync(path).size === 0 && !(existsSync(wal) && statSync(wal).size > 0)) {
    throw new StoreUnusableError(
      `${path} is empty (0 bytes), so it is not a Fire Triangle store. If this data directory held boards, restore boards.sqlite from a backup; if it is new, delete the empty file.`,
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly });
    // The first read checks the header: "file is not a database" shows here, before any write.
    db.pragma('user_version', { simple: true });
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code;
    const what =
      code === 'SQLITE_NOTADB'
        ? 'is not an SQLite database'
        : code === 'SQLITE_CORRUPT'
          ? 'is a damaged SQLite database'
          : 'cannot be opened';
    throw new StoreUnusableError(
      `${path} ${what} (${(error as Error).message}). Fire Triangle will not start on it: restore boards.sqlite from a backup, or move it away to start with an empty store.`,
      { cause: error },
    );
  }
}

function checksumProblem(data: Uint8Array, stored: number): string {
  return `checksum mismatch (${data.length} bytes, CRC-32 ${crc32(data)}, stored ${stored})`;
}

function describeWriteFailure(path: string, error: unknown): string {
  const code = String((error as { code?: string }).code ?? '');
  const message = (error as Error).message ?? String(error);
  if (code.startsWith('SQLITE_READONLY')) {
    return `the store is read-only: ${path} cannot be written (${message})`;
  }
  if (code === 'SQLITE_FULL') return `the disk is full: ${path} cannot grow (${message})`;
  return `the store cannot be written: ${message}${code ? ` (${code})` : ''}`;
}

function prepareStatements(db: Database.Database) {
  return {
    create: db.prepare(
      'INSERT INTO boards (id, snapshot, snapshot_crc, snapshot_seq, last_seq, created_at, updated_at) VALUES (?, ?, ?, 0, 0, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    has: db.prepare('SELECT 1 FROM boards WHERE id = ?').pluck(),
    board: db.prepare(
      'SELECT snapshot, snapshot_crc, snapshot_seq, last_seq FROM boards WHERE id = ?',
    ),
    boardRow: db.prepare('SELECT snapshot, snapshot_crc, snapshot_seq FROM boards WHERE id = ?'),
    log: db.prepare('SELECT seq, data, crc FROM updates WHERE board_id = ? ORDER BY seq'),
    bumpSeq: db
      .prepare(
        'UPDATE boards SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq',
      )
      .pluck(),
    append: db.prepare('INSERT INTO updates (board_id, seq, data, crc) VALUES (?, ?, ?, ?)'),
    setSnapshot: db.prepare(
      'UPDATE boards SET snapshot = ?, snapshot_crc = ?, snapshot_seq = MAX(snapshot_seq, ?), updated_at = ? WHERE id = ?',
    ),
    trimLog: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    list: db.prepare('SELECT id FROM boards ORDER BY id').pluck(),
    probe: db.prepare(
      "INSERT INTO store_info (key, value) VALUES ('health_probe_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    ),
    setAside: db.prepare(
      'INSERT INTO set_aside (board_id, seq, data, crc, reason, set_aside_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteLog: db.prepare('DELETE FROM updates WHERE board_id = ?'),
    deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    listSetAside: db.prepare(
      'SELECT board_id, seq, length(data) AS bytes, reason, set_aside_at FROM set_aside ORDER BY set_aside_at, board_id, seq',
    ),
  };
}

/** A Uint8Array over exactly the row's bytes (Buffers may be views into a shared pool). */
function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
  );
}
