/** Percentiles, ratios and plain-text / Markdown tables. */

export interface LatencySummary {
  /** Samples measured (delivered updates). */
  count: number;
  /** Updates expected but not delivered before the drain ended (counted as +∞ below). */
  lost: number;
  /** Milliseconds; null when the percentile falls among the lost updates (i.e. > drain time). */
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Nearest-rank percentile of sorted samples plus `lost` samples at +∞. */
function percentile(sorted: Float64Array, lost: number, fraction: number): number | null {
  const total = sorted.length + lost;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(fraction * total));
  return rank <= sorted.length ? sorted[rank - 1]! : null;
}

export function summarise(samples: readonly number[], lost = 0): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    lost,
    p50: percentile(sorted, lost, 0.5),
    p99: percentile(sorted, lost, 0.99),
    max: lost > 0 ? null : sorted.length > 0 ? sorted[sorted.length - 1]! : null,
    mean: sorted.length > 0 && lost === 0 ? sum / sorted.length : null,
  };
}

/** ours / peer, or null when either is unknown. */
export function ratio(
  ours: number | null | undefined,
  peer: number | null | undefined,
): number | null {
  if (ours == null || peer == null || peer <= 0) return null;
  return ours / peer;
}

export function formatMs(value: number | null | undefined): string {
  if (value == null) return '—';
  if (!Number.isFinite(value)) return '∞';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

export function formatRatio(value: number | null | undefined): string {
  return value == null ? '—' : `${value.toFixed(2)}×`;
}

export function formatBytes(value: number | null | undefined): string {
  if (value == null) return '—';
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${(value / 1024 / 1024).toFixed(1)} MiB`;
  if (abs >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value.toFixed(0)} B`;
}

export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

export function renderText(table: Table): string {
  const widths = table.headers.map((header, column) =>
    Math.max(header.length, ...table.rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [
    `\n${table.title}`,
    line(table.headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n');
}

export function renderMarkdown(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `#### ${table.title}`,
    '',
    `| ${table.headers.map(escapeCell).join(' | ')} |`,
    `|${table.headers.map(() => '---').join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    ...(table.notes && table.notes.length > 0
      ? ['', ...table.notes.map((note) => `- ${note}`)]
      : []),
    '',
  ].join('\n');
}
