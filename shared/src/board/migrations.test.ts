import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardsMap, metaMap, readBoard, SCHEMA_VERSION } from './doc.ts';
import { BoardVersionError, migrateBoard, storedSchemaVersion } from './migrations.ts';
import { addCard, initBoard } from './operations.ts';

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
    expect(migrateBoard(doc, 'migration')).toEqual([0]);
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
    expect((error as Error).message).toMatch(/newer than the 1 this version/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
