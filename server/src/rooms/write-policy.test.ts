import {
  addCard,
  cardsMap,
  IMPORT_MARKER_KEY,
  initBoard,
  metaMap,
  type Role,
  SCHEMA_VERSION,
  type WriteRefusal,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BoardWriteState, isBlankBoard, refusedWrites } from './write-policy.ts';

/** A board as the server holds it after creation through the API. */
function serverBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Board', language: 'en' });
  metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  return doc;
}

/** What `refusedWrites` says about the transaction that applies `change` (made on a copy). */
function check(
  doc: Y.Doc,
  change: (copy: Y.Doc) => void,
  role: Role = 'editor',
  board: BoardWriteState = { blank: false },
): readonly WriteRefusal[] {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  copy.transact(() => change(copy));
  let result: readonly WriteRefusal[] | undefined;
  const inspect = (transaction: Y.Transaction) => {
    result = refusedWrites(transaction, role, board);
  };
  doc.on('afterTransaction', inspect);
  Y.applyUpdate(doc, Y.mergeUpdates(updates), 'client');
  doc.off('afterTransaction', inspect);
  return result!;
}

describe('write policy (pure)', () => {
  it('[S-WRITE-1] a changed or deleted layout version is refused for every role; the same value is no change', () => {
    for (const role of ['editor', 'facilitator'] as const) {
      expect(check(serverBoard(), (doc) => metaMap(doc).set('schemaVersion', 2), role)).toEqual([
        { reason: 'server-only', path: 'meta.schemaVersion' },
      ]);
      expect(check(serverBoard(), (doc) => metaMap(doc).delete('schemaVersion'), role)).toEqual([
        { reason: 'server-only', path: 'meta.schemaVersion' },
      ]);
      expect(
        check(serverBoard(), (doc) => metaMap(doc).set('schemaVersion', SCHEMA_VERSION), role),
      ).toEqual([]);
    }
    // Not even a blank board takes a layout version from a client.
    const blank = new Y.Doc();
    metaMap(blank).set('schemaVersion', SCHEMA_VERSION);
    expect(
      check(blank, (doc) => metaMap(doc).set('schemaVersion', 3), 'editor', { blank: true }),
    ).toEqual([{ reason: 'server-only', path: 'meta.schemaVersion' }]);
  });

  it('[S-WRITE-2] settings and the import marker are the facilitator’s; one refusal per key', () => {
    const refusals = check(serverBoard(), (doc) => {
      metaMap(doc).set('title', 'New');
      metaMap(doc).set('language', 'fr');
      metaMap(doc).set('focusLimit', 5);
      metaMap(doc).set(IMPORT_MARKER_KEY, { at: 1 });
      metaMap(doc).set('title', 'Newer');
    });
    expect(refusals).toEqual([
      { reason: 'facilitator-only', path: 'meta.title' },
      { reason: 'facilitator-only', path: 'meta.language' },
      { reason: 'facilitator-only', path: 'meta.focusLimit' },
      { reason: 'facilitator-only', path: `meta.${IMPORT_MARKER_KEY}` },
    ]);
    expect(
      check(
        serverBoard(),
        (doc) => {
          metaMap(doc).set('title', 'New');
          metaMap(doc).set(IMPORT_MARKER_KEY, { at: 1 });
        },
        'facilitator',
      ),
    ).toEqual([]);
    // Writing the value a setting already has changes nothing: allowed (an import does this).
    expect(check(serverBoard(), (doc) => metaMap(doc).set('title', 'Board'))).toEqual([]);
    expect(check(serverBoard(), (doc) => metaMap(doc).set('language', 'en'))).toEqual([]);
  });

  it('[S-WRITE-2] a change nested under a protected key counts as a change of that key', () => {
    const doc = serverBoard();
    const marker = new Y.Map<unknown>();
    doc.transact(() => metaMap(doc).set(IMPORT_MARKER_KEY, marker));
    marker.set('by', 'facilitator');
    expect(
      check(doc, (copy) =>
        (metaMap(copy).get(IMPORT_MARKER_KEY) as Y.Map<unknown>).set('by', 'me'),
      ),
    ).toEqual([{ reason: 'facilitator-only', path: `meta.${IMPORT_MARKER_KEY}` }]);
    // Replacing a value by a Yjs type (even an empty one) is a change too.
    expect(check(serverBoard(), (copy) => metaMap(copy).set('title', new Y.Text()))).toEqual([
      { reason: 'facilitator-only', path: 'meta.title' },
    ]);
  });

  it('[S-WRITE-3] ordinary edits — cards, links, unlisted meta keys — pass, without allocating', () => {
    const doc = serverBoard();
    const none = check(doc, (copy) => addCard(copy, { lane: 'plan', title: 'Card' }));
    expect(none).toEqual([]);
    expect(check(doc, (copy) => cardsMap(copy).clear())).toBe(none); // the one shared empty list
    expect(check(doc, (copy) => metaMap(copy).set('theme', 'dark'))).toEqual([]);
  });

  it('[S-WRITE-5] a blank board lets an editor write the settings of the copy it restores', () => {
    const blank = new Y.Doc();
    metaMap(blank).set('schemaVersion', SCHEMA_VERSION);
    expect(isBlankBoard(blank)).toBe(true);
    expect(
      check(
        blank,
        (doc) => {
          metaMap(doc).set('title', 'Restored');
          addCard(doc, { lane: 'objective', title: 'Back' });
        },
        'editor',
        { blank: true },
      ),
    ).toEqual([]);
    expect(isBlankBoard(serverBoard())).toBe(false);
    const withCard = new Y.Doc();
    addCard(withCard, { lane: 'plan', title: 'Only a card' });
    expect(isBlankBoard(withCard)).toBe(false);
  });
});
