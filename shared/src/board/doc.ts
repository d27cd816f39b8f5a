/**
 * The Yjs layout of a board — the one place that names the top-level maps and the keys of a
 * card record. Nobody else calls `doc.getMap('…')` with a string literal.
 *
 *   meta : Y.Map   title, language, schemaVersion, focusLimit
 *   cards: Y.Map<Y.Map>   one Y.Map per card, keyed by card id:
 *            id, lane, title (Y.Text), body (Y.Text), position ({x, y} as ONE value, so a
 *            concurrent move never mixes one user's x with another's y), colour, author,
 *            createdAt, updatedAt, kpi, owner, dueDate, budget
 *   links: Y.Map<{id, from, to}>   immutable records keyed by link id; `from` serves `to`
 */
import * as Y from 'yjs';
import { isLane, isLanguage, LANE_COLOURS, type Lane, type Language } from './lanes.ts';
import type { BoardMeta, BoardSnapshot, CardSnapshot, LinkSnapshot, Point } from './types.ts';

/** The layout version this code reads and writes. Bump it and add a migration together. */
export const SCHEMA_VERSION = 1;

export const DEFAULT_FOCUS_LIMIT = 3;

/**
 * The `meta` key a board import (`replaceBoard`) writes, a fresh value each time, so the server
 * can tell an import from ordinary edits: only a facilitator may write it
 * (`FACILITATOR_ONLY_META_KEYS`, docs/server-spec.md S-WRITE-2).
 */
export const IMPORT_MARKER_KEY = 'lastImport';

const MAP_NAMES = { meta: 'meta', cards: 'cards', links: 'links' } as const;

/** A card as stored: a Y.Map whose `title` and `body` are Y.Text. */
export type CardMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MAP_NAMES.meta);
}

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap(MAP_NAMES.cards);
}

export function linksMap(doc: Y.Doc): Y.Map<LinkSnapshot> {
  return doc.getMap(MAP_NAMES.links);
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const meta = metaMap(doc);
  const language = meta.get('language');
  const focusLimit = meta.get('focusLimit');
  const schemaVersion = meta.get('schemaVersion');
  return {
    title: typeof meta.get('title') === 'string' ? (meta.get('title') as string) : '',
    language: isLanguage(language) ? language : 'fr',
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : SCHEMA_VERSION,
    focusLimit: typeof focusLimit === 'number' ? focusLimit : DEFAULT_FOCUS_LIMIT,
  };
}

function stringField(card: CardMap, key: string): string {
  const value = card.get(key);
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

function numberField(card: CardMap, key: string): number {
  const value = card.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function pointField(card: CardMap): Point {
  const value = card.get('position') as Partial<Point> | undefined;
  return {
    x: typeof value?.x === 'number' ? value.x : 0,
    y: typeof value?.y === 'number' ? value.y : 0,
  };
}

/** Reads one stored card as plain data. Unknown or damaged fields read as empty, never throw. */
export function readCard(card: CardMap, id: string): CardSnapshot {
  const lane = card.get('lane');
  const safeLane: Lane = isLane(lane) ? lane : 'tactic';
  return {
    id,
    lane: safeLane,
    title: stringField(card, 'title'),
    body: stringField(card, 'body'),
    position: pointField(card),
    colour: stringField(card, 'colour') || LANE_COLOURS[safeLane],
    author: stringField(card, 'author'),
    createdAt: numberField(card, 'createdAt'),
    updatedAt: numberField(card, 'updatedAt'),
    kpi: stringField(card, 'kpi'),
    owner: stringField(card, 'owner'),
    dueDate: stringField(card, 'dueDate'),
    budget: stringField(card, 'budget'),
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

/** Builds the stored form of a card (call inside a transaction, then put it in `cardsMap`). */
export function cardToMap(card: CardSnapshot): CardMap {
  const map = new Y.Map<unknown>();
  map.set('id', card.id);
  map.set('lane', card.lane);
  map.set('title', new Y.Text(card.title));
  map.set('body', new Y.Text(card.body));
  map.set('position', { x: card.position.x, y: card.position.y });
  map.set('colour', card.colour);
  map.set('author', card.author);
  map.set('createdAt', card.createdAt);
  map.set('updatedAt', card.updatedAt);
  map.set('kpi', card.kpi);
  map.set('owner', card.owner);
  map.set('dueDate', card.dueDate);
  map.set('budget', card.budget);
  return map;
}

/** The Y.Text of a card's title or body (created if a damaged record lacks it). */
export function cardText(card: CardMap, field: 'title' | 'body'): Y.Text {
  const value = card.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  card.set(field, text);
  return text;
}

/** Writes meta fields (only the ones given). */
export function writeMeta(doc: Y.Doc, meta: Partial<BoardMeta>): void {
  const map = metaMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta)) {
      if (value !== undefined && map.get(key) !== value) map.set(key, value);
    }
  });
}

export type { Language };
