import { describe, expect, it } from 'vitest';
import { board, card, link, wellFormedBoard } from '../../test-support/boards.ts';
import { CARD_CONTENT_FIELDS, changeCounts, diffBoards, isEmptyDiff } from './board-diff.ts';

describe('diffBoards', () => {
  it('[history/diff] a board against itself is empty', () => {
    const diff = diffBoards(wellFormedBoard(), wellFormedBoard());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(changeCounts(diff)).toEqual({
      cardsAdded: 0,
      cardsRemoved: 0,
      cardsMoved: 0,
      textsChanged: 0,
      cardsChanged: 0,
      linksAdded: 0,
      linksRemoved: 0,
    });
  });

  it('[history/diff] cards added, removed, moved between lanes, retitled; links; settings', () => {
    const before = board(
      [
        card('a', 'tactic', 'Newsletter'),
        card('b', 'strategy', 'Focus on SMEs'),
        card('c', 'plan', 'Plan', { kpi: 'CAC' }),
        card('gone', 'tactic', 'Trade shows'),
      ],
      [link('l1', 'a', 'b'), link('l2', 'gone', 'c')],
      { title: 'Q3' },
    );
    const after = board(
      [
        card('a', 'strategy', 'Newsletter'),
        card('b', 'strategy', 'Focus on small firms'),
        card('c', 'plan', 'Plan', { kpi: 'CAC < 40 €', position: { x: 10, y: 20 } }),
        card('new', 'objective', 'Grow 15 %'),
      ],
      [link('l1', 'a', 'b'), link('l3', 'b', 'new')],
      { title: 'Q3 strategy' },
    );
    const diff = diffBoards(before, after);
    expect(diff.added.map((entry) => entry.id)).toEqual(['new']);
    expect(diff.removed.map((entry) => entry.id)).toEqual(['gone']);
    expect(diff.changed.map((entry) => [entry.id, entry.fields])).toEqual([
      ['a', ['lane']],
      ['b', ['title']],
      ['c', ['position', 'kpi']],
    ]);
    expect(diff.linksAdded.map((entry) => entry.id)).toEqual(['l3']);
    expect(diff.linksRemoved.map((entry) => entry.id)).toEqual(['l2']);
    expect(diff.settings).toEqual(['title']);
    expect(changeCounts(diff)).toEqual({
      cardsAdded: 1,
      cardsRemoved: 1,
      cardsMoved: 1,
      textsChanged: 2,
      cardsChanged: 3,
      linksAdded: 1,
      linksRemoved: 1,
    });
  });

  it('[history/diff] author and times are bookkeeping, not content', () => {
    expect(CARD_CONTENT_FIELDS).not.toContain('author');
    expect(CARD_CONTENT_FIELDS).not.toContain('updatedAt');
    expect(CARD_CONTENT_FIELDS).toContain('position');
    const diff = diffBoards(
      board([card('a', 'tactic', 'x', { updatedAt: 1, author: 'Ana' })]),
      board([card('a', 'tactic', 'x', { updatedAt: 2, author: 'Bruno' })]),
    );
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('[history/diff] a link id whose ends changed counts as removed and added', () => {
    const diff = diffBoards(
      board([card('a', 'tactic'), card('b', 'plan'), card('c', 'plan')], [link('l', 'a', 'b')]),
      board([card('a', 'tactic'), card('b', 'plan'), card('c', 'plan')], [link('l', 'a', 'c')]),
    );
    expect(diff.linksAdded).toEqual([link('l', 'a', 'c')]);
    expect(diff.linksRemoved).toEqual([link('l', 'a', 'b')]);
  });
});
