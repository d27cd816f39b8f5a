import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropSchema, sql, testDatabaseUrl, uniqueName } from '../../test/services.ts';
import { describeBoardStoreContract, textUpdates } from './board-store.contract.ts';
import { StoreUnusableError } from './board-store.ts';
import { PostgresBoardStore } from './postgres-store.ts';
import { decodeStoredBoard } from './stored-board.ts';

describeBoardStoreContract(
  'postgres',
  async () => {
    const schema = uniqueName();
    const open = () => PostgresBoardStore.open({ connectionString: testDatabaseUrl(), schema });
    let store = await open();
    return {
      store,
      reopen: async () => {
        await store.close();
        store = await open();
        return store;
      },
      cleanup: () => dropSchema(schema),
    };
  },
  { persistent: true },
);

describe('PostgreSQL store', () => {
  const schemas: string[] = [];
  const stores: PostgresBoardStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });
  const open = async (schema = uniqueName()) => {
    if (!schemas.includes(schema)) schemas.push(schema);
    const store = await PostgresBoardStore.open({ connectionString: testDatabaseUrl(), schema });
    stores.push(store);
    return store;
  };

  it('[S-STORE-10] every row carries a CRC-32: a row changed through SQL is reported, its bytes returned as they are', async () => {
    const store = await open();
    const { doc, updates } = textUpdates(3);
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of updates) await store.appendUpdate('b1', update);
    await store.compact('b1', Y.encodeStateAsUpdate(doc), 1);
    // An operator's hand edit: flip the first byte of update 3, append a byte to the snapshot.
    await sql(
      `UPDATE "${store.schema}".updates SET data = set_byte(data, 0, get_byte(data, 0) # 255) WHERE seq = 3`,
    );
    await sql(`UPDATE "${store.schema}".boards SET snapshot = snapshot || '\\x00'::bytea`);
    const loaded = (await store.loadBoard('b1'))!;
    expect(loaded.problems).toEqual([
      { row: 'snapshot', problem: expect.stringMatching(/^checksum mismatch/) },
      { row: 'update 3', problem: expect.stringMatching(/^checksum mismatch/) },
    ]);
    expect(loaded.updates[1]![0]).toBe(updates[2]![0]! ^ 255);
    expect(() => decodeStoredBoard('b1', loaded)).toThrow(/damaged/);
    // A deleted row shows as a gap in the log.
    await sql(`DELETE FROM "${store.schema}".updates WHERE seq = 2`);
    const gapped = (await store.loadBoard('b1'))!;
    expect(() => decodeStoredBoard('b1', { ...gapped, problems: [] })).toThrow(/update 2 missing/);
  });

  it('[S-SCALE-2] loadBoardSince gives the log after a seq, and the snapshot when it covers more', async () => {
    const store = await open();
    const { doc, updates } = textUpdates(6);
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of updates) await store.appendUpdate('b1', update);
    expect(await store.loadBoardSince('b1', 4)).toMatchObject({
      snapshot: null,
      snapshotSeq: 4,
      seqs: [5, 6],
      lastSeq: 6,
      problems: [],
    });
    const snapshotDoc = new Y.Doc();
    for (const update of updates.slice(0, 3)) Y.applyUpdate(snapshotDoc, update);
    await store.compact('b1', Y.encodeStateAsUpdate(snapshotDoc), 3);
    const since = (await store.loadBoardSince('b1', 1))!;
    expect(since).toMatchObject({ snapshotSeq: 3, seqs: [4, 5, 6], lastSeq: 6 });
    expect(since.snapshot).not.toBeNull();
    expect(decodeStoredBoard('b1', since).getText('t').toString()).toBe(
      doc.getText('t').toString(),
    );
    expect(await store.loadBoardSince('nope', 0)).toBeNull();
    expect(await store.lastSeqs(['b1', 'nope'])).toEqual(new Map([['b1', 6]]));
  });

  it('[S-SCALE-2] concurrent appends from several pools get distinct, gap-free seqs', async () => {
    const schema = uniqueName();
    const first = await open(schema);
    const second = await open(schema);
    await first.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    const { updates } = textUpdates(40);
    const seqs = await Promise.all(
      updates.map((update, index) => (index % 2 ? first : second).appendUpdate('b1', update)),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(updates.map((_, index) => index + 1));
    const loaded = (await first.loadBoard('b1'))!;
    expect(loaded.seqs).toEqual(updates.map((_, index) => index + 1));
    expect(() => decodeStoredBoard('b1', loaded)).not.toThrow();
  });

  it('[S-SCALE-2] a compaction through a seq the snapshot already covers changes nothing', async () => {
    const store = await open();
    const { doc, updates } = textUpdates(4);
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of updates) await store.appendUpdate('b1', update);
    await store.compact('b1', Y.encodeStateAsUpdate(doc), 4);
    const stale = new Y.Doc();
    Y.applyUpdate(stale, updates[0]!);
    await store.compact('b1', Y.encodeStateAsUpdate(stale), 1);
    const loaded = (await store.loadBoard('b1'))!;
    expect(loaded.snapshotSeq).toBe(4);
    expect(decodeStoredBoard('b1', loaded).getText('t').toString()).toBe(
      doc.getText('t').toString(),
    );
  });

  it('[S-SCALE-2] the schema is created once by instances starting together, and refused when it is not ours or newer', async () => {
    const schema = uniqueName();
    await Promise.all([open(schema), open(schema), open(schema)]);
    const [layout] = await sql<{ value: string }>(
      `SELECT value FROM "${schema}".store_info WHERE key = 'layout'`,
    );
    expect(layout?.value).toBe('2');

    await sql(`UPDATE "${schema}".store_info SET value = '9' WHERE key = 'layout'`);
    await expect(open(schema)).rejects.toThrow(/newer Fire Triangle \(store layout 9/);

    const foreign = uniqueName();
    schemas.push(foreign);
    await sql(`CREATE SCHEMA "${foreign}"; CREATE TABLE "${foreign}".notes (body text)`);
    const refused = open(foreign);
    await expect(refused).rejects.toBeInstanceOf(StoreUnusableError);
    await expect(open(foreign)).rejects.toThrow(/not a Fire Triangle store \(notes\)/);
    expect(
      await sql(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [
        foreign,
      ]),
    ).toEqual([{ table_name: 'notes' }]);
  });

  it('[S-SCALE-2] a layout-1 schema (boards only) is migrated at start: its boards kept, the history and vote tables added', async () => {
    const schema = uniqueName();
    const store = await open(schema);
    const { doc, updates } = textUpdates(2);
    await store.createBoard('b1', Y.encodeStateAsUpdate(new Y.Doc()));
    for (const update of updates) await store.appendUpdate('b1', update);
    await store.close();
    stores.splice(stores.indexOf(store), 1);
    // What layout 1 was: the same schema without the tables layout 2 added.
    await sql(
      `DROP TABLE "${schema}".versions, "${schema}".card_activity, "${schema}".vote_dots; UPDATE "${schema}".store_info SET value = '1' WHERE key = 'layout'`,
    );
    const migrated = await open(schema);
    expect(
      decodeStoredBoard('b1', (await migrated.loadBoard('b1'))!)
        .getText('t')
        .toString(),
    ).toBe(doc.getText('t').toString());
    const [layout] = await sql<{ value: string }>(
      `SELECT value FROM "${schema}".store_info WHERE key = 'layout'`,
    );
    expect(layout?.value).toBe('2');
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((row) => row.table_name)).toEqual([
      'boards',
      'card_activity',
      'set_aside',
      'store_info',
      'updates',
      'versions',
      'vote_dots',
    ]);
  });

  it('[S-SCALE-2] an unreachable PostgreSQL is refused at start with a message naming it, without the password', async () => {
    await expect(
      PostgresBoardStore.open({
        connectionString: 'postgres://fire:secret-password@127.0.0.1:1/boards',
      }),
    ).rejects.toThrow(
      /PostgreSQL at postgres:\/\/fire:\*\*\*@127\.0\.0\.1:1\/boards cannot be used/,
    );
  });
});
