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
  dragsMap,
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

/**
 * One frame of a selection drag (several cards moved at once): writes the selection's offset
 * from where the drag started under this doc's client id in `dragsMap` — one value per frame
 * whatever the number of cards, so the overwritten offsets merge (see `dragsMap`). The card list
 * is written on the first frame only. Card positions are not touched until `dropSelection`.
 */
export function dragSelection(
  doc: Y.Doc,
  cardIds: readonly string[],
  offset: Point,
  origin: unknown = null,
): void {
  const key = String(doc.clientID);
  doc.transact(() => {
    const drags = dragsMap(doc);
    let entry = drags.get(key);
    const listed = entry instanceof Y.Map ? entry.get('cards') : undefined;
    if (
      !(entry instanceof Y.Map) ||
      !Array.isArray(listed) ||
      listed.length !== cardIds.length ||
      listed.some((id, index) => id !== cardIds[index])
    ) {
      entry = new Y.Map<unknown>();
      drags.set(key, entry);
      entry.set('cards', [...cardIds]);
    }
    entry.set('offset', { x: offset.x, y: offset.y });
  }, origin);
}

/**
 * The drop of a selection drag: every card's final position (clamped, lane following its
 * centre, `updatedAt` written — as `moveCard` with `relevel`) and the end of this client's drag
 * entry, in ONE transaction, so peers go from "drawn with the offset" to "stored there" at once.
 * Cards deleted meanwhile are skipped.
 */
export function dropSelection(
  doc: Y.Doc,
  positions: ReadonlyMap<string, Point>,
  origin: unknown = null,
  now: number = Date.now(),
): void {
  doc.transact(() => {
    for (const [id, position] of positions) {
      moveCard(doc, id, position, { relevel: true, now }, origin);
    }
    endSelectionDrag(doc, origin);
  }, origin);
}

/** Removes this client's selection drag entry (a drag cancelled, a session ending). */
export function endSelectionDrag(doc: Y.Doc, origin: unknown = null): void {
  const drags = dragsMap(doc);
  const key = String(doc.clientID);
  if (drags.has(key)) doc.transact(() => drags.delete(key), origin);
}

/** Cards and the links between them, as copied to the clipboard (a board file's cards and links). */
export interface CardsToPaste {
  cards: readonly CardSnapshot[];
  links: readonly Pick<LinkSnapshot, 'from' | 'to'>[];
}

export interface PasteOptions {
  /** Added to every card's position (board units), e.g. from `pasteOffset`. */
  offset: Point;
  /** The person pasting: author of the new cards. */
  author: string;
  now?: number;
}

/**
 * Pastes cards (copied on this board or another) as NEW cards with new ids, in one transaction:
 * each keeps its lane, text, plan fields and colour, moved by `offset` and clamped into its lane;
 * a link is recreated (new id) when both its ends are pasted. Returns the new ids, old → new.
 */
export function pasteCards(
  doc: Y.Doc,
  clip: CardsToPaste,
  options: PasteOptions,
  origin: unknown = null,
): Map<string, string> {
  const now = options.now ?? Date.now();
  const ids = new Map<string, string>();
  for (const card of clip.cards) ids.set(card.id, newId('c'));
  doc.transact(() => {
    const cards = cardsMap(doc);
    for (const card of clip.cards) {
      const id = ids.get(card.id)!;
      const position = clampCardToLane(
        { x: card.position.x + options.offset.x, y: card.position.y + options.offset.y },
        card.lane,
      );
      const pasted = cardTextWithinLimits({
        ...card,
        id,
        position,
        author: options.author,
        createdAt: now,
        updatedAt: now,
      });
      cards.set(id, cardToMap(pasted));
    }
    const links = linksMap(doc);
    const seen = new Set<string>();
    for (const link of clip.links) {
      const from = ids.get(link.from);
      const to = ids.get(link.to);
      const pair = `${from}>${to}`;
      if (!from || !to || from === to || seen.has(pair)) continue;
      seen.add(pair);
      const id = newId('l');
      links.set(id, { id, from, to });
    }
  }, origin);
  return ids;
}

/**
 * Puts back a card someone else deleted, with its id, and those of its links whose other end
 * still exists — what "Undo" offers the person who had the card open when it was deleted (their
 * own undo cannot revert another person's edit). One transaction. Returns false (and writes
 * nothing) when a card with that id exists.
 */
export function restoreCard(
  doc: Y.Doc,
  card: CardSnapshot,
  links: readonly LinkSnapshot[],
  origin: unknown = null,
): boolean {
  const cards = cardsMap(doc);
  if (cards.has(card.id)) return false;
  doc.transact(() => {
    cards.set(card.id, cardToMap(cardTextWithinLimits(card)));
    const stored = linksMap(doc);
    for (const link of links) {
      if (link.from !== card.id && link.to !== card.id) continue;
      if (stored.has(link.id) || !cards.has(link.from) || !cards.has(link.to)) continue;
      stored.set(link.id, { id: link.id, from: link.from, to: link.to });
    }
  }, origin);
  return true;
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
