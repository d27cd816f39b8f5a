/**
 * The sync benchmarks, side by side: `pnpm --filter @fire-triangle/server bench`
 * (or `node --import tsx bench/run.ts` in server/).
 *
 *   --smoke (or BENCH_SMOKE=1)  every workload, tiny, in well under a minute
 *   --only edit,capacity,join,memory,gather   a subset (durability comes with edit)
 *   --servers reference,relay,hocuspocus,ours,ours-memory
 *   --viewers 10,100   another viewer sweep for the edit workload
 *   --variants a=DIR,b=DIR   also run ours from other checkouts (another commit), as ours@a…
 *   --repeats N   runs per (server, V) and per join storm (default 3; fewer while iterating)
 *   --out DIR   where sync.json / sync.md go (default: <repo>/bench/results)
 *   --regather  no run: re-read DIR/sync.json, gather the other benchmarks' JSON again, rewrite
 *
 * Each server runs in its own process, the clients in separate load-generator processes, all
 * on loopback. Prints tables, writes bench/results/sync.json and sync.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchConfig, FULL, SMOKE } from './config.ts';
import { LoadGeneratorPool } from './loadgen-pool.ts';
import { machineInfo } from './machine.ts';
import { oursVariant, PEERS, type PeerName, REPO_ROOT, RunningPeer, SERVER_DIR } from './peers.ts';
import {
  allTables,
  type BenchError,
  type BenchReport,
  checkTargets,
  type PeerStatus,
} from './report.ts';
import { renderMarkdown, renderText } from './stats.ts';
import { CapacitySearch } from './workloads/capacity.ts';
import { type EditLatencyResult, runEditLatency } from './workloads/edit-latency.ts';
import { gatherResults } from './workloads/gather.ts';
import { type JoinStormResult, runJoinStorm } from './workloads/join-storm.ts';
import { runMemory } from './workloads/memory.ts';
import { figuresOf, medianRun } from './workloads/repeats.ts';

const WORKLOADS = ['edit', 'capacity', 'join', 'memory', 'gather'] as const;
type Workload = (typeof WORKLOADS)[number];
const ALL_PEERS: PeerName[] = ['reference', 'relay', 'hocuspocus', 'ours', 'ours-memory'];

const { values: args } = parseArgs({
  // `pnpm … bench -- --smoke` passes the `--` along.
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    servers: { type: 'string' },
    out: { type: 'string' },
    viewers: { type: 'string' },
    repeats: { type: 'string' },
    variants: { type: 'string' },
    regather: { type: 'boolean', default: false },
  },
});

const smokeOrFull: BenchConfig = args.smoke || process.env.BENCH_SMOKE === '1' ? SMOKE : FULL;
const baseConfig: BenchConfig = args.repeats
  ? { ...smokeOrFull, repeats: Number(args.repeats) }
  : smokeOrFull;
const config: BenchConfig = args.viewers
  ? {
      ...baseConfig,
      edit: { ...baseConfig.edit, viewerSweep: args.viewers.split(',').map(Number) },
    }
  : baseConfig;
const outDir = path.resolve(args.out ?? path.join(REPO_ROOT, 'bench/results'));
const workloads = new Set<Workload>(
  args.only ? (args.only.split(',') as Workload[]) : [...WORKLOADS],
);
const wantedPeers = args.servers ? (args.servers.split(',') as PeerName[]) : [...ALL_PEERS];
for (const variant of args.variants?.split(',') ?? []) {
  const [name, checkout] = variant.split('=') as [string, string];
  const definition = oursVariant(name, checkout);
  PEERS[definition.name] = definition;
  wantedPeers.push(definition.name);
}
for (const name of wantedPeers) {
  if (!PEERS[name]) throw new Error(`unknown server ${name}; known: ${ALL_PEERS.join(', ')}`);
}

// A closed stdout (the test runner that spawned us gave up) must not crash the run before it
// stops its servers.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

const errors: BenchError[] = [];
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const log = (line: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Ours is usable when its entry exists; its in-memory store when `--help` mentions it. */
function peerStatuses(): PeerStatus[] {
  const mainExists = existsSync(path.join(SERVER_DIR, 'src/main.ts'));
  let help = '';
  if (mainExists) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], {
      cwd: SERVER_DIR,
      encoding: 'utf8',
      timeout: 30_000,
    });
    help = `${result.stdout}${result.stderr}`;
  }
  return wantedPeers.map((name) => {
    const { label } = PEERS[name];
    if (name === 'ours' && !mainExists) {
      return { name, label, available: false, note: 'server/src/main.ts does not exist yet' };
    }
    if (name === 'ours-memory' && !/--store\b[\s\S]{0,300}\bmemory\b/.test(help)) {
      return {
        name,
        label,
        available: false,
        note: 'the server has no in-memory store option (`--store memory`) yet',
      };
    }
    return { name, label, available: true, note: null };
  });
}

async function editAndCapacity(report: BenchReport, pool: LoadGeneratorPool, peers: PeerName[]) {
  const running = new Map<PeerName, RunningPeer>();
  const started = await Promise.allSettled(peers.map((name) => RunningPeer.start(PEERS[name])));
  started.forEach((outcome, index) => {
    const name = peers[index]!;
    if (outcome.status === 'fulfilled') running.set(name, outcome.value);
    else errors.push({ workload: 'edit', peer: name, message: message(outcome.reason) });
  });
  const runOnce = async (name: PeerName, viewers: number): Promise<EditLatencyResult | null> => {
    const peer = running.get(name);
    if (!peer) return null;
    log(`edit latency: ${name} V=${viewers}`);
    try {
      const result = await runEditLatency(peer, viewers, config.edit, pool);
      log(
        `  p50 ${result.latency.p50?.toFixed(2)} ms, p99 ${result.latency.p99?.toFixed(2)} ms, delivered ${result.delivered}/${result.expected}, server CPU ${result.serverCpuPercent.toFixed(0)}%`,
      );
      return result;
    } catch (error) {
      errors.push({ workload: 'edit', peer: name, viewers, message: message(error) });
      log(`  failed: ${message(error)}\n${peer.recentOutput.slice(-1500)}`);
      return null;
    }
  };
  const failed = (name: PeerName, viewers: number): EditLatencyResult => ({
    peer: name,
    viewers,
    writers: config.edit.writers,
    latency: { count: 0, lost: 1, p50: null, p99: null, max: null, mean: null },
    delivered: 0,
    expected: 1,
    merged: 0,
    updatesPerSecond: 0,
    awarenessMessagesInPerSecond: 0,
    serverCpuPercent: 0,
    serverRss: 0,
    loadGenEventLoopP99Ms: 0,
    loadGenCpuPercent: 0,
    clientErrors: ['run failed'],
    clientsWithoutUpdates: 0,
    window: { measureFrom: 0, endAt: 0 },
    loadAverage: os.loadavg()[0]!,
  });
  /** The median of `runs` for one (server, V), recorded in the report. */
  const keepMedian = (runs: EditLatencyResult[]): EditLatencyResult => {
    const median = medianRun(runs, (run) => run.latency);
    const kept: EditLatencyResult = {
      ...median,
      repeats: runs.map((run) =>
        figuresOf(run.latency, {
          serverCpuPercent: run.serverCpuPercent,
          loadAverage: run.loadAverage,
        }),
      ),
    };
    report.editLatency.push(kept);
    return kept;
  };
  try {
    if (workloads.has('edit')) {
      // Repeats outer, viewers next, servers inner: a drift of the machine's load hits every
      // server alike, and each (server, V) is sampled at different moments.
      const runs = new Map<string, EditLatencyResult[]>();
      for (let repeat = 0; repeat < config.repeats; repeat += 1) {
        for (const viewers of config.edit.viewerSweep) {
          for (const name of running.keys()) {
            const result = (await runOnce(name, viewers)) ?? failed(name, viewers);
            const key = `${name}|${viewers}`;
            runs.set(key, [...(runs.get(key) ?? []), result]);
          }
        }
      }
      for (const viewers of config.edit.viewerSweep) {
        for (const name of running.keys()) {
          const forPair = runs.get(`${name}|${viewers}`);
          if (forPair) keepMedian(forPair);
        }
      }
    }
    if (workloads.has('capacity')) {
      const searches: CapacitySearch[] = [];
      for (const name of running.keys()) {
        const known = report.editLatency.filter((result) => result.peer === name);
        if (known.length === 0) {
          const runs: EditLatencyResult[] = [];
          for (let repeat = 0; repeat < config.repeats; repeat += 1) {
            runs.push(
              (await runOnce(name, config.edit.viewerSweep[0]!)) ??
                failed(name, config.edit.viewerSweep[0]!),
            );
          }
          known.push(keepMedian(runs));
        }
        searches.push(new CapacitySearch(name, known, config.capacity));
      }
      // Every server's search advances one step at a time, its repeats interleaved with the
      // other servers', so a burst of load on the machine does not land on one server alone.
      for (;;) {
        const steps = searches.flatMap((search) => {
          const viewers = search.next();
          return viewers === null ? [] : [{ search, viewers, runs: [] as EditLatencyResult[] }];
        });
        if (steps.length === 0) break;
        for (let repeat = 0; repeat < config.repeats; repeat += 1) {
          for (const step of steps) {
            const name = step.search.peer as PeerName;
            step.runs.push((await runOnce(name, step.viewers)) ?? failed(name, step.viewers));
          }
        }
        for (const step of steps) step.search.record(keepMedian(step.runs));
      }
      report.capacity.push(...searches.map((search) => search.result()));
    }
  } finally {
    for (const peer of running.values()) await peer.stop();
  }
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const peers = peerStatuses();
  const report: BenchReport = {
    config,
    machine: machineInfo(),
    command: `node --import tsx bench/run.ts ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt,
    finishedAt: startedAt,
    peers,
    editLatency: [],
    capacity: [],
    joinStorm: [],
    memory: [],
    gathered: [],
    targets: [],
    errors,
  };
  for (const peer of peers) {
    if (!peer.available) log(`skipping ${peer.name}: ${peer.note}`);
  }
  if (report.machine.loadAverageAtStart > report.machine.cpus) {
    log(
      `warning: load average ${report.machine.loadAverageAtStart.toFixed(1)} on ${report.machine.cpus} CPUs — other work will skew the figures`,
    );
  }
  const available = peers.filter((peer) => peer.available).map((peer) => peer.name);
  log(`${config.name} run, servers: ${available.join(', ')}; results → ${outDir}`);
  const pool = LoadGeneratorPool.start(config.loadGenerators);
  try {
    if (workloads.has('edit') || workloads.has('capacity')) {
      await editAndCapacity(report, pool, available);
    }
    if (workloads.has('join')) {
      // ours-memory is there for workload 4 (durability cost on the edit workload) only.
      const runs = new Map<string, JoinStormResult[]>();
      for (let repeat = 0; repeat < config.repeats; repeat += 1) {
        for (const name of available) {
          if (!PEERS[name].holdsDocuments || name === 'ours-memory') continue;
          log(`join storm: ${name}`);
          try {
            for (const result of await runJoinStorm(PEERS[name], config.joinStorm, pool)) {
              const key = `${name}|${result.variant}`;
              runs.set(key, [...(runs.get(key) ?? []), result]);
              log(
                `  ${result.variant}: p50 ${result.timeToSynced.p50?.toFixed(0)} ms, p99 ${result.timeToSynced.p99?.toFixed(0)} ms`,
              );
            }
          } catch (error) {
            errors.push({ workload: 'join', peer: name, message: message(error) });
            log(`  failed: ${message(error)}`);
          }
        }
      }
      for (const results of runs.values()) {
        const median = medianRun(results, (result) => result.timeToSynced);
        report.joinStorm.push({
          ...median,
          repeats: results.map((result) => figuresOf(result.timeToSynced)),
        });
      }
    }
    if (workloads.has('memory')) {
      for (const name of available) {
        if (!PEERS[name].holdsDocuments || name === 'ours-memory') continue;
        log(`memory: ${name}`);
        try {
          report.memory.push(await runMemory(PEERS[name], config.memory));
        } catch (error) {
          errors.push({ workload: 'memory', peer: name, message: message(error) });
          log(`  failed: ${message(error)}`);
        }
      }
    }
  } finally {
    await pool.stop();
  }
  if (workloads.has('gather')) report.gathered = gatherResults(outDir);
  report.targets = checkTargets(report);
  report.finishedAt = new Date().toISOString();
  report.machine.loadAverageAtEnd = os.loadavg()[0]!;

  writeReport(report);
}

/** Prints the tables and writes sync.json and sync.md into the output directory. */
function writeReport(report: BenchReport): void {
  const tables = allTables(report);
  for (const table of tables) console.log(renderText(table));
  if (report.errors.length > 0) {
    console.log('\nErrors:');
    for (const error of report.errors) {
      console.log(
        `  ${error.workload} ${error.peer}${error.viewers ? ` V=${error.viewers}` : ''}: ${error.message}`,
      );
    }
  }
  const { machine, peers } = report;
  const markdown = [
    `### Sync benchmarks — ${report.config.name} run, ${machine.date.slice(0, 10)}`,
    '',
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${(machine.totalMemory / 2 ** 30).toFixed(0)} GiB, Node ${machine.node}, ${machine.platform} ${machine.kernel}; load average ${machine.loadAverageAtStart.toFixed(1)} at start, ${machine.loadAverageAtEnd.toFixed(1)} at end.`,
    `Servers: ${peers.map((peer) => `${peer.name} = ${peer.label}${peer.available ? '' : ` (not run: ${peer.note})`}`).join('; ')}.`,
    '',
    ...tables.map(renderMarkdown),
    ...(report.errors.length > 0
      ? [
          '#### Errors',
          '',
          ...report.errors.map((error) => `- ${error.workload} ${error.peer}: ${error.message}`),
          '',
        ]
      : []),
  ].join('\n');
  writeFileSync(path.join(outDir, 'sync.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'sync.md'), markdown);
  log(`wrote ${path.join(outDir, 'sync.json')} and sync.md`);
}

/**
 * `--regather`: the last sync.json of the output directory with the other benchmarks'
 * results gathered afresh (they may have run after it) and the tables written again.
 */
function regather(): void {
  const report = JSON.parse(readFileSync(path.join(outDir, 'sync.json'), 'utf8')) as BenchReport;
  report.gathered = gatherResults(outDir);
  report.targets = checkTargets(report);
  writeReport(report);
}

(args.regather ? Promise.resolve(regather()) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
