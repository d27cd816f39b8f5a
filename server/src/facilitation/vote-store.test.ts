import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postgresHarness } from '../../test/services.ts';
import { StoreUnusableError } from '../storage/board-store.ts';
import { MemoryVoteStore } from './memory-vote-store.ts';
import { PostgresVoteStore } from './postgres-vote-store.ts';
import { SqliteVoteStore, VOTES_FILE_NAME } from './sqlite-vote-store.ts';
import { describeVoteStoreContract } from './vote-store.contract.ts';

describeVoteStoreContract('memory', async () => ({ store: new MemoryVoteStore() }), {
  persistent: false,
});

describeVoteStoreContract(
  'sqlite',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ft-votes-'));
    let store = new SqliteVoteStore({ dataDir });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new SqliteVoteStore({ dataDir });
        return store;
      },
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
  { persistent: true },
);

describeVoteStoreContract(
  'postgres',
  async () => {
    const harness = await postgresHarness((boards) => new PostgresVoteStore(boards));
    return { ...harness, store: harness.stores };
  },
  { persistent: true },
);

describe('SQLite vote store: the file', () => {
  it('[S-FAC-VOTE-4] a database that is not our votes is refused and left as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-votes-'));
    const path = join(dir, VOTES_FILE_NAME);
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = await readFile(path);
    expect(() => new SqliteVoteStore({ dataDir: dir })).toThrow(StoreUnusableError);
    expect((await readFile(path)).equals(before)).toBe(true);
    await writeFile(path, 'not a database'.repeat(300));
    expect(() => new SqliteVoteStore({ dataDir: dir })).toThrow(/could not be opened/);
    await rm(dir, { recursive: true, force: true });
  });
});
