import {
  addCard,
  cardsMap,
  cardText,
  defaultCardPosition,
  deleteCard,
  editCard,
  getCardMap,
  IMPORT_MARKER_KEY,
  initBoard,
  LIMITS,
  linkCards,
  linksMap,
  metaMap,
  moveCard,
  type Role,
  SCHEMA_VERSION,
  sessionMap,
  unlinkCards,
  type WriteRefusal,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type BoardWriteState,
  defineBoardTypes,
  isBlankBoard,
  refusedWrites,
} from './write-policy.ts';

/** A board as the server holds it after creation through the API. */
function serverBoard(): Y.Doc {
  const doc = new Y.Doc();
  defineBoardTypes(doc);
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
      expect(
        check(serverBoard(), (doc) => metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 1), role),
      ).toEqual([{ reason: 'server-only', path: 'meta.schemaVersion' }]);
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
      check(blank, (doc) => metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 2), 'editor', {
        blank: true,
      }),
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

describe('write policy: limits (pure)', () => {
  it('[S-LIMIT-11] a text already past its limit may shrink but not grow; a field of the wrong kind is refused for every role', () => {
    // `check` applies the change to the board it is given: a fresh board for each.
    const board = () => {
      const doc = serverBoard();
      addCard(doc, { id: 'old', lane: 'plan', title: 'x' });
      // Stored before the limits were enforced: past the title's limit.
      cardText(getCardMap(doc, 'old')!, 'title').insert(1, 'y'.repeat(LIMITS.cardTitleLength));
      return doc;
    };
    const title = (copy: Y.Doc) => cardText(getCardMap(copy, 'old')!, 'title');
    expect(check(board(), (copy) => title(copy).delete(0, 5))).toEqual([]);
    expect(check(board(), (copy) => title(copy).insert(0, 'z'))).toEqual([
      { reason: 'over-limit', path: 'cards.old.title' },
    ]);
    for (const role of ['editor', 'facilitator'] as const) {
      expect(
        check(board(), (copy) => getCardMap(copy, 'old')!.set('createdAt', 'noon'), role),
      ).toEqual([{ reason: 'over-limit', path: 'cards.old.createdAt' }]);
    }
    // A new card without the record's required fields (an empty map from a stock client).
    expect(check(board(), (copy) => cardsMap(copy).set('bare', new Y.Map()))).toEqual([
      { reason: 'over-limit', path: 'cards.bare.lane' },
      { reason: 'over-limit', path: 'cards.bare.title' },
      { reason: 'over-limit', path: 'cards.bare.position' },
    ]);
    // Keys the card record does not know are left alone (a newer client's field).
    expect(check(board(), (copy) => getCardMap(copy, 'old')!.set('sticker', 42))).toEqual([]);
  });
});

describe('write policy: the board’s layout (pure)', () => {
  it('[S-WRITE-6] a top-level type that is not one of the board’s four maps is refused for every role, nested changes included', () => {
    for (const role of ['editor', 'facilitator'] as const) {
      expect(check(serverBoard(), (doc) => doc.getMap('hidden').set('x', 'y'), role)).toEqual([
        { reason: 'server-only', path: 'hidden' },
      ]);
      expect(check(serverBoard(), (doc) => doc.getArray('list').insert(0, [1]), role)).toEqual([
        { reason: 'server-only', path: 'list' },
      ]);
    }
    const withHidden = serverBoard();
    withHidden.getMap('hidden').set('nested', new Y.Map());
    expect(
      check(withHidden, (doc) =>
        (doc.getMap('hidden').get('nested') as Y.Map<unknown>).set('k', 1),
      ),
    ).toEqual([{ reason: 'server-only', path: 'hidden' }]);
    expect(check(serverBoard(), (doc) => addCard(doc, { lane: 'plan', title: 'ok' }))).toEqual([]);
  });
});

describe('write policy: facilitation (pure)', () => {
  /** A board with one card per lane, ids = lane names. */
  function laneBoard(): Y.Doc {
    const doc = serverBoard();
    for (const lane of ['objective', 'strategy', 'plan', 'tactic'] as const) {
      addCard(doc, { id: lane, lane, title: lane });
    }
    linkCards(doc, 'strategy', 'objective', null, 'l_so');
    return doc;
  }
  const objectiveLocked: BoardWriteState = {
    blank: false,
    locks: { board: false, lanes: ['objective'] },
  };

  it('[S-FAC-1] the session map is refused from every role, nested values included', () => {
    for (const role of ['editor', 'facilitator'] as const) {
      expect(
        check(
          serverBoard(),
          (doc) => sessionMap(doc).set('locks', { board: false, lanes: [] }),
          role,
        ),
      ).toEqual([{ reason: 'server-only', path: 'session.locks' }]);
    }
    const withNested = serverBoard();
    const nested = new Y.Map<unknown>();
    sessionMap(withNested).set('vote', nested);
    expect(
      check(withNested, (doc) =>
        (sessionMap(doc).get('vote') as Y.Map<unknown>).set('results', []),
      ),
    ).toEqual([{ reason: 'server-only', path: 'session.vote' }]);
  });

  it('[S-FAC-LOCK-1] an editor may not create, edit, move into or out of, delete or link a card of a locked lane', () => {
    const locked = (path: string): WriteRefusal[] => [
      { reason: 'locked', path, lane: 'objective' },
    ];
    const cases: [string, (doc: Y.Doc) => void, WriteRefusal[]][] = [
      [
        'create',
        (doc) => addCard(doc, { id: 'new', lane: 'objective', title: 'x' }),
        locked('cards.new'),
      ],
      [
        'edit the title',
        (doc) => cardText(getCardMap(doc, 'objective')!, 'title').insert(0, 'a'),
        locked('cards.objective'),
      ],
      [
        'edit a field',
        (doc) => editCard(doc, 'objective', { colour: '#000000' }),
        locked('cards.objective'),
      ],
      [
        'move out (drop)',
        (doc) => moveCard(doc, 'objective', defaultCardPosition('tactic')),
        locked('cards.objective'),
      ],
      [
        'move into (drop)',
        (doc) => moveCard(doc, 'plan', defaultCardPosition('objective')),
        locked('cards.plan'),
      ],
      [
        'move into (a drag frame)',
        (doc) => moveCard(doc, 'plan', defaultCardPosition('objective'), { relevel: false }),
        locked('cards.plan'),
      ],
      [
        'delete',
        (doc) => deleteCard(doc, 'objective'),
        [...locked('cards.objective'), ...locked('links.l_so')],
      ],
      ['link', (doc) => linkCards(doc, 'plan', 'objective', null, 'l_new'), locked('links.l_new')],
      ['unlink', (doc) => unlinkCards(doc, 'l_so'), locked('links.l_so')],
    ];
    for (const [what, change, refusals] of cases) {
      expect(check(laneBoard(), change, 'editor', objectiveLocked), what).toEqual(refusals);
      expect(
        check(laneBoard(), change, 'facilitator', objectiveLocked),
        `${what} (facilitator)`,
      ).toEqual([]);
    }
    // Other lanes are free.
    expect(
      check(
        laneBoard(),
        (doc) => editCard(doc, 'tactic', { title: 'ok' }),
        'editor',
        objectiveLocked,
      ),
    ).toEqual([]);
    expect(
      check(laneBoard(), (doc) => linkCards(doc, 'tactic', 'plan'), 'editor', objectiveLocked),
    ).toEqual([]);
  });

  it('[S-FAC-LOCK-1] a locked board refuses every card and link change from an editor', () => {
    const board: BoardWriteState = { blank: false, locks: { board: true, lanes: [] } };
    expect(
      check(laneBoard(), (doc) => editCard(doc, 'tactic', { title: 'no' }), 'editor', board),
    ).toEqual([{ reason: 'locked', path: 'cards.tactic' }]);
    expect(check(laneBoard(), (doc) => linksMap(doc).delete('l_so'), 'editor', board)).toEqual([
      { reason: 'locked', path: 'links.l_so' },
    ]);
    expect(check(laneBoard(), (doc) => cardsMap(doc).delete('plan'), 'facilitator', board)).toEqual(
      [],
    );
  });

  it('[S-FAC-PRIV-2] during a private round an editor may edit existing cards but not add one to the board', () => {
    const round: BoardWriteState = { blank: false, privateRound: true };
    expect(
      check(laneBoard(), (doc) => addCard(doc, { id: 'n', lane: 'plan' }), 'editor', round),
    ).toEqual([{ reason: 'private-round', path: 'cards.n' }]);
    expect(
      check(laneBoard(), (doc) => editCard(doc, 'plan', { title: 'ok' }), 'editor', round),
    ).toEqual([]);
    expect(
      check(laneBoard(), (doc) => addCard(doc, { id: 'n', lane: 'plan' }), 'facilitator', round),
    ).toEqual([]);
  });
});
