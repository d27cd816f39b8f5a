/**
 * Drag growth through the real client (a script, not a test): a template board in Chromium, one
 * card dragged N times for about a second each (60 pointer steps), then the server stopped —
 * SIGTERM compacts every loaded board (S-DUR-2) — and the stored snapshot read back from its
 * SQLite file. The board's growth per drag is what every joiner receives and every reload loads.
 * The byte-exact version of this figure, with the pre-#11 drag as peer, is
 * `pnpm --filter @fire-triangle/shared bench:history`; this one checks that the client really
 * writes drags that way. Target (issue #11): ≤ 40 bytes per drag.
 *
 * Run: `pnpm build && pnpm --filter @fire-triangle/e2e bench:growth` (DRAGS=10 by default).
 * Writes bench/results/drag-growth.json at the repo root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
// The server's own storage, to read what it stored (no other client does the reading).
import { SqliteBoardStore } from '@fire-triangle/server/src/storage/sqlite-store.ts';
import { chromium } from '@playwright/test';
import { BoardPage } from '../board-page.ts';
import { createBoard } from '../fixtures.ts';
import { REPO_ROOT, startServerProcess } from '../server-process.ts';

const DRAGS = Number(process.env.DRAGS ?? 10);
const TEMPLATE = 'seed-001-rebrand-en';
const TARGET_BYTES_PER_DRAG = 40;

/** The stored size of a board once its server has stopped (compacted), after `drags` drags. */
async function storedAfter(drags: number): Promise<{ snapshot: number; updates: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ft-growth-'));
  try {
    const server = await startServerProcess({ dataDir });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
    let boardId = '';
    try {
      const links = await createBoard(server.url, { template: TEMPLATE });
      boardId = links.board.id;
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addInitScript(`localStorage.setItem('ft-user-name', 'Alice');`);
      const page = await context.newPage();
      const board = new BoardPage(page);
      await page.goto(links.facilitator);
      await board.waitConnected();
      const card = page.locator('.ft-card--tactic').first();
      const id = (await card.getAttribute('data-card-id'))!;
      for (let drag = 0; drag < drags; drag++) {
        await board.dragCardTo(id, { x: 1300 + (drag % 2) * 300, y: 1700 }, 60);
        await page.waitForTimeout(150);
      }
      // Until the server has applied the last drop.
      await page.waitForTimeout(500);
      await context.close();
    } finally {
      await browser.close();
      await server.stop();
    }
    const store = new SqliteBoardStore({ dataDir });
    try {
      const stored = await store.loadBoard(boardId);
      if (!stored?.snapshot) throw new Error(`board ${boardId} has no snapshot after the stop`);
      return { snapshot: stored.snapshot.length, updates: stored.updates.length };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const machine = {
  cpus: cpus().length,
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
};
const empty = await storedAfter(0);
const dragged = await storedAfter(DRAGS);
const bytesPerDrag = (dragged.snapshot - empty.snapshot) / DRAGS;
const summary = {
  template: TEMPLATE,
  drags: DRAGS,
  storedBefore: empty.snapshot,
  storedAfter: dragged.snapshot,
  bytesPerDrag: Number(bytesPerDrag.toFixed(1)),
  targetBytesPerDrag: TARGET_BYTES_PER_DRAG,
  withinTarget: bytesPerDrag <= TARGET_BYTES_PER_DRAG,
};
console.log(`Machine: ${machine.cpus} CPUs, load average ${machine.loadAverage.join(' / ')}`);
console.log(
  `${TEMPLATE}: ${empty.snapshot} B stored; after ${DRAGS} one-second drags of a card ` +
    `${dragged.snapshot} B: ${summary.bytesPerDrag} B per drag (target ≤ ${TARGET_BYTES_PER_DRAG}: ` +
    `${summary.withinTarget ? 'met' : 'missed'}).`,
);
const out = join(REPO_ROOT, 'bench/results/drag-growth.json');
mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ writtenAt: new Date().toISOString(), machine, summary }, null, 2)}\n`,
);
console.log(`Written ${out}`);
