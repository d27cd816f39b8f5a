/**
 * Readability measure (a script, not a test): the zoom each board opens with and the size, in
 * screen pixels, of a card's title there and of the text being edited — on an empty board, a
 * template board and a 300-card board, at 1440×900, 1280×720, 1024×768 and 390×844. Also whether
 * the page scrolls sideways and how wide the canvas is. Issue #14 measured the first board at
 * 1440×900: zoom 0.34, titles at 6.1 px, the editor's text at 4.7 px.
 *
 * Run: `pnpm build && pnpm --filter @fire-triangle/e2e readability`.
 * Writes bench/results/readability.json at the repo root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startServerProcess } from '../server-process.ts';
import { createBigBoard, createBoard, launchBenchBrowser } from './bench-kit.ts';

const SCREENS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

interface Reading {
  board: string;
  screen: string;
  zoom: number;
  titlePx: number | null;
  editorPx: number;
  canvasWidth: number;
  pageScrollsSideways: boolean;
}

const server = await startServerProcess();
const browser = await launchBenchBrowser();
const readings: Reading[] = [];
try {
  const create = (template?: string) => createBoard(server.url, { template });
  const bigBoardOf300 = async () =>
    (await createBigBoard(server.url, 'Readability (300 cards)', 300, 400)).board;
  for (const screen of SCREENS) {
    // Fresh boards for each screen: the measure adds a card to each.
    const boards = [
      ['empty', await create()],
      ['template', await create('seed-001-rebrand-en')],
      ['300 cards', await bigBoardOf300()],
    ] as const;
    for (const [name, board] of boards) {
      const context = await browser.newContext({ viewport: screen });
      await context.addInitScript(() => {
        localStorage.setItem('ft-user-name', 'Reader');
        localStorage.setItem('ft-ui-language', 'en');
      });
      const page = await context.newPage();
      await page.goto(
        `${server.url}/b/${board.id}?token=${encodeURIComponent(board.tokens.facilitator)}`,
      );
      await page.waitForSelector('.ft-connection-state[data-state="connected"]');
      await page.waitForTimeout(1200);
      const view = await page.evaluate(`(() => {
        const viewport = document.querySelector('.react-flow__viewport');
        const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
        const title = document.querySelector('.ft-card__title');
        return {
          zoom,
          titlePx: title ? parseFloat(getComputedStyle(title).fontSize) * zoom : null,
          canvasWidth: document.querySelector('.react-flow').getBoundingClientRect().width,
          pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
        };
      })()`);
      // The text being edited: a new plan card's title field, wherever the editor is drawn.
      await page.locator('.ft-new-card--plan').click();
      await page.waitForSelector('.ft-card-editor__title input');
      const editorPx = await page.evaluate(`(() => {
        const input = document.querySelector('.ft-card-editor__title input');
        const viewport = input.closest('.react-flow__viewport');
        const scale = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
        return parseFloat(getComputedStyle(input).fontSize) * scale;
      })()`);
      const reading = {
        board: name,
        screen: `${screen.width}×${screen.height}`,
        ...(view as Omit<Reading, 'board' | 'screen' | 'editorPx'>),
        editorPx: editorPx as number,
      };
      readings.push(reading);
      console.log(
        `${reading.screen.padEnd(9)} ${name.padEnd(9)} zoom ${reading.zoom.toFixed(2)}  title ${reading.titlePx?.toFixed(1) ?? '—'} px  editor ${reading.editorPx.toFixed(1)} px  canvas ${Math.round(reading.canvasWidth)} px${reading.pageScrollsSideways ? '  SCROLLS SIDEWAYS' : ''}`,
      );
      await context.close();
    }
  }
  const out = join(REPO_ROOT, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'readability.json'),
    `${JSON.stringify({ date: new Date().toISOString(), readings }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  await server.stop();
}
