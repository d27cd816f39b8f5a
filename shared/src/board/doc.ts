/**
 * The Yjs layout of a board — the one place that names the top-level maps and the meta keys.
 * Nobody else calls `doc.getMap('…')` with a string literal.
 *
 *   meta : Y.Map   title, language, schemaVersion, focusLimit, importedAt (`META_KEYS`)
 *   cards: Y.Map<Y.Map>   one Y.Map per card, keyed by card id: the card record (`card.ts`)
 *   links: Y.Map<{id, from, to}>   immutable records keyed by link id; `from` serves `to`
 *   drags: Y.Map<Y.Map>   selection drags in progress, keyed by the dragger's Yjs client id:
 *          `{ cards: string[], offset: {x, y} }` (`readDrags`, `dragSelection`). Not part of the
 *          board: `readBoard`, export and the validator ignore it; a drop deletes its entry.
 *   session: Y.Map   the facilitation state everyone sees (timer, locks, stage, vote, private
 *                    round), one plain JSON value per key; only the server writes it
 *                    (`session.ts`, docs/server-spec.md S-FAC-*)
 */
import * as Y from 'yjs';
import { LIMITS } from '../limits.ts';
import {
  type CardMap,
  type CardSnapshot,
  cardClockLength,
  cardStoredBytes,
  readCard,
  storedStringBytes,
} from './card.ts';
import { isLanguage, type Language } from './lanes.ts';
import { cleanName } from './text.ts';
import type { BoardMeta, BoardSnapshot, LinkSnapshot, Point } from './types.ts';

/**
 * The layout version this code reads and writes. Bump it and add a migration together.
 * 1: position as one value, title and body as Y.Text. 2: the plan fields kpi, owner, budget as
 * Y.Text too (issue #14).
 */
export const SCHEMA_VERSION = 2;

export const DEFAULT_FOCUS_LIMIT = 3;

const MAP_NAMES = {
  meta: 'meta',
  cards: 'cards',
  links: 'links',
  drags: 'drags',
  session: 'session',
} as const;

/**
 * The import marker: `replaceBoard` writes the time of the import here (ms since the epoch).
 * Only a facilitator may write it — the server refuses any other connection's transaction that
 * touches it — which is how an editor's import (made with any client) is refused as a whole.
 */
export const IMPORT_MARKER_KEY = 'importedAt';

/**
 * The keys of `meta`. Who may write them is the server's write policy: `schemaVersion` only the
 * server (migrations); `title`, `language`, `focusLimit` and the import marker a facilitator.
 */
export const META_KEYS = {
  title: 'title',
  language: 'language',
  schemaVersion: 'schemaVersion',
  focusLimit: 'focusLimit',
  importedAt: IMPORT_MARKER_KEY,
} as const;

export type MetaKey = (typeof META_KEYS)[keyof typeof META_KEYS];

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MAP_NAMES.meta);
}

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap(MAP_NAMES.cards);
}

export function linksMap(doc: Y.Doc): Y.Map<LinkSnapshot> {
  return doc.getMap(MAP_NAMES.links);
}

/**
 * Selection drags in progress (issue #14). A drag of several cards writes ONE value per frame —
 * the selection's offset from where it started — under the dragger's key, instead of one
 * position per card: the overwritten offsets sit at consecutive clocks of one key and Yjs merges
 * them into one deleted run, so a selection drag of any length adds a few dozen bytes per card to
 * the board (its drop), not ~10 bytes per card per frame. Peers draw each listed card at its
 * stored position plus the offset; the drop writes the positions and deletes the entry in one
 * transaction, so no peer ever sees both.
 */
export function dragsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(MAP_NAMES.drags);
}

/** One selection drag in progress: the cards it moves and how far they have moved (board units). */
export interface LiveDrag {
  cards: readonly string[];
  offset: Point;
}

/**
 * The selection drags in progress, by the dragger's Yjs client id. Entries come from other
 * clients: anything malformed is skipped. An entry whose dragger has gone (a tab closed
 * mid-drag) stays in the doc; readers should only draw the drags of participants present.
 */
export function readDrags(doc: Y.Doc): Map<number, LiveDrag> {
  const drags = new Map<number, LiveDrag>();
  dragsMap(doc).forEach((entry, key) => {
    const client = Number(key);
    if (!(entry instanceof Y.Map) || !Number.isSafeInteger(client)) return;
    const cards = entry.get('cards');
    const offset = entry.get('offset') as Partial<Point> | undefined;
    if (!Array.isArray(cards) || typeof offset !== 'object' || offset === null) return;
    if (!Number.isFinite(offset.x) || !Number.isFinite(offset.y)) return;
    drags.set(client, {
      cards: cards.filter((id): id is string => typeof id === 'string'),
      offset: { x: offset.x as number, y: offset.y as number },
    });
  });
  return drags;
}

/**
 * The facilitation state (`session.ts` names its keys and reads it). Only the server writes it:
 * the write policy refuses any client transaction that touches it (`server-only`).
 */
export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MAP_NAMES.session);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const title = meta.get(META_KEYS.title);
  const language = meta.get(META_KEYS.language);
  const focusLimit = meta.get(META_KEYS.focusLimit);
  const schemaVersion = meta.get(META_KEYS.schemaVersion);
  return {
    // Cleaned on read too: a title written by an older client or a raw Yjs update (S-NAME-1).
    title: typeof title === 'string' ? cleanName(title, LIMITS.boardTitleLength) : '',
    language: isLanguage(language) ? language : 'fr',
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : SCHEMA_VERSION,
    focusLimit: typeof focusLimit === 'number' ? focusLimit : DEFAULT_FOCUS_LIMIT,
  };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The whole board as plain data, cards and links sorted by id (so two converged docs compare equal). */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const cards: CardSnapshot[] = [];
  cardsMap(doc).forEach((card, id) => {
    if (card instanceof Y.Map) cards.push(readCard(card, id));
  });
  const links: LinkSnapshot[] = [];
  linksMap(doc).forEach((link, id) => {
    if (link && typeof link.from === 'string' && typeof link.to === 'string') {
      links.push({ id, from: link.from, to: link.to });
    }
  });
  return { meta: readMeta(doc), cards: cards.sort(byId), links: links.sort(byId) };
}

/** An empty board's encoded state with its meta, besides the title (measured 120). */
const BOARD_STRUCTURE_BYTES = 200;
/** A stored link `{id, from, to}` besides its strings (measured 25). */
const LINK_STRUCTURE_BYTES = 28;

/**
 * An upper bound of the encoded Yjs state (`Y.encodeStateAsUpdate`) of a new doc holding
 * `board` — what `LIMITS.boardBytes` caps — within a few per cent, without building the doc.
 * `byteLength` measures a string's UTF-8 (exact by default; three bytes per UTF-16 unit is a
 * quicker, looser bound). A live doc holding the same board is at least as large (its history).
 */
export function boardStoredBytes(
  board: Pick<BoardSnapshot, 'cards' | 'links'> & { meta: { title: string } },
  byteLength: (text: string) => number,
): number {
  let bytes = BOARD_STRUCTURE_BYTES + storedStringBytes(byteLength(board.meta.title));
  // Cards are written after meta's five entries, in order: each one's ids carry a later clock.
  let clock = 5;
  for (const card of board.cards) {
    bytes += cardStoredBytes(card, byteLength, clock);
    clock += cardClockLength(card);
  }
  for (const link of board.links) bytes += linkStoredBytes(link, byteLength);
  return bytes;
}

/** An upper bound of the bytes a stored link `{id, from, to}` takes in an encoded doc. */
export function linkStoredBytes(link: LinkSnapshot, byteLength: (text: string) => number): number {
  // The id is stored twice: as the link's key in `links` and inside the record.
  return (
    LINK_STRUCTURE_BYTES +
    2 * storedStringBytes(byteLength(link.id)) +
    storedStringBytes(byteLength(link.from)) +
    storedStringBytes(byteLength(link.to))
  );
}

/** Writes meta fields (only the ones given); the title is cleaned by `cleanName` (S-NAME-1). */
export function writeMeta(doc: Y.Doc, meta: Partial<BoardMeta>): void {
  const map = metaMap(doc);
  const cleaned =
    meta.title === undefined
      ? meta
      : { ...meta, title: cleanName(meta.title, LIMITS.boardTitleLength) };
  doc.transact(() => {
    for (const [key, value] of Object.entries(cleaned)) {
      if (value !== undefined && map.get(key) !== value) map.set(key, value);
    }
  });
}

export type { CardMap, Language };
