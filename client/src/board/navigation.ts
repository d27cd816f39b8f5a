/**
 * Moving between cards with the keyboard, as tldraw does: Tab / Shift+Tab walk the cards in
 * reading order, Ctrl/⌘+arrow jumps to the nearest card in that direction. Pure (positions in,
 * an id out), so it is tested without a browser.
 */
import { type CardSnapshot, cardCentre, LANE_LEVEL } from '@fire-triangle/shared';

/** Cards whose centres are within this many board units of height read as one row. */
const ROW_TOLERANCE = 60;

/**
 * The cards in the order a person reads the triangle: the apex lane first, then down the
 * lanes; within a lane, row by row (top to bottom), each row left to right.
 */
export function readingOrder<T extends Pick<CardSnapshot, 'id' | 'lane' | 'position'>>(
  cards: readonly T[],
): T[] {
  // Rows: down each lane, a card starts a new row when it is lower than the row's first card
  // by more than the tolerance (cards placed by hand are never exactly aligned).
  const byHeight = [...cards].sort(
    (a, b) => LANE_LEVEL[a.lane] - LANE_LEVEL[b.lane] || a.position.y - b.position.y,
  );
  const row = new Map<T, number>();
  let rowIndex = -1;
  let rowTop = Number.NEGATIVE_INFINITY;
  let rowLane: string | null = null;
  for (const card of byHeight) {
    if (card.lane !== rowLane || card.position.y > rowTop + ROW_TOLERANCE) {
      rowIndex++;
      rowTop = card.position.y;
      rowLane = card.lane;
    }
    row.set(card, rowIndex);
  }
  return byHeight.sort(
    (a, b) =>
      row.get(a)! - row.get(b)! ||
      a.position.x - b.position.x ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The card after (`step` 1) or before (-1) `currentId` in reading order; the first (or last)
 * card when nothing is current; null past either end (the focus then leaves the canvas).
 */
export function stepInReadingOrder(
  cards: readonly Pick<CardSnapshot, 'id' | 'lane' | 'position'>[],
  currentId: string | null,
  step: 1 | -1,
): string | null {
  const ordered = readingOrder(cards);
  if (ordered.length === 0) return null;
  const index = currentId ? ordered.findIndex((card) => card.id === currentId) : -1;
  if (index < 0) return (step === 1 ? ordered[0] : ordered[ordered.length - 1])!.id;
  return ordered[index + step]?.id ?? null;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

const AXES: Readonly<Record<Direction, { x: number; y: number }>> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

/**
 * The nearest card from `currentId` in a direction: among the cards whose centre lies ahead
 * (within 60° either side of the direction), the one with the least distance ahead plus twice
 * its distance aside — so "right" prefers the card beside over one far below. Null when none.
 */
export function nearestInDirection(
  cards: readonly Pick<CardSnapshot, 'id' | 'position'>[],
  currentId: string,
  direction: Direction,
): string | null {
  const current = cards.find((card) => card.id === currentId);
  if (!current) return null;
  const from = cardCentre(current.position);
  const axis = AXES[direction];
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const card of cards) {
    if (card.id === currentId) continue;
    const centre = cardCentre(card.position);
    const dx = centre.x - from.x;
    const dy = centre.y - from.y;
    const ahead = dx * axis.x + dy * axis.y;
    const aside = Math.abs(dx * axis.y - dy * axis.x);
    // tan(60°) ≈ 1.73: a card more aside than that is in another direction.
    if (ahead <= 0 || aside > ahead * 1.73) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      bestScore = score;
      best = card.id;
    }
  }
  return best;
}
