/**
 * Workload 6 — the other packages' benchmarks (validator on 10,000 cards / 15,000 links in
 * shared/bench, canvas drag on 2,000 cards in e2e/bench) write their own JSON into
 * bench/results/; this gathers them into the same report without re-running them.
 * Their shape belongs to them, so the report lists their figures generically.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface GatheredResult {
  name: string;
  file: string;
  found: boolean;
  /** When the file was written (ISO), to spot stale figures. */
  writtenAt: string | null;
  /** What the file measured, one row per item (raw samples and machine details left out). */
  rows: GatheredRow[];
  /** The file as it was, for the JSON report. */
  raw: unknown;
  error: string | null;
}

export interface GatheredRow {
  item: string;
  figures: string;
}

export const GATHERED_FILES = [
  { name: 'validator (10,000 cards / 15,000 links)', file: 'validator.json' },
  { name: 'canvas drag (2,000 cards)', file: 'drag.json' },
] as const;

/** Keys whose content is detail, not a figure: raw samples, the machine, run counts. */
const SKIPPED_KEYS = new Set(['samples', 'machine', 'runs', 'date', 'node', 'benchmark']);

function formatScalar(value: number | boolean): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/\.?0+$/, '');
}

/** "key value, key value" of an object's number and yes/no fields. */
function scalars(value: Record<string, unknown>): string {
  return Object.entries(value)
    .filter(
      ([key, child]) =>
        !SKIPPED_KEYS.has(key) &&
        ((typeof child === 'number' && Number.isFinite(child)) || typeof child === 'boolean'),
    )
    .map(([key, child]) => `${key} ${formatScalar(child as number | boolean)}`)
    .join(', ');
}

/**
 * One row per thing measured, whatever the file's shape: its top-level figures, one row per
 * named entry of an array (e.g. `results: [{ name, medianMs, … }]`), one per nested object.
 */
export function summariseFigures(raw: unknown): GatheredRow[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const rows: GatheredRow[] = [];
  const top = scalars(raw as Record<string, unknown>);
  if (top) rows.push({ item: '(summary)', figures: top });
  for (const [key, child] of Object.entries(raw)) {
    if (SKIPPED_KEYS.has(key) || !child || typeof child !== 'object') continue;
    if (Array.isArray(child)) {
      child.forEach((entry, index) => {
        if (!entry || typeof entry !== 'object') return;
        const name = typeof entry.name === 'string' ? entry.name : `${key}[${index}]`;
        const figures = scalars(entry as Record<string, unknown>);
        if (figures) rows.push({ item: name, figures });
      });
    } else {
      const figures = scalars(child as Record<string, unknown>);
      if (figures) rows.push({ item: key, figures });
    }
  }
  return rows;
}

export function gatherResults(resultsDir: string): GatheredResult[] {
  return GATHERED_FILES.map(({ name, file }) => {
    const full = path.join(resultsDir, file);
    if (!existsSync(full)) {
      return { name, file, found: false, writtenAt: null, rows: [], raw: null, error: null };
    }
    try {
      const raw = JSON.parse(readFileSync(full, 'utf8')) as unknown;
      return {
        name,
        file,
        found: true,
        writtenAt: statSync(full).mtime.toISOString(),
        rows: summariseFigures(raw),
        raw,
        error: null,
      };
    } catch (error) {
      return {
        name,
        file,
        found: true,
        writtenAt: null,
        rows: [],
        raw: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  });
}
