/**
 * Workload 6 — the other packages' benchmarks (validator on 10,000 cards / 15,000 links in
 * shared/bench, canvas drag on 2,000 cards in e2e/bench) write their own JSON into
 * bench/results/; this gathers them into the same report without re-running them.
 * Their shape belongs to them, so the report lists their numeric fields by path.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GatheredResult {
  name: string;
  file: string;
  found: boolean;
  /** When the file was written (ISO), to spot stale figures. */
  writtenAt: string | null;
  /** Numeric leaves: path → value. */
  figures: Record<string, number>;
  /** The file as it was, for the JSON report. */
  raw: unknown;
  error: string | null;
}

export const GATHERED_FILES = [
  { name: 'validator (10,000 cards / 15,000 links)', file: 'validator.json' },
  { name: 'canvas drag (2,000 cards)', file: 'drag.json' },
] as const;

function numericLeaves(value: unknown, prefix: string, into: Record<string, number>, depth = 0) {
  if (depth > 6) return;
  if (typeof value === 'number' && Number.isFinite(value)) {
    into[prefix] = value;
  } else if (Array.isArray(value)) {
    value.slice(0, 20).forEach((item, index) => {
      const label =
        item && typeof item === 'object' && 'name' in item && typeof item.name === 'string'
          ? item.name
          : String(index);
      numericLeaves(item, prefix ? `${prefix}[${label}]` : label, into, depth + 1);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      numericLeaves(child, prefix ? `${prefix}.${key}` : key, into, depth + 1);
    }
  }
}

export function gatherResults(resultsDir: string): GatheredResult[] {
  return GATHERED_FILES.map(({ name, file }) => {
    const full = path.join(resultsDir, file);
    if (!existsSync(full)) {
      return { name, file, found: false, writtenAt: null, figures: {}, raw: null, error: null };
    }
    try {
      const raw = JSON.parse(readFileSync(full, 'utf8')) as unknown;
      const figures: Record<string, number> = {};
      numericLeaves(raw, '', figures);
      return {
        name,
        file,
        found: true,
        writtenAt: statSync(full).mtime.toISOString(),
        figures,
        raw,
        error: null,
      };
    } catch (error) {
      return {
        name,
        file,
        found: true,
        writtenAt: null,
        figures: {},
        raw: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });
}
