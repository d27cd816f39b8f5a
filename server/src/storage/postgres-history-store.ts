/**
 * Versions and card activity in PostgreSQL (store layout 2, `postgres-store.ts`), through the
 * board store's pool: beside the boards in one database — one backup, and every instance reads
 * the same history (S-SCALE-9). The rows and their checks are SQLite's (`sqlite-history-store.ts`):
 * a CRC-32 over a version's details and its state, a row changed behind the store's back listed
 * with its `problem`, never dropped.
 *
 * Several instances may write one board's history at once (two autosaves, a restore on one and
 * a named version on another): each step that counts then writes (the named budget, pruning)
 * holds a transaction-level advisory lock on the board's history, so the counts hold.
 */
import type { ActivityEntry, VersionBudget } from '@fire-triangle/shared';
import type pg from 'pg';
import {
  type ActivityStore,
  NamedVersionLimitError,
  type NewVersion,
  type StoredVersion,
  type VersionRecord,
  type VersionStore,
} from './history-store.ts';
import type { PostgresBoardStore } from './postgres-store.ts';
import {
  activityEntriesOf,
  RECORD_COLUMNS,
  VERSION_INSERT_COLUMNS,
  type VersionRow,
  versionRecordOf,
  versionRowValues,
} from './sqlite-history-store.ts';

/** Both history stores on `store`'s database and schema. */
export function postgresHistoryStores(store: PostgresBoardStore) {
  return { versions: new PostgresVersionStore(store), activity: new PostgresActivityStore(store) };
}

/** Holds the board's history lock until the transaction ends. */
async function lockHistory(client: pg.PoolClient, boardId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ft history ${boardId}`]);
}

export class PostgresVersionStore implements VersionStore {
  private readonly table: string;

  constructor(private readonly store: PostgresBoardStore) {
    this.table = `"${store.schema}".versions`;
  }

  private async namedCount(client: pg.PoolClient, boardId: string): Promise<number> {
    const { rows } = await client.query<{ count: string }>(
      `SELECT COUNT(*) AS count FROM ${this.table} WHERE board_id = $1 AND name IS NOT NULL`,
      [boardId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  private async record(
    client: pg.PoolClient | pg.Pool,
    boardId: string,
    id: number,
  ): Promise<VersionRow | undefined> {
    const { rows } = await client.query<VersionRow>(
      `SELECT ${RECORD_COLUMNS} FROM ${this.table} WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    return rows[0];
  }

  async addVersion(
    boardId: string,
    version: NewVersion,
    budget: VersionBudget,
  ): Promise<VersionRecord> {
    return this.store.transaction(async (client) => {
      await lockHistory(client, boardId);
      if (version.name !== null && (await this.namedCount(client, boardId)) >= budget.named) {
        throw new NamedVersionLimitError(budget.named);
      }
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO ${this.table} (${VERSION_INSERT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [...versionRowValues(boardId, version)],
      );
      await client.query(
        `DELETE FROM ${this.table} WHERE board_id = $1 AND name IS NULL AND id NOT IN
           (SELECT id FROM ${this.table} WHERE board_id = $1 AND name IS NULL ORDER BY id DESC LIMIT $2)`,
        [boardId, budget.unnamed],
      );
      return versionRecordOf((await this.record(client, boardId, inserted.rows[0]!.id))!);
    });
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    const { rows } = await this.store.pool.query<VersionRow>(
      `SELECT ${RECORD_COLUMNS} FROM ${this.table} WHERE board_id = $1 ORDER BY id DESC`,
      [boardId],
    );
    return rows.map(versionRecordOf);
  }

  async getVersion(boardId: string, id: number): Promise<StoredVersion | null> {
    const { rows } = await this.store.pool.query<VersionRow>(
      `SELECT ${RECORD_COLUMNS}, state FROM ${this.table} WHERE board_id = $1 AND id = $2`,
      [boardId, id],
    );
    const row = rows[0];
    if (!row) return null;
    const state = row.state as Buffer;
    return {
      ...versionRecordOf(row),
      state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength).slice(),
    };
  }

  async nameVersion(
    boardId: string,
    id: number,
    name: string | null,
    budget: VersionBudget,
  ): Promise<VersionRecord | null> {
    return this.store.transaction(async (client) => {
      await lockHistory(client, boardId);
      const row = await this.record(client, boardId, id);
      if (!row) return null;
      if (name !== null && row.name === null) {
        if ((await this.namedCount(client, boardId)) >= budget.named) {
          throw new NamedVersionLimitError(budget.named);
        }
      }
      await client.query(`UPDATE ${this.table} SET name = $1 WHERE board_id = $2 AND id = $3`, [
        name,
        boardId,
        id,
      ]);
      return versionRecordOf((await this.record(client, boardId, id))!);
    });
  }
}

export class PostgresActivityStore implements ActivityStore {
  private readonly table: string;

  constructor(private readonly store: PostgresBoardStore) {
    this.table = `"${store.schema}".card_activity`;
  }

  async saveActivity(
    boardId: string,
    entries: readonly ActivityEntry[],
    keep: number,
  ): Promise<void> {
    await this.store.transaction(async (client) => {
      await lockHistory(client, boardId);
      for (const entry of entries) {
        await client.query(
          `INSERT INTO ${this.table} (board_id, id, card_id, at, entry) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (board_id, id) DO UPDATE SET card_id = excluded.card_id, at = excluded.at, entry = excluded.entry`,
          [boardId, entry.id, entry.cardId, entry.at, JSON.stringify(entry)],
        );
      }
      await client.query(
        `DELETE FROM ${this.table} WHERE board_id = $1 AND id NOT IN
           (SELECT id FROM ${this.table} WHERE board_id = $1 ORDER BY at DESC, id DESC LIMIT $2)`,
        [boardId, keep],
      );
    });
  }

  async cardActivity(boardId: string, cardId: string, limit: number): Promise<ActivityEntry[]> {
    const { rows } = await this.store.pool.query<{ entry: string }>(
      `SELECT entry FROM ${this.table} WHERE board_id = $1 AND card_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
      [boardId, cardId, limit],
    );
    return activityEntriesOf(rows);
  }
}
