import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { postgresHarness } from '../../test/services.ts';
import { describeHistoryStoreContract } from './history-store.contract.ts';
import { MemoryActivityStore, MemoryVersionStore } from './memory-history-store.ts';
import { postgresHistoryStores } from './postgres-history-store.ts';
import { SqliteActivityStore, SqliteVersionStore } from './sqlite-history-store.ts';
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite-store.ts';

describeHistoryStoreContract(
  'memory',
  async () => ({
    stores: { versions: new MemoryVersionStore(), activity: new MemoryActivityStore() },
  }),
  { persistent: false },
);

function sqliteStores(store: SqliteBoardStore) {
  return {
    versions: new SqliteVersionStore(store.database),
    activity: new SqliteActivityStore(store.database),
  };
}

describeHistoryStoreContract(
  'sqlite',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ft-history-'));
    let store = new SqliteBoardStore({ dataDir });
    return {
      stores: sqliteStores(store),
      reopen: async () => {
        await store.close();
        store = new SqliteBoardStore({ dataDir });
        return sqliteStores(store);
      },
      cleanup: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
  { persistent: true },
);

describe('SQLite history: what is on disk', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('[S-HSTORE-3] a version row changed behind the store’s back is listed with its problem; the others and the board are untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-history-'));
    dirs.push(dir);
    const store = new SqliteBoardStore({ dataDir: dir });
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    const { versions } = sqliteStores(store);
    const budget = { unnamed: 10, named: 10 };
    const make = (seq: number) => ({
      createdAt: seq,
      kind: 'auto' as const,
      name: null,
      seq,
      details: { participants: [], authors: [], change: null, cards: 0, links: 0 },
      state: Uint8Array.from([seq, seq, seq]),
    });
    const a = await versions.addVersion('b1', make(1), budget);
    const b = await versions.addVersion('b1', make(2), budget);
    const c = await versions.addVersion('b1', make(3), budget);
    await store.close();

    const db = new Database(join(dir, SQLITE_FILE_NAME));
    db.prepare('UPDATE versions SET state = ? WHERE id = ?').run(Buffer.from([9, 9, 9]), a.id);
    db.prepare('UPDATE versions SET details = \'{"participants": [\' WHERE id = ?').run(b.id);
    db.close();

    const reopened = new SqliteBoardStore({ dataDir: dir });
    const again = sqliteStores(reopened);
    const listed = await again.versions.listVersions('b1');
    expect(listed.map((entry) => [entry.id, entry.problem === null])).toEqual([
      [c.id, true],
      [b.id, false],
      [a.id, true], // listing reads no state: its damage shows when it is opened
    ]);
    expect(listed[1]!.problem).toMatch(/details checksum mismatch/);
    expect((await again.versions.getVersion('b1', a.id))!.problem).toMatch(
      /state checksum mismatch/,
    );
    expect((await again.versions.getVersion('b1', a.id))!.state).toEqual(
      Uint8Array.from([9, 9, 9]),
    );
    expect((await again.versions.getVersion('b1', c.id))!.problem).toBeNull();
    expect((await reopened.loadBoard('b1'))!.problems).toEqual([]);
    await reopened.close();
  });

  it('[S-STORE-11] a layout-2 store gains the history tables in place, its boards untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-history-'));
    dirs.push(dir);
    const store = new SqliteBoardStore({ dataDir: dir });
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    await store.appendUpdate('b1', Uint8Array.from([0, 0]));
    await store.close();
    const db = new Database(join(dir, SQLITE_FILE_NAME));
    db.exec('DROP TABLE versions; DROP TABLE card_activity; PRAGMA user_version = 2;');
    db.close();
    const upgraded = new SqliteBoardStore({ dataDir: dir });
    expect(await upgraded.loadBoard('b1')).toMatchObject({ lastSeq: 1, problems: [] });
    const { versions } = sqliteStores(upgraded);
    expect(await versions.listVersions('b1')).toEqual([]);
    await upgraded.close();
    const check = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    check.close();
  });
});

describeHistoryStoreContract('postgres', () => postgresHarness(postgresHistoryStores), {
  persistent: true,
});
