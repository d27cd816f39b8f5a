/**
 * Boards in PostgreSQL (`FT_STORE=postgres`, `DATABASE_URL`), through `pg`'s connection pool:
 * the store several server instances share (docs/server-spec.md, S-SCALE-*). Same layout as the
 * SQLite store — a snapshot per board and a log of updates with sequence numbers — in a schema
 * of its own (`FT_PG_SCHEMA`, default `fire_triangle`), so it never mixes with other tables of
 * the database.
 *
 * Durability (S-DUR-1): `appendUpdate` resolves once PostgreSQL acknowledged the commit; with
 * PostgreSQL's default `synchronous_commit = on` the WAL is flushed to disk by then, so a relayed
 * update survives a crash of this process, of PostgreSQL and of the machine. The seq comes from
 * the board's row (`UPDATE … last_seq + 1 … RETURNING`): the row lock orders concurrent appends
 * from several instances, and an append is committed before the next one on the board gets its
 * seq, so seq N being visible means every seq below N is too.
 *
 * Strict loading (S-DUR-7): every row carries the CRC-32 of its bytes, computed here, as in
 * SQLite. PostgreSQL's own page checksums are off unless the cluster was made with
 * `initdb --data-checksums`, are checked only when a page is read from disk, and say nothing of
 * a row changed through SQL (an operator's UPDATE, a bad restore script): the row's CRC covers the
 * bytes from this process to the disk and back, whatever the cluster's settings.
 *
 * Schema: created on first start and migrated at start (`STORE_LAYOUT`), under a transaction-level
 * advisory lock so instances starting together do it once. A schema holding other tables, or a
 * layout newer than this code, is refused (`StoreUnusableError`, exit 2), never written to.
 */
import { crc32 } from 'node:zlib';
import pg from 'pg';
import { withoutPassword } from '../log.ts';
import {
  BoardNotFoundError,
  type SharedBoardStore,
  type StoredBoard,
  type StoredBoardProblem,
  type StoreHealth,
  StoreUnusableError,
} from './board-store.ts';

/**
 * The layout of the schema; bump with a migration in `migrate()`. 1: boards, updates, store_info,
 * set_aside. 2: versions, card_activity (the history, `postgres-history-store.ts`) and vote_dots
 * (`facilitation/postgres-vote-store.ts`).
 */
const STORE_LAYOUT = 2;

export const DEFAULT_PG_SCHEMA = 'fire_triangle';

export interface PostgresBoardStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form; `?sslmode=…` honoured). */
  connectionString: string;
  /** The schema holding the store's tables (created if missing). */
  schema?: string;
  /** Connections in the pool (one per board appending at once, at most). */
  poolSize?: number;
}

const PG_SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 (seq, crc) as a JS number: exact to 2^53, far beyond any board's seq.
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

interface LogRow {
  seq: number | null;
  data: Buffer | null;
  crc: number | null;
  snapshot_seq: number | null;
  last_seq: number | null;
}

export class PostgresBoardStore implements SharedBoardStore {
  readonly kind = 'postgres';
  private closed = false;
  private readonly boards: string;
  private readonly updates: string;
  private readonly info: string;

  private constructor(
    /** The pool the stores beside this one share (history, votes); closed with this store. */
    readonly pool: pg.Pool,
    readonly schema: string,
    /** Where it is, for messages: the URL without its password. */
    readonly where: string,
  ) {
    this.boards = `"${schema}".boards`;
    this.updates = `"${schema}".updates`;
    this.info = `"${schema}".store_info`;
  }

  /**
   * Connects, creates or migrates the schema, and returns the store. Throws `StoreUnusableError`
   * (the server exits 2) when PostgreSQL cannot be reached or the schema is not ours.
   */
  static async open(options: PostgresBoardStoreOptions): Promise<PostgresBoardStore> {
    const schema = options.schema ?? DEFAULT_PG_SCHEMA;
    if (!PG_SCHEMA_PATTERN.test(schema)) {
      throw new StoreUnusableError(
        `FT_PG_SCHEMA must be a lower-case PostgreSQL name (letters, digits, _), got "${schema}".`,
      );
    }
    const where = withoutPassword(options.connectionString, '(DATABASE_URL)');
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      types: TYPES,
      // A pool client's connection dropping (PostgreSQL restarted) must not crash the process:
      // the next query gets a fresh connection or fails, and the room reports it (S-DUR-6).
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', () => {});
    const store = new PostgresBoardStore(pool, schema, where);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof StoreUnusableError) throw error;
      throw new StoreUnusableError(
        `PostgreSQL at ${where} cannot be used: ${(error as Error).message}. Check DATABASE_URL and that the server is up and accepts this user.`,
        { cause: error },
      );
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Instances starting together: one creates or migrates, the others wait, then see it done.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `fire-triangle store ${this.schema}`,
      ]);
      const tables = (
        await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
          [this.schema],
        )
      ).rows.map((row) => row.table_name);
      if (tables.length === 0) {
        await client.query(layoutSql(this.schema));
        await client.query(layout2Sql(this.schema));
        await client.query(`INSERT INTO ${this.info} (key, value) VALUES ('layout', $1)`, [
          String(STORE_LAYOUT),
        ]);
      } else {
        const layout = tables.includes('store_info')
          ? Number(
              (
                await client.query<{ value: string }>(
                  `SELECT value FROM ${this.info} WHERE key = 'layout'`,
                )
              ).rows[0]?.value ?? 0,
            )
          : 0;
        if (layout === 0 || !tables.includes('boards') || !tables.includes('updates')) {
          throw new StoreUnusableError(
            `The schema "${this.schema}" of ${this.where} holds tables that are not a Fire Triangle store (${tables.join(', ')}). Set FT_PG_SCHEMA to a schema of its own.`,
          );
        }
        if (layout > STORE_LAYOUT) {
          throw new StoreUnusableError(
            `The schema "${this.schema}" of ${this.where} was written by a newer Fire Triangle (store layout ${layout}, this one knows ${STORE_LAYOUT}). Run the newer version.`,
          );
        }
        // Older layouts migrate here, one step at a time, in this transaction.
        if (layout < 2) {
          await client.query(layout2Sql(this.schema));
          await client.query(`UPDATE ${this.info} SET value = '2' WHERE key = 'layout'`);
        }
      }
    });
  }

  /** Runs `work` in one transaction on one pooled connection (rolled back if it throws). */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The PostgreSQL board store is closed');
  }

  async createBoard(boardId: string, initialState: Uint8Array): Promise<boolean> {
    this.assertOpen();
    const snapshot = Buffer.from(initialState);
    const result = await this.pool.query(
      `INSERT INTO ${this.boards} (id, snapshot, snapshot_crc) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [boardId, snapshot, crc32(snapshot)],
    );
    return result.rowCount === 1;
  }

  async hasBoard(boardId: string): Promise<boolean> {
    this.assertOpen();
    const result = await this.pool.query(`SELECT 1 FROM ${this.boards} WHERE id = $1`, [boardId]);
    return result.rowCount === 1;
  }

  async loadBoard(boardId: string): Promise<StoredBoard | null> {
    return this.loadBoardSince(boardId, -1);
  }

  async loadBoardSince(boardId: string, afterSeq: number): Promise<StoredBoard | null> {
    this.assertOpen();
    // One statement is one snapshot of the database: the board row and its log agree.
    const { rows } = await this.pool.query<LogRow>(
      `SELECT NULL::bigint AS seq, CASE WHEN snapshot_seq > $2 THEN snapshot END AS data,
              CASE WHEN snapshot_seq > $2 THEN snapshot_crc END AS crc, snapshot_seq, last_seq
         FROM ${this.boards} WHERE id = $1
       UNION ALL
       SELECT seq, data, crc, NULL, NULL FROM ${this.updates} WHERE board_id = $1 AND seq > $2
       ORDER BY seq NULLS FIRST`,
      [boardId, afterSeq],
    );
    const board = rows[0];
    if (!board || board.seq !== null) return null;
    const problems: StoredBoardProblem[] = [];
    const check = (row: string, data: Buffer, crc: number | null): Uint8Array => {
      if (crc !== null && crc32(data) !== crc) {
        problems.push({
          row,
          problem: `checksum mismatch (${data.length} bytes, CRC-32 ${crc32(data)}, stored ${crc})`,
        });
      }
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    };
    const coversMore = board.snapshot_seq! > afterSeq;
    const log = rows.slice(1);
    return {
      snapshot: board.data ? check('snapshot', board.data, board.crc) : null,
      snapshotSeq: coversMore ? board.snapshot_seq! : Math.max(afterSeq, 0),
      updates: log.map((row) => check(`update ${row.seq}`, row.data!, row.crc)),
      seqs: log.map((row) => row.seq!),
      lastSeq: board.last_seq!,
      problems,
    };
  }

  async lastSeqs(boardIds: readonly string[]): Promise<Map<string, number>> {
    this.assertOpen();
    if (boardIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ id: string; last_seq: number }>(
      `SELECT id, last_seq FROM ${this.boards} WHERE id = ANY($1::text[])`,
      [boardIds],
    );
    return new Map(rows.map((row) => [row.id, row.last_seq]));
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    this.assertOpen();
    const data = Buffer.from(update);
    // One statement, so one round trip and one implicit transaction: the board row's lock
    // orders appends from every instance, and the update is committed when this resolves.
    const { rows } = await this.pool.query<{ seq: number }>(
      `WITH bumped AS (
         UPDATE ${this.boards} SET last_seq = last_seq + 1, updated_at = now()
          WHERE id = $1 RETURNING last_seq)
       INSERT INTO ${this.updates} (board_id, seq, data, crc)
       SELECT $1, last_seq, $2, $3 FROM bumped RETURNING seq`,
      [boardId, data, crc32(data)],
    );
    const seq = rows[0]?.seq;
    if (seq === undefined) throw new BoardNotFoundError(boardId);
    return seq;
  }

  /**
   * Replaces the snapshot and trims the log through `throughSeq`, atomically. A compaction
   * through a seq the stored snapshot already covers changes nothing: with several instances,
   * one that read the board before another compacted it must not put an older snapshot back.
   */
  async compact(boardId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.assertOpen();
    const data = Buffer.from(snapshot);
    await this.transaction(async (client) => {
      const current = await client.query<{ snapshot_seq: number }>(
        `SELECT snapshot_seq FROM ${this.boards} WHERE id = $1 FOR UPDATE`,
        [boardId],
      );
      const row = current.rows[0];
      if (!row) throw new BoardNotFoundError(boardId);
      if (throughSeq < row.snapshot_seq) return;
      // The log first, as in SQLite: the snapshot's new bytes then reuse the freed space.
      await client.query(`DELETE FROM ${this.updates} WHERE board_id = $1 AND seq <= $2`, [
        boardId,
        throughSeq,
      ]);
      await client.query(
        `UPDATE ${this.boards} SET snapshot = $2, snapshot_crc = $3, snapshot_seq = $4, updated_at = now() WHERE id = $1`,
        [boardId, data, crc32(data), throughSeq],
      );
    });
  }

  async listBoards(): Promise<string[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT id FROM ${this.boards} ORDER BY id COLLATE "C"`,
    );
    return rows.map((row) => row.id);
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { ok: false, reason: 'the store is closed' };
    try {
      // A real write: a read-only standby or a full disk only shows when writing.
      await this.pool.query(
        `INSERT INTO ${this.info} (key, value) VALUES ('health_probe_at', now()::text)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      );
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: describeFailure(this.where, error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function layoutSql(schema: string): string {
  const s = `"${schema}"`;
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE ${s}.store_info (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE ${s}.boards (
      id text PRIMARY KEY,
      snapshot bytea,
      snapshot_crc bigint,
      snapshot_seq bigint NOT NULL DEFAULT 0,
      last_seq bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE ${s}.updates (
      board_id text NOT NULL REFERENCES ${s}.boards (id),
      seq bigint NOT NULL,
      data bytea NOT NULL,
      crc bigint,
      PRIMARY KEY (board_id, seq)
    );
    CREATE TABLE ${s}.set_aside (
      board_id text NOT NULL,
      seq bigint,
      data bytea,
      crc bigint,
      reason text NOT NULL,
      set_aside_at timestamptz NOT NULL DEFAULT now()
    );`;
}

/** Layout 2: the history and the votes, beside the boards (one database, one backup). */
function layout2Sql(schema: string): string {
  const s = `"${schema}"`;
  return `
    CREATE TABLE ${s}.versions (
      id bigserial PRIMARY KEY,
      board_id text NOT NULL,
      created_at bigint NOT NULL,
      kind text NOT NULL,
      name text,
      seq bigint NOT NULL,
      details text NOT NULL,
      details_crc bigint,
      state bytea NOT NULL,
      state_crc bigint
    );
    CREATE INDEX versions_by_board ON ${s}.versions (board_id, id);
    CREATE TABLE ${s}.card_activity (
      board_id text NOT NULL,
      id text NOT NULL,
      card_id text NOT NULL,
      at bigint NOT NULL,
      entry text NOT NULL,
      PRIMARY KEY (board_id, id)
    );
    CREATE INDEX card_activity_by_card ON ${s}.card_activity (board_id, card_id, at);
    CREATE INDEX card_activity_by_time ON ${s}.card_activity (board_id, at);
    CREATE TABLE ${s}.vote_dots (
      board_id text NOT NULL,
      vote_id text NOT NULL,
      participant_id text NOT NULL,
      card_id text NOT NULL,
      dots integer NOT NULL CHECK (dots > 0),
      PRIMARY KEY (board_id, vote_id, participant_id, card_id)
    );`;
}

function describeFailure(where: string, error: unknown): string {
  const code = String((error as { code?: string }).code ?? '');
  const message = (error as Error).message ?? String(error);
  if (code === '25006') return `PostgreSQL at ${where} is read-only (${message})`;
  if (code === '53100') return `PostgreSQL at ${where} is out of disk space (${message})`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return `PostgreSQL at ${where} cannot be reached (${message})`;
  }
  return `PostgreSQL at ${where} cannot be written: ${message}${code ? ` (${code})` : ''}`;
}
