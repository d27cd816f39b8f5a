/**
 * Repeats against a noisy machine: every (server, V) runs several times, interleaved with
 * the other servers, and the report shows the median run (by p99, then p50; lost updates
 * count as +∞). The runs' own figures stay in the JSON.
 */
import type { LatencySummary } from '../stats.ts';

export interface RepeatFigures {
  p50: number | null;
  p99: number | null;
  max: number | null;
  lost: number;
  serverCpuPercent?: number;
  loadAverage?: number;
}

const orderKey = (latency: LatencySummary): [number, number] => [
  latency.lost > 0 || latency.p99 === null ? Number.POSITIVE_INFINITY : latency.p99,
  latency.p50 ?? Number.POSITIVE_INFINITY,
];

/** The median run (the upper one of two), by p99 then p50. */
export function medianRun<T>(runs: T[], latencyOf: (run: T) => LatencySummary): T {
  if (runs.length === 0) throw new Error('no runs to take a median of');
  const sorted = [...runs].sort((a, b) => {
    const [a99, a50] = orderKey(latencyOf(a));
    const [b99, b50] = orderKey(latencyOf(b));
    return a99 - b99 || a50 - b50;
  });
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function figuresOf(
  latency: LatencySummary,
  extra: { serverCpuPercent?: number; loadAverage?: number } = {},
): RepeatFigures {
  return { p50: latency.p50, p99: latency.p99, max: latency.max, lost: latency.lost, ...extra };
}
