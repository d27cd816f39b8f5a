/**
 * Where a server spends its time under load: runs one server with `node --cpu-prof`, drives
 * workload 1 at the given V (or the join storm), stops it (SIGTERM, so V8 writes the
 * profile) and prints the top functions by self time within the measured window, and the
 * same grouped by package/file.
 *
 *   node --import tsx bench/profile.ts [--server ours] [--workload edit|join] [--viewers 100] [--out DIR]
 *
 * The .cpuprofile is kept in DIR (default <repo>/bench/results/profiles) for DevTools.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FULL } from './config.ts';
import { LoadGeneratorPool } from './loadgen-pool.ts';
import { PEERS, type PeerName, REPO_ROOT, RunningPeer } from './peers.ts';
import { formatMs, renderText } from './stats.ts';
import { runEditLatency } from './workloads/edit-latency.ts';
import { runJoinStorm } from './workloads/join-storm.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function lives, short: a package name, a repo file, or a Node internal. */
function origin(url: string, functionName: string): string {
  // (idle), (garbage collector), (program) are V8's own buckets; other url-less frames are native.
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const packageMatch = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
    url,
  );
  if (packageMatch) return packageMatch[1]!;
  const repoPath = url.replace(/^file:\/\//, '');
  return path.relative(REPO_ROOT, repoPath);
}

/**
 * Self time per function and per origin. `windowMs` keeps only the samples taken within
 * [from, to] ms after the profile started (the measured window, not start-up compiling).
 */
export function summariseProfile(
  profile: CpuProfile,
  windowMs: { from: number; to: number } | null = null,
  top = 25,
) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  let elapsedMicros = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedMicros += delta;
    const at = elapsedMicros / 1000;
    if (windowMs && (at < windowMs.from || at > windowMs.to)) return;
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + delta);
  });
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  for (const [nodeId, micros] of selfMicros) {
    const frame = byId.get(nodeId)!.callFrame;
    const where = origin(frame.url, frame.functionName);
    const name = `${frame.functionName || '(anonymous)'}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros);
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => [
        name,
        `${(micros / 1000).toFixed(0)} ms`,
        `${((100 * micros) / total).toFixed(1)}%`,
      ]);
  return {
    totalMs: total / 1000,
    functions: rows(byFunction),
    origins: rows(byOrigin),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: 'ours' },
      viewers: { type: 'string', default: '100' },
      workload: { type: 'string', default: 'edit' },
      out: { type: 'string' },
    },
  });
  const name = values.server as PeerName;
  const definition = PEERS[name];
  if (!definition) throw new Error(`unknown server ${name}`);
  const viewers = Number(values.viewers);
  const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench/results/profiles'));
  mkdirSync(outDir, { recursive: true });
  const before = new Set(readdirSync(outDir));

  const pool = LoadGeneratorPool.start(FULL.loadGenerators);
  let windowMs: { from: number; to: number } | null = null;
  if (values.workload === 'join') {
    try {
      // Warm only: one server process, so one profile.
      const [result] = await runJoinStorm(definition, { ...FULL.joinStorm, cold: false }, pool, {
        cpuProfileDir: outDir,
      });
      if (!result) throw new Error('no join storm result');
      console.log(
        `${name} join storm: p50 ${formatMs(result.timeToSynced.p50)} ms, p99 ${formatMs(result.timeToSynced.p99)} ms`,
      );
      // The profile starts with the process; the storm's offset in it comes from its spawn time.
      windowMs = {
        from: result.window.from - result.window.serverSpawnedAt,
        to: result.window.to - result.window.serverSpawnedAt,
      };
    } finally {
      await pool.stop();
    }
  } else {
    const peer = await RunningPeer.start(definition, { cpuProfileDir: outDir });
    try {
      const result = await runEditLatency(peer, viewers, FULL.edit, pool);
      windowMs = {
        from: result.window.measureFrom - peer.spawnedAt,
        to: result.window.endAt - peer.spawnedAt,
      };
      console.log(
        `${name} V=${viewers}: p50 ${formatMs(result.latency.p50)} ms, p99 ${formatMs(result.latency.p99)} ms, server CPU ${result.serverCpuPercent.toFixed(0)}%, delivered ${result.delivered}/${result.expected}`,
      );
    } finally {
      await peer.stop();
      await pool.stop();
    }
  }
  const written = readdirSync(outDir)
    .filter((file) => file.endsWith('.cpuprofile') && !before.has(file))
    .map((file) => path.join(outDir, file))
    // The main thread's profile is the big one (tsx's loader thread writes a small one too).
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (written.length === 0) throw new Error(`no profile written into ${outDir}`);
  const profile = JSON.parse(readFileSync(written[0]!, 'utf8')) as CpuProfile;
  const summary = summariseProfile(profile, windowMs);
  console.log(
    `\nprofile: ${written[0]}\n${formatMs(summary.totalMs)} ms sampled inside the measured window ((idle) = waiting for work)`,
  );
  console.log(
    renderText({
      title: 'Self time by package / file',
      headers: ['where', 'self', 'share'],
      rows: summary.origins,
    }),
  );
  console.log(
    renderText({
      title: 'Top functions by self time',
      headers: ['function', 'self', 'share'],
      rows: summary.functions,
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
