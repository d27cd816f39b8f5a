/**
 * What the browser benchmarks share: Debian's Chromium launched the same way, a board created
 * and filled through the REST API (`bigBoard`), and the machine's load for the report.
 */
import { cpus, loadavg } from 'node:os';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../chromium.ts';
import { bigBoard } from './big-board.ts';

/** Headless Chromium without the background work that would add noise to a measure. */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

export interface BenchBoard {
  id: string;
  tokens: { facilitator: string };
}

/** A new board (optionally from a template), in English. Throws on an HTTP error. */
export async function createBoard(
  serverUrl: string,
  body: { title?: string; template?: string } = {},
): Promise<BenchBoard> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'en', ...body }),
  });
  if (!response.ok) throw new Error(`create failed: ${response.status}`);
  return (await response.json()) as BenchBoard;
}

/** A new board holding `bigBoard(cards, links)`, imported with the facilitator's token. */
export async function createBigBoard(
  serverUrl: string,
  title: string,
  cards: number,
  links: number,
): Promise<{ board: BenchBoard; file: ReturnType<typeof bigBoard> }> {
  const board = await createBoard(serverUrl, { title });
  const file = bigBoard(cards, links);
  const imported = await fetch(`${serverUrl}/api/boards/${board.id}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${board.tokens.facilitator}`,
    },
    body: JSON.stringify(file),
  });
  if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  return { board, file };
}

/** The 1, 5 and 15 minute load averages, two decimals. */
export function loadAverage(): number[] {
  return loadavg().map((load) => Number(load.toFixed(2)));
}

/** The machine block of a result file, with the load at the start and the end of the run. */
export function machine(loadAverageAtStart: number[], loadAverageAtEnd: number[]) {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd,
  };
}

/** "Machine: 2 CPUs, load average … at start, … at end" for the console. */
export function machineLine(start: number[], end: number[]): string {
  return `Machine: ${cpus().length} CPUs, load average ${start.join(' / ')} at start, ${end.join(' / ')} at end`;
}
