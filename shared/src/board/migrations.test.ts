import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap, metaMap, readBoard, SCHEMA_VERSION } from './doc.ts';
import { BoardVersionError, migrateBoard, storedSchemaVersion } from './migrations.ts';
import { addCard, editCard, initBoard } from './operations.ts';

/**
 * A board as layout v1 wrote it (Fire Triangle before issue #14): title and body Y.Text, the
 * plan fields plain strings.
 */
function layoutV1Board(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.transact(() => {
    metaMap(doc).set('schemaVersion', 1);
    metaMap(doc).set('title', 'Atelier');
    const plan = new Y.Map<unknown>();
    plan.set('id', 'c-plan');
    plan.set('lane', 'plan');
    plan.set('title', new Y.Text('Plan partenaires'));
    plan.set('body', new Y.Text(''));
    plan.set('position', { x: 1500, y: 1200 });
    plan.set('colour', '');
    plan.set('author', 'Ana');
    plan.set('createdAt', 1);
    plan.set('updatedAt', 2);
    plan.set('kpi', '20 revendeurs actifs');
    plan.set('owner', 'Camille');
    plan.set('dueDate', '2027-06-30');
    plan.set('budget', '40 000 €');
    cardsMap(doc).set('c-plan', plan);
  });
  return doc;
}

/** A board as the first prototype wrote it: x and y keys, the title as a plain string `text`. */
function prototypeBoard(clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  doc.transact(() => {
    metaMap(doc).set('title', 'Atelier');
    const cards = cardsMap(doc);
    const tactic = new Y.Map<unknown>();
    tactic.set('id', 'c-1');
    tactic.set('lane', 'tactic');
    tactic.set('text', 'Salons professionnels');
    tactic.set('x', 1400);
    tactic.set('y', 1800);
    cards.set('c-1', tactic);
    const objective = new Y.Map<unknown>();
    objective.set('id', 'c-2');
    objective.set('lane', 'objective');
    objective.set('text', '+15 % de CA en 2027');
    objective.set('body', 'une note');
    objective.set('x', 1500);
    cards.set('c-2', objective);
  });
  return doc;
}

describe('migrations', () => {
  it('[model/migrate-v0] a prototype doc is version 0 and migrates to one position value and a Y.Text title', () => {
    const doc = prototypeBoard();
    expect(storedSchemaVersion(doc)).toBe(0);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    expect(migrateBoard(doc, 'migration')).toEqual([0, 1]);
    expect(transactions).toBe(1);
    expect(metaMap(doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    const tactic = cardsMap(doc).get('c-1')!;
    expect(tactic.get('position')).toEqual({ x: 1400, y: 1800 });
    expect(tactic.get('title')).toBeInstanceOf(Y.Text);
    expect(tactic.get('body')).toBeInstanceOf(Y.Text);
    for (const key of ['x', 'y', 'text']) expect(tactic.has(key)).toBe(false);
    const cards = readBoard(doc).cards;
    expect(cards.map((card) => [card.id, card.title, card.body, card.position])).toEqual([
      ['c-1', 'Salons professionnels', '', { x: 1400, y: 1800 }],
      ['c-2', '+15 % de CA en 2027', 'une note', { x: 1500, y: 0 }],
    ]);
  });

  it('[model/migrate-v0] migrating again does nothing', () => {
    const doc = prototypeBoard();
    migrateBoard(doc);
    const record: unknown[] = [];
    doc.on('update', (update: Uint8Array) => record.push(update));
    expect(migrateBoard(doc)).toEqual([]);
    expect(record).toHaveLength(0);
  });

  it('[model/migrate-v0] two peers migrating the same prototype board at once converge on one board', () => {
    const a = prototypeBoard(1);
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateBoard(a);
    migrateBoard(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).cards[0]!.title).toBe('Salons professionnels');
  });

  it('[model/migrate-v1] a v1 board gets its plan fields as Y.Text with the same text; the due date stays a plain value', () => {
    const doc = layoutV1Board();
    const before = readBoard(doc).cards;
    expect(storedSchemaVersion(doc)).toBe(1);
    expect(migrateBoard(doc, 'migration')).toEqual([1]);
    expect(metaMap(doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    const plan = cardsMap(doc).get('c-plan')!;
    for (const field of ['kpi', 'owner', 'budget']) {
      expect(plan.get(field), field).toBeInstanceOf(Y.Text);
    }
    expect(plan.get('dueDate')).toBe('2027-06-30');
    // Same board, read the same way: the migration changes how it is stored, nothing else.
    expect(readBoard(doc).cards).toEqual(before);
    expect(migrateBoard(doc)).toEqual([]);
  });

  it('[model/migrate-v1] after the migration two people typing in one KPI merge character by character', () => {
    const a = layoutV1Board(1);
    migrateBoard(a);
    const b = new Y.Doc();
    b.clientID = 2;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    editCard(a, 'c-plan', { kpi: '20 revendeurs actifs au Québec' });
    editCard(b, 'c-plan', { kpi: 'Au moins 20 revendeurs actifs' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBoard(a)).toEqual(readBoard(b));
    expect(readBoard(a).cards[0]!.kpi).toBe('Au moins 20 revendeurs actifs au Québec');
  });

  it('[model/migrate-v1] the server migrating while an unmigrated peer edits a plan field converges', () => {
    // An offline tab kept the v1 board and edits the owner (a plain string there) while the
    // server migrates: the two writes race for the key, and every peer ends on the same text.
    const server = layoutV1Board(1);
    const offline = new Y.Doc();
    offline.clientID = 2;
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    migrateBoard(server);
    cardsMap(offline).get('c-plan')!.set('owner', 'Fatima');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(offline));
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    expect(readBoard(server)).toEqual(readBoard(offline));
    expect(['Camille', 'Fatima']).toContain(readBoard(server).cards[0]!.owner);
    // Whoever won, the next edit goes through a Y.Text again.
    editCard(offline, 'c-plan', { owner: 'Fatima B.' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(offline));
    expect(cardsMap(server).get('c-plan')!.get('owner')).toBeInstanceOf(Y.Text);
    expect(readBoard(server).cards[0]!.owner).toBe('Fatima B.');
  });

  it('[model/migrate-current] a current doc and an empty doc need no migration step', () => {
    const current = new Y.Doc();
    initBoard(current);
    addCard(current, { lane: 'plan' });
    expect(storedSchemaVersion(current)).toBe(SCHEMA_VERSION);
    expect(migrateBoard(current)).toEqual([]);
    const empty = new Y.Doc();
    expect(storedSchemaVersion(empty)).toBe(SCHEMA_VERSION);
    expect(migrateBoard(empty)).toEqual([]);
    expect(metaMap(empty).get('schemaVersion')).toBe(SCHEMA_VERSION);
  });

  it('[model/migrate-newer] a doc from a newer version throws BoardVersionError and is left untouched', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    let error: unknown;
    try {
      migrateBoard(doc);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BoardVersionError);
    expect((error as BoardVersionError).found).toBe(SCHEMA_VERSION + 1);
    expect((error as Error).message).toMatch(
      new RegExp(`newer than the ${SCHEMA_VERSION} this version`),
    );
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
