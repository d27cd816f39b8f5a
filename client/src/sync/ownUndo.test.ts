import {
  addCard,
  cardsMap,
  editCard,
  exportBoardJson,
  IMPORT_MARKER_KEY,
  initBoard,
  linkCards,
  linksMap,
  metaMap,
  moveCard,
  readBoard,
  readMeta,
  replaceBoard,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OwnUndo } from './ownUndo.ts';

/** Delivers each doc's missing updates to the other (a round of the sync protocol). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

/** Alice (with her undo) and Bob on one board. */
function twoPeople() {
  const alice = new Y.Doc();
  const bob = new Y.Doc();
  initBoard(alice, { title: 'Q3', language: 'en' }, 'server');
  exchange(alice, bob);
  const origin = { who: 'alice' };
  const undo = new OwnUndo(alice, origin, { captureTimeout: 0 });
  return { alice, bob, origin, undo };
}

describe('OwnUndo', () => {
  it('[undo/keeps-others-work] undoing a card others have since filled and linked to keeps the card with their content, and says who', () => {
    const { alice, bob, origin, undo } = twoPeople();
    const plan = addCard(alice, { lane: 'plan', id: 'plan' }, origin);
    exchange(alice, bob);
    // Bob types the title, KPI and owner, and links his tactic to the plan.
    editCard(bob, plan, { title: 'Retail partner plan', kpi: 'leads/month', owner: 'Bob' }, 'bob');
    const tactic = addCard(bob, { lane: 'tactic', id: 'tactic', title: 'Trade show' }, 'bob');
    const link = linkCards(bob, tactic, plan, 'bob');
    expect(link.ok).toBe(true);
    exchange(alice, bob);

    const outcome = undo.undo();
    expect(outcome?.kept).toEqual([{ cardId: plan, by: [bob.clientID] }]);
    exchange(alice, bob);
    for (const doc of [alice, bob]) {
      const board = readBoard(doc);
      const kept = board.cards.find((card) => card.id === plan);
      expect(kept).toMatchObject({
        lane: 'plan',
        title: 'Retail partner plan',
        kpi: 'leads/month',
        owner: 'Bob',
      });
      expect(board.links).toHaveLength(1);
    }
  });

  it('[undo/keeps-others-work] a link alone from someone else keeps the card; a card only this user touched is removed', () => {
    const { alice, bob, origin, undo } = twoPeople();
    const strategy = addCard(alice, { lane: 'strategy', id: 'strategy' }, origin);
    const objective = addCard(alice, { lane: 'objective', id: 'objective' }, origin);
    exchange(alice, bob);
    linkCards(bob, strategy, objective, 'bob');
    exchange(alice, bob);
    // The objective was added last: undoing it keeps it (Bob's link), then the strategy too.
    expect(undo.undo()?.kept.map((kept) => kept.cardId)).toEqual([objective]);
    expect(undo.undo()?.kept.map((kept) => kept.cardId)).toEqual([strategy]);
    expect(readBoard(alice).cards).toHaveLength(2);
    // Without anyone else, undo removes what this user added, as before.
    const alone = addCard(alice, { lane: 'tactic', id: 'alone' }, origin);
    editCard(alice, alone, { title: 'Mine only' }, origin);
    const outcome = undo.undo();
    expect(outcome).toMatchObject({ changed: true, kept: [] });
    expect(cardsMap(alice).has(alone)).toBe(true);
    undo.undo();
    expect(cardsMap(alice).has(alone)).toBe(false);
  });

  it('[undo/one-step] a step whose every change others have since overwritten is consumed alone, never the step before it', () => {
    const { alice, bob, origin, undo } = twoPeople();
    const card = addCard(
      alice,
      { lane: 'tactic', id: 'card', position: { x: 1500, y: 1700 } },
      origin,
    );
    moveCard(alice, card, { x: 1200, y: 1700 }, { relevel: true }, origin);
    exchange(alice, bob);
    // Bob moves the same card afterwards: Alice's move has nothing left to undo.
    moveCard(bob, card, { x: 1800, y: 1750 }, { relevel: true }, 'bob');
    exchange(alice, bob);
    const outcome = undo.undo();
    expect(outcome).toEqual({ changed: false, kept: [], overwrittenBy: [bob.clientID] });
    // The card is still there (the stock UndoManager would have gone on to undo its creation).
    expect(cardsMap(alice).has(card)).toBe(true);
    expect(readBoard(alice).cards[0]?.position).toEqual({ x: 1800, y: 1750 });
    expect(undo.canUndo()).toBe(true);
  });

  it('[undo/own-only] undo reverts this user’s own text and leaves the text others typed in the same card', () => {
    const { alice, bob, origin, undo } = twoPeople();
    const card = addCard(alice, { lane: 'strategy', id: 'card', title: 'Focus' }, 'server');
    exchange(alice, bob);
    editCard(alice, card, { title: 'Focus on retail' }, origin);
    exchange(alice, bob);
    editCard(bob, card, { title: 'Our Focus on retail' }, 'bob');
    exchange(alice, bob);
    undo.undo();
    exchange(alice, bob);
    expect(readBoard(bob).cards[0]?.title).toBe('Our Focus');
  });

  it('[undo/import-whole] one undo reverts an import whole — cards, links, title, language and the import marker', () => {
    const { alice, bob, origin, undo } = twoPeople();
    addCard(bob, { lane: 'objective', id: 'before', title: 'Grow revenue' }, 'bob');
    exchange(alice, bob);
    const before = exportBoardJson(alice);
    const metaBefore = readMeta(alice);
    replaceBoard(
      alice,
      {
        meta: { title: 'Imported', language: 'fr', focusLimit: 5 },
        cards: readBoard(alice).cards.map((card) => ({
          ...card,
          id: 'imported',
          title: 'Nouveau',
        })),
        links: [],
      },
      origin,
    );
    exchange(alice, bob);
    expect(readMeta(bob)).toMatchObject({ title: 'Imported', language: 'fr', focusLimit: 5 });
    const outcome = undo.undo();
    expect(outcome).toMatchObject({ changed: true, kept: [] });
    exchange(alice, bob);
    for (const doc of [alice, bob]) {
      expect(readMeta(doc)).toEqual(metaBefore);
      expect(exportBoardJson(doc)).toBe(before);
      expect(metaMap(doc).has(IMPORT_MARKER_KEY)).toBe(false);
    }
  });

  it('[undo/meta-scope] with meta in scope, others’ settings are never undone and a card edit is still one step', () => {
    const { alice, bob, origin, undo } = twoPeople();
    const card = addCard(alice, { lane: 'plan', id: 'plan' }, origin);
    exchange(alice, bob);
    bob.getMap('meta').set('title', 'Renamed by Bob');
    exchange(alice, bob);
    editCard(alice, card, { kpi: 'CAC' }, origin);
    undo.undo();
    expect(readBoard(alice).cards[0]?.kpi).toBe('');
    expect(readMeta(alice).title).toBe('Renamed by Bob');
    undo.undo();
    expect(cardsMap(alice).size).toBe(0);
    expect(readMeta(alice).title).toBe('Renamed by Bob');
    expect(undo.canUndo()).toBe(false);
    undo.redo();
    expect(cardsMap(alice).size).toBe(1);
  });

  it('[undo/history-events] listeners hear every change of canUndo/canRedo and read the true value', () => {
    const { alice, origin, undo } = twoPeople();
    addCard(alice, { lane: 'tactic', id: 'a' }, origin);
    addCard(alice, { lane: 'tactic', id: 'b' }, origin);
    const seen: [boolean, boolean][] = [];
    undo.subscribe(() => seen.push([undo.canUndo(), undo.canRedo()]));
    undo.undo();
    // The older step is still there when listeners look (it is set aside during the undo).
    expect(seen.at(-1)).toEqual([true, true]);
    undo.undo();
    expect(seen.at(-1)).toEqual([false, true]);
    expect(linksMap(alice).size).toBe(0);
  });
});
