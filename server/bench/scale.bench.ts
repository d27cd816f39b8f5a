/**
 * Several instances, side by side in one run (issue #10; BENCHMARKS.md "Several instances"):
 * `pnpm --filter @fire-triangle/server bench:scale` (add `-- --smoke` for a tiny run).
 *
 *   0. One append, alone: SQLite (normal, full) vs PostgreSQL, straight into each store.
 *   1. Edit latency, one instance: SQLite (normal, full) vs PostgreSQL — what storing in
 *      PostgreSQL costs an edit (interleaved repeats, medians).
 *   2. Capacity on one board: the largest number of watchers (of a fixed sweep, median of 3
 *      interleaved runs) with p99 < 50 ms and nothing lost, with 1, 2 and 3 instances on
 *      PostgreSQL + Redis, clients spread round-robin.
 *   3. The same spread over 4 boards (1 writer each), total watchers.
 *
 * Starts its own PostgreSQL (durable: PostgreSQL's defaults, a WAL flush per commit) and Redis
 * (test-support/throwaway-services.ts), every instance as its own process, load generators in
 * their own processes; all share this machine's cores — BENCHMARKS.md says what that means.
 * Writes bench/results/scale.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import type { BoardStore } from '../src/storage/board-store.ts';
import { PostgresBoardStore } from '../src/storage/postgres-store.ts';
import { SqliteBoardStore } from '../src/storage/sqlite-store.ts';
import { startPostgres, startRedis } from '../test-support/throwaway-services.ts';
import type { RoomAddress } from './client.ts';
import type { EditLatencyConfig } from './config.ts';
import { LoadGeneratorPool } from './loadgen-pool.ts';
import { machineInfo } from './machine.ts';
import { PEERS, REPO_ROOT, RunningPeer, type StoreHistogram } from './peers.ts';
import { type EditLatencyResult, runEditLatency } from './workloads/edit-latency.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    smoke: { type: 'boolean', default: false },
    out: { type: 'string' },
    /** Only part 0: sequential appends straight into each store (no server, no clients). */
    'appends-only': { type: 'boolean', default: false },
  },
});
const smoke = args.smoke || process.env.BENCH_SMOKE === '1';
const outDir = path.resolve(args.out ?? path.join(REPO_ROOT, 'bench/results'));

// 2 writers × 20 moves/s per board: 40 appends/s, within what one board's serial queue commits
// to a durable PostgreSQL on a busy shared disk (part 0), so capacity measures fan-out, not fsync.
const EDIT: EditLatencyConfig = {
  writers: 2,
  viewerSweep: [],
  updatesPerSecond: 20,
  cursorHz: 20,
  backgroundCards: 200,
  warmupMs: smoke ? 300 : 1_500,
  measureMs: smoke ? 1_000 : 5_000,
  drainMs: 8_000,
};
const LATENCY_VIEWERS = smoke ? [4] : [50];
const LATENCY_REPEATS = smoke ? 1 : 3;
const CAPACITY = {
  p99LimitMs: 50,
  sweep: smoke ? [4] : [25, 50, 100],
  repeats: smoke ? 1 : 3,
};
const MANY_BOARDS = 4;
const MANY_WRITERS = 1;

const log = (line: string) =>
  console.log(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Setup {
  name: string;
  label: string;
  instances: number;
  store: 'sqlite' | 'sqlite-full' | 'postgres';
  redis: boolean;
}

const SETUPS: Record<string, Setup> = {
  'sqlite-1': {
    name: 'sqlite-1',
    label: 'SQLite (normal), 1 instance',
    instances: 1,
    store: 'sqlite',
    redis: false,
  },
  'sqlite-full-1': {
    name: 'sqlite-full-1',
    label: 'SQLite (full: fsync per commit), 1 instance',
    instances: 1,
    store: 'sqlite-full',
    redis: false,
  },
  'postgres-1': {
    name: 'postgres-1',
    label: 'PostgreSQL, 1 instance (no Redis)',
    instances: 1,
    store: 'postgres',
    redis: false,
  },
  'pg-redis-1': {
    name: 'pg-redis-1',
    label: 'PostgreSQL + Redis, 1 instance',
    instances: 1,
    store: 'postgres',
    redis: true,
  },
  'pg-redis-2': {
    name: 'pg-redis-2',
    label: 'PostgreSQL + Redis, 2 instances',
    instances: 2,
    store: 'postgres',
    redis: true,
  },
  'pg-redis-3': {
    name: 'pg-redis-3',
    label: 'PostgreSQL + Redis, 3 instances',
    instances: 3,
    store: 'postgres',
    redis: true,
  },
};

/** N instances of ours seen as one server by the edit workload (what it calls on a peer). */
class Cluster {
  private constructor(
    readonly setup: Setup,
    readonly instances: RunningPeer[],
  ) {}

  static async start(
    setup: Setup,
    services: { databaseUrl: string; redisUrl: string },
    index: number,
  ): Promise<Cluster> {
    const env: Record<string, string> = { FT_SECRET: 'bench-secret-0123456789abcdef0123456789' };
    if (setup.store === 'sqlite-full') env.FT_SQLITE_SYNC = 'full';
    if (setup.store === 'postgres') {
      Object.assign(env, {
        FT_STORE: 'postgres',
        DATABASE_URL: services.databaseUrl,
        FT_PG_SCHEMA: `bench_${index}_${Date.now() % 100000}`,
      });
    }
    if (setup.redis) {
      Object.assign(env, { REDIS_URL: services.redisUrl, FT_REDIS_PREFIX: `bench-${index}` });
    }
    const definition = { ...PEERS.ours, label: setup.label };
    const instances: RunningPeer[] = [];
    for (let count = 0; count < setup.instances; count++) {
      instances.push(await RunningPeer.start(definition, { env }));
    }
    return new Cluster(setup, instances);
  }

  /** The surface `runEditLatency` uses. */
  asPeer(): RunningPeer {
    const cluster = this;
    return {
      definition: { ...PEERS.ours, name: this.setup.name, label: this.setup.label },
      async createRoom(title?: string): Promise<RoomAddress> {
        const room = await cluster.instances[0]!.createRoom(title);
        return { ...room, spreadUrls: cluster.instances.map((peer) => peer.rehost(room).url) };
      },
      storeAppendHistogram: () => cluster.appendHistogram(),
      cpuTimeMs: () => cluster.instances.reduce((sum, peer) => sum + peer.cpuTimeMs(), 0),
      memory: () => ({
        rss: cluster.instances.reduce((sum, peer) => sum + peer.memory().rss, 0),
      }),
    } as unknown as RunningPeer;
  }

  private async appendHistogram(): Promise<StoreHistogram | null> {
    const all = await Promise.all(this.instances.map((peer) => peer.storeAppendHistogram()));
    if (all.some((histogram) => !histogram)) return null;
    const sum: StoreHistogram = {
      buckets: all[0]!.buckets.map(([le]) => [le, 0]),
      count: 0,
      sum: 0,
    };
    for (const histogram of all as StoreHistogram[]) {
      sum.count += histogram.count;
      sum.sum += histogram.sum;
      histogram.buckets.forEach(([, count], index) => {
        sum.buckets[index]![1] += count;
      });
    }
    return sum;
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((peer) => peer.stop()));
  }
}

/** `total` watchers over `MANY_BOARDS` boards at once, one load generator each; merged result. */
async function manyBoards(
  cluster: Cluster,
  total: number,
  pools: LoadGeneratorPool[],
): Promise<EditLatencyResult> {
  const per = Math.max(1, Math.round(total / MANY_BOARDS));
  const results = await Promise.all(
    pools.map((pool) =>
      runEditLatency(cluster.asPeer(), per, { ...EDIT, writers: MANY_WRITERS }, pool),
    ),
  );
  const p99s = results.map((result) => result.latency.p99);
  const p50s = results.map((result) => result.latency.p50);
  return {
    ...results[0]!,
    viewers: per * MANY_BOARDS,
    writers: MANY_WRITERS * MANY_BOARDS,
    latency: {
      ...results[0]!.latency,
      count: results.reduce((sum, result) => sum + result.latency.count, 0),
      lost: results.reduce((sum, result) => sum + result.latency.lost, 0),
      p50: p50s.some((value) => value === null) ? null : Math.max(...(p50s as number[])),
      p99: p99s.some((value) => value === null) ? null : Math.max(...(p99s as number[])),
    },
    delivered: results.reduce((sum, result) => sum + result.delivered, 0),
    expected: results.reduce((sum, result) => sum + result.expected, 0),
    clientErrors: results.flatMap((result) => result.clientErrors),
    serverCpuPercent: results[0]!.serverCpuPercent,
  };
}

function brief(result: EditLatencyResult): string {
  return `V=${result.viewers} p50 ${result.latency.p50?.toFixed(1)} ms, p99 ${result.latency.p99?.toFixed(1)} ms, delivered ${result.delivered}/${result.expected}, servers' CPU ${result.serverCpuPercent.toFixed(0)}%, load ${result.loadAverage.toFixed(1)}`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

/**
 * Part 0: what one append costs each store, alone — sequential appends of real drag updates, the
 * stores interleaved round by round (so a burst of load hits them alike); median ms per append.
 */
async function storeAppends(databaseUrl: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-appends-'));
  const stores: Record<string, BoardStore> = {
    'sqlite (normal)': new SqliteBoardStore({ dataDir: path.join(dir, 'normal') }),
    'sqlite (full)': new SqliteBoardStore({ dataDir: path.join(dir, 'full'), synchronous: 'full' }),
    postgres: await PostgresBoardStore.open({
      connectionString: databaseUrl,
      schema: 'bench_appends',
    }),
  };
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const position = doc.getMap('position');
  for (let index = 0; index < 200; index++) position.set('card', { x: index, y: index * 2 });
  const perRound: Record<string, number[]> = {};
  try {
    for (const store of Object.values(stores)) await store.createBoard('b', new Uint8Array([0, 0]));
    for (let round = 0; round < (smoke ? 1 : 5); round++) {
      for (const [name, store] of Object.entries(stores)) {
        const start = performance.now();
        for (const update of updates) await store.appendUpdate('b', update);
        perRound[name] = [...(perRound[name] ?? []), (performance.now() - start) / updates.length];
      }
    }
  } finally {
    for (const store of Object.values(stores)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const result = Object.fromEntries(
    Object.entries(perRound).map(([name, rounds]) => [name, median(rounds)]),
  );
  log(`one append, median ms: ${JSON.stringify(result)}; load ${os.loadavg()[0]!.toFixed(1)}`);
  return result;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  log(
    `starting PostgreSQL (durable) and Redis; load ${os.loadavg()[0]!.toFixed(1)} on ${machine.cpus} CPUs`,
  );
  const [postgres, redis] = await Promise.all([startPostgres({ durable: true }), startRedis()]);
  const services = { databaseUrl: postgres.url, redisUrl: redis.url };
  const report: Record<string, unknown> = { machine, smoke };
  try {
    report.appendMs = await storeAppends(postgres.url);
  } catch (error) {
    await Promise.all([postgres.stop(), redis.stop()]);
    throw error;
  }
  if (args['appends-only']) {
    await Promise.all([postgres.stop(), redis.stop()]);
    console.log(JSON.stringify(report, null, 1));
    return;
  }
  const pool = LoadGeneratorPool.start(2);
  const boardPools = Array.from({ length: MANY_BOARDS }, () => LoadGeneratorPool.start(1));
  let setupIndex = 0;
  const start = (name: string) => Cluster.start(SETUPS[name]!, services, setupIndex++);
  try {
    // 1. What PostgreSQL costs an edit, one instance each, interleaved.
    const latencyNames = ['sqlite-1', 'sqlite-full-1', 'postgres-1'];
    // One at a time: starting several Node processes at once on a busy machine takes long.
    const latencyClusters: Cluster[] = [];
    for (const name of latencyNames) latencyClusters.push(await start(name));
    const latency: Record<string, EditLatencyResult[]> = {};
    for (const viewers of LATENCY_VIEWERS) {
      for (let repeat = 0; repeat < LATENCY_REPEATS; repeat++) {
        for (const cluster of latencyClusters) {
          const result = await runEditLatency(cluster.asPeer(), viewers, EDIT, pool);
          latency[cluster.setup.name] = [...(latency[cluster.setup.name] ?? []), result];
          log(
            `latency ${cluster.setup.name}: ${brief(result)}, append mean ${result.storeAppend?.meanMs.toFixed(2)} ms`,
          );
        }
      }
    }
    await Promise.all(latencyClusters.map((cluster) => cluster.stop()));
    report.editLatency = Object.fromEntries(
      Object.entries(latency).map(([name, runs]) => [
        name,
        {
          label: SETUPS[name]!.label,
          viewers: LATENCY_VIEWERS,
          p50Ms: median(runs.map((run) => run.latency.p50 ?? NaN)),
          p99Ms: median(runs.map((run) => run.latency.p99 ?? NaN)),
          appendMeanMs: median(runs.map((run) => run.storeAppend?.meanMs ?? NaN)),
          appendP99AtMostMs: median(runs.map((run) => run.storeAppend?.p99AtMostMs ?? NaN)),
          serverCpuPercent: median(runs.map((run) => run.serverCpuPercent)),
          loadAverage: median(runs.map((run) => run.loadAverage)),
          lost: runs.reduce((sum, run) => sum + run.latency.lost, 0),
          runs: runs.length,
        },
      ]),
    );

    // 2 and 3. Capacity with 1, 2, 3 instances: one board, then four boards. A fixed sweep,
    // each point run CAPACITY.repeats times, interleaved (repeat → V → cluster), the median
    // run kept: single runs on a shared machine swing p99 by 10× between neighbouring points.
    const clusterNames = ['pg-redis-1', 'pg-redis-2', 'pg-redis-3'];
    for (const shape of ['one board', `${MANY_BOARDS} boards`] as const) {
      const clusters: Cluster[] = [];
      for (const name of clusterNames) clusters.push(await start(name));
      const runs: Record<string, Record<number, EditLatencyResult[]>> = {};
      for (let repeat = 0; repeat < CAPACITY.repeats; repeat++) {
        for (const viewers of CAPACITY.sweep) {
          for (const cluster of clusters) {
            const result =
              shape === 'one board'
                ? await runEditLatency(cluster.asPeer(), viewers, EDIT, pool)
                : await manyBoards(cluster, viewers, boardPools);
            const byViewers = runs[cluster.setup.name] ?? {};
            byViewers[viewers] = [...(byViewers[viewers] ?? []), result];
            runs[cluster.setup.name] = byViewers;
            log(`capacity (${shape}) ${cluster.setup.name}: ${brief(result)}`);
          }
        }
      }
      await Promise.all(clusters.map((cluster) => cluster.stop()));
      report[shape === 'one board' ? 'capacityOneBoard' : 'capacityManyBoards'] = clusters.map(
        (cluster) => {
          const points = CAPACITY.sweep.map((viewers) => {
            const results = runs[cluster.setup.name]?.[viewers] ?? [];
            const p99 = median(results.map((result) => result.latency.p99 ?? Infinity));
            const lost = results.reduce((sum, result) => sum + result.latency.lost, 0);
            const errors = results.reduce((sum, result) => sum + result.clientErrors.length, 0);
            return {
              viewers,
              p50Ms: median(results.map((result) => result.latency.p50 ?? Infinity)),
              p99Ms: p99,
              passed: p99 < CAPACITY.p99LimitMs && lost === 0 && errors === 0,
              lost,
              serverCpuPercent: median(results.map((result) => result.serverCpuPercent)),
              loadAverage: median(results.map((result) => result.loadAverage)),
            };
          });
          let capacity = 0;
          for (const point of points) {
            if (!point.passed) break;
            capacity = point.viewers;
          }
          return { peer: cluster.setup.name, label: cluster.setup.label, capacity, points };
        },
      );
    }
  } finally {
    await pool.stop();
    await Promise.all(boardPools.map((boardPool) => boardPool.stop()));
    await Promise.all([postgres.stop(), redis.stop()]);
  }
  report.loadAverageAtEnd = os.loadavg()[0];
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, smoke ? 'scale-smoke.json' : 'scale.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${file}`);
  console.log(
    JSON.stringify(
      {
        editLatency: report.editLatency,
        capacityOneBoard: (report.capacityOneBoard as { peer: string; capacity: number }[]).map(
          (entry) => [entry.peer, entry.capacity],
        ),
        capacityManyBoards: (report.capacityManyBoards as { peer: string; capacity: number }[]).map(
          (entry) => [entry.peer, entry.capacity],
        ),
      },
      null,
      1,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
