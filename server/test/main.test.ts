/**
 * [S-OPS-4] and [S-DUR-2]: the entry point as `pnpm start` runs it — help, config errors, the
 * listening line, and a clean stop on SIGTERM / SIGINT that stores every board.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCard, cardsMap } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { signToken } from '../src/auth/tokens.ts';
import { SQLITE_FILE_NAME, SqliteBoardStore } from '../src/storage/sqlite-store.ts';
import {
  connectClient,
  createBoard,
  makeDataDir,
  spawnServer,
  TEST_SECRET,
  waitFor,
} from './helpers.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

function runMain(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('main entry', () => {
  it('[S-OPS-4] --help lists the options and exits 0; a bad option exits 2 with a message', () => {
    const help = runMain(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--data-dir');
    expect(help.stdout).toContain('FT_SECRET');
    const bad = runMain(['--port', 'eighty']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer');
    const badEnv = runMain([], { FT_STORE: 'mysql' });
    expect(badEnv.status).toBe(2);
    expect(badEnv.stderr).toContain('FT_STORE must be one of sqlite, postgres, memory');
    const noUrl = runMain([], { FT_STORE: 'postgres' });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toContain('fire-triangle: FT_STORE=postgres needs DATABASE_URL');
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`[S-DUR-2] ${signal} stores every board, checkpoints the database and exits 0`, async () => {
      const dataDir = await makeDataDir();
      try {
        const server = await spawnServer(['--port', '0', '--data-dir', dataDir]);
        expect(server.output()).toMatch(/^Fire Triangle listening on http:\/\/127\.0\.0\.1:\d+$/m);
        const board = await createBoard(server);
        const client = connectClient(server, board.id, board.tokens.editor);
        await client.synced;
        for (let index = 0; index < 5; index++)
          addCard(client.doc, { lane: 'tactic', title: `t${index}` });
        const probe = connectClient(server, board.id, board.tokens.viewer);
        await waitFor(() => cardsMap(probe.doc).size === 5, { what: 'relayed to the probe' });
        probe.destroy();
        const closes: number[] = [];
        client.provider.on('connection-close', (event: { code: number } | null) => {
          if (event) closes.push(event.code);
        });
        client.provider.shouldConnect = false;
        server.child.kill(signal);
        const exit = await server.exited;
        expect(exit.code).toBe(0);
        expect(server.output()).toContain(`${signal} received`);
        await waitFor(() => closes.length > 0, { what: 'the client to see the close' });
        expect(closes[0]).toBe(1001);
        client.destroy();
        // The WAL was folded into the database file and the log compacted into the snapshot.
        const wal = join(dataDir, `${SQLITE_FILE_NAME}-wal`);
        expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
        const store = new SqliteBoardStore({ dataDir });
        const stored = (await store.loadBoard(board.id))!;
        await store.close();
        expect(stored.updates).toHaveLength(0);
        expect(stored.lastSeq).toBe(5);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('[S-AUTH-1] without FT_SECRET the secret is generated into the data dir and links survive a restart', async () => {
    const dataDir = await makeDataDir();
    try {
      const first = await spawnServer(['--port', '0', '--data-dir', dataDir], { FT_SECRET: '' });
      const board = await createBoard(first);
      first.child.kill('SIGTERM');
      await first.exited;
      expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
      const second = await spawnServer(['--port', '0', '--data-dir', dataDir], { FT_SECRET: '' });
      const info = await fetch(`${second.url}/api/boards/${board.id}?token=${board.tokens.viewer}`);
      expect(info.status).toBe(200);
      // The generated secret is what signs: a token signed with another one is refused.
      const foreign = signToken(TEST_SECRET, { boardId: board.id, role: 'viewer' });
      const refused = await fetch(`${second.url}/api/boards/${board.id}?token=${foreign}`);
      expect(refused.status).toBe(403);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
