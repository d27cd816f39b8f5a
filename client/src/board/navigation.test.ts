import { applyTemplate, type CardSnapshot, readBoard, TEMPLATES } from '@fire-triangle/shared';
import { card } from '@fire-triangle/shared/test-support';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nearestInDirection, readingOrder, stepInReadingOrder } from './navigation.ts';
import { searchCards } from './search.ts';

const at = (
  id: string,
  lane: CardSnapshot['lane'],
  x: number,
  y: number,
  fields: Partial<CardSnapshot> = {},
) => card(id, lane, fields.title ?? '', { ...fields, position: { x, y } });

describe('keyboard navigation', () => {
  const cards = [
    at('t2', 'tactic', 1700, 1700),
    at('t1', 'tactic', 1450, 1710),
    at('o', 'objective', 1500, 400),
    at('s', 'strategy', 1500, 700),
    at('t3', 'tactic', 1000, 1850),
  ];

  it('[nav/reading-order] apex lane first, then row by row, left to right', () => {
    expect(readingOrder(cards).map((c) => c.id)).toEqual(['o', 's', 't1', 't2', 't3']);
  });

  it('[nav/tab] Tab walks forward, Shift+Tab back; past either end is null (the focus leaves)', () => {
    expect(stepInReadingOrder(cards, null, 1)).toBe('o');
    expect(stepInReadingOrder(cards, null, -1)).toBe('t3');
    expect(stepInReadingOrder(cards, 's', 1)).toBe('t1');
    expect(stepInReadingOrder(cards, 's', -1)).toBe('o');
    expect(stepInReadingOrder(cards, 't3', 1)).toBeNull();
    expect(stepInReadingOrder(cards, 'o', -1)).toBeNull();
    expect(stepInReadingOrder([], null, 1)).toBeNull();
  });

  it('[nav/direction] Ctrl+arrow goes to the nearest card that way, preferring the one in line', () => {
    expect(nearestInDirection(cards, 't1', 'right')).toBe('t2');
    expect(nearestInDirection(cards, 't2', 'left')).toBe('t1');
    expect(nearestInDirection(cards, 't1', 'up')).toBe('s');
    expect(nearestInDirection(cards, 's', 'up')).toBe('o');
    expect(nearestInDirection(cards, 'o', 'up')).toBeNull();
    expect(nearestInDirection(cards, 's', 'down')).toBe('t1');
    expect(nearestInDirection(cards, 'missing', 'down')).toBeNull();
  });

  it('[nav/template] Tab visits every card of a template once', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, TEMPLATES[0]!.id);
    const board = readBoard(doc).cards;
    const visited: string[] = [];
    for (let id = stepInReadingOrder(board, null, 1); id; id = stepInReadingOrder(board, id, 1)) {
      visited.push(id);
    }
    expect(new Set(visited).size).toBe(board.length);
    expect(visited).toHaveLength(board.length);
  });
});

describe('search', () => {
  const cards = [
    at('a', 'tactic', 1300, 1700, { title: 'Salon professionnel à Montréal' }),
    at('b', 'plan', 1400, 1200, { title: 'Plan réseau', kpi: '20 revendeurs', owner: 'Élise' }),
    at('c', 'strategy', 1500, 700, { title: 'Focus', body: 'Réseau de revendeurs au Québec' }),
    at('d', 'plan', 1700, 1200, { title: 'Other', dueDate: '2027-06-30', budget: '40 k€' }),
  ];

  it('[search/fields] finds text in the title, body and plan fields, ignoring case and accents, in reading order', () => {
    expect(searchCards(cards, 'reseau').map((r) => r.id)).toEqual(['c', 'b']);
    expect(searchCards(cards, 'MONTREAL')).toEqual([{ id: 'a', fields: ['title'] }]);
    expect(searchCards(cards, 'elise')).toEqual([{ id: 'b', fields: ['owner'] }]);
    expect(searchCards(cards, 'revendeurs')).toEqual([
      { id: 'c', fields: ['body'] },
      { id: 'b', fields: ['kpi'] },
    ]);
    expect(searchCards(cards, '2027-06').map((r) => r.id)).toEqual(['d']);
    expect(searchCards(cards, '40 k€').map((r) => r.id)).toEqual(['d']);
  });

  it('[search/words] every word must match somewhere in the card; an empty query finds nothing', () => {
    expect(searchCards(cards, 'réseau québec').map((r) => r.id)).toEqual(['c']);
    expect(searchCards(cards, 'plan élise').map((r) => r.id)).toEqual(['b']);
    expect(searchCards(cards, 'plan montreal')).toEqual([]);
    expect(searchCards(cards, '   ')).toEqual([]);
  });
});
