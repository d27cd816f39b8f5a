/**
 * The real Fire Triangle server as a child process (`node --import tsx server/src/main.ts`),
 * the way `pnpm start` runs it: a temporary data directory, any free port (or a given one, to
 * restart on the same address), the built client served at `/`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  /** SIGKILL: no flush, no goodbye — a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  dataDir?: string;
}

export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  if (!existsSync(join(REPO_ROOT, 'client/dist/index.html'))) {
    throw new Error('client/dist is missing: run `pnpm build` before the browser tests.');
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ft-e2e-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/main.ts',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      dataDir,
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: process.env.FT_E2E_LOG_LEVEL ?? 'warn',
        // Every test creates its own boards from one address.
        FT_BOARD_CREATIONS_PER_MINUTE: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const port = await waitForListening(child);
  let stopping = false;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(
          `fire-triangle server on port ${port} exited on its own (code ${code}, signal ${signal})\n`,
        );
      }
      done();
    }),
  );
  const ownsDataDir = options.dataDir === undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    async kill() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      // A clean shutdown flushes and exits quickly; never leave a server behind if it does not.
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 30 s. Output:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.on('data', (data: Buffer) => {
          if (process.env.FT_E2E_SERVER_LOG) process.stderr.write(data);
        });
        resolvePort(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) before listening. Output:\n${output}`));
    });
  });
}
