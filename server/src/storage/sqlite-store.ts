import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config.ts';
import { BoardNotFoundError, type BoardStore, type StoredBoard } from './board-store.ts';

/** The layout of the SQLite file; bump with a migration in `migrate()`. */
const STORE_SCHEMA_VERSION = 1;

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
}

/**
 * Boards in one SQLite file (`<dataDir>/boards.sqlite`) through better-sqlite3, in WAL mode.
 * better-sqlite3 is synchronous: when `appendUpdate`'s promise resolves, the row was committed
 * before the call returned — nothing is buffered in this process.
 */
export class SqliteBoardStore implements BoardStore {
  readonly kind = 'sqlite';
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(options: SqliteBoardStoreOptions) {
    if (options.dataDir === ':memory:') {
      this.path = ':memory:';
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      this.path = join(options.dataDir, SQLITE_FILE_NAME);
    }
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.statements = prepareStatements(this.db);
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > STORE_SCHEMA_VERSION) {
      throw new Error(
        `${this.path} was written by a newer Fire Triangle (store layout ${version}, this one knows ${STORE_SCHEMA_VERSION}).`,
      );
    }
    if (version === STORE_SCHEMA_VERSION) return;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS boards (
        id TEXT PRIMARY KEY,
        snapshot BLOB,
        last_seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS updates (
        board_id TEXT NOT NULL REFERENCES boards (id),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (board_id, seq)
      ) WITHOUT ROWID;
      PRAGMA user_version = ${STORE_SCHEMA_VERSION};
    `);
  }

  async createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    const now = Date.now();
    const result = this.statements.create.run(boardId, Buffer.from(initialState), now, now);
    return result.changes === 1;
  }

  async hasBoard(boardId: string): Promise<boolean> {
    return this.statements.has.get(boardId) === 1;
  }

  private readonly loadTransaction = (boardId: string): StoredBoard | null => {
    const row = this.statements.board.get(boardId) as
      | { snapshot: Buffer | null; last_seq: number }
      | undefined;
    if (!row) return null;
    const updates = (this.statements.log.all(boardId) as Buffer[]).map(toUint8Array);
    return {
      snapshot: row.snapshot ? toUint8Array(row.snapshot) : null,
      updates,
      lastSeq: row.last_seq,
    };
  };

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    // One read transaction, so the snapshot and the log are from the same moment.
    return this.db.transaction(this.loadTransaction)(boardId);
  }

  private readonly appendTransaction = (boardId: string, update: Uint8Array): number => {
    const seq = this.statements.bumpSeq.get(Date.now(), boardId) as number | undefined;
    if (seq === undefined) throw new BoardNotFoundError(boardId);
    this.statements.append.run(boardId, seq, Buffer.from(update));
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
    const changed = this.statements.setSnapshot.run(Buffer.from(snapshot), Date.now(), boardId);
    if (changed.changes !== 1) throw new BoardNotFoundError(boardId);
    this.statements.trimLog.run(boardId, throughSeq);
  };

  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(this.compactTransaction)(boardId, snapshot, throughSeq);
  }

  async listBoards(): Promise<string[]> {
    return this.statements.list.all() as string[];
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    // Fold the WAL back into the main file so the data directory is one self-contained file.
    if (this.path !== ':memory:') this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    create: db.prepare(
      'INSERT INTO boards (id, snapshot, last_seq, created_at, updated_at) VALUES (?, ?, 0, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    has: db.prepare('SELECT 1 FROM boards WHERE id = ?').pluck(),
    board: db.prepare('SELECT snapshot, last_seq FROM boards WHERE id = ?'),
    log: db.prepare('SELECT data FROM updates WHERE board_id = ? ORDER BY seq').pluck(),
    bumpSeq: db
      .prepare(
        'UPDATE boards SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq',
      )
      .pluck(),
    append: db.prepare('INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)'),
    setSnapshot: db.prepare('UPDATE boards SET snapshot = ?, updated_at = ? WHERE id = ?'),
    trimLog: db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
    list: db.prepare('SELECT id FROM boards ORDER BY id').pluck(),
  };
}

/** A Uint8Array over exactly the row's bytes (Buffers may be views into a shared pool). */
function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength),
  );
}
