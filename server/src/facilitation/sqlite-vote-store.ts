import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteSynchronous } from '../config.ts';
import { StoreUnusableError } from '../storage/board-store.ts';
import { ballotsOf, type VoteBallots, type VoteStore } from './vote-store.ts';

export const VOTES_FILE_NAME = 'votes.sqlite';

/** The layout of the file; bump with a migration. 1: one row per (vote, participant, card). */
const VOTES_SCHEMA_VERSION = 1;

const LAYOUT = `
  CREATE TABLE dots (
    board_id TEXT NOT NULL,
    vote_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    dots INTEGER NOT NULL CHECK (dots > 0),
    PRIMARY KEY (board_id, vote_id, participant_id, card_id)
  ) WITHOUT ROWID;
  PRAGMA user_version = ${VOTES_SCHEMA_VERSION};
`;

/**
 * Dots in `<dataDir>/votes.sqlite` (better-sqlite3, WAL), a file of its own beside the boards'
 * so the vote layout and the board layout change independently; the data directory's lock
 * (`storage/data-dir-lock.ts`) covers both. `synchronous` as for the board store: `normal`
 * survives the process dying, `full` a power cut too.
 *
 * A file that exists with tables that are not ours, or a newer layout, or of zero bytes (a
 * truncated file: the dots of every running vote would be gone without a word) is refused
 * (`StoreUnusableError`, the server exits 2) and left untouched (S-DUR-9). A new file is built
 * under a temporary name and renamed into place, so a start cut short leaves no empty file.
 */
export class SqliteVoteStore implements VoteStore {
  readonly kind = 'sqlite';
  readonly path: string;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(options: { dataDir: string; synchronous?: SqliteSynchronous }) {
    mkdirSync(options.dataDir, { recursive: true });
    this.path = join(options.dataDir, VOTES_FILE_NAME);
    const existed = existsSync(this.path);
    if (existed) refuseEmptyFile(this.path);
    else createVotesFile(this.path);
    let db: Database.Database | undefined;
    try {
      db = new Database(this.path);
      this.db = db;
      const version = this.db.pragma('user_version', { simple: true }) as number;
      const tables = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .pluck()
        .all() as string[];
      if (version > VOTES_SCHEMA_VERSION) {
        throw new StoreUnusableError(
          `${this.path} was written by a newer Fire Triangle (votes layout ${version}, this one knows ${VOTES_SCHEMA_VERSION}).`,
        );
      }
      if (tables.length > 0 && !(version === VOTES_SCHEMA_VERSION && tables.includes('dots'))) {
        throw new StoreUnusableError(
          `${this.path} is an SQLite database but not Fire Triangle's votes (tables: ${tables.join(', ')}). Move it away to start without stored votes.`,
        );
      }
      this.db.pragma('journal_mode = WAL');
      if (tables.length === 0) this.db.transaction(() => this.db.exec(LAYOUT))();
    } catch (error) {
      if (db?.open) db.close();
      if (error instanceof StoreUnusableError) throw error;
      throw new StoreUnusableError(
        `${this.path} could not be opened${existed ? '' : ' or created'}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.statements = prepare(this.db);
  }

  async loadVote(boardId: string, voteId: string): Promise<VoteBallots> {
    return ballotsOf(this.statements.load.all(boardId, voteId) as Parameters<typeof ballotsOf>[0]);
  }

  async setDots(
    boardId: string,
    voteId: string,
    participantId: string,
    cardId: string,
    dots: number,
  ): Promise<void> {
    if (dots > 0) this.statements.upsert.run(boardId, voteId, participantId, cardId, dots);
    else this.statements.remove.run(boardId, voteId, participantId, cardId);
  }

  async deleteVote(boardId: string, voteId: string): Promise<void> {
    this.statements.deleteVote.run(boardId, voteId);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    load: db.prepare(
      'SELECT participant_id, card_id, dots FROM dots WHERE board_id = ? AND vote_id = ?',
    ),
    upsert: db.prepare(
      'INSERT INTO dots (board_id, vote_id, participant_id, card_id, dots) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET dots = excluded.dots',
    ),
    remove: db.prepare(
      'DELETE FROM dots WHERE board_id = ? AND vote_id = ? AND participant_id = ? AND card_id = ?',
    ),
    deleteVote: db.prepare('DELETE FROM dots WHERE board_id = ? AND vote_id = ?'),
  };
}

/** A zero-byte votes file (no WAL holding its pages either) is no store: refuse it (S-DUR-9). */
function refuseEmptyFile(path: string): void {
  const wal = `${path}-wal`;
  if (statSync(path).size === 0 && !(existsSync(wal) && statSync(wal).size > 0)) {
    throw new StoreUnusableError(
      `${path} is empty (0 bytes), so it is not Fire Triangle's votes: the dots of running votes would be lost. Restore votes.sqlite from a backup, or delete the empty file to start without stored votes.`,
    );
  }
}

/** Builds the votes file under a temporary name, then renames it into place (atomic). */
function createVotesFile(path: string): void {
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
