import {
  addCard,
  cardsMap,
  deleteCard,
  editCard,
  initBoard,
  isInsideTriangle,
  linkCards,
  linksMap,
  metaMap,
  moveCard,
  readBoard,
  unlinkCards,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardReadModel } from './boardReadModel.ts';

function board() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Test', language: 'en' });
  return { doc, store: new BoardReadModel(doc) };
}

describe('BoardReadModel', () => {
  it('[sync/read-model] always equals readBoard, through adds, edits, moves, links and deletes', () => {
    const { doc, store } = board();
    const objective = addCard(doc, { lane: 'objective', title: 'Grow 10% by 2027' });
    const strategy = addCard(doc, { lane: 'strategy', title: 'Retail' });
    const tactic = addCard(doc, { lane: 'tactic', title: 'Trade show' });
    expect(store.snapshot()).toEqual(readBoard(doc));
    const link = linkCards(doc, tactic, strategy);
    linkCards(doc, strategy, objective);
    editCard(doc, strategy, { title: 'Mid-size retail', body: 'why' });
    moveCard(doc, tactic, { x: 1500, y: 700 }, { relevel: true });
    expect(store.snapshot()).toEqual(readBoard(doc));
    if (link.ok) unlinkCards(doc, link.id);
    deleteCard(doc, objective);
    expect(store.snapshot()).toEqual(readBoard(doc));
  });

  it('[sync/read-model] follows updates applied from another doc (a remote participant)', () => {
    const { doc, store } = board();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const id = addCard(remote, { lane: 'plan', title: 'Partner plan', kpi: 'leads' });
    editCard(remote, id, { title: 'Partner plan 2027' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(store.card(id)?.title).toBe('Partner plan 2027');
    expect(store.snapshot()).toEqual(readBoard(doc));
  });

  it('[sync/identity] an unchanged card keeps its object, so its node is not re-rendered', () => {
    const { doc, store } = board();
    const a = addCard(doc, { lane: 'tactic', title: 'A' });
    const b = addCard(doc, { lane: 'tactic', title: 'B' });
    const before = store.card(a);
    moveCard(doc, b, { x: 1400, y: 1700 }, { relevel: false });
    expect(store.card(a)).toBe(before);
    expect(store.card(b)?.position).toEqual(
      readBoard(doc).cards.find((card) => card.id === b)?.position,
    );
  });

  it('[sync/drag] a drag frame (position only) does not ask for a new validation; a lane change does', () => {
    const { doc, store } = board();
    const id = addCard(doc, { lane: 'tactic', title: 'A' });
    const structure = store.structureVersion;
    const version = store.version;
    moveCard(doc, id, { x: 1500, y: 1600 }, { relevel: false });
    expect(store.version).toBeGreaterThan(version);
    expect(store.structureVersion).toBe(structure);
    moveCard(doc, id, { x: 1500, y: 700 }, { relevel: true });
    expect(store.card(id)?.lane).toBe('strategy');
    expect(store.structureVersion).toBeGreaterThan(structure);
    const afterLane = store.structureVersion;
    editCard(doc, id, { title: 'A tactic' });
    expect(store.structureVersion).toBeGreaterThan(afterLane);
  });

  it('[sync/notify] notifies subscribers once per transaction', () => {
    const { doc, store } = board();
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    addCard(doc, { lane: 'tactic', title: 'A' });
    expect(calls).toBe(1);
    unsubscribe();
    addCard(doc, { lane: 'tactic', title: 'B' });
    expect(calls).toBe(1);
  });

  it('[read/hostile-doc] whatever another client wrote, every card reads with a position inside the triangle and the board still reads', () => {
    const { doc, store } = board();
    const id = addCard(doc, { lane: 'plan', title: 'Plan' });
    const positions: unknown[] = [
      { x: Number.NaN, y: 1 },
      { x: 1e12, y: -1e12 },
      { x: Number.POSITIVE_INFINITY, y: 0 },
      { x: '1500', y: '1200' },
      null,
      'a string',
      [1, 2],
    ];
    for (const position of positions) {
      doc.transact(
        () =>
          cardsMap(doc)
            .get(id)!
            .set('position', position as never),
        'stock client',
      );
      const card = store.card(id)!;
      const centre = { x: card.position.x + 100, y: card.position.y + 48 };
      expect(isInsideTriangle(centre), JSON.stringify(position)).toBe(true);
    }
    // Entries that are not cards or links, and meta of the wrong types, are read around.
    doc.transact(() => {
      (cardsMap(doc) as Y.Map<unknown>).set('not-a-card', 'hello');
      (linksMap(doc) as Y.Map<unknown>).set('bad-link', { from: 1, to: null });
      (linksMap(doc) as Y.Map<unknown>).set('string-link', 'x');
      metaMap(doc).set('language', 'klingon');
      metaMap(doc).set('title', { rich: true });
      const card = cardsMap(doc).get(id)!;
      card.set('lane', 'admin');
      card.set('title', 42);
      card.set('kpi', ['x']);
    }, 'stock client');
    const snapshot = store.snapshot();
    expect(snapshot.cards.map((card) => card.id)).toEqual([id]);
    expect(snapshot.cards[0]).toMatchObject({ lane: 'tactic', title: '', kpi: '' });
    expect(snapshot.links).toEqual([]);
    expect(snapshot.meta).toMatchObject({ language: 'fr', title: '' });
  });
});
