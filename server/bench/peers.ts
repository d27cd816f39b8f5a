/**
 * The servers compared, each run in its own process on loopback, started the same way:
 * `node --expose-gc --import tsx --import memory-probe.ts <entry> --port 0 …`, ready when it
 * prints `… listening on http://HOST:PORT`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RoomAddress } from './client.ts';
import { type ProcessMemory, readCpuTimeMs, readProcessMemory, resetPeakRss } from './processes.ts';

export const SERVER_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(SERVER_DIR, '..');

export type PeerName = 'reference' | 'relay' | 'hocuspocus' | 'ours' | 'ours-memory';

export interface PeerDefinition {
  name: PeerName;
  /** How the report names it. */
  label: string;
  dialect: RoomAddress['dialect'];
  /** False for the relay: it holds no document, so there is nothing to sync or to load. */
  holdsDocuments: boolean;
  /** Whether it writes boards to disk (ours with SQLite). */
  persistent: boolean;
  entry: string;
  extraArgs: (dataDir: string) => string[];
  /** Environment the server runs with in every workload. */
  env: Record<string, string>;
}

/**
 * Ours runs with its defaults except three limits the benchmark's own shape would trip: every
 * client comes from one loopback address, the sweep puts up to 600 clients on one board
 * (default cap 200), and each run creates a board (default 30 creations a minute per address).
 * Rate limits, message size limits, presence batching, persistence and auth stay as shipped.
 */
const OURS_BENCH_ENV = {
  FT_MAX_CONNECTIONS_PER_BOARD: '2000',
  FT_MAX_CONNECTIONS_PER_ADDRESS: '5000',
  FT_BOARD_CREATIONS_PER_MINUTE: '100000',
};

export const PEERS: Record<PeerName, PeerDefinition> = {
  reference: {
    name: 'reference',
    label: '@y/websocket-server 0.1.1',
    dialect: 'y-websocket',
    holdsDocuments: true,
    persistent: false,
    entry: 'bench/peers/reference.ts',
    extraArgs: () => [],
    env: {},
  },
  relay: {
    name: 'relay',
    label: 'raw relay (floor)',
    dialect: 'relay',
    holdsDocuments: false,
    persistent: false,
    entry: 'bench/peers/relay.ts',
    extraArgs: () => [],
    env: {},
  },
  hocuspocus: {
    name: 'hocuspocus',
    label: 'Hocuspocus 3.4.4',
    dialect: 'hocuspocus',
    holdsDocuments: true,
    persistent: false,
    entry: 'bench/peers/hocuspocus.ts',
    extraArgs: () => [],
    env: {},
  },
  ours: {
    name: 'ours',
    label: 'Fire Triangle (SQLite, auth)',
    dialect: 'y-websocket',
    holdsDocuments: true,
    persistent: true,
    entry: 'src/main.ts',
    extraArgs: (dataDir) => ['--host', '127.0.0.1', '--data-dir', dataDir],
    env: OURS_BENCH_ENV,
  },
  'ours-memory': {
    name: 'ours-memory',
    label: 'Fire Triangle (in-memory, auth)',
    dialect: 'y-websocket',
    holdsDocuments: true,
    persistent: false,
    entry: 'src/main.ts',
    extraArgs: (dataDir) => ['--host', '127.0.0.1', '--data-dir', dataDir, '--store', 'memory'],
    env: OURS_BENCH_ENV,
  },
};

/**
 * Ours as built from another checkout (`--variants name=DIR`: DIR holds the repository at
 * another commit, with node_modules), to compare two versions of the server in one run.
 */
export function oursVariant(name: string, checkout: string): PeerDefinition {
  return {
    ...PEERS.ours,
    name: `ours@${name}` as PeerName,
    label: `Fire Triangle at ${name} (SQLite, auth)`,
    entry: path.resolve(checkout, 'server/src/main.ts'),
  };
}

export interface StartOptions {
  /** Reuse a data directory (to restart ours on the boards it stored); default a fresh one. */
  dataDir?: string;
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  cpuProfileDir?: string;
  /** Extra environment for the server (e.g. a short idle-unload delay for ours). */
  env?: Record<string, string>;
}

export interface StoreHistogram {
  /** [upper bound in seconds, cumulative count]. */
  buckets: [number, number][];
  count: number;
  sum: number;
}

export interface MemoryProbe {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export class RunningPeer {
  private probeSequence = 0;
  private exited: Promise<void>;
  private output = '';
  /** When the process was spawned, on the shared clock (a CPU profile's time zero, roughly). */
  spawnedAt = 0;

  private constructor(
    readonly definition: PeerDefinition,
    readonly child: ChildProcess,
    readonly port: number,
    readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly probeFile: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout?.on('data', (chunk: Buffer) => this.keepOutput(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keepOutput(chunk));
  }

  static async start(definition: PeerDefinition, options: StartOptions = {}): Promise<RunningPeer> {
    const ownsDataDir = options.dataDir === undefined;
    const dataDir =
      options.dataDir ?? mkdtempSync(path.join(tmpdir(), `bench-${definition.name}-`));
    const probeFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-probe-')), 'memory.json');
    const nodeArgs = [
      '--expose-gc',
      '--import',
      'tsx',
      '--import',
      path.join(SERVER_DIR, 'bench/peers/memory-probe.ts'),
      ...(options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : []),
      path.resolve(SERVER_DIR, definition.entry),
      '--port',
      '0',
      ...definition.extraArgs(dataDir),
    ];
    const spawnedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        BENCH_MEMORY_PROBE: probeFile,
        BENCH_RUNNER_PID: String(process.pid),
        LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'production',
        ...definition.env,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${definition.name} did not start in 120 s (tsx compiles the sources at start: slow on a loaded machine):\n${seen}`,
            ),
          ),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on https?:\/\/[^\s:"]+:(\d+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stderr?.off('data', onData);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${definition.name} exited (${code}) before listening:\n${seen}`));
      });
    });
    const peer = new RunningPeer(definition, child, port, dataDir, ownsDataDir, probeFile);
    peer.spawnedAt = spawnedAt;
    return peer;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get httpBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A fresh room: a new board with an editor token for ours, a random name for the others. */
  async createRoom(title = 'benchmark'): Promise<RoomAddress> {
    const { dialect } = this.definition;
    if (this.definition.name.startsWith('ours')) {
      const response = await fetch(`${this.httpBase}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, language: 'fr' }),
      });
      if (response.status !== 201) {
        throw new Error(`POST /api/boards → ${response.status}: ${await response.text()}`);
      }
      const board = (await response.json()) as { id: string; tokens: { editor: string } };
      const token = board.tokens.editor;
      return {
        dialect,
        docName: board.id,
        token,
        url: `ws://127.0.0.1:${this.port}/ws/${board.id}?token=${encodeURIComponent(token)}`,
      };
    }
    const name = `bench-${randomUUID().slice(0, 8)}`;
    return {
      dialect,
      docName: name,
      token: 'benchmark',
      url: `ws://127.0.0.1:${this.port}/${name}`,
    };
  }

  /** The same room on this (restarted) server: the port changed, the board and token did not. */
  rehost(address: RoomAddress): RoomAddress {
    return { ...address, url: address.url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${this.port}`) };
  }

  /** Removes the data directory (after a restart on it, the last user cleans up). */
  removeDataDir(): void {
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Boards the server says it holds in memory (ours' /metrics), or null if it cannot say. */
  async loadedBoards(): Promise<number | null> {
    if (!this.definition.name.startsWith('ours')) return null;
    try {
      const response = await fetch(`${this.httpBase}/metrics`);
      const match = /^fire_triangle_rooms\s+(\d+)/m.exec(await response.text());
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }

  /**
   * Ours' own histogram of store appends (/metrics): cumulative bucket counts by upper bound in
   * seconds, plus count and sum. Null for the other servers.
   */
  async storeAppendHistogram(): Promise<StoreHistogram | null> {
    if (!this.definition.name.startsWith('ours')) return null;
    try {
      const text = await (await fetch(`${this.httpBase}/metrics`)).text();
      const histogram: StoreHistogram = { buckets: [], count: 0, sum: 0 };
      const pattern =
        /^fire_triangle_store_operation_seconds_(bucket|count|sum)\{([^}]*)\}\s+(\S+)$/gm;
      for (const [, kind, labels, value] of text.matchAll(pattern)) {
        if (!labels?.includes('operation="append"')) continue;
        if (kind === 'count') histogram.count = Number(value);
        else if (kind === 'sum') histogram.sum = Number(value);
        else {
          const le = /le="([^"]+)"/.exec(labels)?.[1];
          if (le) histogram.buckets.push([le === '+Inf' ? Infinity : Number(le), Number(value)]);
        }
      }
      return histogram;
    } catch {
      return null;
    }
  }

  memory(): ProcessMemory {
    return readProcessMemory(this.pid);
  }

  resetPeak(): boolean {
    return resetPeakRss(this.pid);
  }

  cpuTimeMs(): number {
    return readCpuTimeMs(this.pid);
  }

  /** Full GC in the server, then its memory usage (see peers/memory-probe.ts). */
  async probeMemory(): Promise<MemoryProbe> {
    this.probeSequence += 1;
    const wanted = this.probeSequence;
    this.child.kill('SIGUSR2');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        const probe = JSON.parse(readFileSync(this.probeFile, 'utf8')) as MemoryProbe & {
          sequence: number;
        };
        if (probe.sequence >= wanted) return probe;
      } catch {
        // Not written yet, or caught mid-write.
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`${this.definition.name}: no memory probe answer`);
  }

  /** Recent server output, for error messages. */
  get recentOutput(): string {
    return this.output;
  }

  /** SIGTERM (ours flushes and exits), SIGKILL after 15 s. Keeps the data dir if asked. */
  async stop({ keepData = false } = {}): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    rmSync(path.dirname(this.probeFile), { recursive: true, force: true });
    if (this.ownsDataDir && !keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private keepOutput(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-4000);
  }
}
