/**
 * Where things go on the triangle when no one dragged them there: a new card in a lane, a card
 * centred on the pointer, the drawn end of a link whose card was deleted. Board coordinates
 * throughout (the triangle's frame, y down); a card's position is its top-left corner.
 */
import type { Lane } from '../board/lanes.ts';
import type { Point } from '../board/types.ts';
import {
  CARD_SIZE,
  clampCardToLane,
  halfWidthAt,
  LANE_HEIGHT,
  laneBand,
  TRIANGLE,
} from './triangle.ts';

/** How far (board units) a new card in a lane may land above or below the band's middle. */
const LANE_JITTER = 60;
/** The share of the triangle's width at a height that a new card may land in (off the edges). */
const LANE_SPREAD = 0.8;

/**
 * A spot for a new card in a lane when no pointer says where: somewhere along the band, near its
 * middle height, so cards added one after another do not stack exactly. The card's centre stays
 * in `lane` (the band is 500 high; the jitter is ±30). Unclamped: `addCard` clamps.
 * @param random a number in [0, 1) per call (Math.random by default; tests pass a seeded one)
 * @example spotInLane('tactic', () => 0.5) // { x: 1500, y: 1702 }: the tactic band's middle
 */
export function spotInLane(lane: Lane, random: () => number = Math.random): Point {
  const band = laneBand(lane);
  const y = band.top + LANE_HEIGHT / 2 - CARD_SIZE.height / 2 + (random() - 0.5) * LANE_JITTER;
  const half = halfWidthAt(y) * LANE_SPREAD;
  const x = TRIANGLE.width / 2 - half + random() * Math.max(0, 2 * half - CARD_SIZE.width);
  return { x, y };
}

/**
 * The top-left position that puts a card's centre on `point` (the inverse of `cardCentre`): a
 * card created where the pointer is appears under it.
 * @example cardPositionCentredOn({ x: 1600, y: 1750 }) // { x: 1500, y: 1702 }
 */
export function cardPositionCentredOn(point: Point): Point {
  return { x: point.x - CARD_SIZE.width / 2, y: point.y - CARD_SIZE.height / 2 };
}

/** The mean of some points (e.g. the centres of a link's ends), or null for none. */
export function centroid(points: readonly Point[]): Point | null {
  if (points.length === 0) return null;
  let x = 0;
  let y = 0;
  for (const point of points) {
    x += point.x;
    y += point.y;
  }
  return { x: x / points.length, y: y / points.length };
}

/** The square drawn for the missing end of a dangling link (board units). */
export const GHOST_SIZE = 36;
/** How far from the card that still exists the missing end is drawn (board units). */
export const GHOST_OFFSET = 150;

/**
 * Where to draw the missing end of a link whose other card was deleted (a real merge result,
 * `link/dangling`): straight above the card when the missing end is the one it serves (`to`, a
 * higher level), straight below when the missing end is the one serving it (`from`) — so the
 * broken link keeps the direction of the board.
 * @param cardPosition the top-left of the card that still exists
 * @returns the ghost's top-left (it is `GHOST_SIZE` square)
 */
export function ghostPosition(cardPosition: Point, missing: 'from' | 'to'): Point {
  return {
    x: cardPosition.x + CARD_SIZE.width / 2 - GHOST_SIZE / 2,
    y:
      missing === 'to'
        ? cardPosition.y - GHOST_OFFSET
        : cardPosition.y + CARD_SIZE.height + GHOST_OFFSET,
  };
}

// ---------------------------------------------------------------------------------------------
// Free spots: a new or pasted card never lands on top of another (issue #14).

/** Space kept between a placed card and its neighbours (board units). */
export const CARD_GAP = 16;
/** How far (in grid steps) the search for a free spot goes around the wished-for spot. */
const SEARCH_RINGS = 14;
/** Grid step of the search: half a card plus the gap, so a card can slip between two others. */
const STEP = { x: CARD_SIZE.width / 2 + CARD_GAP / 2, y: CARD_SIZE.height / 2 + CARD_GAP / 2 };

/** Board area two cards at these top-left positions share, counting the gap as theirs. */
function overlapArea(a: Point, b: Point): number {
  const width = Math.min(a.x, b.x) + CARD_SIZE.width + CARD_GAP - Math.max(a.x, b.x);
  const height = Math.min(a.y, b.y) + CARD_SIZE.height + CARD_GAP - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** Total overlap of a card at `spot` with `occupied` cards (0 = a free spot). */
function crowding(spot: Point, occupied: readonly Point[]): number {
  let area = 0;
  for (const other of occupied) area += overlapArea(spot, other);
  return area;
}

/**
 * The free spot nearest to `wished` for a new card in `lane`: inside the triangle, its centre in
 * the lane, and at least `CARD_GAP` from every card in `occupied` (top-left positions). Searched
 * on a grid of half-card steps in rings around the wished-for spot; when the lane is full there,
 * the least crowded spot found. A position, ready for `addCard` (already clamped).
 * @param wished a top-left position (e.g. `cardPositionCentredOn(pointer)`)
 * @example freeSpotInLane('tactic', { x: 1500, y: 1702 }, [{ x: 1500, y: 1702 }]) // beside it
 */
export function freeSpotInLane(lane: Lane, wished: Point, occupied: readonly Point[]): Point {
  const start = clampCardToLane(wished, lane);
  // Only cards that can touch the band matter; a big board has thousands elsewhere.
  const band = laneBand(lane);
  const near = occupied.filter(
    (other) =>
      other.y + CARD_SIZE.height + CARD_GAP > band.top - CARD_SIZE.height &&
      other.y - CARD_GAP < band.bottom,
  );
  let best = start;
  let bestCrowding = crowding(start, near);
  if (bestCrowding === 0) return start;
  const seen = new Set<string>();
  for (let ring = 1; ring <= SEARCH_RINGS; ring++) {
    // The ring's candidates, nearest first.
    const candidates: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: start.x + i * STEP.x, y: start.y + j * STEP.y });
      }
    }
    candidates.sort(
      (a, b) => Math.hypot(a.x - start.x, a.y - start.y) - Math.hypot(b.x - start.x, b.y - start.y),
    );
    for (const candidate of candidates) {
      const spot = clampCardToLane(candidate, lane);
      const key = `${Math.round(spot.x)},${Math.round(spot.y)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const value = crowding(spot, near);
      if (value === 0) return spot;
      if (value < bestCrowding) {
        best = spot;
        bestCrowding = value;
      }
    }
  }
  return best;
}

/**
 * Where cards pasted as a group go: their own positions moved by the smallest step `k × (24, 24)`
 * (k = 0, 1, 2…) that puts none of them on a card in `occupied` — so a paste into another board
 * lands where the cards were, and a paste or a duplicate on the same board lands just below and
 * to the right of the originals, as in every drawing tool. Returns the offset to add.
 */
export function pasteOffset(positions: readonly Point[], occupied: readonly Point[]): Point {
  const STEP_PASTE = 24;
  for (let k = 0; k < 40; k++) {
    const offset = { x: k * STEP_PASTE, y: k * STEP_PASTE };
    const free = positions.every(
      (position) =>
        crowding({ x: position.x + offset.x, y: position.y + offset.y }, occupied) === 0,
    );
    if (free) return offset;
  }
  return { x: STEP_PASTE, y: STEP_PASTE };
}

/** Lost links drawn per column in the corner (`lostLinkEnds`). */
const LOST_LINKS_PER_COLUMN = 4;

/**
 * Where to draw the two ends of a link whose cards are BOTH gone (each deleted while someone,
 * offline, linked them): side by side in the empty corner left of the triangle's apex, `to`
 * above `from`, one pair per slot, so the link can still be seen, selected and deleted.
 * @param index the link's place among the lost links (0, 1, …) in a stable order (by id)
 * @returns the two ghosts' top-left corners (each `GHOST_SIZE` square)
 * @example lostLinkEnds(0) // { to: { x: 120, y: 120 }, from: { x: 120, y: 270 } }
 */
export function lostLinkEnds(index: number): { from: Point; to: Point } {
  const column = Math.floor(index / LOST_LINKS_PER_COLUMN);
  const row = index % LOST_LINKS_PER_COLUMN;
  const x = 120 + column * 2 * GHOST_SIZE * 2;
  const y = 120 + row * (GHOST_OFFSET + GHOST_SIZE * 3);
  return { to: { x, y }, from: { x, y: y + GHOST_OFFSET } };
}
