/**
 * Canvas benchmark (a script, not a test): the frame time while dragging one card, panning and
 * zooming on a Fire Triangle board of 2,000 cards and 3,000 links, against a bare React Flow page
 * (`client/bench.html`: default nodes, `useNodesState`) showing the same cards and links, side by
 * side in one headless Chromium, both showing the whole triangle. Target (issue #14): each of
 * the three costs at most 1.3× the bare page.
 *
 * Run: `pnpm build && pnpm --filter @fire-triangle/e2e bench` (or `pnpm bench` at the root).
 * Writes bench/results/drag.json at the repo root.
 *
 * Frame time is measured in the page from requestAnimationFrame deltas during the drag (what a
 * person sees), plus the wall time per pointer step (how fast the page digests input).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { REPO_ROOT, startServerProcess } from '../server-process.ts';
import {
  createBigBoard,
  launchBenchBrowser,
  loadAverage,
  machine,
  machineLine,
} from './bench-kit.ts';

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const LINKS = Number(process.env.BENCH_LINKS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEPS = Number(process.env.BENCH_STEPS ?? 120);
const TARGET_RATIO = 1.3;

interface DragSample {
  /** Main-thread time per pointer step, from Chromium's own counters (CDP Performance). */
  scriptMsPerStep: number;
  layoutAndStyleMsPerStep: number;
  otherTaskMsPerStep: number;
  frames: number;
  meanFrameMs: number;
  medianFrameMs: number;
  p95FrameMs: number;
  msPerStep: number;
}

type Interaction = 'drag' | 'pan' | 'zoom';
/** `BENCH_ONLY=zoom` (or `drag,pan`) measures only those gestures. */
const INTERACTIONS: readonly Interaction[] = (
  process.env.BENCH_ONLY?.split(',') ?? ['drag', 'pan', 'zoom']
).filter((name): name is Interaction => ['drag', 'pan', 'zoom'].includes(name));
/**
 * `BENCH_BOARD_CSS='.ft-triangle{display:none}'`: a style sheet added to the board's page, to
 * find where its time goes by taking parts away (never for the published figures).
 */
const BOARD_CSS = process.env.BENCH_BOARD_CSS ?? '';

/** Where each interaction starts: on the dragged card, on empty canvas, in the middle. */
async function startPoint(page: Page, kind: Interaction, nodeId: string) {
  if (kind === 'drag') {
    const box = await page.locator(`.react-flow__node[data-id="${nodeId}"]`).boundingBox();
    if (!box) throw new Error(`card ${nodeId} is not on screen`);
    return { x: box.x + box.width * 0.3, y: box.y + box.height * 0.7 };
  }
  const pane = (await page.locator('.react-flow').boundingBox())!;
  // Beside the apex, outside the triangle: no card there at the fitted view.
  if (kind === 'pan') return { x: pane.x + pane.width * 0.12, y: pane.y + pane.height * 0.25 };
  return { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
}

async function measure(page: Page, kind: Interaction, nodeId: string): Promise<DragSample> {
  const start = await startPoint(page, kind, nodeId);
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    const state = { frames: [], running: true };
    window.__drag = state;
    function tick(time) {
      state.frames.push(time);
      if (state.running) requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const readMetrics = async () =>
    new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const transforms = () =>
    page.evaluate<string>(
      `[...document.querySelectorAll('.react-flow__node')].map((node) => node.style.transform).join('|')`,
    );
  const layoutBefore = await transforms();
  const viewport = () =>
    page.evaluate<string>(
      `getComputedStyle(document.querySelector('.react-flow__viewport')).transform`,
    );
  const viewBefore = await viewport();
  await page.mouse.move(start.x, start.y);
  if (kind !== 'zoom') await page.mouse.down();
  const before = await readMetrics();
  const began = performance.now();
  let layoutDuring = layoutBefore;
  let viewDuring = viewBefore;
  for (let step = 1; step <= STEPS; step++) {
    if (kind === 'zoom') {
      // In for the first half, out for the second, about the middle: a person looking closer
      // then back, across the levels of detail.
      await page.mouse.wheel(0, step <= STEPS / 2 ? -40 : 40);
    } else {
      // Three quarters of a small loop around the start point, as a person moves a card (or
      // the view) about — kept inside the pane so React Flow never auto-pans during a drag.
      const angle = (step / STEPS) * Math.PI * 1.5;
      await page.mouse.move(start.x + Math.sin(angle) * 80, start.y + (1 - Math.cos(angle)) * 40);
    }
    if (step === Math.round(STEPS / 2)) {
      layoutDuring = await transforms();
      viewDuring = await viewport();
    }
  }
  const elapsed = performance.now() - began;
  const after = await readMetrics();
  if (kind !== 'zoom') await page.mouse.up();
  // Guard: a benchmark whose gesture changed nothing would measure an idle page.
  if (kind === 'drag' && layoutDuring === layoutBefore)
    throw new Error(`dragging ${nodeId} moved no card`);
  if (kind !== 'drag' && viewDuring === viewBefore)
    throw new Error(`${kind} did not move the view`);
  if (kind === 'zoom') {
    // Back where it started, for the next measure.
    await page.waitForTimeout(300);
  }
  await cdp.detach();
  const spent = (name: string) =>
    (((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / STEPS;
  const script = spent('ScriptDuration');
  const layoutAndStyle = spent('LayoutDuration') + spent('RecalcStyleDuration');
  const frames = await page.evaluate<number[]>(
    '(() => { window.__drag.running = false; return window.__drag.frames; })()',
  );
  const deltas = frames.slice(1).map((time, index) => time - frames[index]!);
  deltas.sort((a, b) => a - b);
  const mean = deltas.reduce((sum, value) => sum + value, 0) / Math.max(1, deltas.length);
  return {
    scriptMsPerStep: script,
    layoutAndStyleMsPerStep: layoutAndStyle,
    otherTaskMsPerStep: spent('TaskDuration') - script - layoutAndStyle,
    frames: deltas.length,
    meanFrameMs: mean,
    medianFrameMs: deltas[Math.floor(deltas.length / 2)] ?? 0,
    p95FrameMs: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
    msPerStep: elapsed / STEPS,
  };
}

/** Both pages fit the triangle on open; measure only once that zoom is applied and settled. */
async function waitForFittedView(page: Page) {
  await page.waitForFunction(
    `(() => { const v = document.querySelector('.react-flow__viewport'); return !!v && new DOMMatrix(getComputedStyle(v).transform).a < 0.9; })()`,
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(1000);
}

async function openBare(browser: Browser, base: string, board: string, token: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${base}/bench.html?board=${board}&token=${encodeURIComponent(token)}`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node').length === count,
    CARDS,
    { timeout: 60_000 },
  );
  await waitForFittedView(page);
  return page;
}

/** Both pages show the whole triangle, so each draws the same cards at the same zoom. */
async function fitTriangle(page: Page) {
  await page.evaluate(`(() => {
    const button = document.querySelector('.ft-fit');
    if (button) button.click();
    else if (window.__fit) window.__fit();
  })()`);
  await page.waitForTimeout(800);
}

async function openBoard(browser: Browser, base: string, board: string, token: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await context.addInitScript(() => localStorage.setItem('ft-user-name', 'Bench'));
  const page = await context.newPage();
  await page.goto(`${base}/b/${board}?token=${encodeURIComponent(token)}`);
  await page.waitForSelector('.ft-connection-state[data-state="connected"]', { timeout: 60_000 });
  await page.waitForFunction(
    (count) => document.querySelectorAll('.ft-card').length === count,
    CARDS,
    { timeout: 60_000 },
  );
  await waitForFittedView(page);
  if (BOARD_CSS) await page.addStyleTag({ content: BOARD_CSS });
  await fitTriangle(page);
  return page;
}

function summarise(samples: DragSample[]) {
  const mean = (pick: (sample: DragSample) => number) =>
    samples.reduce((sum, sample) => sum + pick(sample), 0) / samples.length;
  return {
    rounds: samples.length,
    meanFrameMs: round(mean((sample) => sample.meanFrameMs)),
    medianFrameMs: round(mean((sample) => sample.medianFrameMs)),
    p95FrameMs: round(mean((sample) => sample.p95FrameMs)),
    msPerStep: round(mean((sample) => sample.msPerStep)),
    scriptMsPerStep: round(mean((sample) => sample.scriptMsPerStep)),
    layoutAndStyleMsPerStep: round(mean((sample) => sample.layoutAndStyleMsPerStep)),
    otherTaskMsPerStep: round(mean((sample) => sample.otherTaskMsPerStep)),
    samples,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const server = await startServerProcess();
  const browser = await launchBenchBrowser();
  try {
    const { board, file } = await createBigBoard(server.url, 'Drag benchmark', CARDS, LINKS);
    console.log(`board ${board.id}: ${file.cards.length} cards, ${file.links.length} links`);

    // A plan card near the middle of the view: links up to a strategy and down to tactics.
    const dragged = file.cards
      .filter((card) => card.lane === 'plan')
      .sort(
        (a, b) =>
          Math.hypot(a.position.x - 1500, a.position.y - 1000) -
          Math.hypot(b.position.x - 1500, b.position.y - 1000),
      )[0]!.id;

    const samples = Object.fromEntries(
      INTERACTIONS.map((interaction) => [interaction, { bare: [], board: [] }]),
    ) as unknown as Record<Interaction, { bare: DragSample[]; board: DragSample[] }>;
    const loadAtStart = loadAverage();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which page goes first so drift on a noisy machine hits both alike.
      const order = round % 2 === 0 ? (['bare', 'board'] as const) : (['board', 'bare'] as const);
      for (const kind of order) {
        const page =
          kind === 'bare'
            ? await openBare(browser, server.url, board.id, board.tokens.facilitator)
            : await openBoard(browser, server.url, board.id, board.tokens.facilitator);
        for (const interaction of INTERACTIONS) {
          await measure(page, interaction, dragged); // warm-up
          if (interaction !== 'drag') await fitTriangle(page);
          const sample = await measure(page, interaction, dragged);
          if (interaction !== 'drag') await fitTriangle(page);
          samples[interaction][kind].push(sample);
          console.log(
            `round ${round + 1} ${kind.padEnd(5)} ${interaction.padEnd(4)}: mean frame ${sample.meanFrameMs.toFixed(1)} ms, median ${sample.medianFrameMs.toFixed(1)} ms, p95 ${sample.p95FrameMs.toFixed(1)} ms, ${sample.msPerStep.toFixed(1)} ms per step (script ${sample.scriptMsPerStep.toFixed(1)}, layout+style ${sample.layoutAndStyleMsPerStep.toFixed(1)}, other ${sample.otherTaskMsPerStep.toFixed(1)})`,
          );
        }
        await page.context().close();
      }
    }
    const loadAtEnd = loadAverage();
    const results = Object.fromEntries(
      INTERACTIONS.map((interaction) => {
        const bareSummary = summarise(samples[interaction].bare);
        const boardSummary = summarise(samples[interaction].board);
        const ratio = round(boardSummary.meanFrameMs / bareSummary.meanFrameMs);
        return [
          interaction,
          {
            bare: bareSummary,
            board: boardSummary,
            frameTimeRatio: ratio,
            stepTimeRatio: round(boardSummary.msPerStep / bareSummary.msPerStep),
            withinTarget: ratio <= TARGET_RATIO,
          },
        ];
      }),
    ) as Record<
      Interaction,
      {
        bare: ReturnType<typeof summarise>;
        board: ReturnType<typeof summarise>;
        frameTimeRatio: number;
        stepTimeRatio: number;
        withinTarget: boolean;
      }
    >;
    const result = {
      benchmark: 'drag',
      date: new Date().toISOString(),
      machine: machine(loadAtStart, loadAtEnd),
      cards: file.cards.length,
      links: file.links.length,
      steps: STEPS,
      // The drag's figures where they always were, for the server benchmark's report.
      bare: results.drag?.bare,
      board: results.drag?.board,
      frameTimeRatio: results.drag?.frameTimeRatio,
      stepTimeRatio: results.drag?.stepTimeRatio,
      boardCss: BOARD_CSS || undefined,
      target: TARGET_RATIO,
      withinTarget: INTERACTIONS.every((interaction) => results[interaction].withinTarget),
      interactions: results,
    };
    const out = join(REPO_ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    // A partial or diagnostic run does not overwrite the published figures.
    const name = INTERACTIONS.length === 3 && !BOARD_CSS ? 'drag.json' : 'drag-partial.json';
    writeFileSync(join(out, name), `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.log(machineLine(loadAtStart, loadAtEnd));
    console.log(
      '| gesture | page | mean frame | median | p95 | per step | script / step | layout+style / step |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const interaction of INTERACTIONS) {
      for (const [name, summary] of [
        ['bare React Flow', results[interaction].bare],
        ['Fire Triangle', results[interaction].board],
      ] as const) {
        console.log(
          `| ${interaction} | ${name} | ${summary.meanFrameMs} ms | ${summary.medianFrameMs} ms | ${summary.p95FrameMs} ms | ${summary.msPerStep} ms | ${summary.scriptMsPerStep} ms | ${summary.layoutAndStyleMsPerStep} ms |`,
        );
      }
    }
    for (const interaction of INTERACTIONS) {
      const { frameTimeRatio, stepTimeRatio, withinTarget } = results[interaction];
      console.log(
        `${interaction}: frame time ratio (Fire Triangle / bare) ${frameTimeRatio}× (target ≤ ${TARGET_RATIO}×) ${withinTarget ? 'OK' : 'OVER TARGET'}; step ratio ${stepTimeRatio}×`,
      );
    }
    console.log(`wrote ${join(out, name)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
