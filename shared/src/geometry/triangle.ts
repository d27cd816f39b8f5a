import { LANES, type Lane } from '../board/lanes.ts';
import type { Point } from '../board/types.ts';

/**
 * The board's frame: an upward triangle, apex at (WIDTH / 2, 0), base from (0, HEIGHT) to
 * (WIDTH, HEIGHT), cut into four horizontal bands of equal height — objective at the apex,
 * tactic at the wide base. Client, server and CLI all use these numbers, so a card dropped at
 * a point is in the same lane for everyone.
 */
export const TRIANGLE = { width: 3200, height: 2000 } as const;

/** Every card has the same footprint; its `position` is its top-left corner. */
export const CARD_SIZE = { width: 200, height: 96 } as const;

export const LANE_HEIGHT = TRIANGLE.height / LANES.length;

/** A horizontal band of the triangle: its y range and the polygon drawn for it. */
export interface LaneBand {
  lane: Lane;
  top: number;
  bottom: number;
  /** Clockwise polygon: a triangle for the apex lane, trapezoids below. */
  polygon: Point[];
}

/** Half the triangle's width at height `y` (0 at the apex). */
export function halfWidthAt(y: number): number {
  const clampedY = Math.min(Math.max(y, 0), TRIANGLE.height);
  return (clampedY / TRIANGLE.height) * (TRIANGLE.width / 2);
}

function bandPolygon(top: number, bottom: number): Point[] {
  const centreX = TRIANGLE.width / 2;
  const topHalf = halfWidthAt(top);
  const bottomHalf = halfWidthAt(bottom);
  const bottomEdge = [
    { x: centreX + bottomHalf, y: bottom },
    { x: centreX - bottomHalf, y: bottom },
  ];
  if (topHalf === 0) return [{ x: centreX, y: top }, ...bottomEdge];
  return [{ x: centreX - topHalf, y: top }, { x: centreX + topHalf, y: top }, ...bottomEdge];
}

/** The four bands, apex first. */
export const LANE_BANDS: readonly LaneBand[] = LANES.map((lane, index) => {
  const top = index * LANE_HEIGHT;
  const bottom = top + LANE_HEIGHT;
  return { lane, top, bottom, polygon: bandPolygon(top, bottom) };
});

export function laneBand(lane: Lane): LaneBand {
  return LANE_BANDS[LANES.indexOf(lane)]!;
}

/**
 * The lane a point is in, by its height alone (a point left or right of the triangle still
 * belongs to the band at its height, so a drop just outside the edge re-levels as expected).
 * @example laneAt({ x: 1600, y: 1900 }) // 'tactic'
 */
export function laneAt(point: Point): Lane {
  const index = Math.floor(point.y / LANE_HEIGHT);
  return LANES[Math.min(Math.max(index, 0), LANES.length - 1)]!;
}

/** Where a card's centre is, given its top-left position. */
export function cardCentre(position: Point): Point {
  return { x: position.x + CARD_SIZE.width / 2, y: position.y + CARD_SIZE.height / 2 };
}

/** The lane a card at this top-left position belongs to (decided by its centre). */
export function laneOfCardAt(position: Point): Lane {
  return laneAt(cardCentre(position));
}

/**
 * Rounding slack for the edge test: `1600 - (1600 - 362.4)` is 362.4000000000001 in floating
 * point, so a card clamped exactly onto a side would otherwise test as outside by 1e-13.
 */
const EDGE_TOLERANCE = 1e-6;

export function isInsideTriangle(point: Point): boolean {
  if (point.y < -EDGE_TOLERANCE || point.y > TRIANGLE.height + EDGE_TOLERANCE) return false;
  return Math.abs(point.x - TRIANGLE.width / 2) <= halfWidthAt(point.y) + EDGE_TOLERANCE;
}

/** The smallest y where a whole card fits between the triangle's sides. */
const MIN_CARD_TOP = (CARD_SIZE.width / TRIANGLE.width) * TRIANGLE.height;

/**
 * Moves a card's top-left position the least distance needed for the whole card to sit inside
 * the triangle. The card's top edge is its narrowest fit (the triangle widens downward), so
 * fitting the top corners fits the card.
 */
export function clampCardPosition(position: Point): Point {
  const x0 = Number.isFinite(position.x) ? position.x : TRIANGLE.width / 2;
  const y0 = Number.isFinite(position.y) ? position.y : TRIANGLE.height / 2;
  const y = Math.min(Math.max(y0, MIN_CARD_TOP), TRIANGLE.height - CARD_SIZE.height);
  const half = halfWidthAt(y);
  const minX = TRIANGLE.width / 2 - half;
  const maxX = TRIANGLE.width / 2 + half - CARD_SIZE.width;
  return { x: Math.min(Math.max(x0, minX), maxX), y };
}

/**
 * Clamps a card inside the triangle *and* inside one lane's band, for placing a new card in a
 * chosen lane. The apex band is too narrow near its tip, so the card sits at its bottom part.
 */
export function clampCardToLane(position: Point, lane: Lane): Point {
  const band = laneBand(lane);
  // Keep the card's centre inside the band so laneOfCardAt agrees with `lane`.
  const minTop = band.top - CARD_SIZE.height / 2 + 1;
  const maxTop = band.bottom - CARD_SIZE.height / 2 - 1;
  const y = Math.min(Math.max(position.y, minTop), maxTop);
  const clamped = clampCardPosition({ x: position.x, y });
  if (laneOfCardAt(clamped) === lane) return clamped;
  // Only the apex band can push a card down past its bottom; settle it just above the border.
  return clampCardPosition({ x: clamped.x, y: maxTop });
}

/** A default spot for a new card in a lane: the band's horizontal centre, low in the band. */
export function defaultCardPosition(lane: Lane): Point {
  const band = laneBand(lane);
  return clampCardToLane(
    { x: TRIANGLE.width / 2 - CARD_SIZE.width / 2, y: band.bottom - CARD_SIZE.height - 24 },
    lane,
  );
}
