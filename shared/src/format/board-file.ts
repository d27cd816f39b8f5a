/**
 * The JSON board file, version 1: what export writes, import reads, templates are made of and
 * the CLI checks. Format only parses and writes files; replacing a doc's board with a file's is
 * the shared operation `replaceBoard` (`importBoard` here is parse + `replaceBoard`). The file's
 * shape is one TypeBox schema (`board-schema.ts`), from which `shared/board.schema.json` is
 * generated; its limits are the board's (`LIMITS`).
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
  CARD_FIELD_NAMES,
  type CardSnapshot,
  cardWithDefaults,
  isValidDueDate,
} from '../board/card.ts';
import { boardStoredBytes, DEFAULT_FOCUS_LIMIT, readBoard, SCHEMA_VERSION } from '../board/doc.ts';
import type { Language } from '../board/lanes.ts';
import { replaceBoard } from '../board/operations.ts';
import { wellFormedText } from '../board/text.ts';
import type { BoardSnapshot, LinkSnapshot, Point } from '../board/types.ts';
import { clampCardPosition } from '../geometry/triangle.ts';
import { LIMITS, utf8ByteLength } from '../limits.ts';
import {
  BOARD_FILE_FORMAT,
  BOARD_FILE_VERSION,
  checkShape,
  describeValue,
  dueDateMessage,
  typeName,
} from './board-schema.ts';
import {
  formatPath,
  LineIndex,
  offsetOfPath,
  type PathSegment,
  parseJsonTree,
  scanJsonStructure,
} from './json-text.ts';

export { BOARD_FILE_FORMAT, BOARD_FILE_VERSION };

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

/** A file that cannot be imported; `issues` lists why (at most `LIMITS.importIssues`). */
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

/** A card as the file writes it: every field, in the file's key order, position clamped. */
function plainCard(card: CardSnapshot): CardSnapshot {
  return cardWithDefaults({ ...card, position: clampedPosition(card.position) });
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
// Checking a file

type Locate = (path: readonly PathSegment[]) => { line: number } | undefined;

class IssueList {
  readonly listed: BoardImportIssue[] = [];
  omitted = 0;

  constructor(private readonly locate: Locate) {}

  add(path: readonly PathSegment[], message: string): void {
    if (this.listed.length >= LIMITS.importIssues) {
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's shape was checked (`checkShape`): these are its types. */
interface CheckedFile {
  meta: { title: string; language: Language; focusLimit?: number };
  cards: (Pick<CardSnapshot, 'id' | 'lane' | 'title' | 'position'> & Partial<CardSnapshot>)[];
  links: LinkSnapshot[];
}

/** What the schema cannot say: ids used twice, and 29 February of a year that is not leap. */
function checkBeyondSchema(file: CheckedFile, issues: IssueList): void {
  file.cards.forEach((card, index) => {
    if (card.dueDate !== undefined && !isValidDueDate(card.dueDate)) {
      issues.add(['cards', index, 'dueDate'], dueDateMessage(card.dueDate));
    }
  });
  for (const list of ['cards', 'links'] as const) {
    const firstIndex = new Map<string, number>();
    file[list].forEach((item: { id: string }, index: number) => {
      const first = firstIndex.get(item.id);
      if (first === undefined) firstIndex.set(item.id, index);
      else {
        issues.add(
          [list, index, 'id'],
          `the id '${item.id}' is already used by ${list}[${first}]; every ${list === 'cards' ? 'card' : 'link'} needs its own id`,
        );
      }
    });
  }
}

/** A checked card with its defaults, well-formed text (half an emoji → U+FFFD), clamped position. */
function normalisedCard(card: CheckedFile['cards'][number]): CardSnapshot {
  const full = cardWithDefaults(card);
  for (const field of CARD_FIELD_NAMES) {
    const value = full[field];
    // Half an emoji (a lone "\ud83d" escape) would make peers' copies of the text diverge.
    if (typeof value === 'string')
      (full as unknown as Record<string, unknown>)[field] = wellFormedText(value);
  }
  full.position = clampedPosition(full.position);
  return full;
}

function checkFile(value: unknown, locate: Locate): BoardFileV1 {
  const issues: IssueList = new IssueList(locate);
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
        ? `${describeValue(value.format)} is not a Fire Triangle board; expected '${BOARD_FILE_FORMAT}'`
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
  for (const issue of checkShape(value)) issues.add(issue.path, issue.message);
  if (!issues.empty) issues.fail();
  const file = value as unknown as CheckedFile;
  checkBeyondSchema(file, issues);
  if (!issues.empty) issues.fail();
  const checked: BoardFileV1 = {
    format: BOARD_FILE_FORMAT,
    version: BOARD_FILE_VERSION,
    meta: {
      title: wellFormedText(file.meta.title),
      language: file.meta.language,
      focusLimit: file.meta.focusLimit ?? DEFAULT_FOCUS_LIMIT,
    },
    cards: file.cards.map(normalisedCard),
    links: file.links.map((link) => ({
      id: wellFormedText(link.id),
      from: wellFormedText(link.from),
      to: wellFormedText(link.to),
    })),
  };
  checkBoardBytes(checked, issues);
  if (!issues.empty) issues.fail();
  return checked;
}

const MiB = 1024 * 1024;

/**
 * Refuses a board that would take more than `LIMITS.boardBytes` once loaded — the live board's
 * own cap, so whatever import accepts, the server takes. A file spends its bytes differently
 * from Yjs (a minified file of bare cards loads at three times its size), so the file's size
 * says little: the board's stored size is bounded from the snapshot, and measured in a scratch
 * doc only when the bound cannot decide (a board within a few per cent of the cap).
 */
function checkBoardBytes(file: BoardFileV1, issues: IssueList): void {
  const cap = LIMITS.boardBytes;
  if (boardStoredBytes(file, (text) => 3 * text.length) <= cap) return;
  if (boardStoredBytes(file, utf8ByteLength) <= cap) return;
  const scratch = new Y.Doc();
  // The largest client id has the longest varints: the size any client's import would reach.
  scratch.clientID = 0xffffffff;
  replaceBoard(scratch, file);
  const bytes = Y.encodeStateAsUpdate(scratch).byteLength;
  scratch.destroy();
  if (bytes > cap) {
    issues.add(
      [],
      `this board takes ${(bytes / MiB).toFixed(1)} MiB once loaded; a board may take at most ${cap / MiB} MiB — remove cards or shorten their text`,
    );
  }
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
  const { fileBytes: maxBytes, fileDepth: maxDepth } = LIMITS;
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
    const listed = issues.slice(0, LIMITS.importIssues).map((issue) => ({
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
    const listed = structure.duplicateKeys.slice(0, LIMITS.importIssues);
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
 * Checks `file` whole, then replaces the board in `into` (or in a new doc) with it through the
 * shared operation `replaceBoard` — one transaction tagged `origin`, import marker included. A
 * refused file throws `BoardImportError` and leaves the doc untouched; a doc written by a newer
 * Fire Triangle throws `BoardVersionError`. Meta keys this format does not carry (a future lock
 * flag, say) are left as they are.
 */
export function importBoard(
  file: BoardFileV1 | string,
  into?: Y.Doc,
  origin: unknown = null,
): Y.Doc {
  const board = typeof file === 'string' ? parseBoardFile(file) : validateBoardFile(file);
  const doc = into ?? new Y.Doc();
  replaceBoard(doc, board, origin);
  return doc;
}
