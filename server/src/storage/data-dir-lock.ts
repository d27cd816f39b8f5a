/**
 * One server process per data directory (S-DUR-8). Two processes on one directory would each
 * keep their own rooms over the same boards, and whichever compacts last erases the other's
 * edits.
 *
 * The lock is SQLite's own: `<dataDir>/server.lock` is a tiny SQLite database in which the
 * holder keeps a write transaction open (a RESERVED lock, i.e. a POSIX advisory lock on the
 * file) for as long as it runs. The kernel drops POSIX locks when a process ends however it
 * ends — kill -9, OOM, a crash — so a lock is never left stuck and there is no stale-lock
 * timeout to wait out (unlike lock files or directories, e.g. `proper-lockfile`, which need an
 * mtime heartbeat and a staleness guess). RESERVED still lets others read, so a second process
 * reads the holder's PID from the same file to name it. Nothing new to install: better-sqlite3
 * is already the store. Caveat: like SQLite itself, it relies on working POSIX locks, which
 * some network file systems lack.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnusableError } from './board-store.ts';

export const LOCK_FILE_NAME = 'server.lock';

/** Another process holds the data directory; the server exits 2 with this message. */
export class DataDirLockedError extends StoreUnusableError {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; host: string } | null,
  ) {
    super(
      `${dataDir} is already used by another Fire Triangle server (${holder ? `PID ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ''}` : 'PID unknown'}). One server per data directory: stop that one first, or give this one another --data-dir.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Holds a data directory for this process until `release()` (or the process ends). */
export class DataDirLock {
  private constructor(
    readonly dataDir: string,
    private readonly db: Database.Database,
  ) {}

  /**
   * Takes the directory (creating it if needed). Throws `DataDirLockedError` when another
   * process — or another server in this process — holds it, and `StoreUnusableError` when the
   * lock file cannot be made (a read-only directory).
   */
  static acquire(dataDir: string): DataDirLock {
    const directory = resolve(dataDir);
    let db: Database.Database;
    try {
      mkdirSync(directory, { recursive: true });
      // timeout 0: a held lock answers SQLITE_BUSY at once instead of after 5 s of retries.
      db = new Database(join(directory, LOCK_FILE_NAME), { timeout: 0 });
      db.exec(
        'CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER NOT NULL, host TEXT NOT NULL, since INTEGER NOT NULL)',
      );
    } catch (error) {
      if (isBusy(error)) throw new DataDirLockedError(directory, null);
      throw new StoreUnusableError(
        `Cannot lock ${directory} (${LOCK_FILE_NAME}): ${(error as Error).message}. The data directory must be writable.`,
        { cause: error },
      );
    }
    const holder = () =>
      (db.prepare('SELECT pid, host FROM holder WHERE id = 1').get() as
        | { pid: number; host: string }
        | undefined) ?? null;
    const refuse = (error: unknown): never => {
      let found: { pid: number; host: string } | null = null;
      try {
        found = holder();
      } catch {}
      db.close();
      if (isBusy(error)) throw new DataDirLockedError(directory, found);
      throw new StoreUnusableError(`Cannot lock ${directory}: ${(error as Error).message}`, {
        cause: error,
      });
    };
    try {
      db.exec('BEGIN IMMEDIATE');
      db.prepare('INSERT OR REPLACE INTO holder (id, pid, host, since) VALUES (1, ?, ?, ?)').run(
        process.pid,
        hostname(),
        Date.now(),
      );
      db.exec('COMMIT');
      // Held from here on: another process may read the holder row, but not write.
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // Between the COMMIT and the second BEGIN another process can win the race; it then
      // holds the lock and its own PID is in the file.
      return refuse(error);
    }
    return new DataDirLock(directory, db);
  }

  /** Lets the directory go (the process ending does the same). Safe to call twice. */
  release(): void {
    if (!this.db.open) return;
    try {
      this.db.exec('ROLLBACK');
    } finally {
      this.db.close();
    }
  }
}
