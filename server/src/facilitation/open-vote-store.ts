import type { ServerConfig } from '../config.ts';
import { MemoryVoteStore } from './memory-vote-store.ts';
import { SqliteVoteStore } from './sqlite-vote-store.ts';
import type { VoteStore } from './vote-store.ts';

/**
 * The vote store beside the configured board store (`FT_STORE`): `votes.sqlite` in the data
 * directory (already locked by `openStorage`), or memory. Throws `StoreUnusableError`.
 */
export function openVoteStore(
  config: Pick<ServerConfig, 'dataDir' | 'store' | 'sqliteSynchronous'>,
): VoteStore {
  return config.store === 'memory'
    ? new MemoryVoteStore()
    : new SqliteVoteStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
