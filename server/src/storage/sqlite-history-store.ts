/**
 * Versions and card activity in the board store's own SQLite file (store layout 3), through the
 * store's connection: one file per data directory, one backup, one lock (S-DUR-8), and a version
 * or an entry is committed in the same WAL as the board it describes.
 *
 * A version's details and its state each carry a CRC-32 (as every board row does, S-STORE-10):
 * a row changed behind the store's back is listed with its `problem`, never dropped, and the
 * board it belongs to loads as usual — the history is not the board. Listing checks the details
 * only (a list must not read every version's board); opening a version checks its state too.
 */
import { crc32 } from 'node:zlib';
import type { ActivityEntry, VersionBudget, VersionKind } from '@fire-triangle/shared';
import type Database from 'better-sqlite3';
import {
  type ActivityStore,
  NamedVersionLimitError,
  type NewVersion,
  type StoredVersion,
  type VersionDetails,
  type VersionRecord,
  type VersionStore,
} from './history-store.ts';

/** The history's tables (store layout 3; `sqlite-store.ts` creates and migrates them). */
export const HISTORY_TABLES = `
  CREATE TABLE versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT,
    seq INTEGER NOT NULL,
    details TEXT NOT NULL,
    details_crc INTEGER,
    state BLOB NOT NULL,
    state_crc INTEGER
  );
  CREATE INDEX versions_by_board ON versions (board_id, id);
  CREATE TABLE card_activity (
    board_id TEXT NOT NULL,
    id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    entry TEXT NOT NULL,
    PRIMARY KEY (board_id, id)
  ) WITHOUT ROWID;
  CREATE INDEX card_activity_by_card ON card_activity (board_id, card_id, at);
  CREATE INDEX card_activity_by_time ON card_activity (board_id, at);
`;

/** A version row as either store reads it (`RECORD_COLUMNS`, and `state` when asked for). */
export interface VersionRow {
  id: number;
  board_id: string;
  created_at: number;
  kind: string;
  name: string | null;
  seq: number;
  details: unknown;
  state_bytes: number;
  details_crc: number | null;
  state_crc: number | null;
  state?: unknown;
}

export const RECORD_COLUMNS =
  'id, board_id, created_at, kind, name, seq, details, details_crc, length(state) AS state_bytes, state_crc';

export class SqliteVersionStore implements VersionStore {
  private readonly statements: ReturnType<typeof prepareVersionStatements>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareVersionStatements(db);
  }

  private readonly addTransaction = (
    boardId: string,
    version: NewVersion,
    budget: VersionBudget,
  ): VersionRecord => {
    if (version.name !== null) {
      const named = this.statements.namedCount.get(boardId) as number;
      if (named >= budget.named) throw new NamedVersionLimitError(budget.named);
    }
    const id = Number(
      this.statements.insert.run(...versionRowValues(boardId, version)).lastInsertRowid,
    );
    this.statements.prune.run(boardId, boardId, budget.unnamed);
    return versionRecordOf(this.statements.record.get(boardId, id) as VersionRow);
  };

  async addVersion(
    boardId: string,
    version: NewVersion,
    budget: VersionBudget,
  ): Promise<VersionRecord> {
    return this.db.transaction(this.addTransaction)(boardId, version, budget);
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    return (this.statements.list.all(boardId) as VersionRow[]).map((row) => versionRecordOf(row));
  }

  async getVersion(boardId: string, id: number): Promise<StoredVersion | null> {
    const row = this.statements.withState.get(boardId, id) as VersionRow | undefined;
    if (!row) return null;
    const record = versionRecordOf(row);
    const state = Buffer.isBuffer(row.state) ? row.state : Buffer.from(String(row.state ?? ''));
    return { ...record, state: new Uint8Array(state) };
  }

  private readonly nameTransaction = (
    boardId: string,
    id: number,
    name: string | null,
    budget: VersionBudget,
  ): VersionRecord | null => {
    const row = this.statements.record.get(boardId, id) as VersionRow | undefined;
    if (!row) return null;
    if (name !== null && row.name === null) {
      const named = this.statements.namedCount.get(boardId) as number;
      if (named >= budget.named) throw new NamedVersionLimitError(budget.named);
    }
    this.statements.rename.run(name, boardId, id);
    return versionRecordOf(this.statements.record.get(boardId, id) as VersionRow);
  };

  async nameVersion(
    boardId: string,
    id: number,
    name: string | null,
    budget: VersionBudget,
  ): Promise<VersionRecord | null> {
    return this.db.transaction(this.nameTransaction)(boardId, id, name, budget);
  }
}

/**
 * The values of a new version's row, in `VERSION_INSERT_COLUMNS` order: details as JSON and the
 * state as bytes, each with its CRC-32 (SQLite and PostgreSQL alike).
 */
export function versionRowValues(boardId: string, version: NewVersion) {
  const details = JSON.stringify(version.details);
  const state = Buffer.from(version.state);
  return [
    boardId,
    version.createdAt,
    version.kind,
    version.name,
    version.seq,
    details,
    crc32(details),
    state,
    crc32(state),
  ] as const;
}

/** The columns `versionRowValues` fills. */
export const VERSION_INSERT_COLUMNS =
  'board_id, created_at, kind, name, seq, details, details_crc, state, state_crc';

/**
 * A stored row as a record (SQLite and PostgreSQL alike): its checksums are checked — the state's
 * only when it was read with it.
 */
export function versionRecordOf(row: VersionRow): VersionRecord {
  const problems: string[] = [];
  let details: VersionDetails | null = null;
  const detailsText = typeof row.details === 'string' ? row.details : null;
  if (detailsText === null) problems.push('details stored as something other than text');
  else if (row.details_crc !== null && crc32(detailsText) !== row.details_crc) {
    problems.push(
      `details checksum mismatch (CRC-32 ${crc32(detailsText)}, stored ${row.details_crc})`,
    );
  } else {
    try {
      details = JSON.parse(detailsText) as VersionDetails;
      if (typeof details !== 'object' || details === null || !Array.isArray(details.participants)) {
        throw new Error('not a version record');
      }
    } catch (error) {
      details = null;
      problems.push(`details do not parse (${(error as Error).message})`);
    }
  }
  if (row.state !== undefined) {
    if (!Buffer.isBuffer(row.state)) problems.push('state stored as something other than bytes');
    else if (row.state_crc !== null && crc32(row.state) !== row.state_crc) {
      problems.push(
        `state checksum mismatch (CRC-32 ${crc32(row.state)}, stored ${row.state_crc})`,
      );
    }
  }
  return {
    id: row.id,
    boardId: row.board_id,
    createdAt: row.created_at,
    kind: row.kind as VersionKind,
    name: row.name,
    seq: row.seq,
    details,
    stateBytes: row.state_bytes,
    problem: problems.length > 0 ? problems.join('; ') : null,
  };
}

function prepareVersionStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      `INSERT INTO versions (${VERSION_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    namedCount: db
      .prepare('SELECT COUNT(*) FROM versions WHERE board_id = ? AND name IS NOT NULL')
      .pluck(),
    prune: db.prepare(
      `DELETE FROM versions WHERE board_id = ? AND name IS NULL AND id NOT IN
         (SELECT id FROM versions WHERE board_id = ? AND name IS NULL ORDER BY id DESC LIMIT ?)`,
    ),
    list: db.prepare(`SELECT ${RECORD_COLUMNS} FROM versions WHERE board_id = ? ORDER BY id DESC`),
    record: db.prepare(`SELECT ${RECORD_COLUMNS} FROM versions WHERE board_id = ? AND id = ?`),
    withState: db.prepare(
      `SELECT ${RECORD_COLUMNS}, state FROM versions WHERE board_id = ? AND id = ?`,
    ),
    rename: db.prepare('UPDATE versions SET name = ? WHERE board_id = ? AND id = ?'),
  };
}

export class SqliteActivityStore implements ActivityStore {
  private readonly statements: ReturnType<typeof prepareActivityStatements>;

  constructor(private readonly db: Database.Database) {
    this.statements = prepareActivityStatements(db);
  }

  private readonly saveTransaction = (
    boardId: string,
    entries: readonly ActivityEntry[],
    keep: number,
  ): void => {
    for (const entry of entries) {
      this.statements.upsert.run(boardId, entry.id, entry.cardId, entry.at, JSON.stringify(entry));
    }
    const count = this.statements.count.get(boardId) as number;
    if (count > keep) this.statements.prune.run(boardId, boardId, keep);
  };

  async saveActivity(
    boardId: string,
    entries: readonly ActivityEntry[],
    keep: number,
  ): Promise<void> {
    this.db.transaction(this.saveTransaction)(boardId, entries, keep);
  }

  async cardActivity(boardId: string, cardId: string, limit: number): Promise<ActivityEntry[]> {
    const rows = this.statements.card.all(boardId, cardId, limit) as { entry: unknown }[];
    return activityEntriesOf(rows);
  }
}

function prepareActivityStatements(db: Database.Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO card_activity (board_id, id, card_id, at, entry) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (board_id, id) DO UPDATE SET card_id = excluded.card_id, at = excluded.at, entry = excluded.entry`,
    ),
    count: db.prepare('SELECT COUNT(*) FROM card_activity WHERE board_id = ?').pluck(),
    prune: db.prepare(
      `DELETE FROM card_activity WHERE board_id = ? AND id NOT IN
         (SELECT id FROM card_activity WHERE board_id = ? ORDER BY at DESC, id DESC LIMIT ?)`,
    ),
    card: db.prepare(
      'SELECT entry FROM card_activity WHERE board_id = ? AND card_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    ),
  };
}

/** Stored activity rows as entries; a row that no longer parses is left out (S-HSTORE-*). */
export function activityEntriesOf(rows: readonly { entry: unknown }[]): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const row of rows) {
    try {
      const entry = JSON.parse(String(row.entry)) as ActivityEntry;
      if (typeof entry === 'object' && entry !== null && typeof entry.id === 'string') {
        entries.push(entry);
      }
    } catch {
      // Left out: the card's other entries are still worth showing.
    }
  }
  return entries;
}
