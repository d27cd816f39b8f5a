/**
 * Validator benchmark: a full run on a board of 10,000 cards and 15,000 links, and the
 * incremental re-validation after one edit (title edit, move to another lane, link added).
 *
 *   pnpm --filter @fire-triangle/shared bench      (or `pnpm bench` at the repo root)
 *
 * Targets (issue 2): full run ≤ 20 ms median, one-edit re-validation ≤ 1 ms median.
 * Each figure is also printed as a ratio to peers measured in the same process, so machine
 * noise cancels: JSON.stringify of the snapshot, and a minimal "adjacency" pass that only maps
 * ids to indexes and builds the up/down adjacency lists (the least any graph check must do).
 * Results go to bench/results/validator.json at the repo root.
 */
import type { BoardSnapshot, CardSnapshot, LinkSnapshot } from '../src/board/types.ts';
import { alignmentScore, BoardValidator, validateBoard } from '../src/validator/index.ts';
import { cloneBoard } from '../test-support/index.ts';
import { bigBoard } from './big-board.ts';
import { machineAtStart, median, time, writeResults } from './measure.ts';

const FULL_RUNS = 30;
const WARM_UP_RUNS = 5;
const EDIT_RUNS = 200;

function measure(runs: number, run: () => unknown): number {
  for (let i = 0; i < WARM_UP_RUNS; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(time(run));
  return median(samples);
}

/** The peer: map ids to indexes and build up/down adjacency lists, nothing else. */
function adjacencyOnly(board: BoardSnapshot): number {
  const indexById = new Map<string, number>();
  for (const [i, c] of board.cards.entries()) indexById.set(c.id, i);
  const up: number[][] = board.cards.map(() => []);
  const down: number[][] = board.cards.map(() => []);
  for (const l of board.links) {
    const from = indexById.get(l.from);
    const to = indexById.get(l.to);
    if (from === undefined || to === undefined) continue;
    up[from]!.push(to);
    down[to]!.push(from);
  }
  return up.length + down.length;
}

// ---------------------------------------------------------------------------------------------

const board = bigBoard();
const machine = machineAtStart();
console.log(
  `Board: ${board.cards.length} cards, ${board.links.length} links; ` +
    `${validateBoard(board).length} findings; score ${alignmentScore(board).overall.toFixed(3)}`,
);

// The full run and its peers, interleaved round by round so that a burst of load hits all three
// alike; the ratios printed for the full run are the medians of the per-round ratios.
const fullRounds = { stringify: [] as number[], adjacency: [] as number[], full: [] as number[] };
for (let round = 0; round < WARM_UP_RUNS + FULL_RUNS; round++) {
  const stringify = time(() => JSON.stringify(board));
  const adjacency = time(() => adjacencyOnly(board));
  const validation = time(() => validateBoard(board));
  if (round < WARM_UP_RUNS) continue;
  fullRounds.stringify.push(stringify);
  fullRounds.adjacency.push(adjacency);
  fullRounds.full.push(validation);
}
const peerStringify = median(fullRounds.stringify);
const peerAdjacency = median(fullRounds.adjacency);
const full = median(fullRounds.full);
const fullRatios = {
  stringify: median(fullRounds.full.map((ms, i) => ms / fullRounds.stringify[i]!)),
  adjacency: median(fullRounds.full.map((ms, i) => ms / fullRounds.adjacency[i]!)),
};

/** A primed validator, and the median time of `update` after `edit` (each edit then undone). */
function measureEdit(edit: (snapshot: BoardSnapshot, n: number) => BoardSnapshot): number {
  const validator = new BoardValidator();
  validator.update(board);
  const samples: number[] = [];
  for (let n = 0; n < WARM_UP_RUNS + EDIT_RUNS; n++) {
    const edited = edit(board, n);
    const elapsed = time(() => validator.update(edited));
    validator.update(board); // undo, untimed
    if (n >= WARM_UP_RUNS) samples.push(elapsed);
  }
  // Check while we are here: the incremental result is the full result.
  const last = edit(board, 0);
  validator.update(last);
  if (JSON.stringify(validator.update(last)) !== JSON.stringify(validateBoard(last))) {
    throw new Error('incremental result differs from a full run');
  }
  return median(samples);
}

const withCard = (
  snapshot: BoardSnapshot,
  n: number,
  change: (c: CardSnapshot) => CardSnapshot,
) => {
  const index = Math.floor(((n * 2_654_435_761) >>> 0) % snapshot.cards.length);
  const cards = snapshot.cards.slice();
  cards[index] = change(cards[index]!);
  return { ...snapshot, cards };
};

const titleEdit = measureEdit((snapshot, n) =>
  withCard(snapshot, n, (c) => ({ ...c, title: `${c.title} (révisé)` })),
);
const laneMove = measureEdit((snapshot, n) =>
  withCard(snapshot, n, (c) => ({ ...c, lane: c.lane === 'tactic' ? 'plan' : 'tactic' })),
);
const linkAdded = measureEdit((snapshot, n) => {
  const from = snapshot.cards[(n * 31) % snapshot.cards.length]!.id;
  const to = snapshot.cards[(n * 17 + 5) % snapshot.cards.length]!.id;
  const added: LinkSnapshot = { id: `l_new_${n}`, from, to };
  const at = snapshot.links.findIndex((l) => l.id > added.id);
  const links = snapshot.links.slice();
  links.splice(at === -1 ? links.length : at, 0, added);
  return { ...snapshot, links };
});
const noChange = measureEdit((snapshot) => snapshot);
// Without structural sharing: every object new, as if the whole board were re-read.
const fresh = cloneBoard(board);
const titleEditFresh = (() => {
  const validator = new BoardValidator();
  validator.update(board);
  const edited = withCard(fresh, 1, (c) => ({ ...c, title: `${c.title} (révisé)` }));
  return (
    measure(20, () => {
      validator.update(edited);
      validator.update(board);
    }) / 2
  );
})();

interface Row {
  name: string;
  ms: number;
  target?: number;
  /** Ratios measured round by round (the full run); otherwise ms ÷ the peers' medians. */
  ratios?: { stringify: number; adjacency: number };
}

const rows: Row[] = [
  { name: 'peer: JSON.stringify(snapshot)', ms: peerStringify },
  { name: 'peer: id map + adjacency lists', ms: peerAdjacency },
  { name: 'validateBoard (full run)', ms: full, target: 20, ratios: fullRatios },
  { name: 'update after a title edit', ms: titleEdit, target: 1 },
  { name: 'update after a move to another lane', ms: laneMove, target: 1 },
  { name: 'update after a link added', ms: linkAdded, target: 1 },
  { name: 'update with no change', ms: noChange },
  { name: 'update after a title edit, all objects new', ms: titleEditFresh },
];

const ratiosOf = (row: Row) =>
  row.ratios ?? { stringify: row.ms / peerStringify, adjacency: row.ms / peerAdjacency };
const pad = (text: string, width: number) => text.padEnd(width);
const lpad = (text: string, width: number) => text.padStart(width);
console.log(
  `\n${pad('measure (median)', 46)}${lpad('ms', 9)}${lpad('× JSON', 9)}${lpad('× adjacency', 13)}${lpad('target', 9)}`,
);
for (const row of rows) {
  const verdict =
    row.target === undefined
      ? ''
      : row.ms <= row.target
        ? ` ≤ ${row.target} ok`
        : ` > ${row.target} MISSED`;
  const ratios = ratiosOf(row);
  console.log(
    `${pad(row.name, 46)}${lpad(row.ms.toFixed(3), 9)}${lpad(ratios.stringify.toFixed(2), 9)}${lpad(
      ratios.adjacency.toFixed(2),
      13,
    )}${verdict ? lpad(verdict, 9) : ''}`,
  );
}

writeResults('validator', machine, {
  board: {
    cards: board.cards.length,
    links: board.links.length,
    findings: validateBoard(board).length,
  },
  runs: { full: FULL_RUNS, edits: EDIT_RUNS, warmUp: WARM_UP_RUNS },
  results: rows.map((row) => ({
    name: row.name,
    medianMs: row.ms,
    ratioToJsonStringify: ratiosOf(row).stringify,
    ratioToAdjacency: ratiosOf(row).adjacency,
    targetMs: row.target ?? null,
    met: row.target === undefined ? null : row.ms <= row.target,
  })),
});
