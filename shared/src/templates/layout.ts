/**
 * Lays a template's cards out in the triangle: one row per lane, centred, evenly spaced, each
 * card clamped into its lane's band so `laneOfCardAt(position)` agrees with its lane. Rows that
 * would not fit in a band's width wrap onto a second row lower in the band.
 */
import type { Lane } from '../board/lanes.ts';
import type { Point } from '../board/types.ts';
import {
  CARD_SIZE,
  clampCardToLane,
  halfWidthAt,
  laneBand,
  TRIANGLE,
} from '../geometry/triangle.ts';

/** Horizontal space between two cards of a row. */
const GAP = 40;

/**
 * Where the row of a lane sits: low in the band, where the triangle is widest. The apex band
 * is a narrow triangle, so its cards sit just above its bottom edge.
 */
function rowTop(lane: Lane, row: number): number {
  const band = laneBand(lane);
  const firstRow = lane === 'objective' ? band.bottom - CARD_SIZE.height - 24 : band.top + 120;
  return firstRow + row * (CARD_SIZE.height + 32);
}

/** How many cards fit side by side at height `top` (the card's narrowest edge is its top). */
function capacityAt(top: number): number {
  const width = 2 * halfWidthAt(top) - 2 * GAP;
  return Math.max(1, Math.floor((width + GAP) / (CARD_SIZE.width + GAP)));
}

/** Top-left positions for `count` cards in `lane`, left to right, row by row. */
export function laneRow(lane: Lane, count: number): Point[] {
  const positions: Point[] = [];
  let row = 0;
  while (positions.length < count) {
    const top = rowTop(lane, row);
    const inRow = Math.min(capacityAt(top), count - positions.length);
    const rowWidth = inRow * CARD_SIZE.width + (inRow - 1) * GAP;
    const left = TRIANGLE.width / 2 - rowWidth / 2;
    for (let i = 0; i < inRow; i++) {
      positions.push(clampCardToLane({ x: left + i * (CARD_SIZE.width + GAP), y: top }, lane));
    }
    row++;
  }
  return positions;
}
