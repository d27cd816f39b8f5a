import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardContent as content } from '../../test-support/boards.ts';
import { TestNetwork } from '../../test-support/network.ts';
import { Random } from '../../test-support/random.ts';
import { laneBand } from '../geometry/triangle.ts';
import { changedCardFields, diffBoards, isEmptyDiff } from './board-diff.ts';
import { cardsMap, linksMap, readBoard } from './doc.ts';
import type { Lane } from './lanes.ts';
import {
  addCard,
  deleteCard,
  editCard,
  initBoard,
  linkCards,
  moveCard,
  unlinkCards,
} from './operations.ts';
import { restoreBoard, restoreChangedNothing, restoreVersionCard } from './restore.ts';

function dropPointIn(lane: Lane, dx = 0) {
  const band = laneBand(lane);
  return { x: 1500 + dx, y: (band.top + band.bottom) / 2 - 48 };
}

/** A small workshop board: an objective, a strategy, two tactics, linked. */
function workshop(doc: Y.Doc): void {
  initBoard(doc, { title: 'Q3', language: 'en' });
  addCard(doc, { id: 'o', lane: 'objective', title: 'Grow revenue 15 % by 2027', now: 1 });
  addCard(doc, { id: 's', lane: 'strategy', title: 'Win SMEs in Brittany', now: 1 });
  addCard(doc, { id: 't1', lane: 'tactic', title: 'Newsletter', now: 1 });
  addCard(doc, { id: 't2', lane: 'tactic', title: 'Trade shows', now: 1 });
  linkCards(doc, 's', 'o', null, 'l-so');
  linkCards(doc, 't1', 's', null, 'l-t1s');
  linkCards(doc, 't2', 's', null, 'l-t2s');
}

describe('restoreBoard', () => {
  it('[history/restore] brings the board back to the version: removed, restored, moved, retitled, links, settings', () => {
    const doc = new Y.Doc();
    workshop(doc);
    const version = readBoard(doc);
    deleteCard(doc, 't2');
    addCard(doc, { id: 'new', lane: 'plan', title: 'Plan 2027' });
    linkCards(doc, 'new', 's', null, 'l-new');
    moveCard(doc, 't1', dropPointIn('strategy'));
    editCard(doc, 'o', { title: 'Grow revenue' });
    unlinkCards(doc, 'l-so');
    doc.getMap('meta').set('title', 'Q4');

    let updates = 0;
    doc.on('update', () => updates++);
    const summary = restoreBoard(doc, version, { origin: 'restore', now: 5 });

    expect(updates).toBe(1); // one transaction, one update
    expect(content(readBoard(doc))).toEqual(content(version));
    expect(summary.cardsRestored).toEqual(['t2']);
    expect(summary.cardsRemoved).toEqual(['new']);
    expect(summary.cardsMoved).toEqual(['t1']);
    expect(summary.textsChanged).toEqual(['o']);
    expect(summary.cardsChanged.sort()).toEqual(['o', 't1']);
    expect(summary.linksRestored.sort()).toEqual(['l-so', 'l-t2s']);
    expect(summary.linksRemoved).toEqual(['l-new']);
    expect(summary.settingsChanged).toEqual(['title']);
    expect(summary.kept).toEqual([]);
    expect(restoreChangedNothing(restoreBoard(doc, version))).toBe(true);
  });

  it('[history/restore] writes only what differs: untouched cards get no new item', () => {
    const doc = new Y.Doc();
    workshop(doc);
    const version = readBoard(doc);
    editCard(doc, 't1', { title: 'Newsletter (monthly)' });
    const before = Y.encodeStateVector(doc);
    const changedTypes = new Set<unknown>();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) changedTypes.add(type);
    });
    restoreBoard(doc, version);
    const untouched = ['o', 's', 't2'].map((id) => cardsMap(doc).get(id));
    for (const card of untouched) expect(changedTypes.has(card)).toBe(false);
    // The retitle is undone by a splice: ' (monthly)' deleted, nothing inserted.
    const title = cardsMap(doc).get('t1')!.get('title') as Y.Text;
    expect(changedTypes.has(title)).toBe(true);
    const grown = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before));
    const insertedChars = grown.structs
      .filter((struct): struct is Y.Item => struct instanceof Y.Item && struct.parent === title)
      .reduce((sum, struct) => sum + struct.length, 0);
    expect(insertedChars).toBe(0);
  });

  it('[history/restore-typist] a participant typing in a card while it is restored keeps every character typed', () => {
    const peers = new TestNetwork(2, new Random(1));
    const [server, typist] = peers.peers as [Y.Doc, Y.Doc];
    workshop(server);
    editCard(server, 't1', { title: 'Monthly newsletter for HR directors' });
    peers.flush();
    const version = readBoard(server);
    editCard(server, 't1', { title: 'Monthly newsletter' });
    peers.flush();
    // In flight at the same time: the restore on the server, the typist's keystrokes.
    restoreBoard(server, version);
    const typed = cardsMap(typist).get('t1')!.get('title') as Y.Text;
    typed.insert(0, 'NEW ');
    typed.insert(typed.length, '!');
    peers.flush();
    const titles = peers.peers.map((doc) => readBoard(doc).cards.find((c) => c.id === 't1')!.title);
    expect(titles[0]).toBe(titles[1]);
    expect(titles[0]).toBe('NEW Monthly newsletter for HR directors!');
  });

  it('[history/restore-seen] edits made after the restorer looked are kept and listed', () => {
    const peers = new TestNetwork(2, new Random(2));
    const [facilitator, editor] = peers.peers as [Y.Doc, Y.Doc];
    workshop(facilitator);
    peers.flush();
    const version = readBoard(facilitator);
    // Before the facilitator looks: changes the restore is meant to undo.
    editCard(editor, 'o', { title: 'Grow' });
    deleteCard(editor, 't2');
    addCard(editor, { id: 'early', lane: 'tactic', title: 'Early idea' });
    peers.flush();
    const seen = Y.snapshot(facilitator);
    // While the facilitator looks at the version: another participant keeps working.
    addCard(editor, { id: 'late', lane: 'tactic', title: 'Late idea' });
    editCard(editor, 's', { title: 'Win SMEs in Brittany and Normandy' });
    deleteCard(editor, 't1');
    moveCard(editor, 'early', dropPointIn('plan'));
    peers.flush();

    const summary = restoreBoard(facilitator, version, {
      seen: Y.decodeSnapshot(Y.encodeSnapshot(seen)),
    });
    peers.flush();
    const after = readBoard(editor);
    const ids = after.cards.map((card) => card.id);
    expect(ids).toContain('late'); // made since: stays
    expect(ids).toContain('early'); // edited since (moved): stays
    expect(ids).not.toContain('t1'); // deleted since: stays deleted
    expect(ids).toContain('t2'); // deleted before: back
    expect(after.cards.find((card) => card.id === 'o')!.title).toBe('Grow revenue 15 % by 2027');
    expect(after.cards.find((card) => card.id === 's')!.title).toBe(
      'Win SMEs in Brittany and Normandy',
    );
    expect(summary.cardsRestored).toEqual(['t2']);
    expect(summary.kept).toEqual(
      expect.arrayContaining([
        { kind: 'card', id: 'late', reason: 'added-since' },
        { kind: 'card', id: 'early', reason: 'edited-since' },
        { kind: 'card', id: 't1', reason: 'deleted-since' },
        { kind: 'card', id: 's', reason: 'edited-since', fields: ['title'] },
        { kind: 'link', id: 'l-t1s', reason: 'deleted-since' },
      ]),
    );
    expect(readBoard(facilitator)).toEqual(after);
  });

  it('[history/restore-undo] restoring the state before a restore undoes it', () => {
    const doc = new Y.Doc();
    workshop(doc);
    const version = readBoard(doc);
    deleteCard(doc, 's');
    addCard(doc, { id: 'x', lane: 'plan', title: 'X' });
    linkCards(doc, 'x', 'o', null, 'l-xo');
    const beforeRestore = readBoard(doc);
    restoreBoard(doc, version);
    expect(content(readBoard(doc))).toEqual(content(version));
    restoreBoard(doc, beforeRestore);
    expect(content(readBoard(doc))).toEqual(content(beforeRestore));
  });

  it('[history/restore-converge] seeded random editing on 4 peers while one restores: identical boards, typists keep their characters', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = new Random(seed);
      const peers = new TestNetwork(4, random);
      workshop(peers.peers[0]!);
      peers.flush();
      const ids = () => readBoard(peers.peers[0]!).cards.map((card) => card.id);
      let counter = 0;
      const randomEdit = (doc: Y.Doc) => {
        const known = readBoard(doc).cards.map((card) => card.id);
        const roll = random.next();
        if (known.length < 2 || roll < 0.25) {
          addCard(doc, { id: `c${seed}-${counter++}`, lane: random.lane(), title: random.text(8) });
        } else if (roll < 0.5) {
          const id = random.pick(known);
          const title = readBoard(doc).cards.find((card) => card.id === id)!.title;
          editCard(doc, id, { title: `${title}${random.text(3)}` });
        } else if (roll < 0.65) {
          moveCard(doc, random.pick(known), dropPointIn(random.lane()));
        } else if (roll < 0.8) {
          deleteCard(doc, random.pick(known));
        } else {
          linkCards(doc, random.pick(known), random.pick(known), null, `l${seed}-${counter++}`);
        }
      };
      for (let step = 0; step < 15; step++) randomEdit(random.pick(peers.peers));
      peers.flush();
      const version = readBoard(peers.peers[0]!);
      for (let step = 0; step < 15; step++) randomEdit(random.pick(peers.peers));
      peers.flush();
      // A typist marks a card at the same time as the restore.
      const typistDoc = peers.peers[3]!;
      const target = random.pick(ids());
      const marker = `<${seed}>`;
      const typing = cardsMap(typistDoc).get(target)?.get('title') as Y.Text | undefined;
      restoreBoard(peers.peers[0]!, version, { seen: Y.snapshot(peers.peers[0]!) });
      typing?.insert(0, marker);
      for (let step = 0; step < 5; step++) randomEdit(random.pick(peers.peers.slice(1, 3)));
      peers.flush();
      const boards = peers.peers.map((doc) => JSON.stringify(readBoard(doc)));
      for (const other of boards) expect(other, `seed ${seed}: peers diverged`).toBe(boards[0]);
      const survivor = readBoard(peers.peers[0]!).cards.find((card) => card.id === target);
      if (typing && survivor) expect(survivor.title, `seed ${seed}`).toContain(marker);
    }
  });
});

describe('restoreVersionCard', () => {
  it('[history/restore-card] brings a deleted card back with its links to cards still on the board', () => {
    const doc = new Y.Doc();
    workshop(doc);
    linkCards(doc, 't2', 'o', null, 'l-t2o');
    const version = readBoard(doc);
    deleteCard(doc, 't2');
    deleteCard(doc, 'o');
    editCard(doc, 't1', { title: 'Changed' });
    const summary = restoreVersionCard(doc, version, 't2', { origin: 'restore' });
    const after = readBoard(doc);
    const card = after.cards.find((entry) => entry.id === 't2');
    expect(card && changedCardFields(card, version.cards.find((c) => c.id === 't2')!)).toEqual([]);
    expect(after.links.map((entry) => entry.id)).toContain('l-t2s');
    expect(after.links.map((entry) => entry.id)).not.toContain('l-t2o'); // 'o' is gone
    expect(summary).toMatchObject({
      cardsRestored: ['t2'],
      linksRestored: ['l-t2s'],
      kept: [{ kind: 'link', id: 'l-t2o', reason: 'missing-card' }],
    });
    // Nothing else was touched.
    expect(after.cards.find((entry) => entry.id === 't1')!.title).toBe('Changed');
    expect(linksMap(doc).has('l-so')).toBe(false);
  });

  it('[history/restore-card] sets back a card still on the board; null for a card not in the version', () => {
    const doc = new Y.Doc();
    workshop(doc);
    const version = readBoard(doc);
    editCard(doc, 's', { title: 'Something else' });
    moveCard(doc, 's', dropPointIn('plan'));
    const summary = restoreVersionCard(doc, version, 's');
    expect(summary).toMatchObject({ cardsMoved: ['s'], textsChanged: ['s'] });
    expect(isEmptyDiff(diffBoards(version, readBoard(doc)))).toBe(true);
    expect(restoreVersionCard(doc, version, 'nope')).toBeNull();
  });
});
