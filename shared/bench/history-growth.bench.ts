/**
 * History growth benchmark: how the stored size of a board grows with the work done on it —
 * drags, text edits, undos — in bytes of `Y.encodeStateAsUpdate` (what the server's compaction
 * writes, what every joiner receives, what is loaded into memory). Bytes, not time: every figure
 * is deterministic, so one run says it all.
 *
 *   pnpm --filter @fire-triangle/shared bench:history   (also part of `pnpm bench`)
 *   node --import tsx bench/history-growth.bench.ts --drags 10,100,1000,5000   (from shared/)
 *
 * The work is done as the client does it (`client/src/sync/boardActions.ts`): a drag is 60
 * frames (one second at 60 Hz) of `moveCard(…, { relevel: false })`, each its own transaction
 * with the tab's origin, tracked by the tab's `Y.UndoManager` with the capture held open for
 * the whole drag, then the drop, `moveCard(…, { relevel: true })`. Measured on:
 *
 * - **stored**: a doc that receives every update as sent and has no UndoManager — the server's
 *   room and every other participant (and the client's device copy, `DeviceMirror`): Yjs
 *   garbage-collects what was overwritten there;
 * - **dragger**: the dragging tab's own doc. Its UndoManager keeps every overwritten value
 *   restorable (`keepItem`), so it grows by ~25 bytes a frame for as long as the tab lives; a
 *   reload reads the stored form back and the growth is gone;
 * - **log**: the updates themselves, as the server appends them to its log until the next
 *   compaction (`compactAfterUpdates`) folds them into the stored form.
 *
 * The peer, in the same run: the same drags written the way they were before issue #11 (every
 * frame wrote `position` and `updatedAt`, so the overwritten values interleave and never merge).
 * Target (issue #11): one drag of any length adds ≤ 40 bytes to the stored form.
 * Results go to bench/results/history-growth.json at the repo root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { cardsMap, linksMap, readBoard } from '../src/board/doc.ts';
import { dragSelection, dropSelection, editCard, moveCard } from '../src/board/operations.ts';
import type { Point } from '../src/board/types.ts';
import { clampCardPosition } from '../src/geometry/triangle.ts';
import { applyTemplate } from '../src/templates/index.ts';

const FRAMES_PER_DRAG = 60;
const TARGET_BYTES_PER_DRAG = 40;
const TEMPLATE = 'seed-001-rebrand-en';

function option(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value ? value.split(',').map(Number) : fallback;
}
const DRAG_COUNTS = option('drags', [1, 10, 100, 1000]);
const EDIT_COUNTS = option('edits', [10, 100, 1000]);

/** One tab working on a board whose every update also reaches a "stored" copy (the server). */
class Workshop {
  readonly tab = new Y.Doc();
  readonly stored = new Y.Doc();
  readonly origin = { source: 'local' };
  readonly undo: Y.UndoManager;
  logBytes = 0;
  logUpdates = 0;
  now = 1_764_000_000_000;
  readonly random = prng.create(11);
  readonly cards: string[];

  constructor() {
    applyTemplate(this.tab, TEMPLATE);
    Y.applyUpdate(this.stored, Y.encodeStateAsUpdate(this.tab));
    this.tab.on('update', (update: Uint8Array) => {
      this.logBytes += update.length;
      this.logUpdates++;
      Y.applyUpdate(this.stored, update);
    });
    this.undo = new Y.UndoManager([cardsMap(this.tab), linksMap(this.tab)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 500,
    });
    this.cards = readBoard(this.tab).cards.map((card) => card.id);
  }

  sizes() {
    return {
      stored: Y.encodeStateAsUpdate(this.stored).length,
      dragger: Y.encodeStateAsUpdate(this.tab).length,
      log: this.logBytes,
      logUpdates: this.logUpdates,
    };
  }

  private point(): Point {
    return { x: prng.real53(this.random) * 3200, y: prng.real53(this.random) * 2000 };
  }

  /**
   * One drag of `cardCount` cards (a selection drag when > 1), as the client writes it: one card
   * writes its position per frame; a selection writes one offset per frame (`dragSelection`, issue
   * #14) and its positions on the drop. 'before-14' is a selection drag written as before #14 (every
   * card's position every frame); 'before-11' a drag as before #11 (position and updatedAt).
   */
  drag(index: number, cardCount: number, scheme: 'now' | 'before-11' | 'before-14'): void {
    const ids = Array.from(
      { length: cardCount },
      (_, offset) => this.cards[(index + offset) % this.cards.length]!,
    );
    this.undo.stopCapturing();
    this.undo.captureTimeout = Number.POSITIVE_INFINITY;
    const start = new Map(ids.map((id) => [id, this.point()]));
    const end = this.point();
    if (scheme === 'now' && ids.length > 1) {
      const anchor = start.get(ids[0]!)!;
      for (let frame = 1; frame <= FRAMES_PER_DRAG; frame++) {
        const t = frame / FRAMES_PER_DRAG;
        const offset = { x: (end.x - anchor.x) * t, y: (end.y - anchor.y) * t };
        dragSelection(this.tab, ids, offset, this.origin);
      }
      const positions = new Map(
        ids.map((id) => {
          const from = start.get(id)!;
          return [id, { x: from.x + end.x - anchor.x, y: from.y + end.y - anchor.y }];
        }),
      );
      dropSelection(this.tab, positions, this.origin, this.now++);
      this.undo.captureTimeout = 500;
      this.undo.stopCapturing();
      return;
    }
    for (let frame = 1; frame <= FRAMES_PER_DRAG; frame++) {
      const t = frame / FRAMES_PER_DRAG;
      this.tab.transact(() => {
        for (const id of ids) {
          const from = start.get(id)!;
          const at = { x: from.x + (end.x - from.x) * t, y: from.y + (end.y - from.y) * t };
          if (scheme === 'now' || scheme === 'before-14') {
            moveCard(this.tab, id, at, { relevel: false, now: this.now++ }, this.origin);
          } else {
            // As before #11: every frame also wrote updatedAt (written here by hand, the
            // operation no longer does it).
            const card = cardsMap(this.tab).get(id)!;
            card.set('position', clampCardPosition(at));
            card.set('updatedAt', this.now++);
          }
        }
      }, this.origin);
    }
    this.tab.transact(() => {
      for (const id of ids)
        moveCard(this.tab, id, end, { relevel: true, now: this.now++ }, this.origin);
    }, this.origin);
    this.undo.captureTimeout = 500;
    this.undo.stopCapturing();
  }

  /** Typing a 20-character title into a card, one keystroke (one transaction) at a time. */
  typeTitle(index: number): void {
    const id = this.cards[index % this.cards.length]!;
    const word = `Keystroke ${index}`.padEnd(20, '.');
    this.undo.stopCapturing();
    for (let length = 1; length <= word.length; length++) {
      editCard(this.tab, id, { title: word.slice(0, length) }, this.origin, this.now++);
    }
  }
}

interface Row {
  workload: string;
  count: number;
  stored: number;
  storedPerItem: number;
  dragger: number;
  draggerPerItem: number;
  logPerItem: number;
  logUpdatesPerItem: number;
}

type Sizes = ReturnType<Workshop['sizes']>;

/** What `count` items of `workload` did between two measurements. */
function row(workload: string, count: number, from: Sizes, to: Sizes): Row {
  return {
    workload,
    count,
    stored: to.stored,
    storedPerItem: (to.stored - from.stored) / count,
    dragger: to.dragger,
    draggerPerItem: (to.dragger - from.dragger) / count,
    logPerItem: (to.log - from.log) / count,
    logUpdatesPerItem: (to.logUpdates - from.logUpdates) / count,
  };
}

function run(workload: string, counts: number[], step: (w: Workshop, index: number) => void) {
  const rows: Row[] = [];
  const workshop = new Workshop();
  const base = workshop.sizes();
  let done = 0;
  for (const count of [...counts].sort((a, b) => a - b)) {
    while (done < count) step(workshop, done++);
    rows.push(row(workload, count, base, workshop.sizes()));
  }
  return { rows, base, workshop };
}

const machine = {
  cpus: cpus().length,
  loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
};
const started = performance.now();
const drags = run('drag (1 card)', DRAG_COUNTS, (w, i) => w.drag(i, 1, 'now'));
const before11 = run('drag (1 card), as before #11', DRAG_COUNTS, (w, i) =>
  w.drag(i, 1, 'before-11'),
);
const selection = run('drag (2 cards at once)', DRAG_COUNTS, (w, i) => w.drag(i, 2, 'now'));
const selection5 = run('drag (5 cards at once)', DRAG_COUNTS, (w, i) => w.drag(i, 5, 'now'));
const selectionBefore14 = run('drag (2 cards at once), as before #14', DRAG_COUNTS, (w, i) =>
  w.drag(i, 2, 'before-14'),
);
const edits = run('title typed (20 keystrokes)', EDIT_COUNTS, (w, i) => w.typeTitle(i));

// Undo: N drags, then undo every one of them (an undo is an ordinary update too).
const undoRows: Row[] = [];
for (const count of DRAG_COUNTS) {
  const workshop = new Workshop();
  for (let index = 0; index < count; index++) workshop.drag(index, 1, 'now');
  const afterDrags = workshop.sizes();
  while (workshop.undo.canUndo()) workshop.undo.undo();
  undoRows.push(row('undo of each drag', count, afterDrags, workshop.sizes()));
}

const rows = [
  ...drags.rows,
  ...before11.rows,
  ...selection.rows,
  ...selection5.rows,
  ...selectionBefore14.rows,
  ...edits.rows,
  ...undoRows,
];
/** Bytes per drag between the last two checkpoints: the steady state, past each card's first. */
const marginal = (list: Row[]) => {
  const [previous, last] = list.slice(-2) as [Row, Row];
  return (last.stored - previous.stored) / (last.count - previous.count);
};
const round = (value: number) => Number(value.toFixed(1));
const summary = {
  template: TEMPLATE,
  templateStoredBytes: drags.base.stored,
  framesPerDrag: FRAMES_PER_DRAG,
  /** A card's first drag also deletes three values written when it was created. */
  firstDragOfACard: round(drags.rows[0]!.storedPerItem),
  bytesPerDrag: round(marginal(drags.rows)),
  bytesPerDragBefore11: round(marginal(before11.rows)),
  ratioToBefore11: Number((marginal(drags.rows) / marginal(before11.rows)).toFixed(4)),
  bytesPerSelectionDrag: round(marginal(selection.rows)),
  /** Per card of the selection: the target (≤ 40 B per card per drag) applies to this. */
  bytesPerCardOfSelectionDrag: round(marginal(selection.rows) / 2),
  bytesPerCardOf5CardDrag: round(marginal(selection5.rows) / 5),
  bytesPerSelectionDragBefore14: round(marginal(selectionBefore14.rows)),
  targetBytesPerDrag: TARGET_BYTES_PER_DRAG,
  withinTarget: marginal(drags.rows) <= TARGET_BYTES_PER_DRAG,
};

const format = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
console.log(`Machine: ${machine.cpus} CPUs, load average ${machine.loadAverage.join(' / ')}`);
console.log(
  `Board: ${TEMPLATE}, ${drags.base.stored} B stored; a drag is ${FRAMES_PER_DRAG} frames + the drop\n`,
);
console.log(
  '| workload | count | stored (B) | stored per item (B) | dragger’s doc per item (B) | log per item (B, updates) |',
);
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.workload} | ${row.count} | ${row.stored} | ${format(row.storedPerItem)} | ${format(row.draggerPerItem)} | ${format(row.logPerItem)} (${format(row.logUpdatesPerItem)}) |`,
  );
}
console.log(
  `\nOne drag: ${summary.bytesPerDrag} B stored (before #11: ${summary.bytesPerDragBefore11} B, ` +
    `ratio ${summary.ratioToBefore11}); a card's first drag ${summary.firstDragOfACard} B; ` +
    `a 2-card drag ${summary.bytesPerSelectionDrag} B (${summary.bytesPerCardOfSelectionDrag} B per card; ` +
    `5 cards: ${summary.bytesPerCardOf5CardDrag} B per card; before #14 ${summary.bytesPerSelectionDragBefore14} B). ` +
    `Target ≤ ${TARGET_BYTES_PER_DRAG} B per card: ` +
    `${summary.withinTarget ? 'met' : 'missed'}. (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);

const out = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../bench/results/history-growth.json',
);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ writtenAt: new Date().toISOString(), machine, summary, rows }, null, 2)}\n`,
);
console.log(`Written ${out}`);
