/**
 * Drag benchmark (a script, not a test): the frame time while dragging one card on a Fire
 * Triangle board of 2,000 cards and 3,000 links, against a bare React Flow page
 * (`client/bench.html`: default nodes, `useNodesState`) showing the same cards and links, side by
 * side in one headless Chromium. Target: the board costs at most 1.3× the bare page.
 *
 * Run: `pnpm build && pnpm --filter @fire-triangle/e2e bench` (or `pnpm bench` at the root).
 * Writes bench/results/drag.json at the repo root.
 *
 * Frame time is measured in the page from requestAnimationFrame deltas during the drag (what a
 * person sees), plus the wall time per pointer step (how fast the page digests input).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  type BoardFileV1,
  CARD_SIZE,
  type CardSnapshot,
  clampCardToLane,
  halfWidthAt,
  LANE_BANDS,
  LANE_COLOURS,
  type Lane,
  type LinkSnapshot,
  TRIANGLE,
} from '@fire-triangle/shared';
import { type Browser, chromium, type Page } from '@playwright/test';
import { REPO_ROOT, startServerProcess } from '../server-process.ts';

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const LINKS = Number(process.env.BENCH_LINKS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEPS = Number(process.env.BENCH_STEPS ?? 120);
const TARGET_RATIO = 1.3;

/** A small seeded generator so every run drags the same board. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bigBoard(cardCount: number, linkCount: number): BoardFileV1 {
  const random = mulberry32(42);
  const share: Record<Lane, number> = { objective: 0.025, strategy: 0.075, plan: 0.2, tactic: 0.7 };
  const cards: CardSnapshot[] = [];
  const byLane: Record<Lane, string[]> = { objective: [], strategy: [], plan: [], tactic: [] };
  for (const band of LANE_BANDS) {
    const count = Math.max(1, Math.round(cardCount * share[band.lane]));
    for (let index = 0; index < count && cards.length < cardCount; index++) {
      const y = band.top + random() * (band.bottom - band.top - CARD_SIZE.height);
      const half = halfWidthAt(y);
      const x = TRIANGLE.width / 2 - half + random() * Math.max(0, 2 * half - CARD_SIZE.width);
      const id = `c_${band.lane}_${index}`;
      byLane[band.lane].push(id);
      cards.push({
        id,
        lane: band.lane,
        title: `${band.lane} ${index}`,
        body: index % 3 === 0 ? 'Some details about this card' : '',
        position: clampCardToLane({ x, y }, band.lane),
        colour: LANE_COLOURS[band.lane],
        author: 'bench',
        createdAt: 0,
        updatedAt: 0,
        kpi: band.lane === 'plan' ? 'leads / month' : '',
        owner: band.lane === 'plan' ? 'Sam' : '',
        dueDate: band.lane === 'plan' ? '2027-06-30' : '',
        budget: band.lane === 'plan' ? '10 k€' : '',
      });
    }
  }
  const links: LinkSnapshot[] = [];
  const pairs = new Set<string>();
  const pick = (ids: string[]) => ids[Math.floor(random() * ids.length)]!;
  const up: Record<Lane, Lane | null> = {
    objective: null,
    strategy: 'objective',
    plan: 'strategy',
    tactic: 'plan',
  };
  const addLink = (from: string, to: string) => {
    const key = `${from}>${to}`;
    if (links.length >= linkCount || pairs.has(key)) return;
    pairs.add(key);
    links.push({ id: `l_${links.length}`, from, to });
  };
  // Every card below the apex serves one card a level up, then extra tactic → plan links.
  for (const card of cards) {
    const level = up[card.lane];
    if (level) addLink(card.id, pick(byLane[level]));
  }
  for (let guard = 0; links.length < linkCount && guard < linkCount * 10; guard++) {
    addLink(pick(byLane.tactic), pick(byLane.plan));
  }
  return {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: `Drag benchmark (${cardCount} cards)`, language: 'en', focusLimit: 3 },
    cards,
    links,
  } as BoardFileV1;
}

interface DragSample {
  frames: number;
  meanFrameMs: number;
  medianFrameMs: number;
  p95FrameMs: number;
  msPerStep: number;
}

async function measureDrag(page: Page, nodeId: string): Promise<DragSample> {
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  const box = await node.boundingBox();
  if (!box) throw new Error(`card ${nodeId} is not on screen`);
  const start = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.7 };
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
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = performance.now();
  // A loop around the start point, as a person moves a card about.
  for (let step = 1; step <= STEPS; step++) {
    const angle = (step / STEPS) * Math.PI * 2;
    await page.mouse.move(start.x + Math.sin(angle) * 120, start.y + (1 - Math.cos(angle)) * 60);
  }
  const elapsed = performance.now() - began;
  await page.mouse.up();
  const frames = await page.evaluate<number[]>(
    '(() => { window.__drag.running = false; return window.__drag.frames; })()',
  );
  const deltas = frames.slice(1).map((time, index) => time - frames[index]!);
  deltas.sort((a, b) => a - b);
  const mean = deltas.reduce((sum, value) => sum + value, 0) / Math.max(1, deltas.length);
  return {
    frames: deltas.length,
    meanFrameMs: mean,
    medianFrameMs: deltas[Math.floor(deltas.length / 2)] ?? 0,
    p95FrameMs: deltas[Math.floor(deltas.length * 0.95)] ?? 0,
    msPerStep: elapsed / STEPS,
  };
}

async function openBare(browser: Browser, base: string, board: string, token: string) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${base}/bench.html?board=${board}&token=${encodeURIComponent(token)}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node').length === count,
    CARDS,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(500);
  return page;
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
  await page.waitForTimeout(500);
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
    samples,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const server = await startServerProcess();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Drag benchmark', language: 'en' }),
    });
    const board = (await created.json()) as { id: string; tokens: { facilitator: string } };
    const file = bigBoard(CARDS, LINKS);
    const imported = await fetch(`${server.url}/api/boards/${board.id}/import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${board.tokens.facilitator}`,
      },
      body: JSON.stringify(file),
    });
    if (!imported.ok) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
    console.log(`board ${board.id}: ${file.cards.length} cards, ${file.links.length} links`);

    // A tactic near the middle of the base: a typical card to drag, with links to redraw.
    const dragged = file.cards
      .filter((card) => card.lane === 'tactic')
      .sort(
        (a, b) =>
          Math.hypot(a.position.x - 1500, a.position.y - 1700) -
          Math.hypot(b.position.x - 1500, b.position.y - 1700),
      )[0]!.id;

    const bare: DragSample[] = [];
    const ours: DragSample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which page goes first so drift on a noisy machine hits both alike.
      const order = round % 2 === 0 ? (['bare', 'board'] as const) : (['board', 'bare'] as const);
      for (const kind of order) {
        const page =
          kind === 'bare'
            ? await openBare(browser, server.url, board.id, board.tokens.facilitator)
            : await openBoard(browser, server.url, board.id, board.tokens.facilitator);
        await measureDrag(page, dragged); // warm-up
        const sample = await measureDrag(page, dragged);
        (kind === 'bare' ? bare : ours).push(sample);
        console.log(
          `round ${round + 1} ${kind.padEnd(5)}: mean frame ${sample.meanFrameMs.toFixed(1)} ms, median ${sample.medianFrameMs.toFixed(1)} ms, p95 ${sample.p95FrameMs.toFixed(1)} ms, ${sample.msPerStep.toFixed(1)} ms per pointer step`,
        );
        await page.context().close();
      }
    }
    const bareSummary = summarise(bare);
    const boardSummary = summarise(ours);
    const ratio = round(boardSummary.meanFrameMs / bareSummary.meanFrameMs);
    const stepRatio = round(boardSummary.msPerStep / bareSummary.msPerStep);
    const result = {
      benchmark: 'drag',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      cards: file.cards.length,
      links: file.links.length,
      steps: STEPS,
      bare: bareSummary,
      board: boardSummary,
      frameTimeRatio: ratio,
      stepTimeRatio: stepRatio,
      target: TARGET_RATIO,
      withinTarget: ratio <= TARGET_RATIO,
    };
    const out = join(REPO_ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'drag.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.log('| page | mean frame | median | p95 | per pointer step |');
    console.log('|---|---|---|---|---|');
    for (const [name, summary] of [
      ['bare React Flow', bareSummary],
      ['Fire Triangle', boardSummary],
    ] as const) {
      console.log(
        `| ${name} | ${summary.meanFrameMs} ms | ${summary.medianFrameMs} ms | ${summary.p95FrameMs} ms | ${summary.msPerStep} ms |`,
      );
    }
    console.log(
      `\nframe time ratio (Fire Triangle / bare): ${ratio}× (target ≤ ${TARGET_RATIO}×) ${ratio <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}; pointer step ratio ${stepRatio}×`,
    );
    console.log(`wrote ${join(out, 'drag.json')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
