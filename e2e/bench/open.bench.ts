/**
 * Opening benchmark (a script, not a test; issue #11 "The page"): the time from navigation to
 * the first interactive frame when opening a board of 5,000 cards, against a bare React Flow
 * page (`client/bench.html`: default nodes, default edges, `useNodesState`) showing the same
 * cards and links, in the same run, in one headless Chromium. Target: ≤ 1.5× the bare page.
 *
 * Run: `pnpm build && pnpm --filter @fire-triangle/e2e bench:open` (BENCH_CARDS, BENCH_LINKS,
 * BENCH_ROUNDS; BENCH_PROFILE=1 adds a CPU profile of one opening of each page: the functions
 * with the most self time, in bench/results/open-profile-<page>.json; the run's figures then go
 * to open-profiled.json). Writes bench/results/open.json at the repo root.
 *
 * "First interactive frame", measured in the page (ms from the navigation's start,
 * `performance.now()`): every card is in the DOM and measured (React Flow shows a node once it
 * knows its size), then a real pointer move sent by the browser at that moment has been handled
 * and the frame after it has started. A page still busy after drawing (a validator, a minimap,
 * a store) answers late, and that counts. On the way, the phases: the scripts have run, the
 * board's content is in the page, the first node is in the DOM. Each opening is a first visit: a new browser context,
 * nothing cached, nothing stored on the device. Each page opens as it opens for a person: the
 * bare page fits the whole triangle; the board opens on its cards at a readable zoom (every
 * card is still in the DOM, as the bare page's are).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { REPO_ROOT, startServerProcess } from '../server-process.ts';
import {
  createBigBoard,
  launchBenchBrowser,
  loadAverage,
  machine,
  machineLine,
} from './bench-kit.ts';

const CARDS = Number(process.env.BENCH_CARDS ?? 5000);
const LINKS = Number(process.env.BENCH_LINKS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROFILE = process.env.BENCH_PROFILE === '1';
const TARGET_RATIO = 1.5;
const VIEWPORT = { width: 1400, height: 860 };

type PageKind = 'bare' | 'board';

interface OpenSample {
  /** The page's scripts have run (DOMContentLoaded done; module scripts run before it), ms. */
  scriptsRunMs: number;
  /** The board's content is in the page: the sync done (board) or the export fetched (bare). */
  dataMs: number;
  /** The first node in the DOM (ms from navigation start). */
  firstNodeMs: number;
  /** All the cards in the DOM and measured (ms from navigation start). */
  drawnMs: number;
  /** The frame after the first pointer move sent once drawn (ms from navigation start). */
  interactiveMs: number;
  /** How long that pointer move waited for the main thread (handler time − event time, ms). */
  inputDelayMs: number;
  /** Main-thread time until interactive, from Chromium's counters (ms). */
  scriptMs: number;
  layoutAndStyleMs: number;
  taskMs: number;
  /** JS heap used once interactive (MiB). */
  heapMiB: number;
}

/**
 * Installed before any script of the page: watches each frame for every node drawn, then
 * reports it to the benchmark, which answers with a real pointer move. A string, not a
 * function: tsx would wrap named inner functions in a helper the page lacks.
 */
const WATCHER = (selector: string, count: number) => `(() => {
  const state = {
    drawnAt: null, eventAt: null, eventTime: null, frameAt: null, dataAt: null, firstNodeAt: null,
  };
  window.__open = state;
  addEventListener('pointermove', (event) => {
    if (state.drawnAt === null || state.eventAt !== null) return;
    state.eventAt = performance.now();
    state.eventTime = event.timeStamp;
    requestAnimationFrame((time) => { state.frameAt = time; });
  }, { capture: true, passive: true });
  function tick(time) {
    if (state.drawnAt !== null) return;
    // Phases, seen at the first frame after each: the board is here (the board page's sync
    // done, the bare page's export fetched), the first node is in the DOM.
    if (state.dataAt === null) {
      const exported = performance.getEntriesByType('resource')
        .find((entry) => entry.name.includes('/export'));
      if (exported) state.dataAt = exported.responseEnd;
      else if (document.querySelector('.ft-connection-state[data-state="connected"]')) {
        state.dataAt = time;
      }
    }
    if (state.firstNodeAt === null && document.querySelector('.react-flow__node')) {
      state.firstNodeAt = time;
    }
    const nodes = document.querySelectorAll(${JSON.stringify(selector)});
    if (nodes.length >= ${count} &&
        document.querySelector('.react-flow__node[style*="visibility: hidden"]') === null) {
      state.drawnAt = time;
      window.__openDrawn();
      return;
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})()`;

async function openOnce(
  browser: Browser,
  kind: PageKind,
  url: string,
  profileTo: string | null,
): Promise<OpenSample> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(() => localStorage.setItem('ft-user-name', 'Bench'));
  const page = await context.newPage();
  let drawn: () => void = () => {};
  const drawnPromise = new Promise<void>((resolve) => {
    drawn = resolve;
  });
  await page.exposeFunction('__openDrawn', () => drawn());
  await page.addInitScript(WATCHER(kind === 'bare' ? '.react-flow__node' : '.ft-card', CARDS));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profileTo) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url, { waitUntil: 'commit' });
  await Promise.race([
    drawnPromise,
    page.waitForTimeout(120_000).then(() => {
      throw new Error(`${kind}: the cards were not all drawn within 120 s`);
    }),
  ]);
  // The pointer goes over empty canvas beside the apex, as someone reaching for the board.
  await page.mouse.move(VIEWPORT.width * 0.12, VIEWPORT.height * 0.3);
  await page.mouse.move(VIEWPORT.width * 0.12 + 4, VIEWPORT.height * 0.3 + 4);
  await page.waitForFunction('window.__open.frameAt !== null', undefined, { timeout: 60_000 });
  const metrics = new Map(
    (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
  );
  if (profileTo) {
    const { profile } = await cdp.send('Profiler.stop');
    writeProfileSummary(profile, profileTo);
  }
  const state = (await page.evaluate(
    '({ ...window.__open, scriptsRunAt: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd })',
  )) as {
    scriptsRunAt: number;
    dataAt: number;
    firstNodeAt: number;
    drawnAt: number;
    eventAt: number;
    eventTime: number;
    frameAt: number;
  };
  await context.close();
  const seconds = (name: string) => (metrics.get(name) ?? 0) * 1000;
  return {
    scriptsRunMs: round(state.scriptsRunAt),
    dataMs: round(state.dataAt),
    firstNodeMs: round(state.firstNodeAt),
    drawnMs: round(state.drawnAt),
    interactiveMs: round(state.frameAt),
    inputDelayMs: round(state.eventAt - state.eventTime),
    scriptMs: round(seconds('ScriptDuration')),
    layoutAndStyleMs: round(seconds('LayoutDuration') + seconds('RecalcStyleDuration')),
    taskMs: round(seconds('TaskDuration')),
    heapMiB: round((metrics.get('JSHeapUsedSize') ?? 0) / 2 ** 20),
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The functions with the most self time in a CPU profile, written beside the results. */
function writeProfileSummary(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
  file: string,
): void {
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    selfMs.set(samples[i]!, (selfMs.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + (selfMs.get(node.id) ?? 0));
  }
  const total = [...byFunction.values()].reduce((sum, ms) => sum + ms, 0);
  const top = [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([name, ms]) => ({ name, selfMs: round(ms), share: round(ms / total) }));
  writeFileSync(file, `${JSON.stringify({ totalMs: round(total), top }, null, 2)}\n`);
}

const round = (value: number) => Math.round(value * 100) / 100;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function summarise(samples: OpenSample[]) {
  const pick = (key: keyof OpenSample) => round(median(samples.map((sample) => sample[key])));
  return {
    rounds: samples.length,
    medianScriptsRunMs: pick('scriptsRunMs'),
    medianDataMs: pick('dataMs'),
    medianFirstNodeMs: pick('firstNodeMs'),
    medianDrawnMs: pick('drawnMs'),
    medianInteractiveMs: pick('interactiveMs'),
    medianInputDelayMs: pick('inputDelayMs'),
    medianScriptMs: pick('scriptMs'),
    medianLayoutAndStyleMs: pick('layoutAndStyleMs'),
    medianTaskMs: pick('taskMs'),
    medianHeapMiB: pick('heapMiB'),
    samples,
  };
}

async function main() {
  const server = await startServerProcess();
  const browser = await launchBenchBrowser();
  try {
    const { board, file } = await createBigBoard(server.url, 'Open benchmark', CARDS, LINKS);
    console.log(`board ${board.id}: ${file.cards.length} cards, ${file.links.length} links`);
    const token = encodeURIComponent(board.tokens.facilitator);
    const urls: Record<PageKind, string> = {
      bare: `${server.url}/bench.html?board=${board.id}&token=${token}`,
      board: `${server.url}/b/${board.id}?token=${token}`,
    };
    const out = join(REPO_ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });

    // A warm-up of each (the server loads the board, Chromium compiles), not counted.
    for (const kind of ['bare', 'board'] as const) await openOnce(browser, kind, urls[kind], null);
    const samples: Record<PageKind, OpenSample[]> = { bare: [], board: [] };
    const loadAtStart = loadAverage();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which page goes first so drift on a noisy machine hits both alike.
      const order = round % 2 === 0 ? (['bare', 'board'] as const) : (['board', 'bare'] as const);
      for (const kind of order) {
        const sample = await openOnce(browser, kind, urls[kind], null);
        samples[kind].push(sample);
        console.log(
          `round ${round + 1} ${kind.padEnd(5)}: scripts ${sample.scriptsRunMs.toFixed(0)} ms, data ${sample.dataMs.toFixed(0)} ms, first node ${sample.firstNodeMs.toFixed(0)} ms, drawn ${sample.drawnMs.toFixed(0)} ms, interactive ${sample.interactiveMs.toFixed(0)} ms (input waited ${sample.inputDelayMs.toFixed(0)} ms), script ${sample.scriptMs.toFixed(0)} ms, layout+style ${sample.layoutAndStyleMs.toFixed(0)} ms, heap ${sample.heapMiB} MiB`,
        );
      }
    }
    const loadAtEnd = loadAverage();
    const profiles: Partial<Record<PageKind, string>> = {};
    if (PROFILE) {
      for (const kind of ['bare', 'board'] as const) {
        profiles[kind] = join(out, `open-profile-${kind}.json`);
        await openOnce(browser, kind, urls[kind], profiles[kind]!);
      }
    }
    const bare = summarise(samples.bare);
    const boardSummary = summarise(samples.board);
    const ratio = round(boardSummary.medianInteractiveMs / bare.medianInteractiveMs);
    const result = {
      benchmark: 'open',
      date: new Date().toISOString(),
      machine: machine(loadAtStart, loadAtEnd),
      cards: file.cards.length,
      links: file.links.length,
      viewport: VIEWPORT,
      bare,
      board: boardSummary,
      interactiveRatio: ratio,
      drawnRatio: round(boardSummary.medianDrawnMs / bare.medianDrawnMs),
      target: TARGET_RATIO,
      withinTarget: ratio <= TARGET_RATIO,
      profiles,
    };
    // A profiled run is slower (the profiler samples): it does not overwrite the figures.
    const name = PROFILE ? 'open-profiled.json' : 'open.json';
    writeFileSync(join(out, name), `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.log(machineLine(loadAtStart, loadAtEnd));
    console.log(
      '| page | scripts run | board data in | first node | drawn | first interactive frame | input waited | script | layout+style | heap |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const [name, summary] of [
      ['bare React Flow', bare],
      ['Fire Triangle', boardSummary],
    ] as const) {
      console.log(
        `| ${name} | ${summary.medianScriptsRunMs} ms | ${summary.medianDataMs} ms | ${summary.medianFirstNodeMs} ms | ${summary.medianDrawnMs} ms | ${summary.medianInteractiveMs} ms | ${summary.medianInputDelayMs} ms | ${summary.medianScriptMs} ms | ${summary.medianLayoutAndStyleMs} ms | ${summary.medianHeapMiB} MiB |`,
      );
    }
    console.log(
      `first interactive frame ratio (Fire Triangle / bare) ${ratio}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`,
    );
    console.log(`wrote ${join(out, name)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
