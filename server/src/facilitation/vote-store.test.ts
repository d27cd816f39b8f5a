import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  it('[S-FAC-VOTE-4][S-DUR-9] a zero-byte votes.sqlite is refused and left as it is; a new one is built whole, with no temporary file left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-votes-'));
    const path = join(dir, VOTES_FILE_NAME);
    await writeFile(path, '');
    expect(() => new SqliteVoteStore({ dataDir: dir })).toThrow(/empty \(0 bytes\)/);
    expect((await readFile(path)).length).toBe(0);
    await rm(path);
    const store = new SqliteVoteStore({ dataDir: dir });
    await store.setDots('b', 'v', 'p', 'c', 2);
    await store.close();
    expect(await readdir(dir)).not.toContain(`${VOTES_FILE_NAME}.creating`);
    const reopened = new SqliteVoteStore({ dataDir: dir });
    expect((await reopened.loadVote('b', 'v')).get('p')?.get('c')).toBe(2);
    await reopened.close();
    await rm(dir, { recursive: true, force: true });
  });
});
