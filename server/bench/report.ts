/**
 * Turns the results into tables (console and Markdown) and checks the issue's targets.
 * Every latency figure is shown with its ratio to the reference server; at V=10 also to the
 * raw relay.
 */
import type { BenchConfig } from './config.ts';
import type { MachineInfo } from './machine.ts';
import type { PeerName } from './peers.ts';
import {
  formatBytes,
  formatMs,
  formatRatio,
  type LatencySummary,
  ratio,
  type Table,
} from './stats.ts';
import type { CapacityResult } from './workloads/capacity.ts';
import type { EditLatencyResult } from './workloads/edit-latency.ts';
import type { GatheredResult } from './workloads/gather.ts';
import type { JoinStormResult } from './workloads/join-storm.ts';
import type { MemoryResult } from './workloads/memory.ts';
import type { RepeatFigures } from './workloads/repeats.ts';

export interface PeerStatus {
  name: PeerName;
  label: string;
  available: boolean;
  note: string | null;
}

export interface BenchError {
  workload: string;
  peer: string;
  viewers?: number;
  message: string;
}

export interface TargetCheck {
  target: string;
  /** null = could not be measured in this run. */
  met: boolean | null;
  detail: string;
}

export interface BenchReport {
  config: BenchConfig;
  machine: MachineInfo;
  command: string;
  startedAt: string;
  finishedAt: string;
  peers: PeerStatus[];
  editLatency: EditLatencyResult[];
  capacity: CapacityResult[];
  joinStorm: JoinStormResult[];
  memory: MemoryResult[];
  gathered: GatheredResult[];
  targets: TargetCheck[];
  errors: BenchError[];
}

const find = (results: EditLatencyResult[], peer: PeerName, viewers: number) =>
  results.find((result) => result.peer === peer && result.viewers === viewers);

function repeatsCell(repeats: RepeatFigures[] | undefined, drainMs: number): string {
  if (!repeats || repeats.length < 2) return '';
  return repeats
    .map((run) => (run.p99 === null && run.lost > 0 ? `>${drainMs}` : formatMs(run.p99)))
    .join(' / ');
}

/** A latency percentile as text; lost updates make high percentiles "> drain". */
function latencyCell(summary: LatencySummary, key: 'p50' | 'p99' | 'max', drainMs: number) {
  const value = summary[key];
  return value === null && summary.lost > 0 ? `> ${drainMs}` : formatMs(value);
}

export function editLatencyTable(report: BenchReport): Table {
  const { drainMs, writers, updatesPerSecond, cursorHz } = report.config.edit;
  const viewerCounts = [...new Set(report.editLatency.map((result) => result.viewers))].sort(
    (a, b) => a - b,
  );
  const rows: string[][] = [];
  for (const viewers of viewerCounts) {
    const reference = find(report.editLatency, 'reference', viewers);
    const relay = find(report.editLatency, 'relay', viewers);
    for (const peer of report.peers) {
      const result = find(report.editLatency, peer.name, viewers);
      if (!result) continue;
      const { latency } = result;
      rows.push([
        String(viewers),
        peer.name,
        latencyCell(latency, 'p50', drainMs),
        latencyCell(latency, 'p99', drainMs),
        latencyCell(latency, 'max', drainMs),
        formatRatio(ratio(latency.p50, reference?.latency.p50)),
        formatRatio(ratio(latency.p99, reference?.latency.p99)),
        viewers === 10 ? formatRatio(ratio(latency.p50, relay?.latency.p50)) : '',
        `${((100 * result.delivered) / Math.max(1, result.expected)).toFixed(result.delivered === result.expected ? 0 : 2)}%`,
        `${result.serverCpuPercent.toFixed(0)}%`,
        formatMs(result.loadGenEventLoopP99Ms),
        result.loadAverage.toFixed(1),
        repeatsCell(result.repeats, drainMs),
        result.clientErrors.length > 0 ? `${result.clientErrors.length} closed` : '',
      ]);
    }
  }
  return {
    title: `Edit latency (ms): ${writers} writers × ${updatesPerSecond} moves/s, presence ${cursorHz} Hz from every client`,
    headers: [
      'V',
      'server',
      'p50',
      'p99',
      'max',
      'p50 / ref',
      'p99 / ref',
      'p50 / relay',
      'delivered',
      'server CPU',
      'loadgen lag p99',
      'load',
      'p99 of each run',
      'errors',
    ],
    rows,
    notes: [
      `Each row is the median of ${report.config.repeats} run(s) by p99 (interleaved with the other servers); the runs' p99 are listed.`,
      'ref = @y/websocket-server 0.1.1; relay = raw websocket relay (the floor).',
      'server CPU: % of one core during the measured window (2 cores in all, shared with the load generators).',
      'loadgen lag p99: event-loop delay in the load generators (part of every measured latency).',
      `load: the machine's 1-minute load average at the end of that run (${report.machine.cpus} CPUs; other work on a shared machine counts).`,
    ],
  };
}

export function capacityTable(report: BenchReport): Table {
  const limit = report.config.capacity.p99LimitMs;
  return {
    title: `Capacity: largest V with p99 < ${limit} ms and every update delivered`,
    headers: ['server', 'capacity (V)', 'ratio to reference', 'tried (V: p99 ms)'],
    rows: report.capacity.map((result) => {
      const reference = report.capacity.find((entry) => entry.peer === 'reference');
      return [
        result.peer,
        `${result.atLeast ? '≥ ' : ''}${result.capacity}`,
        formatRatio(ratio(result.capacity, reference?.capacity)),
        result.tried
          .map((trial) => `${trial.viewers}: ${formatMs(trial.p99)}${trial.passed ? '' : ' ✗'}`)
          .join(', '),
      ];
    }),
  };
}

export function durabilityTable(report: BenchReport): Table | null {
  const rows: string[][] = [];
  const viewerCounts = [...new Set(report.editLatency.map((result) => result.viewers))].sort(
    (a, b) => a - b,
  );
  for (const viewers of viewerCounts) {
    const sqlite = find(report.editLatency, 'ours', viewers);
    const memory = find(report.editLatency, 'ours-memory', viewers);
    if (!sqlite || !memory) continue;
    rows.push([
      String(viewers),
      formatMs(sqlite.latency.p50),
      formatMs(memory.latency.p50),
      formatRatio(ratio(sqlite.latency.p50, memory.latency.p50)),
      formatMs(sqlite.latency.p99),
      formatMs(memory.latency.p99),
      formatRatio(ratio(sqlite.latency.p99, memory.latency.p99)),
      `${sqlite.serverCpuPercent.toFixed(0)}% / ${memory.serverCpuPercent.toFixed(0)}%`,
      sqlite.storeAppend
        ? `${sqlite.storeAppend.meanMs.toFixed(3)} / ≤ ${sqlite.storeAppend.p99AtMostMs} ms`
        : '—',
    ]);
  }
  if (rows.length === 0) return null;
  return {
    title: 'Durability cost: ours with SQLite vs ours in memory, same workload (ms)',
    headers: [
      'V',
      'p50 SQLite',
      'p50 memory',
      'p50 ratio',
      'p99 SQLite',
      'p99 memory',
      'p99 ratio',
      'server CPU (SQLite / memory)',
      'SQLite append mean / p99',
    ],
    rows,
    notes: [
      "SQLite append: ours' own store histogram (/metrics) over the run; p99 is a histogram bucket bound.",
    ],
  };
}

export function joinStormTable(report: BenchReport): Table {
  const reference = report.joinStorm.find((result) => result.peer === 'reference');
  return {
    title: 'Join storm: clients joining a big board within one second (time to synced, ms)',
    headers: [
      'server',
      'variant',
      'clients',
      'cards',
      'sync msg',
      'p50',
      'p99',
      'max',
      'p99 / ref',
      'RSS before',
      'peak RSS',
      'p99 of each run',
      'failures',
    ],
    rows: report.joinStorm.map((result) => [
      result.peer,
      result.variant,
      String(result.clients),
      String(result.cards),
      formatBytes(result.syncMessageBytes),
      formatMs(result.timeToSynced.p50),
      formatMs(result.timeToSynced.p99),
      formatMs(result.timeToSynced.max),
      formatRatio(ratio(result.timeToSynced.p99, reference?.timeToSynced.p99)),
      formatBytes(result.rssBefore),
      formatBytes(result.peakRss),
      repeatsCell(result.repeats, report.config.joinStorm.timeoutMs),
      result.failures.length > 0 ? `${result.failures.length}: ${result.failures[0]}` : '0',
    ]),
    notes: [
      'warm: the board is in memory (its seeding client stays connected); cold (ours): restarted, the first join loads it from SQLite.',
    ],
  };
}

export function memoryTable(report: BenchReport): Table {
  return {
    title: 'Memory (after a full GC in the server)',
    headers: [
      'server',
      'boards × cards',
      'stored / board',
      'disk / board',
      'RSS / board',
      'RSS ÷ stored',
      'heap / board',
      'heap ÷ stored',
      'RSS / idle conn',
      'after idle: heap kept',
      'unloaded',
    ],
    rows: report.memory.map((result) => [
      result.peer,
      `${result.boards} × ${result.cardsPerBoard}`,
      formatBytes(result.storedBytes),
      formatBytes(result.diskBytesPerBoard),
      formatBytes(result.rssPerBoard),
      `${result.rssPerBoardRatio.toFixed(1)}×`,
      formatBytes(result.heapPerBoard),
      `${result.heapPerBoardRatio.toFixed(1)}×`,
      formatBytes(result.rssPerIdleConnection),
      `${Math.max(0, result.retainedAfterIdle * 100).toFixed(0)}% after ${(result.waitedMs / 1000).toFixed(1)} s`,
      result.unloaded ? 'yes' : 'no',
    ]),
    notes: [
      'stored = the board as one Yjs update (what a y-websocket server saves); heap = V8 heap used + external.',
      'Hocuspocus without a storage extension unloads at once — and so forgets the board.',
    ],
  };
}

export function gatheredTable(report: BenchReport): Table {
  const rows: string[][] = [];
  for (const gathered of report.gathered) {
    if (!gathered.found || gathered.error) {
      rows.push([gathered.name, gathered.error ?? `${gathered.file} not found (not run yet)`, '']);
      continue;
    }
    if (gathered.rows.length === 0) rows.push([gathered.name, '(no figures)', '']);
    for (const row of gathered.rows) rows.push([gathered.name, row.item, row.figures]);
  }
  return {
    title: 'Gathered from the other benchmarks (bench/results/)',
    headers: ['benchmark', 'item', 'figures'],
    rows,
    notes: report.gathered
      .filter((gathered) => gathered.writtenAt)
      .map((gathered) => `${gathered.file} written ${gathered.writtenAt}.`),
  };
}

export function targetsTable(report: BenchReport): Table {
  return {
    title: 'Targets (issue 11)',
    headers: ['target', 'met', 'measured'],
    rows: report.targets.map((target) => [
      target.target,
      target.met === null ? 'not measured' : target.met ? 'met' : 'MISSED',
      target.detail,
    ]),
  };
}

/** Issue #11's targets for the sync server, checked against this run (ratios to peers in it). */
export function checkTargets(report: BenchReport): TargetCheck[] {
  const targets: TargetCheck[] = [];
  for (const variant of ['warm', 'cold'] as const) {
    const ours = report.joinStorm.find(
      (result) => result.peer === 'ours' && result.variant === variant,
    );
    // Only ours has a cold variant: the reference always holds the board in memory.
    const reference = report.joinStorm.find((result) => result.peer === 'reference');
    const p99 = ratio(ours?.timeToSynced.p99, reference?.timeToSynced.p99);
    targets.push({
      target: `Join storm (${variant}): p99 to synced ≤ 0.5× the reference, peak RSS ≤ the reference's`,
      met:
        ours && reference && p99 !== null ? p99 <= 0.5 && ours.peakRss <= reference.peakRss : null,
      detail:
        ours && reference
          ? `p99 ${formatMs(ours.timeToSynced.p99)} vs ${formatMs(reference.timeToSynced.p99)} ms = ${formatRatio(p99)}; peak RSS ${formatBytes(ours.peakRss)} vs ${formatBytes(reference.peakRss)} (+${formatBytes(Math.max(0, ours.peakRss - ours.rssBefore))} vs +${formatBytes(Math.max(0, reference.peakRss - reference.rssBefore))} during the storm)`
          : 'not run',
    });
  }
  const ours10 = find(report.editLatency, 'ours', 10);
  const reference10 = find(report.editLatency, 'reference', 10);
  const relay10 = find(report.editLatency, 'relay', 10);
  const toReference = ratio(ours10?.latency.p50, reference10?.latency.p50);
  const toRelay = ratio(ours10?.latency.p50, relay10?.latency.p50);
  targets.push({
    target:
      'Edit latency at V = 10 (SQLite + auth): p50 ≤ 1.0× the reference and ≤ 1.5× the raw relay',
    met: toReference === null || toRelay === null ? null : toReference <= 1 && toRelay <= 1.5,
    detail:
      toReference === null || toRelay === null
        ? 'V=10 not run'
        : `p50 ${formatMs(ours10?.latency.p50)} ms vs ${formatMs(reference10?.latency.p50)} (reference) = ${formatRatio(toReference)}, vs ${formatMs(relay10?.latency.p50)} (relay) = ${formatRatio(toRelay)}`,
  });
  const capacity = report.capacity.find((result) => result.peer === 'ours');
  targets.push({
    target: 'Capacity ≥ 250 watchers with presence on (largest V with p99 < 50 ms, all delivered)',
    met: capacity ? capacity.capacity >= 250 : null,
    detail: capacity
      ? `${capacity.atLeast ? '≥ ' : ''}${capacity.capacity} (${report.capacity
          .filter((result) => result.peer !== 'ours')
          .map((result) => `${result.peer} ${result.capacity}`)
          .join(', ')})`
      : 'not run',
  });
  const memory = report.memory.find((result) => result.peer === 'ours');
  const referenceMemory = report.memory.find((result) => result.peer === 'reference');
  const memoryRatio = ratio(memory?.rssPerBoard, referenceMemory?.rssPerBoard);
  targets.push({
    target: "Memory per loaded board ≤ 0.5× the reference's (RSS, same boards)",
    met: memoryRatio === null ? null : memoryRatio <= 0.5,
    detail:
      memory && referenceMemory
        ? `RSS ${formatBytes(memory.rssPerBoard)} vs ${formatBytes(referenceMemory.rssPerBoard)} = ${formatRatio(memoryRatio)} (heap ${formatBytes(memory.heapPerBoard)} vs ${formatBytes(referenceMemory.heapPerBoard)})`
        : 'not run',
  });
  targets.push({
    target: 'Idle boards unloaded (ours)',
    met: memory ? memory.unloaded : null,
    detail: memory
      ? `${Math.max(0, memory.retainedAfterIdle * 100).toFixed(0)}% of the boards' heap kept ${(memory.waitedMs / 1000).toFixed(1)} s after the last client left`
      : 'not run',
  });
  return targets;
}

export function allTables(report: BenchReport): Table[] {
  const candidates: (Table | null)[] = [
    editLatencyTable(report),
    capacityTable(report),
    durabilityTable(report),
    joinStormTable(report),
    memoryTable(report),
    gatheredTable(report),
  ];
  // Workloads left out with --only have no rows: no empty table for them.
  const filled = candidates.filter(
    (table): table is Table => table !== null && table.rows.length > 0,
  );
  return [targetsTable(report), ...filled];
}
