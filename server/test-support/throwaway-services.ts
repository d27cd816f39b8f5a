/**
 * Throwaway PostgreSQL and Redis servers for tests and benchmarks: each on a free loopback port,
 * with its data under a temp folder, stopped — and the folder removed — by `stop()`. A watchdog
 * process (`service-watchdog.mjs`, in its own process group so Ctrl-C does not reach it) stops
 * them too when the process that started them ends without calling `stop()` (an interrupted or
 * killed test run), so no service is ever left running.
 *
 * PostgreSQL: Debian's binaries (`/usr/lib/postgresql/<version>/bin`, or `FT_PG_BIN`); `initdb`
 * refuses to run as root, so as root the cluster runs as the `postgres` user in a folder it owns.
 * Redis: `redis-server` from PATH. `.ci/setup-services.sh` installs what is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ThrowawayService {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` or `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
  }
}

const SETUP_HINT = 'run `bash .ci/setup-services.sh` (as root it installs what is missing)';
const WATCHDOG = fileURLToPath(new URL('./service-watchdog.mjs', import.meta.url));

/** A port nothing listens on right now (the kernel's pick for port 0, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The newest PostgreSQL server binaries directory here, or null. */
export function findPostgresBin(): string | null {
  const given = process.env.FT_PG_BIN;
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? initdb.replace(/\/initdb$/, '') : null;
  } catch {
    return null;
  }
}

/** Who runs PostgreSQL: this user, or `postgres` when this is root (initdb refuses root). */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new ServiceUnavailableError(
      'PostgreSQL cannot run as root and there is no `postgres` user here; create one (useradd --system postgres) or run the tests as another user.',
    );
  }
}

function run(
  file: string,
  args: string[],
  as: { uid: number; gid: number } | null,
  what: string,
): string {
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(as ?? {}),
      timeout: 120_000,
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    throw new ServiceUnavailableError(
      `${what} failed: ${output.trim() || (error as Error).message}`,
    );
  }
}

/**
 * Starts the watchdog: it stops the services with the commands given when `parentPid` ends
 * before `stop()` killed it. Detached (its own process group), so a Ctrl-C aimed at the test run
 * does not kill it before it has cleaned up.
 */
function startWatchdog(cleanup: { commands: string[][]; removeDir: string }): ChildProcess {
  const child = spawn(process.execPath, [WATCHDOG, String(process.pid), JSON.stringify(cleanup)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child;
}

function stopWatchdog(watchdog: ChildProcess): void {
  try {
    watchdog.kill('SIGKILL');
  } catch {
    // Already gone.
  }
}

export interface PostgresOptions {
  /**
   * false (tests): `fsync=off` — a crash of PostgreSQL itself could lose commits, which no test
   * does (they kill the Fire Triangle server, never PostgreSQL). true (benchmarks): PostgreSQL's
   * defaults, a WAL flush per commit.
   */
  durable?: boolean;
}

/** Starts a PostgreSQL cluster (`initdb` + `pg_ctl start`); throws ServiceUnavailableError. */
export async function startPostgres(options: PostgresOptions = {}): Promise<ThrowawayService> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new ServiceUnavailableError(
      `PostgreSQL's server binaries (initdb, pg_ctl) are not on this machine (looked in FT_PG_BIN, /usr/lib/postgresql/*/bin and PATH): ${SETUP_HINT}.`,
    );
  }
  const as = postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'ft-postgres-'));
  const data = join(dir, 'data');
  if (as) chownSync(dir, as.uid, as.gid);
  const pgCtl = join(bin, 'pg_ctl');
  const stopCommand = [pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop'];
  const watchdog = startWatchdog({
    commands: [as ? ['runuser', '-u', 'postgres', '--', ...stopCommand] : stopCommand],
    removeDir: dir,
  });
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      try {
        run(pgCtl, stopCommand.slice(1), as, 'pg_ctl stop');
      } catch {
        // Already stopped.
      }
    }
    stopWatchdog(watchdog);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(
      join(bin, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync'],
      as,
      'initdb',
    );
    const settings = [
      '-c listen_addresses=127.0.0.1',
      `-k ${dir}`,
      '-c max_connections=300',
      ...(options.durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
    ];
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      try {
        run(
          pgCtl,
          [
            '-D',
            data,
            '-o',
            `-p ${port} ${settings.join(' ')}`,
            '-l',
            join(dir, 'log'),
            '-w',
            '-t',
            '120',
            'start',
          ],
          as,
          'pg_ctl start',
        );
        started = true;
        return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, stop };
      } catch (error) {
        // Another process took the port between our check and PostgreSQL's bind: try another.
        if (attempt >= 2) throw error;
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Answers once a Redis server accepts `PING` on the port, or throws after `timeoutMs`. */
async function waitForRedis(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      let reply = '';
      socket.setTimeout(1000, () => socket.destroy());
      socket.on('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        if (reply.includes('\r\n')) {
          socket.destroy();
          resolve(reply.startsWith('+PONG'));
        }
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) {
      throw new ServiceUnavailableError(`redis-server did not answer on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts `redis-server` (no persistence, daemonized); throws ServiceUnavailableError. */
export async function startRedis(): Promise<ThrowawayService> {
  let server: string;
  try {
    server = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
  } catch {
    server = '';
  }
  if (!server) {
    throw new ServiceUnavailableError(`redis-server is not on this machine: ${SETUP_HINT}.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ft-redis-'));
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'redis.pid');
  const watchdog = startWatchdog({
    commands: [['sh', '-c', `[ -f ${pidFile} ] && kill -9 "$(cat ${pidFile})"`]],
    removeDir: dir,
  });
  let pid: number | undefined;
  const stop = async () => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      pid = undefined;
    }
    stopWatchdog(watchdog);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      // biome-ignore format: one option per line reads better
      run(server, [
        '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
        '--daemonize', 'yes', '--dir', dir, '--pidfile', pidFile, '--logfile', join(dir, 'log'),
      ], null, 'redis-server');
      try {
        await waitForRedis(port, 10_000);
        pid = Number(execFileSync('cat', [pidFile], { encoding: 'utf8' }).trim());
        return { url: `redis://127.0.0.1:${port}`, port, stop };
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
