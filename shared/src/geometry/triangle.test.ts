import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test-support/index.ts';
import { LANES } from '../board/lanes.ts';
import type { Point } from '../board/types.ts';
import {
  CARD_SIZE,
  cardCentre,
  clampCardPosition,
  clampCardToLane,
  defaultCardPosition,
  halfWidthAt,
  isInsideTriangle,
  LANE_BANDS,
  LANE_HEIGHT,
  laneAt,
  laneBand,
  laneOfCardAt,
  TRIANGLE,
} from './triangle.ts';

/** A seeded stream of points, many far outside the triangle, plus the awkward numbers. */
function testPoints(count: number, seed = 1): Point[] {
  const next = seededRandom(seed);
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    points.push({ x: next() * 8000 - 2400, y: next() * 5000 - 1500 });
  }
  const awkward = [0, -0, 125, 1904, TRIANGLE.width, TRIANGLE.height, 1e12, -1e12, Number.NaN];
  for (const x of [...awkward, Number.POSITIVE_INFINITY]) {
    for (const y of [...awkward, Number.NEGATIVE_INFINITY]) points.push({ x, y });
  }
  return points;
}

function corners(position: Point): Point[] {
  const { width, height } = CARD_SIZE;
  return [
    position,
    { x: position.x + width, y: position.y },
    { x: position.x, y: position.y + height },
    { x: position.x + width, y: position.y + height },
  ];
}

describe('geometry: lanes', () => {
  it('[geometry/bands] four bands of equal height, apex first, stacked without gaps', () => {
    expect(LANE_BANDS.map((band) => band.lane)).toEqual([...LANES]);
    LANE_BANDS.forEach((band, index) => {
      expect(band.top).toBe(index * LANE_HEIGHT);
      expect(band.bottom).toBe(band.top + LANE_HEIGHT);
      expect(laneBand(band.lane)).toBe(band);
    });
    expect(LANE_BANDS.at(-1)!.bottom).toBe(TRIANGLE.height);
    expect(LANE_BANDS[0]!.polygon).toHaveLength(3);
    for (const band of LANE_BANDS.slice(1)) expect(band.polygon).toHaveLength(4);
    // Every polygon vertex lies on the triangle's outline.
    for (const band of LANE_BANDS) {
      for (const vertex of band.polygon) {
        expect(Math.abs(vertex.x - TRIANGLE.width / 2)).toBeCloseTo(halfWidthAt(vertex.y), 9);
      }
    }
  });

  it('[geometry/lane-at] a point belongs to the band at its height, edges going to the lower band', () => {
    expect(laneAt({ x: 1600, y: 10 })).toBe('objective');
    expect(laneAt({ x: 1600, y: 499.9 })).toBe('objective');
    expect(laneAt({ x: 1600, y: 500 })).toBe('strategy');
    expect(laneAt({ x: 1600, y: 1000 })).toBe('plan');
    expect(laneAt({ x: 1600, y: 1499 })).toBe('plan');
    expect(laneAt({ x: 1600, y: 1500 })).toBe('tactic');
    expect(laneAt({ x: 1600, y: 2000 })).toBe('tactic');
    // Outside the triangle, the height still decides (a drop just past the edge re-levels).
    expect(laneAt({ x: -300, y: 700 })).toBe('strategy');
    expect(laneAt({ x: 1600, y: -50 })).toBe('objective');
    expect(laneAt({ x: 1600, y: 9000 })).toBe('tactic');
  });

  it('[geometry/lane-at] laneOfCardAt decides by the card centre', () => {
    expect(cardCentre({ x: 0, y: 0 })).toEqual({ x: 100, y: 48 });
    expect(laneOfCardAt({ x: 1500, y: 500 - 48 - 1 })).toBe('objective');
    expect(laneOfCardAt({ x: 1500, y: 500 - 48 })).toBe('strategy');
  });

  it('[geometry/inside] isInsideTriangle follows the two sides and the base', () => {
    expect(isInsideTriangle({ x: 1600, y: 0 })).toBe(true);
    expect(isInsideTriangle({ x: 0, y: 2000 })).toBe(true);
    expect(isInsideTriangle({ x: 3200, y: 2000 })).toBe(true);
    expect(isInsideTriangle({ x: 800, y: 999 })).toBe(false);
    expect(isInsideTriangle({ x: 800, y: 1001 })).toBe(true);
    expect(isInsideTriangle({ x: 1600, y: -1 })).toBe(false);
    expect(isInsideTriangle({ x: 1600, y: 2001 })).toBe(false);
  });
});

describe('geometry: clamping', () => {
  const points = testPoints(3000);

  it('[geometry/clamp] every corner of a clamped card is inside the triangle (3,000 seeded points and the awkward ones)', () => {
    for (const point of points) {
      const clamped = clampCardPosition(point);
      expect(Number.isFinite(clamped.x) && Number.isFinite(clamped.y)).toBe(true);
      for (const corner of corners(clamped)) {
        expect(
          isInsideTriangle(corner),
          `${JSON.stringify(point)} → ${JSON.stringify(clamped)}`,
        ).toBe(true);
      }
    }
  });

  it('[geometry/clamp] clamping is idempotent and leaves a card already inside where it is', () => {
    for (const point of points) {
      const once = clampCardPosition(point);
      expect(clampCardPosition(once)).toEqual(once);
    }
    expect(clampCardPosition({ x: 1500, y: 1200 })).toEqual({ x: 1500, y: 1200 });
  });

  it('[geometry/clamp-lane] clamping into a lane keeps the card inside the triangle and in that lane', () => {
    for (const lane of LANES) {
      for (const point of points.slice(0, 800)) {
        const clamped = clampCardToLane(point, lane);
        expect(laneOfCardAt(clamped), `${lane} ${JSON.stringify(point)}`).toBe(lane);
        for (const corner of corners(clamped)) expect(isInsideTriangle(corner)).toBe(true);
      }
    }
  });

  it('[geometry/default-position] the default spot of each lane is in that lane, centred', () => {
    for (const lane of LANES) {
      const position = defaultCardPosition(lane);
      expect(laneOfCardAt(position)).toBe(lane);
      expect(cardCentre(position).x).toBe(TRIANGLE.width / 2);
      for (const corner of corners(position)) expect(isInsideTriangle(corner)).toBe(true);
    }
  });
});
