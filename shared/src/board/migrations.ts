/**
 * Migrations of the Yjs layout. Each step upgrades a doc from `from` to `from + 1` inside one
 * transaction; `migrateBoard` runs the ones a doc needs, in order, when a board is loaded.
 *
 * v0 → v1: the first prototype stored a card's position as two keys `x` and `y` (two users
 * moving one card concurrently could end up with one's x and the other's y) and its title as a
 * plain string under `text` (concurrent typing was last-writer-wins). v1 keeps one `position`
 * value and a Y.Text `title`.
 *
 * v1 → v2: the plan fields `kpi`, `owner` and `budget` were plain strings (two people typing in
 * one KPI ended with one person's text with the other's letters scattered in it, issue #14); v2
 * stores them as Y.Text like the title. `dueDate` stays a plain value: it is picked whole.
 *
 * A migration step names the fields it touches itself, never from `CARD_FIELDS`: the steps are
 * history and must not change when the card record does.
 */
import * as Y from 'yjs';
import { cardsMap, metaMap, SCHEMA_VERSION } from './doc.ts';
import { wellFormedText } from './text.ts';

interface Migration {
  from: number;
  describe: string;
  apply(doc: Y.Doc): void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    describe: 'position as one value, title as Y.Text',
    apply(doc) {
      for (const card of cardsMap(doc).values()) {
        if (!(card instanceof Y.Map)) continue;
        if (!card.has('position') && (card.has('x') || card.has('y'))) {
          const x = card.get('x');
          const y = card.get('y');
          card.set('position', {
            x: typeof x === 'number' ? x : 0,
            y: typeof y === 'number' ? y : 0,
          });
        }
        card.delete('x');
        card.delete('y');
        if (!(card.get('title') instanceof Y.Text)) {
          const legacy = card.get('text') ?? card.get('title');
          card.set('title', new Y.Text(typeof legacy === 'string' ? legacy : ''));
        }
        card.delete('text');
        if (!(card.get('body') instanceof Y.Text)) {
          const body = card.get('body');
          card.set('body', new Y.Text(typeof body === 'string' ? body : ''));
        }
      }
    },
  },
  {
    from: 1,
    describe: 'plan fields kpi, owner, budget as Y.Text',
    apply(doc) {
      for (const card of cardsMap(doc).values()) {
        if (!(card instanceof Y.Map)) continue;
        for (const field of ['kpi', 'owner', 'budget']) {
          const value = card.get(field);
          if (value instanceof Y.Text) continue;
          card.set(field, new Y.Text(typeof value === 'string' ? wellFormedText(value) : ''));
        }
      }
    },
  },
];

/** A board written by a newer version of Fire Triangle than this one. */
export class BoardVersionError extends Error {
  constructor(readonly found: number) {
    super(
      `This board uses layout version ${found}, newer than the ${SCHEMA_VERSION} this version of Fire Triangle understands. Update Fire Triangle to open it.`,
    );
    this.name = 'BoardVersionError';
  }
}

/** The layout version a doc is in: its recorded one, 0 for a prototype doc, current for an empty doc. */
export function storedSchemaVersion(doc: Y.Doc): number {
  const recorded = metaMap(doc).get('schemaVersion');
  if (typeof recorded === 'number') return recorded;
  return cardsMap(doc).size > 0 ? 0 : SCHEMA_VERSION;
}

/**
 * Brings a doc to `SCHEMA_VERSION`. Returns the versions applied (empty when it was current).
 * Throws `BoardVersionError` for a doc newer than this code, and changes nothing then.
 */
export function migrateBoard(doc: Y.Doc, origin: unknown = null): number[] {
  const version = storedSchemaVersion(doc);
  if (version > SCHEMA_VERSION) throw new BoardVersionError(version);
  const applied: number[] = [];
  if (version === SCHEMA_VERSION && metaMap(doc).get('schemaVersion') === SCHEMA_VERSION) {
    return applied;
  }
  doc.transact(() => {
    for (const migration of MIGRATIONS) {
      if (migration.from >= version && migration.from < SCHEMA_VERSION) {
        migration.apply(doc);
        applied.push(migration.from);
      }
    }
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return applied;
}
