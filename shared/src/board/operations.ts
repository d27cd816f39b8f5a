/**
 * Every change to a board is one of these named operations, each one Yjs transaction (so it is
 * one undo step and one update on the wire). `origin` tags the transaction: the client's
 * UndoManager tracks its own origin, the server tags what it applies itself.
 */
import * as random from 'lib0/random';
import * as Y from 'yjs';
import {
  clampCardPosition,
  clampCardToLane,
  defaultCardPosition,
  laneOfCardAt,
} from '../geometry/triangle.ts';
import { LIMITS } from '../limits.ts';
import {
  CARD_TEXT_FIELDS,
  type CardEditableField,
  type CardMap,
  type CardSnapshot,
  type CardTextField,
  cardFieldText,
  cardText,
  cardTextWithinLimits,
  cardToMap,
  cardWithDefaults,
  type PlanFields,
} from './card.ts';
import {
  cardsMap,
  DEFAULT_FOCUS_LIMIT,
  IMPORT_MARKER_KEY,
  linksMap,
  META_KEYS,
  metaMap,
  SCHEMA_VERSION,
} from './doc.ts';
import { LANE_LEVEL, type Lane, type Language } from './lanes.ts';
import { BoardVersionError, storedSchemaVersion } from './migrations.ts';
import { cleanName, replaceText } from './text.ts';
import type { BoardSnapshot, LinkSnapshot, Point } from './types.ts';

/** A short random id, unique enough for cards and links created concurrently by many people. */
export function newId(prefix: 'c' | 'l'): string {
  return `${prefix}_${random.uuidv4().replaceAll('-', '').slice(0, 16)}`;
}

export interface NewBoardInput {
  title?: string;
  language?: Language;
  focusLimit?: number;
}

/** Writes the meta of a new, empty board. */
export function initBoard(doc: Y.Doc, input: NewBoardInput = {}, origin: unknown = null): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    meta.set(META_KEYS.title, cleanName(input.title ?? '', LIMITS.boardTitleLength));
    meta.set(META_KEYS.language, input.language ?? 'fr');
    meta.set(META_KEYS.focusLimit, input.focusLimit ?? DEFAULT_FOCUS_LIMIT);
  }, origin);
}

export interface NewCardInput extends Partial<PlanFields> {
  lane: Lane;
  /** Where to put it; clamped into the triangle and into `lane`. Default: the lane's centre. */
  position?: Point;
  title?: string;
  body?: string;
  colour?: string;
  author?: string;
  id?: string;
  /** Creation time (ms); defaults to now. Tests and imports pass their own. */
  now?: number;
}

/**
 * Adds a card and returns its id. Text is cut to the card's limits (`LIMITS`, see
 * `cardFieldText`); the other fields take their defaults (`cardWithDefaults`).
 */
export function addCard(doc: Y.Doc, input: NewCardInput, origin: unknown = null): string {
  const id = input.id ?? newId('c');
  const now = input.now ?? Date.now();
  const position = input.position
    ? clampCardToLane(input.position, input.lane)
    : defaultCardPosition(input.lane);
  // `input` also holds `now`; cardWithDefaults keeps only the card's own fields.
  const card = cardTextWithinLimits(
    cardWithDefaults({ ...input, id, position, createdAt: now, updatedAt: now }),
  );
  doc.transact(() => cardsMap(doc).set(id, cardToMap(card)), origin);
  return id;
}

/**
 * The fields a person edits on a card. Title and body merge character by character; every text
 * is cut to its limit (`cardFieldText`).
 */
export type CardEdit = Partial<Pick<CardSnapshot, CardEditableField>>;

const TEXT_FIELDS: ReadonlySet<string> = new Set(CARD_TEXT_FIELDS);

/** Edits a card's fields; returns false when the card no longer exists (deleted by someone). */
export function editCard(
  doc: Y.Doc,
  id: string,
  edit: CardEdit,
  origin: unknown = null,
  now = Date.now(),
): boolean {
  const card = cardsMap(doc).get(id);
  if (!card) return false;
  doc.transact(() => {
    let changed = false;
    for (const [key, raw] of Object.entries(edit) as [CardEditableField, string | undefined][]) {
      if (raw === undefined) continue;
      const value = cardFieldText(key, raw);
      if (TEXT_FIELDS.has(key)) {
        const text = cardText(card, key as CardTextField);
        if (text.toString() !== value) {
          replaceText(text, value);
          changed = true;
        }
      } else if (card.get(key) !== value) {
        card.set(key, value);
        changed = true;
      }
    }
    if (changed) card.set('updatedAt', now);
  }, origin);
  return true;
}

export interface MoveOptions {
  /**
   * true on drop: the lane follows the card's centre and `updatedAt` is written. false while
   * dragging: only the position syncs (remote participants see the drag live), the lane and
   * `updatedAt` are written when the card lands.
   */
  relevel?: boolean;
  now?: number;
}

/**
 * Moves a card (clamped inside the triangle). Returns its lane afterwards, or null when the card
 * no longer exists.
 */
export function moveCard(
  doc: Y.Doc,
  id: string,
  position: Point,
  options: MoveOptions = {},
  origin: unknown = null,
): Lane | null {
  const card = cardsMap(doc).get(id);
  if (!card) return null;
  const clamped = clampCardPosition(position);
  const relevel = options.relevel ?? true;
  let lane = card.get('lane') as Lane;
  doc.transact(() => {
    // A drag frame writes one key only: the positions a drag overwrites then sit at consecutive
    // clocks and Yjs merges them into one deleted run, so a drag of any length adds a few dozen
    // bytes to the board's state instead of ~18 bytes per frame (issue #11).
    card.set('position', clamped);
    if (relevel) {
      // Written on every drop, even when unchanged: position and lane must come from the same
      // writer. If only the position were written, a concurrent drop by someone else into
      // another lane could win the lane while this drop wins the position — a card drawn in
      // the plan lane but labelled tactic on every screen.
      lane = laneOfCardAt(clamped);
      card.set('lane', lane);
      card.set('updatedAt', options.now ?? Date.now());
    }
  }, origin);
  return lane;
}

/** Deletes a card and, in the same transaction, every link that touches it. */
export function deleteCard(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  const cards = cardsMap(doc);
  if (!cards.has(id)) return false;
  doc.transact(() => {
    const links = linksMap(doc);
    for (const [linkId, link] of links.entries()) {
      if (link.from === id || link.to === id) links.delete(linkId);
    }
    cards.delete(id);
  }, origin);
  return true;
}

export type LinkResult =
  | { ok: true; id: string; from: string; to: string }
  | { ok: false; reason: 'self' | 'duplicate' | 'missing-card' };

/**
 * Links two cards, oriented so that `from` is the lower level (it *serves* `to`) whichever end
 * the user dragged from. Cards in one lane keep the order given. Refuses a self link and a
 * second link between the same two cards (in either direction).
 */
export function linkCards(
  doc: Y.Doc,
  a: string,
  b: string,
  origin: unknown = null,
  id: string = newId('l'),
): LinkResult {
  if (a === b) return { ok: false, reason: 'self' };
  const cards = cardsMap(doc);
  const cardA = cards.get(a);
  const cardB = cards.get(b);
  if (!cardA || !cardB) return { ok: false, reason: 'missing-card' };
  const links = linksMap(doc);
  if (hasLinkBetween(links, a, b)) return { ok: false, reason: 'duplicate' };
  const { from, to } = orientLink(a, cardA.get('lane') as Lane, b, cardB.get('lane') as Lane);
  doc.transact(() => links.set(id, { id, from, to }), origin);
  return { ok: true, id, from, to };
}

/** Whether `links` already joins `a` and `b`, in either direction. */
export function hasLinkBetween(links: Y.Map<LinkSnapshot>, a: string, b: string): boolean {
  for (const link of links.values()) {
    if ((link.from === a && link.to === b) || (link.from === b && link.to === a)) return true;
  }
  return false;
}

/**
 * `from` serves `to`: the card lower in the triangle is `from`, whichever end the user dragged
 * from; cards in one lane keep the order given.
 */
export function orientLink(
  a: string,
  laneA: Lane,
  b: string,
  laneB: Lane,
): { from: string; to: string } {
  const levelA = LANE_LEVEL[laneA] ?? 0;
  const levelB = LANE_LEVEL[laneB] ?? 0;
  // A higher level number is lower in the triangle: that end serves the other.
  return levelB > levelA ? { from: b, to: a } : { from: a, to: b };
}

/** Removes a link; returns false when it was already gone. */
export function unlinkCards(doc: Y.Doc, linkId: string, origin: unknown = null): boolean {
  const links = linksMap(doc);
  if (!links.has(linkId)) return false;
  doc.transact(() => links.delete(linkId), origin);
  return true;
}

/**
 * Replaces the whole board in `doc` with `board` — meta, cards and links — in ONE transaction
 * tagged `origin`, so the importer's UndoManager (whose scope includes `meta`) undoes it whole,
 * and every peer sees one update. Used by import (`importBoard`) and templates (`applyTemplate`).
 *
 * Writes the import marker `meta[IMPORT_MARKER_KEY]` (= `now`, ms): the server lets only a
 * facilitator write it, so an editor's import is refused as a whole. `meta.schemaVersion` is
 * written only when the doc lacks the current one (a new doc): on a live board it is the
 * server's to write. Settings are written only where they change; meta keys `board` does not
 * carry are left as they are. `board` is written as given: check it first (a board file's
 * `parseBoardFile`/`validateBoardFile` does, limits included).
 *
 * Throws `BoardVersionError` (and changes nothing) for a doc written by a newer Fire Triangle.
 */
export function replaceBoard(
  doc: Y.Doc,
  board: Pick<BoardSnapshot, 'cards' | 'links'> & {
    meta: Pick<BoardSnapshot['meta'], 'title' | 'language' | 'focusLimit'>;
  },
  origin: unknown = null,
  now: number = Date.now(),
): void {
  const version = storedSchemaVersion(doc);
  if (version > SCHEMA_VERSION) throw new BoardVersionError(version);
  doc.transact(() => {
    const meta = metaMap(doc);
    if (meta.get(META_KEYS.schemaVersion) !== SCHEMA_VERSION) {
      meta.set(META_KEYS.schemaVersion, SCHEMA_VERSION);
    }
    for (const key of [META_KEYS.title, META_KEYS.language, META_KEYS.focusLimit] as const) {
      if (meta.get(key) !== board.meta[key]) meta.set(key, board.meta[key]);
    }
    meta.set(IMPORT_MARKER_KEY, now);
    const cards = cardsMap(doc);
    const links = linksMap(doc);
    cards.clear();
    links.clear();
    for (const card of board.cards) cards.set(card.id, cardToMap(card));
    for (const link of board.links) {
      links.set(link.id, { id: link.id, from: link.from, to: link.to });
    }
  }, origin);
}

/** The stored card, for code that needs to observe it (the client binds to this). */
export function getCardMap(doc: Y.Doc, id: string): CardMap | undefined {
  const card = cardsMap(doc).get(id);
  return card instanceof Y.Map ? card : undefined;
}
