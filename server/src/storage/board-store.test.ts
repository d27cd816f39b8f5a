import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeBoardStoreContract, textUpdates } from './board-store.contract.ts';
import { StoreUnusableError } from './board-store.ts';
import { MemoryBoardStore } from './memory-store.ts';
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite-store.ts';

describeBoardStoreContract('memory', async () => ({ store: new MemoryBoardStore() }), {
  persistent: false,
});

describeBoardStoreContract(
  'sqlite',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ft-store-'));
    let store = new SqliteBoardStore({ dataDir });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new SqliteBoardStore({ dataDir });
        return store;
      },
      cleanup: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
  { persistent: true },
);

/** The SQL of store layout 1, as the first released version created it. */
const LAYOUT_V1 = `
  CREATE TABLE boards (id TEXT PRIMARY KEY, snapshot BLOB, last_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE updates (board_id TEXT NOT NULL REFERENCES boards (id), seq INTEGER NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY (board_id, seq)) WITHOUT ROWID;
  PRAGMA user_version = 1;
`;

describe('SQLite store: what is on disk', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-store-'));
    dirs.push(dir);
    return dir;
  };

  it('[S-STORE-10] every row carries a CRC-32: a row changed behind the store’s back is reported, its bytes returned as they are', async () => {
    const dir = await dataDir();
    const store = new SqliteBoardStore({ dataDir: dir });
    const { doc, updates } = textUpdates(3);
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of updates) await store.appendUpdate('b1', update);
    await store.compact('b1', Y.encodeStateAsUpdate(doc), 1);
    const raw = new Database(join(dir, SQLITE_FILE_NAME));
    const row = raw.prepare('SELECT data FROM updates WHERE seq = 3').pluck().get() as Buffer;
    const changed = Buffer.from(row);
    changed[0]! ^= 0xff;
    raw.prepare('UPDATE updates SET data = ? WHERE seq = 3').run(changed);
    const snapshot = raw.prepare("SELECT snapshot FROM boards WHERE id = 'b1'").pluck().get();
    raw
      .prepare("UPDATE boards SET snapshot = ? WHERE id = 'b1'")
      .run(Buffer.concat([snapshot as Buffer, Buffer.from([0])]));
    raw.close();
    const loaded = (await store.loadBoard('b1'))!;
    expect(loaded.problems).toEqual([
      { row: 'snapshot', problem: expect.stringMatching(/^checksum mismatch/) },
      { row: 'update 3', problem: expect.stringMatching(/^checksum mismatch/) },
    ]);
    expect(Buffer.from(loaded.updates[1]!).equals(changed)).toBe(true);
    // Text where bytes belong (an `||` in a hand-written UPDATE does that) is reported too.
    const again = new Database(join(dir, SQLITE_FILE_NAME));
    again.prepare("UPDATE updates SET data = 'oops' WHERE seq = 2").run();
    again.close();
    expect((await store.loadBoard('b1'))!.problems[1]).toEqual({
      row: 'update 2',
      problem: 'stored as string, not as bytes',
    });
    await store.close();
  });

  it('[S-STORE-11] a layout-1 store is upgraded in place: checksums for every row, the seq its snapshot covers', async () => {
    const dir = await dataDir();
    const path = join(dir, SQLITE_FILE_NAME);
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(LAYOUT_V1);
    const { doc, updates } = textUpdates(5);
    const snapshotDoc = new Y.Doc();
    Y.applyUpdate(snapshotDoc, Y.mergeUpdates(updates.slice(0, 2)));
    old
      .prepare('INSERT INTO boards VALUES (?, ?, ?, 0, 0)')
      .run('b1', Buffer.from(Y.encodeStateAsUpdate(snapshotDoc)), 5);
    updates.slice(2).forEach((update, index) => {
      old.prepare('INSERT INTO updates VALUES (?, ?, ?)').run('b1', index + 3, Buffer.from(update));
    });
    old.close();
    const store = new SqliteBoardStore({ dataDir: dir });
    const loaded = (await store.loadBoard('b1'))!;
    expect(loaded).toMatchObject({ snapshotSeq: 2, seqs: [3, 4, 5], lastSeq: 5, problems: [] });
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, loaded.snapshot!);
    for (const update of loaded.updates) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getText('t').toString()).toBe(doc.getText('t').toString());
    await store.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    expect(check.prepare('SELECT COUNT(*) FROM versions').pluck().get()).toBe(0);
    expect(check.prepare('SELECT COUNT(*) FROM updates WHERE crc IS NULL').pluck().get()).toBe(0);
    check.close();
  });

  it('[S-STORE-11] opening refuses what is not a Fire Triangle store, and changes nothing in it', async () => {
    const cases: [string, (path: string) => Promise<void> | void, RegExp][] = [
      ['zero bytes', (path) => writeFile(path, ''), /empty \(0 bytes\)/],
      ['text', (path) => writeFile(path, 'not a database\n'.repeat(400)), /not an SQLite database/],
      [
        'another program’s database',
        (path) => {
          const db = new Database(path);
          db.exec('CREATE TABLE notes (body TEXT)');
          db.close();
        },
        /not a Fire Triangle store \(layout 0, tables: notes\)/,
      ],
      [
        'a newer store layout',
        (path) => {
          const db = new Database(path);
          db.exec(
            'CREATE TABLE boards (id TEXT); CREATE TABLE updates (x); PRAGMA user_version = 9',
          );
          db.close();
        },
        /newer Fire Triangle \(store layout 9/,
      ],
    ];
    for (const [name, make, message] of cases) {
      const dir = await dataDir();
      const path = join(dir, SQLITE_FILE_NAME);
      await make(path);
      const before = await readFile(path);
      expect(() => new SqliteBoardStore({ dataDir: dir }), name).toThrow(StoreUnusableError);
      expect(() => new SqliteBoardStore({ dataDir: dir }), name).toThrow(message);
      expect((await readFile(path)).equals(before), name).toBe(true);
    }
    // A WAL file without its database: the store was moved in part.
    const dir = await dataDir();
    await writeFile(join(dir, `${SQLITE_FILE_NAME}-wal`), 'x'.repeat(4096));
    expect(() => new SqliteBoardStore({ dataDir: dir })).toThrow(/exists without/);
  });

  it('[S-STORE-11] a new store is made whole under a temporary name, then renamed into place', async () => {
    const dir = await dataDir();
    // The remains of a creation cut short are not mistaken for anything.
    await writeFile(join(dir, `${SQLITE_FILE_NAME}.creating`), 'half');
    const store = new SqliteBoardStore({ dataDir: dir });
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    await store.close();
    expect((await readdir(dir)).sort()).toEqual([SQLITE_FILE_NAME]);
    expect(existsSync(join(dir, `${SQLITE_FILE_NAME}.creating`))).toBe(false);
    const reopened = new SqliteBoardStore({ dataDir: dir });
    expect(await reopened.listBoards()).toEqual(['b1']);
    await reopened.close();
  });
});
