import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { LANES } from '../board/lanes.ts';
import {
  CARD_GAP,
  cardPositionCentredOn,
  centroid,
  freeSpotInLane,
  GHOST_OFFSET,
  GHOST_SIZE,
  ghostPosition,
  lostLinkEnds,
  pasteOffset,
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

/** Whether two cards (top-left positions) are closer than the gap on both axes. */
function tooClose(a: { x: number; y: number }, b: { x: number; y: number }): boolean {
  return (
    Math.abs(a.x - b.x) < CARD_SIZE.width + CARD_GAP - 1e-9 &&
    Math.abs(a.y - b.y) < CARD_SIZE.height + CARD_GAP - 1e-9
  );
}

function insideWhole(spot: { x: number; y: number }): boolean {
  return (
    isInsideTriangle(spot) &&
    isInsideTriangle({ x: spot.x + CARD_SIZE.width, y: spot.y }) &&
    isInsideTriangle({ x: spot.x, y: spot.y + CARD_SIZE.height })
  );
}

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

  it('[geometry/free-spot] a new card never lands on another: cards added one after another at one spot of each lane', () => {
    // The apex band is a small triangle: five objectives fit in it without touching.
    const counts = { objective: 5, strategy: 12, plan: 12, tactic: 12 };
    for (const lane of LANES) {
      const occupied: { x: number; y: number }[] = [];
      const wished = spotInLane(lane, () => 0.5);
      for (let i = 0; i < counts[lane]; i++) {
        const spot = freeSpotInLane(lane, wished, occupied);
        expect(laneOfCardAt(spot), `${lane} #${i}`).toBe(lane);
        expect(insideWhole(spot), `${lane} #${i}`).toBe(true);
        for (const other of occupied) expect(tooClose(spot, other), `${lane} #${i}`).toBe(false);
        occupied.push(spot);
      }
    }
  });

  it('[geometry/free-spot] four objectives fit the apex lane side by side, none on another', () => {
    const occupied: { x: number; y: number }[] = [];
    for (let i = 0; i < 4; i++) {
      occupied.push(
        freeSpotInLane(
          'objective',
          spotInLane('objective', () => 0.5),
          occupied,
        ),
      );
    }
    for (const [index, spot] of occupied.entries()) {
      for (const other of occupied.slice(index + 1)) expect(tooClose(spot, other)).toBe(false);
    }
  });

  it('[geometry/free-spot] a free wished-for spot is kept; a taken one moves to the nearest free spot', () => {
    const wished = { x: 1500, y: 1702 };
    expect(freeSpotInLane('tactic', wished, [])).toEqual(wished);
    const moved = freeSpotInLane('tactic', wished, [wished]);
    expect(tooClose(moved, wished)).toBe(false);
    // Nearest: one card width and a gap away at most, not across the board.
    expect(Math.hypot(moved.x - wished.x, moved.y - wished.y)).toBeLessThanOrEqual(
      CARD_SIZE.width + CARD_GAP + 1,
    );
  });

  it('[geometry/free-spot] a lane full around the spot still gives a spot in the lane (the least crowded)', () => {
    const occupied: { x: number; y: number }[] = [];
    for (let x = 0; x < 3200; x += 40)
      for (let y = 1500; y < 2000; y += 40) occupied.push({ x, y });
    const spot = freeSpotInLane('tactic', { x: 1500, y: 1700 }, occupied);
    expect(laneOfCardAt(spot)).toBe('tactic');
  });

  it('[geometry/paste-offset] pasted cards land where they were when free, else one step down-right at a time', () => {
    const group = [
      { x: 1400, y: 1600 },
      { x: 1700, y: 1600 },
    ];
    expect(pasteOffset(group, [])).toEqual({ x: 0, y: 0 });
    // Five steps: 120 is the first multiple of 24 past a card's height and the gap (112).
    expect(pasteOffset(group, group)).toEqual({ x: 120, y: 120 });
    const offset = pasteOffset(group, group);
    for (const position of group) {
      const pasted = { x: position.x + offset.x, y: position.y + offset.y };
      for (const other of group) expect(tooClose(pasted, other)).toBe(false);
    }
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
