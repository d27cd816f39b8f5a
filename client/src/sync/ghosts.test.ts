import { GHOST_SIZE, type LinkSnapshot, lostLinkEnds } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { ghostEnds, ghostId, isGhost, linkCentre } from './ghosts.ts';

const cards = new Map([
  ['a', { x: 1000, y: 1200 }],
  ['b', { x: 1400, y: 700 }],
]);
const cardAt = (id: string) => cards.get(id);

describe('ghosts', () => {
  it('[ghost/both-ends] a link whose two cards are gone gets two ghosts in the lost-links corner; one missing end, one ghost', () => {
    const links: LinkSnapshot[] = [
      { id: 'l1', from: 'a', to: 'b' },
      { id: 'l2', from: 'a', to: 'gone' },
      { id: 'l3', from: 'gone', to: 'also-gone' },
      { id: 'l4', from: 'x', to: 'y' },
    ];
    const ends = ghostEnds(links, cardAt);
    expect(ends.has('l1')).toBe(false);
    expect(Object.keys(ends.get('l2')!)).toEqual(['to']);
    expect(ends.get('l3')).toEqual(lostLinkEnds(0));
    expect(ends.get('l4')).toEqual(lostLinkEnds(1));
    // Every link can be found on the board.
    for (const link of links) expect(linkCentre(link, cardAt, ends)).not.toBeNull();
    const lost = lostLinkEnds(0);
    expect(linkCentre(links[2]!, cardAt, ends)).toEqual({
      x: lost.from.x + GHOST_SIZE / 2,
      y: (lost.from.y + lost.to.y) / 2 + GHOST_SIZE / 2,
    });
    expect(ghostId('l3', 'from')).toBe('ghost:from:l3');
    expect(isGhost(ghostId('l3', 'to'))).toBe(true);
    expect(isGhost('c_1')).toBe(false);
  });
});
