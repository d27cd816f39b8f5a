import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { LANES } from '../board/lanes.ts';
import {
  cardPositionCentredOn,
  centroid,
  GHOST_OFFSET,
  GHOST_SIZE,
  ghostPosition,
  lostLinkEnds,
  spotInLane,
} from './placement.ts';
import {
  CARD_SIZE,
  cardCentre,
  clampCardToLane,
  isInsideTriangle,
  laneOfCardAt,
  TRIANGLE,
} from './triangle.ts';

describe('placement', () => {
  it('[geometry/spot-in-lane] a new card’s spot is in its lane, whatever the random numbers', () => {
    const gen = prng.create(8);
    const randoms = [() => 0, () => 0.999_999, () => 0.5, () => prng.real53(gen)];
    for (const lane of LANES) {
      for (const random of randoms) {
        for (let i = 0; i < 50; i++) {
          const spot = spotInLane(lane, random);
          expect(laneOfCardAt(spot)).toBe(lane);
          // What addCard stores: clamped into the triangle and the lane, still the same lane.
          expect(laneOfCardAt(clampCardToLane(spot, lane))).toBe(lane);
        }
      }
    }
  });

  it('[geometry/spot-in-lane] the middle of the random range is the middle of the band', () => {
    expect(spotInLane('tactic', () => 0.5)).toEqual({ x: 1500, y: 1702 });
    expect(cardCentre(spotInLane('strategy', () => 0.5))).toEqual({ x: 1600, y: 750 });
  });

  it('[geometry/centred-on] a card placed at a point is centred on it', () => {
    const point = { x: 1234.5, y: 987 };
    expect(cardCentre(cardPositionCentredOn(point))).toEqual(point);
    expect(cardPositionCentredOn({ x: 1600, y: 1750 })).toEqual({ x: 1500, y: 1702 });
  });

  it('[geometry/centroid] the mean of the points; null for none', () => {
    expect(centroid([])).toBeNull();
    expect(centroid([{ x: 10, y: 20 }])).toEqual({ x: 10, y: 20 });
    expect(
      centroid([
        { x: 0, y: 0 },
        { x: 100, y: 50 },
      ]),
    ).toEqual({ x: 50, y: 25 });
  });

  it('[geometry/ghost] a missing served end is drawn above the card, a missing serving end below', () => {
    const card = { x: 1000, y: 1200 };
    const above = ghostPosition(card, 'to');
    const below = ghostPosition(card, 'from');
    expect(above).toEqual({ x: 1000 + CARD_SIZE.width / 2 - GHOST_SIZE / 2, y: 1200 - 150 });
    expect(below.y).toBe(1200 + CARD_SIZE.height + GHOST_OFFSET);
    // Both centred horizontally on the card.
    expect(above.x + GHOST_SIZE / 2).toBe(cardCentre(card).x);
    expect(below.x).toBe(above.x);
  });

  it('[geometry/lost-link] the ends of links whose cards are both gone sit apart, in view, outside the triangle', () => {
    const corners = Array.from({ length: 16 }, (_, index) => lostLinkEnds(index));
    const squares = corners.flatMap(({ from, to }) => [from, to]);
    for (const square of squares) {
      for (const corner of [square, { x: square.x + GHOST_SIZE, y: square.y + GHOST_SIZE }]) {
        expect(isInsideTriangle(corner)).toBe(false);
        expect(corner.x).toBeGreaterThanOrEqual(0);
        expect(corner.x).toBeLessThanOrEqual(TRIANGLE.width);
        expect(corner.y).toBeGreaterThanOrEqual(0);
        expect(corner.y).toBeLessThanOrEqual(TRIANGLE.height);
      }
    }
    // No two ghosts overlap; each link's served end is drawn above its serving end.
    for (let i = 0; i < squares.length; i++) {
      for (let j = i + 1; j < squares.length; j++) {
        const apart =
          Math.abs(squares[i]!.x - squares[j]!.x) >= GHOST_SIZE ||
          Math.abs(squares[i]!.y - squares[j]!.y) >= GHOST_SIZE;
        expect(apart).toBe(true);
      }
    }
    for (const { from, to } of corners) expect(to.y).toBeLessThan(from.y);
  });
});
