/**
 * The JSON board file, version 1: what export writes, import reads, templates are made of and
 * the CLI checks. Its published JSON Schema is `shared/board.schema.json` (kept in step by a test).
 *
 * Promises:
 * - export → import → export gives the same bytes (stable key order, cards and links sorted by
 *   id, positions already inside the triangle, pretty-printed with a trailing new line);
 * - a bad file is refused as a whole, with every problem (up to a cap) naming its field path and
 *   line — nothing is half-imported;
 * - a link whose card is missing is *kept*: it is the validator's `link/dangling` to report, and
 *   refusing it would make a board exported mid-race impossible to import.
 */

import type { Node } from 'jsonc-parser';
import * as Y from 'yjs';
import {
  cardsMap,
  cardToMap,
  DEFAULT_FOCUS_LIMIT,
  linksMap,
  metaMap,
  readBoard,
  SCHEMA_VERSION,
} from '../board/doc.ts';
import {
  isLane,
  isLanguage,
  LANE_COLOURS,
  LANES,
  type Lane,
  type Language,
} from '../board/lanes.ts';
import { BoardVersionError, storedSchemaVersion } from '../board/migrations.ts';
import { wellFormedText } from '../board/text.ts';
import type { BoardSnapshot, CardSnapshot, LinkSnapshot, Point } from '../board/types.ts';
import { clampCardPosition } from '../geometry/triangle.ts';
import {
  formatPath,
  LineIndex,
  offsetOfPath,
  type PathSegment,
  parseJsonTree,
  scanJsonStructure,
  utf8ByteLength,
} from './json-text.ts';

export const BOARD_FILE_FORMAT = 'fire-triangle/board';
export const BOARD_FILE_VERSION = 1;

/** Board-level settings carried by the file (the Yjs layout version is not: it is the doc's). */
export interface BoardFileMeta {
  title: string;
  language: Language;
  /** See `BoardMeta.focusLimit`. Optional in a file; defaults to `DEFAULT_FOCUS_LIMIT`. */
  focusLimit: number;
}

/**
 * A board file, version 1.
 * @example
 * { format: 'fire-triangle/board', version: 1, meta: { title: 'Q3', language: 'en', focusLimit: 3 },
 *   cards: [{ id: 'c1', lane: 'objective', title: '…', position: { x: 1500, y: 380 }, … }], links: [] }
 */
export interface BoardFileV1 {
  format: typeof BOARD_FILE_FORMAT;
  version: typeof BOARD_FILE_VERSION;
  meta: BoardFileMeta;
  cards: CardSnapshot[];
  links: LinkSnapshot[];
}

/**
 * Sizes past which a file is refused. Generous for a workshop board (the validator is
 * benchmarked on 10,000 cards and 15,000 links) yet small enough that a file cannot exhaust the
 * server. `maxBytes` leaves room for a board at the card and link limits with everyday text
 * (about 13 MiB exported), so whatever the app lets a team build can be exported and imported.
 * Text lengths count characters (Unicode code points), as JSON Schema's maxLength does.
 */
export const BOARD_FILE_LIMITS = {
  /** Whole file, UTF-8 bytes. */
  maxBytes: 16 * 1024 * 1024,
  maxCards: 20_000,
  maxLinks: 40_000,
  /** The board's title. */
  maxBoardTitleLength: 200,
  /** A card's title. */
  maxTitleLength: 500,
  /** A card's body. */
  maxBodyLength: 10_000,
  /** kpi, owner, budget, author. */
  maxFieldLength: 500,
  maxIdLength: 128,
  maxColourLength: 64,
  maxFocusLimit: 50,
  /** Bracket nesting; a valid board file nests 4 deep. */
  maxDepth: 32,
  /** Problems listed in one refusal; the rest are counted. */
  maxIssues: 20,
} as const;

/** One reason a file was refused. `path` is like `cards[3].lane` ('' for the whole file). */
export interface BoardImportIssue {
  path: string;
  /** 1-based; absent when the file was given as an object rather than text. */
  line?: number;
  column?: number;
  message: string;
}

/** `cards[3].lane: 'tactique' is not a lane; … (line 42)` */
export function formatImportIssue(issue: BoardImportIssue): string {
  const column = issue.column === undefined ? '' : `, column ${issue.column}`;
  const where = issue.line === undefined ? '' : ` (line ${issue.line}${column})`;
  return `${issue.path === '' ? '' : `${issue.path}: `}${issue.message}${where}`;
}

/** A file that cannot be imported; `issues` lists why (at most `BOARD_FILE_LIMITS.maxIssues`). */
export class BoardImportError extends Error {
  constructor(
    readonly issues: BoardImportIssue[],
    /** How many more problems were found but not listed. */
    readonly omitted = 0,
  ) {
    const lines = issues.map(formatImportIssue);
    const more = omitted > 0 ? `\n- …and ${omitted} more` : '';
    super(
      issues.length === 1 && omitted === 0
        ? `This board file cannot be imported: ${lines[0]}`
        : `This board file cannot be imported (${issues.length + omitted} problems):\n- ${lines.join('\n- ')}${more}`,
    );
    this.name = 'BoardImportError';
  }
}

// ---------------------------------------------------------------------------------------------
// Export

function plainCard(card: CardSnapshot): CardSnapshot {
  // Key order here is the file's key order.
  return {
    id: card.id,
    lane: card.lane,
    title: card.title,
    body: card.body,
    position: clampedPosition(card.position),
    colour: card.colour,
    author: card.author,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    kpi: card.kpi,
    owner: card.owner,
    dueDate: card.dueDate,
    budget: card.budget,
  };
}

/**
 * A card can only be drawn and dragged inside the triangle, so the file keeps positions there:
 * import clamps them and export writes them clamped, which keeps export → import → export exact
 * even for a doc holding a position from before clamping existed.
 */
function clampedPosition(position: Point): Point {
  const clamped = clampCardPosition(position);
  return { x: clamped.x, y: clamped.y };
}

/** The board file of a snapshot (cards and links sorted by id). */
export function fileOfSnapshot(board: BoardSnapshot): BoardFileV1 {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    meta: {
      title: board.meta.title,
      language: board.meta.language,
      focusLimit: board.meta.focusLimit,
    },
    cards: [...board.cards].sort(byId).map(plainCard),
    links: [...board.links]
      .sort(byId)
      .map((link) => ({ id: link.id, from: link.from, to: link.to })),
  };
}

export function exportBoard(doc: Y.Doc): BoardFileV1 {
  return fileOfSnapshot(readBoard(doc));
}

/** The file as text: 2-space indent, stable key order, trailing new line. */
export function boardFileToJson(file: BoardFileV1): string {
  return `${JSON.stringify(fileOfSnapshot(snapshotOfFile(file)), null, 2)}\n`;
}

export function exportBoardJson(doc: Y.Doc): string {
  return `${JSON.stringify(exportBoard(doc), null, 2)}\n`;
}

/** The snapshot the validator sees for a file, equal to `readBoard` of the imported doc. */
export function snapshotOfFile(file: BoardFileV1): BoardSnapshot {
  const normalised = fileOfSnapshot({
    meta: { ...file.meta, schemaVersion: SCHEMA_VERSION },
    cards: file.cards,
    links: file.links,
  });
  return {
    meta: { ...normalised.meta, schemaVersion: SCHEMA_VERSION },
    cards: normalised.cards,
    links: normalised.links,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation of the file's shape

type Locate = (path: readonly PathSegment[]) => { line: number } | undefined;

class IssueList {
  readonly listed: BoardImportIssue[] = [];
  omitted = 0;

  constructor(private readonly locate: Locate) {}

  add(path: readonly PathSegment[], message: string): void {
    if (this.listed.length >= BOARD_FILE_LIMITS.maxIssues) {
      this.omitted++;
      return;
    }
    const where = this.locate(path);
    this.listed.push({ path: formatPath(path), ...where, message });
  }

  get empty(): boolean {
    return this.listed.length === 0;
  }

  fail(): never {
    throw new BoardImportError(this.listed, this.omitted);
  }
}

/** A short, readable rendering of a value for a message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
    return `'${shown}'`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to store';
  return String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return describe(value);
  return `${typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true/false' : 'text'} (${describe(value)})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters as JSON Schema counts them (code points), without allocating for short text. */
function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Lane names people type by mistake (French labels, plurals, capitals) → the lane they meant. */
const LANE_HINTS: Record<string, Lane> = {
  objectif: 'objective',
  objectifs: 'objective',
  objectives: 'objective',
  goal: 'objective',
  stratégie: 'strategy',
  strategie: 'strategy',
  stratégies: 'strategy',
  strategies: 'strategy',
  plans: 'plan',
  tactique: 'tactic',
  tactiques: 'tactic',
  tactics: 'tactic',
};

function laneHint(value: string): string {
  const lower = value.trim().toLowerCase();
  const meant = isLane(lower) ? lower : LANE_HINTS[lower];
  return meant ? ` (did you mean '${meant}'?)` : '';
}

/** true for '' and real calendar dates written YYYY-MM-DD. */
export function isValidDueDate(value: string): boolean {
  if (value === '') return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const CARD_FIELDS = [
  'id',
  'lane',
  'title',
  'body',
  'position',
  'colour',
  'author',
  'createdAt',
  'updatedAt',
  'kpi',
  'owner',
  'dueDate',
  'budget',
] as const;
const REQUIRED_CARD_FIELDS = ['id', 'lane', 'title', 'position'] as const;
const LINK_FIELDS = ['id', 'from', 'to'] as const;
const META_FIELDS = ['title', 'language', 'focusLimit'] as const;
const TOP_FIELDS = ['$schema', 'format', 'version', 'meta', 'cards', 'links'] as const;

function listed(fields: readonly string[]): string {
  return fields.length === 1
    ? fields[0]!
    : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
}

class ShapeChecker {
  constructor(readonly issues: IssueList) {}

  unknownFields(
    object: Record<string, unknown>,
    allowed: readonly string[],
    path: PathSegment[],
    what: string,
  ) {
    for (const key of Object.keys(object)) {
      if (allowed.includes(key)) continue;
      const meant = allowed.find((field) => field.toLowerCase() === key.toLowerCase());
      const hint = meant ? ` (did you mean '${meant}'?)` : '';
      const fields = listed(allowed.filter((field) => field !== '$schema'));
      this.issues.add(
        [...path, key],
        `'${key}' is not a field of ${what}${hint}; the fields are ${fields}`,
      );
    }
  }

  required(
    object: Record<string, unknown>,
    fields: readonly string[],
    path: PathSegment[],
    what: string,
  ): boolean {
    let ok = true;
    for (const field of fields) {
      if (!Object.hasOwn(object, field)) {
        this.issues.add([...path, field], `is missing; ${what} needs ${listed(fields)}`);
        ok = false;
      }
    }
    return ok;
  }

  text(
    value: unknown,
    path: PathSegment[],
    maxLength: number,
    options: { nonEmpty?: boolean } = {},
  ): string | undefined {
    if (typeof value !== 'string') {
      this.issues.add(path, `expected text, got ${typeName(value)}`);
      return undefined;
    }
    if (options.nonEmpty && value.trim() === '') {
      this.issues.add(path, 'must not be empty');
      return undefined;
    }
    if (value.length > maxLength && characterCount(value) > maxLength) {
      this.issues.add(
        path,
        `is ${characterCount(value).toLocaleString('en')} characters long; at most ${maxLength.toLocaleString('en')} are allowed`,
      );
      return undefined;
    }
    // Half an emoji (a lone "\ud83d" escape) would make peers' copies of the text diverge.
    return wellFormedText(value);
  }

  finiteNumber(value: unknown, path: PathSegment[], minimum?: number): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.issues.add(path, `expected a finite number, got ${typeName(value)}`);
      return undefined;
    }
    if (minimum !== undefined && value < minimum) {
      this.issues.add(path, `must be at least ${minimum}, got ${value}`);
      return undefined;
    }
    return value;
  }

  object(value: unknown, path: PathSegment[], what: string): value is Record<string, unknown> {
    if (isPlainObject(value)) return true;
    this.issues.add(path, `expected ${what} (an object), got ${typeName(value)}`);
    return false;
  }

  list(value: unknown, path: PathSegment[], max: number, what: string): value is unknown[] {
    if (!Array.isArray(value)) {
      this.issues.add(path, `expected a list of ${what}, got ${typeName(value)}`);
      return false;
    }
    if (value.length > max) {
      this.issues.add(
        path,
        `holds ${value.length.toLocaleString('en')} ${what}; a board file may hold at most ${max.toLocaleString('en')}`,
      );
      return false;
    }
    return true;
  }
}

function checkMeta(check: ShapeChecker, value: unknown): BoardFileMeta | undefined {
  const path = ['meta'];
  if (!check.object(value, path, 'the board settings')) return undefined;
  check.unknownFields(value, META_FIELDS, path, 'the board settings');
  if (!check.required(value, ['title', 'language'], path, 'the board settings')) return undefined;
  const title = check.text(value.title, ['meta', 'title'], BOARD_FILE_LIMITS.maxBoardTitleLength);
  let language: Language | undefined;
  if (isLanguage(value.language)) language = value.language;
  else {
    check.issues.add(
      ['meta', 'language'],
      `${describe(value.language)} is not a board language; expected 'fr' or 'en'`,
    );
  }
  let focusLimit: number | undefined = DEFAULT_FOCUS_LIMIT;
  if (Object.hasOwn(value, 'focusLimit')) {
    const limit = value.focusLimit;
    if (
      typeof limit !== 'number' ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > BOARD_FILE_LIMITS.maxFocusLimit
    ) {
      check.issues.add(
        ['meta', 'focusLimit'],
        `expected a whole number from 1 to ${BOARD_FILE_LIMITS.maxFocusLimit}, got ${typeName(limit)}`,
      );
      focusLimit = undefined;
    } else focusLimit = limit;
  }
  if (title === undefined || language === undefined || focusLimit === undefined) return undefined;
  return { title, language, focusLimit };
}

function checkPosition(
  check: ShapeChecker,
  value: unknown,
  path: PathSegment[],
): Point | undefined {
  if (!check.object(value, path, 'a position {x, y}')) return undefined;
  check.unknownFields(value, ['x', 'y'], path, 'a position');
  if (!check.required(value, ['x', 'y'], path, 'a position')) return undefined;
  const x = check.finiteNumber(value.x, [...path, 'x']);
  const y = check.finiteNumber(value.y, [...path, 'y']);
  return x === undefined || y === undefined ? undefined : clampedPosition({ x, y });
}

function checkCard(check: ShapeChecker, value: unknown, index: number): CardSnapshot | undefined {
  const path: PathSegment[] = ['cards', index];
  if (!check.object(value, path, 'a card')) return undefined;
  check.unknownFields(value, CARD_FIELDS, path, 'a card');
  if (!check.required(value, REQUIRED_CARD_FIELDS, path, 'every card')) return undefined;
  const at = (field: string): PathSegment[] => [...path, field];
  const optionalText = (field: string, max: number): string | undefined =>
    Object.hasOwn(value, field) ? check.text(value[field], at(field), max) : '';
  const optionalTime = (field: string): number | undefined =>
    Object.hasOwn(value, field) ? check.finiteNumber(value[field], at(field), 0) : 0;

  const id = check.text(value.id, at('id'), BOARD_FILE_LIMITS.maxIdLength, { nonEmpty: true });
  let lane: Lane | undefined;
  if (isLane(value.lane)) lane = value.lane;
  else if (typeof value.lane === 'string') {
    check.issues.add(
      at('lane'),
      `'${value.lane}' is not a lane; expected one of ${LANES.join(', ')}${laneHint(value.lane)}`,
    );
  } else {
    check.issues.add(
      at('lane'),
      `expected a lane (${LANES.join(', ')}), got ${typeName(value.lane)}`,
    );
  }
  const title = check.text(value.title, at('title'), BOARD_FILE_LIMITS.maxTitleLength);
  const body = optionalText('body', BOARD_FILE_LIMITS.maxBodyLength);
  const position = checkPosition(check, value.position, at('position'));
  const colour = optionalText('colour', BOARD_FILE_LIMITS.maxColourLength);
  const author = optionalText('author', BOARD_FILE_LIMITS.maxFieldLength);
  const createdAt = optionalTime('createdAt');
  const updatedAt = optionalTime('updatedAt');
  const kpi = optionalText('kpi', BOARD_FILE_LIMITS.maxFieldLength);
  const owner = optionalText('owner', BOARD_FILE_LIMITS.maxFieldLength);
  const budget = optionalText('budget', BOARD_FILE_LIMITS.maxFieldLength);
  let dueDate: string | undefined = '';
  if (Object.hasOwn(value, 'dueDate')) {
    dueDate = undefined;
    if (typeof value.dueDate !== 'string') {
      check.issues.add(at('dueDate'), `expected a date as text, got ${typeName(value.dueDate)}`);
    } else if (!isValidDueDate(value.dueDate)) {
      check.issues.add(
        at('dueDate'),
        `${describe(value.dueDate)} is not a date; write it YYYY-MM-DD (e.g. 2027-06-30), or '' for none`,
      );
    } else dueDate = value.dueDate;
  }
  if (
    id === undefined ||
    lane === undefined ||
    title === undefined ||
    body === undefined ||
    position === undefined ||
    colour === undefined ||
    author === undefined ||
    createdAt === undefined ||
    updatedAt === undefined ||
    kpi === undefined ||
    owner === undefined ||
    dueDate === undefined ||
    budget === undefined
  ) {
    return undefined;
  }
  return {
    id,
    lane,
    title,
    body,
    position,
    // An empty colour reads back as the lane's colour (readCard), so write that to keep the round trip.
    colour: colour === '' ? LANE_COLOURS[lane] : colour,
    author,
    createdAt,
    updatedAt,
    kpi,
    owner,
    dueDate,
    budget,
  };
}

function checkLink(check: ShapeChecker, value: unknown, index: number): LinkSnapshot | undefined {
  const path: PathSegment[] = ['links', index];
  if (!check.object(value, path, 'a link {id, from, to}')) return undefined;
  check.unknownFields(value, LINK_FIELDS, path, 'a link');
  if (!check.required(value, LINK_FIELDS, path, 'every link')) return undefined;
  const max = BOARD_FILE_LIMITS.maxIdLength;
  const id = check.text(value.id, [...path, 'id'], max, { nonEmpty: true });
  const from = check.text(value.from, [...path, 'from'], max, { nonEmpty: true });
  const to = check.text(value.to, [...path, 'to'], max, { nonEmpty: true });
  if (id === undefined || from === undefined || to === undefined) return undefined;
  return { id, from, to };
}

function checkUniqueIds(
  check: ShapeChecker,
  items: readonly ({ id: string } | undefined)[],
  list: 'cards' | 'links',
): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    if (!item) return;
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, index);
    else {
      check.issues.add(
        [list, index, 'id'],
        `the id '${item.id}' is already used by ${list}[${first}]; every ${list === 'cards' ? 'card' : 'link'} needs its own id`,
      );
    }
  });
}

function checkFile(value: unknown, locate: Locate): BoardFileV1 {
  const issues: IssueList = new IssueList(locate);
  const check = new ShapeChecker(issues);
  if (!isPlainObject(value)) {
    issues.add([], `a board file is a JSON object, this one holds ${typeName(value)}`);
    issues.fail();
  }
  // Anything that is not ours (another tool's JSON, a newer format) is refused with one clear
  // reason rather than a list of every field it lacks.
  if (value.format !== BOARD_FILE_FORMAT) {
    issues.add(
      ['format'],
      Object.hasOwn(value, 'format')
        ? `${describe(value.format)} is not a Fire Triangle board; expected '${BOARD_FILE_FORMAT}'`
        : `is missing; this does not look like a Fire Triangle board file (expected "format": "${BOARD_FILE_FORMAT}")`,
    );
    issues.fail();
  }
  if (value.version !== BOARD_FILE_VERSION) {
    const newer = typeof value.version === 'number' && value.version > BOARD_FILE_VERSION;
    issues.add(
      ['version'],
      newer
        ? `this file is board format version ${value.version}, newer than the version ${BOARD_FILE_VERSION} this Fire Triangle reads; update Fire Triangle to import it`
        : `expected ${BOARD_FILE_VERSION}, got ${typeName(value.version)}`,
    );
    issues.fail();
  }
  check.unknownFields(value, TOP_FIELDS, [], 'a board file');
  if (Object.hasOwn(value, '$schema') && typeof value.$schema !== 'string') {
    issues.add(['$schema'], `expected text (the schema's address), got ${typeName(value.$schema)}`);
  }
  check.required(value, ['meta', 'cards', 'links'], [], 'a board file');
  const meta = Object.hasOwn(value, 'meta') ? checkMeta(check, value.meta) : undefined;
  let cards: (CardSnapshot | undefined)[] = [];
  if (
    Object.hasOwn(value, 'cards') &&
    check.list(value.cards, ['cards'], BOARD_FILE_LIMITS.maxCards, 'cards')
  ) {
    cards = value.cards.map((card, index) => checkCard(check, card, index));
    checkUniqueIds(check, cards, 'cards');
  }
  let links: (LinkSnapshot | undefined)[] = [];
  if (
    Object.hasOwn(value, 'links') &&
    check.list(value.links, ['links'], BOARD_FILE_LIMITS.maxLinks, 'links')
  ) {
    links = value.links.map((link, index) => checkLink(check, link, index));
    checkUniqueIds(check, links, 'links');
  }
  if (!issues.empty || meta === undefined) issues.fail();
  return {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    meta,
    cards: cards as CardSnapshot[],
    links: links as LinkSnapshot[],
  };
}

/**
 * Checks an already-parsed value (e.g. a request body) and returns a normalised copy: optional
 * fields filled with their defaults, positions clamped into the triangle. Throws
 * `BoardImportError` naming each bad field (no line numbers: the text is gone).
 */
export function validateBoardFile(value: unknown): BoardFileV1 {
  return checkFile(value, () => undefined);
}

/** Parses and checks a board file's text; every problem names its field path and line. */
export function parseBoardFile(text: string): BoardFileV1 {
  const fileIssues = (message: string, offset?: number): never => {
    const where = offset === undefined ? {} : new LineIndex(text).at(offset);
    throw new BoardImportError([{ path: '', ...where, message }]);
  };
  if (typeof text !== 'string') fileIssues('expected the text of a board file');
  // Editors on Windows may save a byte-order mark; it is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { maxBytes, maxDepth } = BOARD_FILE_LIMITS;
  if (json.length > maxBytes || (json.length * 3 > maxBytes && utf8ByteLength(json) > maxBytes)) {
    const mib = (utf8ByteLength(json) / 1024 / 1024).toFixed(1);
    fileIssues(`the file is ${mib} MiB; a board file may be at most ${maxBytes / 1024 / 1024} MiB`);
  }
  if (json.trim() === '') fileIssues('the file is empty; a board file is a JSON object');
  // Line numbers are only needed to explain a refusal: index the lines on first use.
  let lineIndex: LineIndex | undefined;
  const lines = {
    at(offset: number) {
      lineIndex ??= new LineIndex(json);
      return lineIndex.at(offset);
    },
  };
  const structure = scanJsonStructure(json, maxDepth);
  if (structure.tooDeepAt >= 0) {
    throw new BoardImportError([
      {
        path: '',
        ...lines.at(structure.tooDeepAt),
        message: `lists and objects nest more than ${maxDepth} deep here; a board file nests 4 deep`,
      },
    ]);
  }
  let value: unknown;
  try {
    // JSON.parse first: it is fast, and it keeps a "__proto__" key as a plain field (refused
    // below as unknown) instead of setting an object's prototype.
    value = JSON.parse(json);
  } catch {
    // Only now pay for the slower parser that says where and what the syntax error is.
    const { issues } = parseJsonTree(json);
    const listed = issues.slice(0, BOARD_FILE_LIMITS.maxIssues).map((issue) => ({
      path: formatPath(issue.path),
      ...lines.at(issue.offset),
      message: issue.message,
    }));
    throw new BoardImportError(
      listed.length > 0 ? listed : [{ path: '', message: 'invalid JSON' }],
      Math.max(0, issues.length - listed.length),
    );
  }
  if (structure.duplicateKeys.length > 0) {
    const listed = structure.duplicateKeys.slice(0, BOARD_FILE_LIMITS.maxIssues);
    throw new BoardImportError(
      listed.map((issue) => ({
        path: formatPath(issue.path),
        line: lines.at(issue.offset).line,
        message: issue.message,
      })),
      structure.duplicateKeys.length - listed.length,
    );
  }
  // The tree that gives each field its line is built only if a field is refused.
  let root: Node | undefined;
  const locate = (path: readonly PathSegment[]) => {
    root ??= parseJsonTree(json).root;
    return root ? { line: lines.at(offsetOfPath(root, path)).line } : undefined;
  };
  return checkFile(value, locate);
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Replaces the content of `into` (or of a new doc) with the board in `file`, in ONE transaction
 * tagged `origin`, after the whole file has been checked: a refused file throws
 * `BoardImportError` and leaves the doc untouched. Meta keys this format does not carry (a
 * future lock flag, say) are left as they are.
 */
export function importBoard(
  file: BoardFileV1 | string,
  into?: Y.Doc,
  origin: unknown = null,
): Y.Doc {
  const board = typeof file === 'string' ? parseBoardFile(file) : validateBoardFile(file);
  const doc = into ?? new Y.Doc();
  const version = storedSchemaVersion(doc);
  if (version > SCHEMA_VERSION) throw new BoardVersionError(version);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', board.meta.title);
    meta.set('language', board.meta.language);
    meta.set('focusLimit', board.meta.focusLimit);
    const cards = cardsMap(doc);
    const links = linksMap(doc);
    cards.clear();
    links.clear();
    for (const card of board.cards) cards.set(card.id, cardToMap(card));
    for (const link of board.links)
      links.set(link.id, { id: link.id, from: link.from, to: link.to });
  }, origin);
  return doc;
}
