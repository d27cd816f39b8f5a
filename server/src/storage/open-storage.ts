/**
 * Opening the server's store: for SQLite and memory, take the data directory (one process per
 * directory, S-DUR-8), then open the store on it — or refuse to start (`StoreUnusableError`,
 * exit 2) when the store file is not a Fire Triangle store (S-DUR-9). PostgreSQL is shared by
 * design (several instances, S-SCALE-*): no directory lock; its schema is checked instead. A
 * store that opens but cannot be written is logged at error level and reported by `/healthz`
 * (503) rather than refused: its boards can still be read and exported.
 */
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { BoardStore } from './board-store.ts';
import { DataDirLock } from './data-dir-lock.ts';
import type { HistoryStores } from './history-store.ts';
import { MemoryActivityStore, MemoryVersionStore } from './memory-history-store.ts';
import { MemoryBoardStore } from './memory-store.ts';
import { postgresHistoryStores } from './postgres-history-store.ts';
import { PostgresBoardStore } from './postgres-store.ts';
import { SqliteActivityStore, SqliteVersionStore } from './sqlite-history-store.ts';
import { SqliteBoardStore } from './sqlite-store.ts';

export interface OpenedStorage {
  store: BoardStore;
  /** The boards' history, beside them: in the same database or SQLite file, or in memory. */
  history: HistoryStores;
  /**
   * The data directory, held until `release()` (call it after closing the store); null for
   * PostgreSQL, which several instances share.
   */
  lock: DataDirLock | null;
}

/**
 * Locks `config.dataDir` and opens its store (`given` replaces the configured one: tests
 * inject failing stores). Throws `StoreUnusableError` (including `DataDirLockedError`).
 */
export async function openStorage(
  config: Pick<
    ServerConfig,
    'dataDir' | 'store' | 'sqliteSynchronous' | 'databaseUrl' | 'pgSchema' | 'pgPoolSize'
  >,
  log: Logger,
  given?: BoardStore,
): Promise<OpenedStorage> {
  if (config.store === 'postgres' && !given) {
    const store = await PostgresBoardStore.open({
      connectionString: config.databaseUrl ?? '',
      schema: config.pgSchema,
      poolSize: config.pgPoolSize,
    });
    await reportHealth(store, log, { database: store.where, schema: store.schema });
    return { store, lock: null, history: historyStoresFor(store) };
  }
  const lock = DataDirLock.acquire(config.dataDir);
  let store: BoardStore;
  try {
    store =
      given ??
      (config.store === 'memory'
        ? new MemoryBoardStore()
        : new SqliteBoardStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous }));
  } catch (error) {
    lock.release();
    throw error;
  }
  await reportHealth(store, log, { dataDir: config.dataDir });
  return { store, lock, history: historyStoresFor(store) };
}

async function reportHealth(
  store: BoardStore,
  log: Logger,
  where: Record<string, string>,
): Promise<void> {
  const health = await store.health();
  if (!health.ok) {
    log.error(
      { ...where, reason: health.reason },
      `the board store cannot be written (${health.reason}); boards can be read and exported, every change will fail until it is fixed`,
    );
  }
}

/** The history stores that live beside `store` (in memory for the memory store). */
export function historyStoresFor(store: BoardStore): HistoryStores {
  if (store instanceof SqliteBoardStore) {
    return {
      versions: new SqliteVersionStore(store.database),
      activity: new SqliteActivityStore(store.database),
    };
  }
  if (store instanceof PostgresBoardStore) return postgresHistoryStores(store);
  return { versions: new MemoryVersionStore(), activity: new MemoryActivityStore() };
}
