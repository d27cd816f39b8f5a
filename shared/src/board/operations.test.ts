import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { laneBand, laneOfCardAt } from '../geometry/triangle.ts';
import { LIMITS } from '../limits.ts';
import {
  cardsMap,
  dragsMap,
  IMPORT_MARKER_KEY,
  linksMap,
  META_KEYS,
  metaMap,
  readBoard,
  readDrags,
  SCHEMA_VERSION,
} from './doc.ts';
import { LANE_COLOURS } from './lanes.ts';
import { BoardVersionError } from './migrations.ts';
import {
  addCard,
  deleteCard,
  dragSelection,
  dropSelection,
  editCard,
  endSelectionDrag,
  getCardMap,
  initBoard,
  linkCards,
  moveCard,
  newId,
  pasteCards,
  replaceBoard,
  restoreCard,
  unlinkCards,
} from './operations.ts';
import type { BoardSnapshot } from './types.ts';

function board(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  initBoard(doc, { title: 'Board', language: 'en' });
  return doc;
}

/** Counts the update events (one per transaction that changed something) and their origins. */
function recordUpdates(doc: Y.Doc): { origins: unknown[] } {
  const record = { origins: [] as unknown[] };
  doc.on('update', (_update: Uint8Array, origin: unknown) => record.origins.push(origin));
  return record;
}

function sync(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

/** A point whose card centre lies in the middle of `lane`'s band. */
function dropPointIn(lane: Parameters<typeof laneBand>[0], dx = 0) {
  const band = laneBand(lane);
  return { x: 1500 + dx, y: (band.top + band.bottom) / 2 - 48 };
}

describe('operations: one transaction each', () => {
  it('[model/one-transaction] add, edit, move, link, unlink, delete each emit exactly one update with the given origin', () => {
    const doc = board();
    const record = recordUpdates(doc);
    const origin = { user: 'ana' };
    const tactic = addCard(doc, { lane: 'tactic', title: 'Trade show' }, origin);
    const plan = addCard(
      doc,
      { lane: 'plan', title: 'Plan', kpi: 'Leads', owner: 'Ana', budget: '5 k€' },
      origin,
    );
    expect(record.origins).toHaveLength(2);
    editCard(doc, tactic, { title: 'Trade shows', body: 'Q3', colour: '#000000' }, origin);
    expect(record.origins).toHaveLength(3);
    moveCard(doc, tactic, dropPointIn('plan'), { relevel: true }, origin);
    expect(record.origins).toHaveLength(4);
    const link = linkCards(doc, tactic, plan, origin);
    expect(link.ok).toBe(true);
    expect(record.origins).toHaveLength(5);
    unlinkCards(doc, link.ok ? link.id : '', origin);
    expect(record.origins).toHaveLength(6);
    deleteCard(doc, tactic, origin);
    expect(record.origins).toHaveLength(7);
    expect(record.origins.every((seen) => seen === origin)).toBe(true);
  });

  it('[model/one-transaction] an edit that changes nothing emits nothing and keeps updatedAt', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'plan', title: 'Plan', kpi: 'CA', now: 5 });
    const record = recordUpdates(doc);
    expect(editCard(doc, id, { title: 'Plan', kpi: 'CA' }, null, 99)).toBe(true);
    expect(record.origins).toHaveLength(0);
    expect(readBoard(doc).cards[0]!.updatedAt).toBe(5);
    editCard(doc, id, { kpi: 'Revenue' }, null, 99);
    expect(readBoard(doc).cards[0]).toMatchObject({ kpi: 'Revenue', updatedAt: 99 });
  });

  it('[model/add] a new card gets defaults, its lane colour and a position inside its lane', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'strategy', position: { x: -400, y: 1900 }, now: 7 });
    expect(id).toMatch(/^c_[0-9a-f]{16}$/);
    const card = readBoard(doc).cards[0]!;
    expect(card).toMatchObject({
      lane: 'strategy',
      title: '',
      colour: LANE_COLOURS.strategy,
      createdAt: 7,
      updatedAt: 7,
      dueDate: '',
    });
    expect(laneOfCardAt(card.position)).toBe('strategy');
    expect(getCardMap(doc, id)?.get('title')).toBeInstanceOf(Y.Text);
  });

  it('[model/edit] editing a deleted card returns false and changes nothing', () => {
    const doc = board();
    const record = recordUpdates(doc);
    expect(editCard(doc, 'c_gone', { title: 'x' })).toBe(false);
    expect(moveCard(doc, 'c_gone', { x: 1, y: 1 })).toBeNull();
    expect(deleteCard(doc, 'c_gone')).toBe(false);
    expect(unlinkCards(doc, 'l_gone')).toBe(false);
    expect(record.origins).toHaveLength(0);
  });

  it('[model/ids] new ids are prefixed and distinct', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newId('l')));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^l_[0-9a-f]{16}$/);
  });
});

describe('operations: delete', () => {
  it('[model/delete-links] removes every link touching the card in the same transaction, keeps the others', () => {
    const doc = board();
    const objective = addCard(doc, { lane: 'objective' });
    const strategy = addCard(doc, { lane: 'strategy' });
    const plan = addCard(doc, { lane: 'plan' });
    const tactic = addCard(doc, { lane: 'tactic' });
    linkCards(doc, strategy, objective);
    linkCards(doc, plan, strategy);
    linkCards(doc, tactic, plan);
    const seen: { cards: number; links: number }[] = [];
    doc.on('afterTransaction', () =>
      seen.push({ cards: cardsMap(doc).size, links: linksMap(doc).size }),
    );
    expect(deleteCard(doc, plan)).toBe(true);
    // One transaction: nobody ever observes the card gone with its links still there.
    expect(seen).toEqual([{ cards: 3, links: 1 }]);
    expect(readBoard(doc).links.map((link) => [link.from, link.to])).toEqual([
      [strategy, objective],
    ]);
  });
});

describe('operations: link', () => {
  it('[model/link-orientation] `from` is the lower level whichever end the user started from', () => {
    const doc = board();
    const objective = addCard(doc, { lane: 'objective' });
    const tactic = addCard(doc, { lane: 'tactic' });
    const plan = addCard(doc, { lane: 'plan' });
    const upward = linkCards(doc, tactic, plan);
    const downward = linkCards(doc, objective, tactic);
    expect(upward).toMatchObject({ ok: true, from: tactic, to: plan });
    expect(downward).toMatchObject({ ok: true, from: tactic, to: objective });
    const stored = readBoard(doc).links.find((link) => link.id === (downward.ok && downward.id));
    expect(stored).toMatchObject({ from: tactic, to: objective });
  });

  it('[model/link-orientation] two cards in one lane keep the order given', () => {
    const doc = board();
    const a = addCard(doc, { lane: 'plan' });
    const b = addCard(doc, { lane: 'plan' });
    expect(linkCards(doc, b, a)).toMatchObject({ ok: true, from: b, to: a });
  });

  it('[model/link-refuse] refuses a self link, a duplicate in either direction and a missing card, writing nothing', () => {
    const doc = board();
    const a = addCard(doc, { lane: 'strategy' });
    const b = addCard(doc, { lane: 'objective' });
    expect(linkCards(doc, a, b).ok).toBe(true);
    const record = recordUpdates(doc);
    expect(linkCards(doc, a, a)).toEqual({ ok: false, reason: 'self' });
    expect(linkCards(doc, a, b)).toEqual({ ok: false, reason: 'duplicate' });
    expect(linkCards(doc, b, a)).toEqual({ ok: false, reason: 'duplicate' });
    expect(linkCards(doc, a, 'c_gone')).toEqual({ ok: false, reason: 'missing-card' });
    expect(record.origins).toHaveLength(0);
    expect(linksMap(doc).size).toBe(1);
  });
});

describe('operations: move', () => {
  it('[model/move-relevel] a drop in another lane re-levels the card', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'tactic' });
    expect(moveCard(doc, id, dropPointIn('strategy'), { relevel: true })).toBe('strategy');
    expect(readBoard(doc).cards[0]!.lane).toBe('strategy');
  });

  it('[model/move-relevel] while dragging only the position changes; the lane waits for the drop', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'tactic' });
    expect(moveCard(doc, id, dropPointIn('objective'), { relevel: false })).toBe('tactic');
    const dragged = readBoard(doc).cards[0]!;
    expect(dragged.lane).toBe('tactic');
    expect(laneOfCardAt(dragged.position)).toBe('objective');
    expect(moveCard(doc, id, dragged.position)).toBe('objective'); // relevel defaults to true
  });

  it('[model/move-clamp] a drop outside the triangle lands inside it', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'plan' });
    moveCard(doc, id, { x: -1000, y: 5000 });
    const card = readBoard(doc).cards[0]!;
    expect(card.position.y).toBeLessThanOrEqual(2000 - 96);
    expect(card.position.x).toBeGreaterThanOrEqual(0);
    expect(card.lane).toBe('tactic');
  });

  it('[model/move-race] concurrent drops of one card: lane and position always come from the same drop', () => {
    // One user nudges the card within its lane while another drops it in another lane. Before
    // the fix the nudge wrote only the position, so the merge could keep the nudge's position
    // with the other drop's lane. Both client-id orders are tried (Yjs breaks ties by id).
    for (const [first, second] of [
      [1, 2],
      [2, 1],
    ] as const) {
      const a = board(first);
      const b = new Y.Doc();
      b.clientID = second;
      const id = addCard(a, { lane: 'plan', position: dropPointIn('plan') });
      sync(a, b);
      moveCard(a, id, dropPointIn('plan', -200));
      moveCard(b, id, dropPointIn('tactic', 300));
      sync(a, b);
      for (const doc of [a, b]) {
        const card = readBoard(doc).cards[0]!;
        expect(laneOfCardAt(card.position), `clients ${first}/${second}`).toBe(card.lane);
      }
      expect(readBoard(a)).toEqual(readBoard(b));
    }
  });
});

describe('operations: limits', () => {
  it('[model/limits] add and edit cut text to the limits of the one table (a 575-character title is stored as 500)', () => {
    const doc = board();
    const id = addCard(doc, { lane: 'plan', title: 'x'.repeat(575), kpi: 'k'.repeat(600) });
    expect(readBoard(doc).cards[0]!.title).toHaveLength(LIMITS.cardTitleLength);
    expect(readBoard(doc).cards[0]!.kpi).toHaveLength(LIMITS.cardFieldLength);
    editCard(doc, id, { body: 'b'.repeat(LIMITS.cardBodyLength + 5), owner: '🔥'.repeat(501) });
    const card = readBoard(doc).cards[0]!;
    expect(card.body).toHaveLength(LIMITS.cardBodyLength);
    expect([...card.owner]).toHaveLength(LIMITS.cardFieldLength);
  });
});

describe('operations: replaceBoard', () => {
  const next: Pick<BoardSnapshot, 'cards' | 'links'> & {
    meta: { title: string; language: 'fr' | 'en'; focusLimit: number };
  } = {
    meta: { title: 'Imported', language: 'fr', focusLimit: 5 },
    cards: [],
    links: [{ id: 'l-ghost', from: 'a', to: 'b' }],
  };

  function withCards(): Y.Doc {
    const doc = board();
    const a = addCard(doc, { id: 'a', lane: 'tactic', title: 'old' });
    const b = addCard(doc, { id: 'b', lane: 'plan' });
    linkCards(doc, a, b, null, 'l-old');
    return doc;
  }

  it('[model/replace-board] replaces meta, cards and links in one transaction with the given origin and writes the import marker', () => {
    const doc = withCards();
    const record = recordUpdates(doc);
    const origin = { kind: 'import' };
    replaceBoard(doc, next, origin, 1234);
    expect(record.origins).toEqual([origin]);
    const after = readBoard(doc);
    expect(after.meta).toEqual({
      title: 'Imported',
      language: 'fr',
      focusLimit: 5,
      schemaVersion: SCHEMA_VERSION,
    });
    expect(after.cards).toEqual([]);
    expect(after.links).toEqual(next.links);
    expect(metaMap(doc).get(IMPORT_MARKER_KEY)).toBe(1234);
  });

  it('[model/replace-board] writes the layout version only into a doc that lacks it (on a live board it is the server’s key)', () => {
    const live = withCards();
    const keys: string[] = [];
    metaMap(live).observe((event) => keys.push(...event.keysChanged));
    replaceBoard(live, next);
    expect(keys.sort()).toEqual(
      [META_KEYS.title, META_KEYS.language, META_KEYS.focusLimit, IMPORT_MARKER_KEY].sort(),
    );
    const fresh = new Y.Doc();
    replaceBoard(fresh, next);
    expect(metaMap(fresh).get(META_KEYS.schemaVersion)).toBe(SCHEMA_VERSION);
  });

  it('[model/replace-board] one undo of the importer brings back the whole board, meta included', () => {
    const doc = withCards();
    const before = readBoard(doc);
    const origin = { kind: 'importer' };
    const undo = new Y.UndoManager([metaMap(doc), cardsMap(doc), linksMap(doc)], {
      trackedOrigins: new Set([origin]),
    });
    replaceBoard(doc, next, origin);
    expect(readBoard(doc).meta.title).toBe('Imported');
    undo.undo();
    expect(readBoard(doc)).toEqual(before);
    expect(metaMap(doc).has(IMPORT_MARKER_KEY)).toBe(false);
  });

  it('[model/replace-board] refuses a doc written by a newer Fire Triangle and changes nothing', () => {
    const doc = withCards();
    metaMap(doc).set(META_KEYS.schemaVersion, SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    expect(() => replaceBoard(doc, next)).toThrow(BoardVersionError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('[model/selection-drag] a selection drag writes one offset per frame; peers read it; the drop writes the positions and ends the drag in one transaction', () => {
    const a = board(1);
    const b = board(2);
    const one = addCard(a, { lane: 'tactic', position: { x: 1300, y: 1700 } });
    const two = addCard(a, { lane: 'tactic', position: { x: 1600, y: 1700 } });
    sync(a, b);
    const record = recordUpdates(a);
    dragSelection(a, [one, two], { x: 10, y: -5 }, 'tab');
    dragSelection(a, [one, two], { x: 40, y: -600 }, 'tab');
    expect(record.origins).toEqual(['tab', 'tab']);
    sync(a, b);
    expect(readDrags(b).get(1)).toEqual({ cards: [one, two], offset: { x: 40, y: -600 } });
    // Positions are untouched while dragging; the board (and its export) does not see the drag.
    expect(readBoard(b).cards.map((card) => card.position.y)).toEqual([1700, 1700]);
    dropSelection(
      a,
      new Map([
        [one, { x: 1340, y: 1100 }],
        [two, { x: 1640, y: 1100 }],
      ]),
      'tab',
    );
    expect(record.origins).toHaveLength(3);
    sync(a, b);
    expect(readDrags(b).size).toBe(0);
    expect(readBoard(b).cards.map((card) => card.lane)).toEqual(['plan', 'plan']);
  });

  it('[model/selection-drag] malformed drag entries from another client are skipped; ending a drag twice is harmless', () => {
    const doc = board();
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      dragsMap(doc).set('not-a-client', bad);
      const noOffset = new Y.Map<unknown>();
      dragsMap(doc).set('7', noOffset);
      noOffset.set('cards', ['c_1']);
    });
    expect(readDrags(doc).size).toBe(0);
    endSelectionDrag(doc);
    endSelectionDrag(doc);
    expect(dragsMap(doc).size).toBe(2);
  });

  it('[model/paste] pasted cards get new ids, keep lane, text and plan fields, move by the offset; links between pasted cards follow', () => {
    const source = board(1);
    const plan = addCard(source, {
      lane: 'plan',
      title: 'Partner plan',
      kpi: '20 resellers',
      owner: 'Fatima',
      dueDate: '2027-06-30',
      budget: '40 k€',
      position: { x: 1400, y: 1200 },
    });
    const tactic = addCard(source, { lane: 'tactic', title: 'Trade show' });
    const other = addCard(source, { lane: 'strategy', title: 'Not copied' });
    linkCards(source, tactic, plan);
    linkCards(source, plan, other);
    const copied = readBoard(source);
    const clip = {
      cards: copied.cards.filter((card) => card.id !== other),
      links: copied.links,
    };
    const target = board(2);
    const record = recordUpdates(target);
    const ids = pasteCards(target, clip, { offset: { x: 24, y: 24 }, author: 'Bob', now: 5 }, 'p');
    expect(record.origins).toEqual(['p']);
    const pasted = readBoard(target);
    expect(pasted.cards).toHaveLength(2);
    const newPlan = pasted.cards.find((card) => card.id === ids.get(plan))!;
    expect(newPlan).toMatchObject({
      lane: 'plan',
      title: 'Partner plan',
      kpi: '20 resellers',
      owner: 'Fatima',
      dueDate: '2027-06-30',
      budget: '40 k€',
      author: 'Bob',
      createdAt: 5,
      position: { x: 1424, y: 1224 },
    });
    expect(ids.get(plan)).not.toBe(plan);
    // Only the link with both ends pasted, with a new id, same direction.
    expect(pasted.links).toHaveLength(1);
    expect(pasted.links[0]).toMatchObject({ from: ids.get(tactic), to: ids.get(plan) });
    expect(pasted.links[0]!.id).not.toBe(copied.links[0]!.id);
    // Pasting again on the same board gives other new ids.
    const again = pasteCards(target, clip, { offset: { x: 48, y: 48 }, author: 'Bob' });
    expect(again.get(plan)).not.toBe(ids.get(plan));
    expect(readBoard(target).cards).toHaveLength(4);
  });

  it('[model/restore] a card deleted by someone comes back with its id and the links whose other end exists', () => {
    const a = board(1);
    const b = board(2);
    const strategy = addCard(a, { lane: 'strategy', title: 'Focus' });
    const plan = addCard(a, { lane: 'plan', title: 'Plan', kpi: 'Leads' });
    const gone = addCard(a, { lane: 'tactic', title: 'Also deleted' });
    linkCards(a, plan, strategy);
    linkCards(a, gone, plan);
    sync(a, b);
    const before = readBoard(b);
    const card = before.cards.find((found) => found.id === plan)!;
    deleteCard(a, plan);
    deleteCard(a, gone);
    sync(a, b);
    expect(restoreCard(b, card, before.links, 'undo-delete')).toBe(true);
    expect(restoreCard(b, card, before.links)).toBe(false);
    sync(a, b);
    const after = readBoard(a);
    expect(after.cards.find((found) => found.id === plan)).toEqual(card);
    expect(after.links).toEqual(before.links.filter((link) => link.from !== gone));
  });
});
