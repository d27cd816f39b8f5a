import type { ServerConfig } from '../config.ts';
import type { BoardStore } from '../storage/board-store.ts';
import { PostgresBoardStore } from '../storage/postgres-store.ts';
import { MemoryVoteStore } from './memory-vote-store.ts';
import { PostgresVoteStore } from './postgres-vote-store.ts';
import { SqliteVoteStore } from './sqlite-vote-store.ts';
import type { VoteStore } from './vote-store.ts';

/**
 * The vote store beside the configured board store (`FT_STORE`): the PostgreSQL board store's
 * database (every instance shares it, S-SCALE-9), `votes.sqlite` in the data directory (already
 * locked by `openStorage`), or memory. Throws `StoreUnusableError`.
 */
export function openVoteStore(
  config: Pick<ServerConfig, 'dataDir' | 'store' | 'sqliteSynchronous'>,
  store?: BoardStore,
): VoteStore {
  if (store instanceof PostgresBoardStore) return new PostgresVoteStore(store);
  return config.store === 'memory'
    ? new MemoryVoteStore()
    : new SqliteVoteStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
