/**
 * [S-DUR-7] [S-DUR-8] [S-DUR-9]: storage in a bad state is never served as if it were fine —
 * a damaged or unreadable board is refused and left untouched, a second process cannot share a
 * data directory, a store file that is not a store stops the server, and a store that cannot
 * be written is not `ok` on /healthz.
 */
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addCard,
  CLOSE_CODES,
  cardsMap,
  cardText,
  getCardMap,
  initBoard,
  readBoard,
} from '@fire-triangle/shared';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signToken } from '../src/auth/tokens.ts';
import { runCli } from '../src/cli/cli.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import type { StoredBoard } from '../src/storage/board-store.ts';
import { DataDirLockedError } from '../src/storage/data-dir-lock.ts';
import { MemoryBoardStore } from '../src/storage/memory-store.ts';
import { SQLITE_FILE_NAME, SqliteBoardStore } from '../src/storage/sqlite-store.ts';
import {
  createBoard,
  docsConverged,
  getJson,
  makeDataDir,
  openRawSocket,
  runServerUntilExit,
  type ServerProcess,
  spawnServer,
  startTestServer,
  TEST_SECRET,
  updateFrame,
  updateThatDecodesButFails,
  useTestHarness,
  waitFor,
} from './helpers.ts';

interface Rows {
  snapshot: Buffer | null;
  lastSeq: number;
  updates: { seq: number; data: Buffer }[];
}

/** The board's rows exactly as SQLite holds them (read with the server stopped). */
function readRows(dataDir: string, boardId: string): Rows {
  const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const board = db
      .prepare('SELECT snapshot, last_seq AS lastSeq FROM boards WHERE id = ?')
      .get(boardId) as { snapshot: Buffer | null; lastSeq: number };
    const updates = db
      .prepare('SELECT seq, data FROM updates WHERE board_id = ? ORDER BY seq')
      .all(boardId) as { seq: number; data: Buffer }[];
    return { ...board, updates };
  } finally {
    db.close();
  }
}

/** Changes the board's rows by hand, as an operator or a failing disk would. */
function editRows(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, SQLITE_FILE_NAME));
  try {
    edit(db);
  } finally {
    db.close();
  }
}

/** Pino JSON lines at error level (50) or above. */
function errorLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => (entry.level as number) >= 50);
}

/** A stored board with a snapshot and a log of `logLength` real updates, written through the store. */
async function seedBoardWithLog(dataDir: string, boardId: string, logLength: number) {
  const store = new SqliteBoardStore({ dataDir });
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Seeded', language: 'en' });
  await store.createBoard(boardId, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const id = addCard(doc, { lane: 'objective', title: 'Grow' });
  for (let index = 1; index < logLength; index++) {
    cardText(getCardMap(doc, id)!, 'body').insert(0, `step ${index}. `);
  }
  for (const update of updates) await store.appendUpdate(boardId, update);
  await store.close();
  return { doc, updates };
}

const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe('storage in a bad state', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const processes: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of processes.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
    }
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  // Registered after the hook above, so it runs before it: servers close before their
  // directories are removed.
  const harness = useTestHarness();
  const { connect } = harness;
  const dataDir = async () => {
    const dir = await makeDataDir();
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  const spawn = async (dir: string, env: Record<string, string> = {}, as = {}) => {
    const server = await spawnServer(['--port', '0', '--data-dir', dir], env, as);
    processes.push(server);
    return server;
  };
  const stop = async (server: ServerProcess) => {
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  };
  // -------------------------------------------------------------------------------------------
  // S-DUR-7: a damaged or unreadable board is refused and left untouched

  it('[S-DUR-7] a board whose stored snapshot was cut to 60 % is refused (4500, REST 503), named in the log at error level, its rows untouched', async () => {
    const dir = await dataDir();
    const first = await spawn(dir);
    const damaged = await createBoard(first, { title: 'Q3 workshop' });
    const healthy = await createBoard(first, { title: 'Another board' });
    for (const board of [damaged, healthy]) {
      const client = connect(first, board.id, board.tokens.editor);
      await client.synced;
      for (let index = 0; index < 5; index++) {
        addCard(client.doc, { lane: 'tactic', title: `${board.id} card ${index}` });
      }
      const watcher = connect(first, board.id, board.tokens.viewer);
      await waitFor(() => cardsMap(watcher.doc).size === 5, { what: 'five cards relayed' });
    }
    await stop(first); // compacts every board into its snapshot

    const before = readRows(dir, damaged.id);
    expect(before.snapshot!.length).toBeGreaterThan(100);
    const cut = before.snapshot!.subarray(0, Math.floor(before.snapshot!.length * 0.6));
    editRows(dir, (db) =>
      db.prepare('UPDATE boards SET snapshot = ? WHERE id = ?').run(cut, damaged.id),
    );

    const second = await spawn(dir);
    const socket = await openRawSocket(second, damaged.id, damaged.tokens.editor);
    const closed = await socket.closed;
    expect(closed.code).toBe(CLOSE_CODES.BOARD_UNAVAILABLE);
    expect(closed.reason).toBe('board unavailable: stored board is damaged');
    // No sync reply was sent: nobody is shown an empty or partial board.
    expect(socket.messages).toHaveLength(0);
    for (const path of ['', '/export', '/report']) {
      const refused = await getJson(
        `${second.url}/api/boards/${damaged.id}${path}?token=${damaged.tokens.viewer}`,
      );
      expect(refused.status, path).toBe(503);
      expect(refused.body.error, path).toMatch(/damaged.*operator/s);
    }
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(/^fire_triangle_board_load_failures_total\{reason="damaged"\} [1-9]/m);
    // Every other board is served as usual.
    const other = connect(second, healthy.id, healthy.tokens.viewer);
    await other.synced;
    expect(cardsMap(other.doc).size).toBe(5);
    await stop(second);

    const logged = errorLines(second.output()).find((entry) => entry.boardId === damaged.id);
    expect(logged, second.output()).toBeDefined();
    expect(logged!.msg).toMatch(/damaged.*snapshot.*untouched/);
    expect(logged!.damagedRows).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 'snapshot' })]),
    );
    // The rows are exactly as the damage left them: nothing compacted over them on unload.
    const after = readRows(dir, damaged.id);
    expect(Buffer.compare(after.snapshot!, cut)).toBe(0);
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.updates).toEqual(before.updates);
  });

  it('[S-DUR-7] one changed byte in an update in the middle of the log refuses the board and names that row', async () => {
    const dir = await dataDir();
    await seedBoardWithLog(dir, 'middle-row', 6);
    const original = readRows(dir, 'middle-row');
    const flipped = Buffer.from(original.updates[2]!.data);
    flipped[flipped.length >> 1]! ^= 0x04;
    editRows(dir, (db) =>
      db
        .prepare('UPDATE updates SET data = ? WHERE board_id = ? AND seq = ?')
        .run(flipped, 'middle-row', original.updates[2]!.seq),
    );
    const test = await harness.start({}, dir);
    const token = signToken(TEST_SECRET, { boardId: 'middle-row', role: 'editor' });
    const socket = await openRawSocket(test.server, 'middle-row', token);
    expect((await socket.closed).code).toBe(CLOSE_CODES.BOARD_UNAVAILABLE);
    const info = await getJson(`${test.server.url}/api/boards/middle-row?token=${token}`);
    expect(info.status).toBe(503);
    await expect(test.server.internals.store.loadBoard('middle-row')).resolves.toMatchObject({
      problems: [{ row: `update ${original.updates[2]!.seq}` }],
    });
    await test.server.close();
    expect(readRows(dir, 'middle-row').updates[2]!.data.equals(flipped)).toBe(true);
  });

  it('[S-DUR-7] a log row deleted by hand refuses the board, naming the gap, and the other rows stay', async () => {
    const dir = await dataDir();
    await seedBoardWithLog(dir, 'gap', 6);
    editRows(dir, (db) =>
      db.prepare('DELETE FROM updates WHERE board_id = ? AND seq = 4').run('gap'),
    );
    const before = readRows(dir, 'gap');
    const test = await harness.start({}, dir);
    const token = signToken(TEST_SECRET, { boardId: 'gap', role: 'facilitator' });
    const socket = await openRawSocket(test.server, 'gap', token);
    expect((await socket.closed).reason).toMatch(/damaged/);
    const exported = await getJson(`${test.server.url}/api/boards/gap/export?token=${token}`);
    expect(exported.status).toBe(503);
    const error = await test.server.internals.registry
      .acquire('gap', { createIfMissing: true })
      .catch((failure: unknown) => failure as { cause: { problems: unknown } });
    expect((error as { cause: { problems: unknown } }).cause.problems).toEqual(
      expect.arrayContaining([{ row: 'log', problem: expect.stringMatching(/update 4 missing/) }]),
    );
    await test.server.close();
    expect(readRows(dir, 'gap')).toEqual(before);
  });

  it('[S-DUR-7] a store that throws on read: 4500 "storage error", REST 503; the board opens once reads work again', async () => {
    class UnreadableStore extends MemoryBoardStore {
      failing = false;
      override async loadBoard(boardId: string): Promise<StoredBoard | null> {
        if (this.failing) throw new Error('EIO: i/o error, read');
        return super.loadBoard(boardId);
      }
    }
    const store = new UnreadableStore();
    const test = await harness.start({ idleUnloadMs: 0 }, undefined, { store });
    const board = await createBoard(test.server, { title: 'Readable later' });
    store.failing = true;
    const socket = await openRawSocket(test.server, board.id, board.tokens.editor);
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4500, reason: 'board unavailable: storage error' });
    const info = await getJson(
      `${test.server.url}/api/boards/${board.id}?token=${board.tokens.viewer}`,
    );
    expect(info.status).toBe(503);
    expect(info.body.error).toMatch(/could not be read from storage/);
    expect(
      await metricValue(test.server.internals.metrics.boardLoadFailures, { reason: 'unreadable' }),
    ).toBe(2);
    // Nothing was created over the unreadable board.
    store.failing = false;
    expect((await store.loadBoard(board.id))!.lastSeq).toBe(0);
    const client = connect(test.server, board.id, board.tokens.viewer);
    await client.synced;
    expect(readBoard(client.doc).meta.title).toBe('Readable later');
  });

  it('[S-DUR-7] an update that fails halfway, when the reload finds the rows damaged, closes everyone with 4500 instead of serving part of the board', async () => {
    class DecayingStore extends MemoryBoardStore {
      decayed = false;
      override async loadBoard(boardId: string): Promise<StoredBoard | null> {
        const stored = await super.loadBoard(boardId);
        if (!stored || !this.decayed || !stored.snapshot) return stored;
        return { ...stored, snapshot: stored.snapshot.subarray(0, stored.snapshot.length >> 1) };
      }
    }
    const store = new DecayingStore();
    const test = await harness.start({}, undefined, { store });
    const board = await createBoard(test.server, { template: 'seed-001-rebrand-en' });
    const alice = connect(test.server, board.id, board.tokens.editor);
    await alice.synced;
    const closes: number[] = [];
    alice.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    const snapshotBefore = (await store.loadBoard(board.id))!.snapshot!;
    store.decayed = true;
    const mallory = await openRawSocket(test.server, board.id, board.tokens.editor);
    mallory.send(updateFrame(updateThatDecodesButFails(alice.doc)));
    await waitFor(() => closes.includes(CLOSE_CODES.BOARD_UNAVAILABLE), {
      what: 'Alice closed with 4500',
    });
    expect(test.server.internals.registry.loaded(board.id)).toBeUndefined();
    store.decayed = false;
    // Nothing was compacted over the stored board while it could not be read.
    expect(Buffer.from((await store.loadBoard(board.id))!.snapshot!)).toEqual(
      Buffer.from(snapshotBefore),
    );
    await waitFor(() => alice.provider.synced && alice.provider.wsconnected, {
      what: 'Alice back once the rows read again',
    });
    const check = connect(test.server, board.id, board.tokens.viewer);
    await check.synced;
    await waitFor(() => docsConverged(alice.doc, check.doc));
  });

  it('[S-DUR-7] the operator sees the damaged rows (store check), sets them aside with the server stopped, and a participant’s copy fills the board back', async () => {
    const dir = await dataDir();
    const { doc: participantCopy } = await seedBoardWithLog(dir, 'to-recover', 4);
    await seedBoardWithLog(dir, 'fine', 2);
    editRows(dir, (db) =>
      db.prepare("UPDATE boards SET snapshot = x'0102' WHERE id = 'to-recover'").run(),
    );
    const output: string[] = [];
    const io = {
      stdout: (text: string) => output.push(text),
      stderr: (text: string) => output.push(text),
      cwd: dir,
    };
    const cli = (...args: string[]) => runCli(['store', ...args, '--data-dir', dir], io);

    const test = await harness.start({}, dir);
    // Read-only, beside the running server.
    expect(await cli('check')).toBe(1);
    expect(output.join('')).toMatch(/ok {7}fine/);
    expect(output.join('')).toMatch(/DAMAGED {2}to-recover\n {11}snapshot: checksum mismatch/);
    expect(output.join('')).toMatch(/2 boards, 1 refused/);
    output.length = 0;
    // Setting aside needs the server stopped.
    expect(await cli('set-aside', 'to-recover')).toBe(2);
    expect(output.join('')).toMatch(
      /already used by another Fire Triangle server.*Stop the server/s,
    );
    await test.server.close();
    output.length = 0;
    expect(await cli('set-aside', 'to-recover', '--reason', 'snapshot damaged')).toBe(0);
    expect(output.join('')).toMatch(/set aside {2}to-recover {2}snapshot {2}2 bytes/);

    const again = await harness.start({}, dir);
    const token = signToken(TEST_SECRET, { boardId: 'to-recover', role: 'editor' });
    const restorer = connect(again.server, 'to-recover', token, { doc: participantCopy });
    await restorer.synced;
    const viewer = connect(again.server, 'to-recover', token);
    await waitFor(() => docsConverged(restorer.doc, viewer.doc));
    expect(readBoard(viewer.doc).meta.title).toBe('Seeded');
    expect(readBoard(viewer.doc).cards[0]!.body).toMatch(/step 3\. step 2\. step 1\./);
    output.length = 0;
    expect(await cli('check')).toBe(0);
    expect(output.join('')).toMatch(/to-recover {2}snapshot {2}2 bytes {2}snapshot damaged/);
  });

  // -------------------------------------------------------------------------------------------
  // S-DUR-8: one process per data directory

  it('[S-DUR-8] a second server on the same data directory exits 2 naming the directory and the PID; the first keeps all 50 edits', async () => {
    const dir = await dataDir();
    const first = await spawn(dir);
    const board = await createBoard(first);
    const second = await runServerUntilExit(['--port', '0', '--data-dir', dir]);
    expect(second.code).toBe(2);
    expect(second.output).toContain(dir);
    expect(second.output).toContain(`PID ${first.child.pid}`);
    expect(second.output).not.toMatch(/listening/);
    const alice = connect(first, board.id, board.tokens.editor);
    await alice.synced;
    for (let index = 0; index < 50; index++) {
      addCard(alice.doc, { lane: 'tactic', title: `edit ${index}` });
    }
    const watcher = connect(first, board.id, board.tokens.viewer);
    await waitFor(() => cardsMap(watcher.doc).size === 50, { what: '50 edits relayed' });
    await stop(first);
    const store = new SqliteBoardStore({ dataDir: dir });
    cleanups.push(() => store.close());
    const stored = (await store.loadBoard(board.id))!;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    expect(cardsMap(doc).size).toBe(50);
  });

  it('[S-DUR-8] after kill -9 of the holder the directory is free at once (the lock is the kernel’s, never stale)', async () => {
    const dir = await dataDir();
    const first = await spawn(dir);
    const board = await createBoard(first);
    const alice = connect(first, board.id, board.tokens.editor);
    await alice.synced;
    const id = addCard(alice.doc, { lane: 'objective', title: 'Before the crash' });
    const watcher = connect(first, board.id, board.tokens.viewer);
    await waitFor(() => cardsMap(watcher.doc).has(id));
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawn(dir);
    const check = connect(second, board.id, board.tokens.viewer);
    await check.synced;
    expect(cardsMap(check.doc).has(id)).toBe(true);
    // …and the new holder is the one named to a third.
    const third = await runServerUntilExit(['--port', '0', '--data-dir', dir]);
    expect(third.code).toBe(2);
    expect(third.output).toContain(`PID ${second.child.pid}`);
  });

  it('[S-DUR-8] in one process too: a second startServer on the directory throws; after close it may start', async () => {
    const dir = await dataDir();
    const first = await harness.start({}, dir);
    await expect(startTestServer({}, dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(startTestServer({ store: 'memory' }, dir)).rejects.toThrow(/already used/);
    await first.server.close();
    const again = await harness.start({}, dir);
    await again.server.close();
  });

  // -------------------------------------------------------------------------------------------
  // S-DUR-9: a store file that is not a store; a store that cannot be written

  it('[S-DUR-9] a zero-byte boards.sqlite makes the server refuse to start (exit 2) and stays as it is', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, SQLITE_FILE_NAME), '');
    const run = await runServerUntilExit(['--port', '0', '--data-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.output).toContain(join(dir, SQLITE_FILE_NAME));
    expect(run.output).toMatch(/empty \(0 bytes\).*not a Fire Triangle store.*backup/s);
    expect((await stat(join(dir, SQLITE_FILE_NAME))).size).toBe(0);
  });

  it('[S-DUR-9] garbage, or another program’s SQLite database, as boards.sqlite: exit 2 with what it is, file untouched', async () => {
    const cases: [string, (path: string) => Promise<void>, RegExp][] = [
      [
        'text',
        (path) => writeFile(path, 'these are my notes, not a database\n'.repeat(200)),
        /is not an SQLite database/,
      ],
      [
        'another SQLite database',
        async (path) => {
          const db = new Database(path);
          db.exec('CREATE TABLE contacts (name TEXT)');
          db.close();
        },
        /is an SQLite database but not a Fire Triangle store.*contacts/,
      ],
      [
        'half a Fire Triangle store',
        async (path) => {
          const store = new SqliteBoardStore({ dataDir: join(path, '..') });
          await store.createBoard('b', Y.encodeStateAsUpdate(new Y.Doc()));
          await store.close();
          const bytes = await readFile(path);
          await writeFile(path, bytes.subarray(0, 512));
        },
        /cannot be opened|not an SQLite database|damaged/,
      ],
    ];
    for (const [name, make, message] of cases) {
      const dir = await dataDir();
      const path = join(dir, SQLITE_FILE_NAME);
      await make(path);
      const bytes = await readFile(path);
      const run = await runServerUntilExit(['--port', '0', '--data-dir', dir]);
      expect(run.code, name).toBe(2);
      expect(run.output, name).toMatch(message);
      expect((await readFile(path)).equals(bytes), name).toBe(true);
    }
  });

  it('[S-DUR-9] a store that opens read-only: /healthz 503 with the reason, boards still export, edits refused with 4500', async () => {
    const dir = await dataDir();
    await chmod(dir, 0o777);
    const first = await spawn(dir, {}, asNobody);
    const board = await createBoard(first, { template: 'seed-001-rebrand-en' });
    expect((await getJson(`${first.url}/healthz`)).status).toBe(200);
    await stop(first);
    await chmod(join(dir, SQLITE_FILE_NAME), 0o444);

    const second = await spawn(dir, {}, asNobody);
    const health = await getJson(`${second.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'store-unavailable' });
    expect(health.body.reason).toMatch(/read-only.*boards\.sqlite/);
    expect(errorLines(second.output()).map((entry) => entry.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(/cannot be written/)]),
    );
    const exported = await getJson(
      `${second.url}/api/boards/${board.id}/export?token=${board.tokens.viewer}`,
    );
    expect(exported.status).toBe(200);
    expect(exported.body.cards.length).toBeGreaterThan(0);
    const alice = connect(second, board.id, board.tokens.editor);
    await alice.synced;
    const closes: number[] = [];
    alice.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    addCard(alice.doc, { lane: 'tactic', title: 'Cannot be stored' });
    await waitFor(() => closes.includes(CLOSE_CODES.BOARD_UNAVAILABLE));
    // It still stops cleanly (it cannot checkpoint; nothing is lost by that).
    await stop(second);
  });
});
