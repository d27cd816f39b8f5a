import { describe, expect, it } from 'vitest';
import { board, card, completePlan, link, wellFormedBoard } from '../../test-support/index.ts';
import { cardChain } from './chain.ts';
import { alignmentScore } from './score.ts';

const o1 = card('o1', 'objective', 'Doubler le CA au Québec en 2027');
const o2 = card('o2', 'objective', 'Lancer la gamme en France en 2028');
const s1 = card('s1', 'strategy', 'Pénétrer le marché québécois');
const s2 = card('s2', 'strategy', 'Devenir la marque des PME françaises');
const p1 = completePlan('p1', 'Plan Québec');
const p2 = completePlan('p2', 'Plan France');
const t1 = card('t1', 'tactic', 'Tournée des distributeurs');
const t2 = card('t2', 'tactic', 'Fiche produit');
const t3 = card('t3', 'tactic', 'Démonstrations en magasin');

describe('alignmentScore', () => {
  it('is the share of tactics that reach an objective and of objectives that reach a tactic', () => {
    const snapshot = board(
      [o1, o2, s1, p1, t1, t2, t3],
      [
        link('l1', 's1', 'o1'),
        link('l2', 'p1', 's1'),
        link('l3', 't1', 'p1'),
        link('l4', 't2', 'p1'),
      ],
    );
    expect(alignmentScore(snapshot)).toEqual({
      tacticsAligned: 2,
      tacticsTotal: 3,
      objectivesReached: 1,
      objectivesTotal: 2,
      overall: (2 / 3 + 1 / 2) / 2,
    });
  });

  it('is 1 on a well-formed board and on an empty one; uses only the share that exists', () => {
    expect(alignmentScore(wellFormedBoard()).overall).toBe(1);
    expect(alignmentScore(board([])).overall).toBe(1);
    expect(alignmentScore(board([o1, o2])).overall).toBe(0);
    expect(alignmentScore(board([t1])).overall).toBe(0);
  });

  it('does not count dangling or downward links as paths', () => {
    const dangling = board([o1, t1], [link('l1', 't1', 'gone'), link('l2', 'gone', 'o1')]);
    expect(alignmentScore(dangling)).toMatchObject({ tacticsAligned: 0, objectivesReached: 0 });
    const downward = board([o1, t1], [link('l1', 'o1', 't1')]);
    expect(alignmentScore(downward)).toMatchObject({ tacticsAligned: 0, objectivesReached: 0 });
  });

  it('ends on cycles through same-lane links', () => {
    const snapshot = board(
      [o1, s1, s2, p1, t1],
      [
        link('a', 's1', 's2'),
        link('b', 's2', 's1'), // a reversed duplicate: not a path
        link('c', 'p1', 's1'),
        link('d', 't1', 'p1'),
        link('e', 's2', 'o1'),
      ],
    );
    expect(alignmentScore(snapshot)).toMatchObject({ tacticsAligned: 1, objectivesReached: 1 });
  });
});

describe('cardChain', () => {
  const snapshot = board(
    [o1, o2, s1, s2, p1, p2, t1, t2, t3],
    [
      link('l1', 's1', 'o1'),
      link('l2', 'p1', 's1'),
      link('l3', 't1', 'p1'),
      link('l4', 't2', 'p1'),
      link('l5', 'p1', 's2'), // p1 serves two strategies
      link('l6', 's2', 'o2'),
      link('l7', 't3', 'p2'), // another branch, not in p1's chain
    ],
  );

  it('goes up to the objectives and down to the tactics, with the links on those paths', () => {
    expect(cardChain(snapshot, 'p1')).toEqual({
      up: { cards: ['o1', 'o2', 's1', 's2'], links: ['l1', 'l2', 'l5', 'l6'] },
      down: { cards: ['t1', 't2'], links: ['l3', 'l4'] },
    });
    expect(cardChain(snapshot, 't1')).toEqual({
      up: { cards: ['o1', 'o2', 's1', 's2', 'p1'], links: ['l1', 'l2', 'l3', 'l5', 'l6'] },
      down: { cards: [], links: [] },
    });
    expect(cardChain(snapshot, 'o1')).toEqual({
      up: { cards: [], links: [] },
      down: { cards: ['s1', 'p1', 't1', 't2'], links: ['l1', 'l2', 'l3', 'l4'] },
    });
  });

  it('is empty for an unknown card', () => {
    expect(cardChain(snapshot, 'nope')).toEqual({
      up: { cards: [], links: [] },
      down: { cards: [], links: [] },
    });
  });

  it('ignores dangling, self and downward links', () => {
    const broken = board(
      [s1, p1, t1],
      [
        link('l1', 'p1', 'gone'),
        link('l2', 'p1', 'p1'),
        link('l3', 's1', 't1'),
        link('l4', 't1', 'p1'),
      ],
    );
    expect(cardChain(broken, 'p1')).toEqual({
      up: { cards: [], links: [] },
      down: { cards: ['t1'], links: ['l4'] },
    });
  });

  it('ends on a cycle and never lists the card itself', () => {
    const cycle = board(
      [t1, t2, t3, p1],
      [link('a', 't1', 't2'), link('b', 't2', 't3'), link('c', 't3', 't1'), link('d', 't3', 'p1')],
    );
    expect(cardChain(cycle, 't1')).toEqual({
      up: { cards: ['p1', 't2', 't3'], links: ['a', 'b', 'c', 'd'] },
      down: { cards: ['t2', 't3'], links: ['a', 'b', 'c'] },
    });
  });
});
