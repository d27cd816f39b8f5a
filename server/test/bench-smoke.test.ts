/**
 * The sync benchmarks' smoke configuration, run as CI runs it: does every workload run on
 * every server, and are the numbers sane (positive, finite, every client got updates)?
 * Never a timing assertion — how fast is for BENCHMARKS.md, not for a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStockProviders } from '../bench/provider-check.ts';
import type { BenchReport } from '../bench/report.ts';

const serverDir = path.resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
let report: BenchReport;
let output = '';
let bench: ChildProcess | null = null;

const positiveFinite = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

beforeAll(async () => {
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', outDir],
      { cwd: serverDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    bench = child;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve(code));
  });
  if (exitCode !== 0) throw new Error(`bench --smoke exited with ${exitCode}:\n${output}`);
  report = JSON.parse(readFileSync(path.join(outDir, 'sync.json'), 'utf8')) as BenchReport;
}, 180_000);

afterAll(() => {
  // If the hook timed out, the run is still going: stop it (its servers follow it).
  if (bench && bench.exitCode === null) bench.kill('SIGTERM');
  rmSync(outDir, { recursive: true, force: true });
});

describe('sync benchmarks, smoke configuration', () => {
  it('[bench/smoke] runs every workload on every available server without errors', () => {
    expect(report.config.name).toBe('smoke');
    expect(report.errors, output).toEqual([]);
    const available = report.peers.filter((peer) => peer.available).map((peer) => peer.name);
    expect(available).toEqual(expect.arrayContaining(['reference', 'relay', 'hocuspocus', 'ours']));
    for (const peer of available) {
      expect(report.editLatency.some((result) => result.peer === peer)).toBe(true);
      expect(report.capacity.some((result) => result.peer === peer)).toBe(true);
    }
    expect(output).toContain('Edit latency (ms)');
    expect(output).toContain('Targets (issue 11)');
  });

  it('[bench/smoke] edit latency: every client received every update, figures positive and finite', () => {
    for (const result of report.editLatency) {
      const label = `${result.peer} V=${result.viewers}`;
      expect(result.expected, label).toBeGreaterThan(0);
      expect(result.delivered, label).toBe(result.expected);
      expect(result.clientsWithoutUpdates, label).toBe(0);
      expect(result.clientErrors, label).toEqual([]);
      expect(result.latency.lost, label).toBe(0);
      for (const value of [result.latency.p50, result.latency.p99, result.latency.max]) {
        expect(positiveFinite(value), `${label}: ${value}`).toBe(true);
      }
      expect(result.latency.p50!).toBeLessThanOrEqual(result.latency.p99!);
      expect(result.latency.p99!).toBeLessThanOrEqual(result.latency.max!);
      expect(positiveFinite(result.updatesPerSecond), label).toBe(true);
      expect(positiveFinite(result.awarenessMessagesInPerSecond), label).toBe(true);
      expect(positiveFinite(result.serverRss), label).toBe(true);
    }
  });

  it('[bench/smoke] join storm: every client synced the whole board on every server holding documents', () => {
    const servers = new Set(report.joinStorm.map((result) => result.peer));
    // ours-memory is only run for workload 4 (durability cost of the edit workload).
    expect(servers).toEqual(new Set(['reference', 'hocuspocus', 'ours']));
    expect(
      report.joinStorm.some((result) => result.peer === 'ours' && result.variant === 'cold'),
    ).toBe(true);
    for (const result of report.joinStorm) {
      const label = `${result.peer} ${result.variant}`;
      expect(result.failures, label).toEqual([]);
      expect(result.timeToSynced.count, label).toBe(result.clients);
      expect(positiveFinite(result.timeToSynced.p50), label).toBe(true);
      expect(positiveFinite(result.timeToSynced.p99), label).toBe(true);
      // The whole board travelled: the sync message is at least the board's own update size, roughly.
      expect(result.syncMessageBytes, label).toBeGreaterThan(result.storedBytes / 2);
      expect(result.peakRss, label).toBeGreaterThanOrEqual(result.rssBefore * 0.5);
    }
  });

  it('[bench/smoke] memory: sizes positive and finite, ours measured on disk too', () => {
    expect(report.memory.map((result) => result.peer)).toEqual(
      expect.arrayContaining(['reference', 'hocuspocus', 'ours']),
    );
    for (const result of report.memory) {
      expect(positiveFinite(result.storedBytes), result.peer).toBe(true);
      expect(Number.isFinite(result.rssPerBoardRatio), result.peer).toBe(true);
      expect(positiveFinite(result.heapPerBoard), result.peer).toBe(true);
      expect(positiveFinite(result.loaded.rss), result.peer).toBe(true);
    }
    const ours = report.memory.find((result) => result.peer === 'ours')!;
    expect(positiveFinite(ours.diskBytesPerBoard)).toBe(true);
  });

  it('[bench/smoke] checks every target of the issue and gathers the other benchmarks', () => {
    expect(report.targets).toHaveLength(6);
    expect(report.gathered.map((gathered) => gathered.file)).toEqual([
      'validator.json',
      'drag.json',
    ]);
    expect(report.machine.cpus).toBeGreaterThan(0);
  });
});

describe('the lean benchmark client against the stock providers', () => {
  it('[bench/protocol] a card crosses both ways between the lean client and each server’s own provider', async () => {
    const checks = await checkStockProviders(['reference', 'hocuspocus', 'ours']);
    expect(checks.map((check) => check.peer)).toEqual(['reference', 'hocuspocus', 'ours']);
    for (const check of checks) {
      expect(check.leanToProvider, `${check.peer}: lean → ${check.provider}`).toBe(true);
      expect(check.providerToLean, `${check.peer}: ${check.provider} → lean`).toBe(true);
    }
  }, 120_000);
});
