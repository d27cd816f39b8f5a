/**
 * What the shared benchmarks have in common: timing, medians, the machine's load (wall-clock
 * medians depend on what else runs, so it is printed and stored next to the numbers) and the
 * results file under `bench/results/` at the repo root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds `run` took. */
export function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const loadAverage = () => loadavg().map((load) => Number(load.toFixed(2)));

/** The machine at the start of the run, printed. */
export function machineAtStart(): { cpus: number; loadAverageAtStart: number[] } {
  const machine = { cpus: cpus().length, loadAverageAtStart: loadAverage() };
  console.log(
    `Machine: ${machine.cpus} CPUs, load average ${machine.loadAverageAtStart.join(' / ')}`,
  );
  return machine;
}

/** Writes `bench/results/<name>.json` with the date, Node's version and the machine's load. */
export function writeResults(
  name: string,
  machine: { cpus: number; loadAverageAtStart: number[] },
  fields: Record<string, unknown>,
): void {
  const file = resolve(dirname(fileURLToPath(import.meta.url)), `../../bench/results/${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const results = {
    benchmark: name,
    date: new Date().toISOString(),
    node: process.version,
    machine: { ...machine, loadAverageAtEnd: loadAverage() },
    ...fields,
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
}
