/**
 * Every size limit of a board, in one table, so that the editor, the live doc (the server), export
 * and import agree: whatever the live board accepts, export writes and import accepts again, and
 * whatever import accepts, the server takes in one message.
 *
 * Who uses what:
 * - the card editor and the board settings stop typing at the text lengths;
 * - the shared operations cut text to them (a backstop: the editor says so first);
 * - the server refuses live updates past the text lengths, the card and link counts and the
 *   board's size (`boardBytes`), and messages past `messageBytes`;
 * - the board file format (import, the CLI, `POST /api/boards/:id/import`) refuses files past
 *   `fileBytes` and content past every other limit, with the same numbers.
 *
 * Text lengths count characters as JSON Schema's `maxLength` does (Unicode code points: an emoji
 * is one), see `characterCount`. Byte sizes are bytes.
 *
 * How the byte limits fit together (measured by `test/limits.test.ts`):
 * - A board at the card and link limits with everyday text (titles of about fifty characters)
 *   is 11.6 MiB of Yjs state and exports to a 12.6 MiB file: it fits `boardBytes` and `fileBytes`.
 * - `boardBytes` ≤ `messageBytes`: an import replaces a board in one transaction (one undo step),
 *   so its update carries the whole board; a client restoring a board the server lost sends it
 *   whole too. Both fit in one message, with room for the delete set of the replaced board.
 * - Import refuses a file whose board would take more than `boardBytes` once loaded (bounded
 *   from the snapshot by `boardStoredBytes`), not only a file over `fileBytes`: a minified file
 *   of bare cards loads at three times its size, so the file's size alone does not say whether
 *   the server will take the board.
 * - `fileBytes` is a third above `boardBytes`: a file spends more bytes than Yjs on the same text
 *   (indentation, quoted keys, escapes such as `\n` and `\"`), about 8 % for everyday text. A
 *   board within `boardBytes` exports within `fileBytes` unless its text is mostly characters JSON
 *   escapes (bodies made of quotes or control characters); such an export is refused on import
 *   by its size, and is the one gap left between the stages.
 */

const MiB = 1024 * 1024;

export const LIMITS = {
  /** A card's title, characters: a sticky note's headline, with room for a long objective. */
  cardTitleLength: 500,
  /** A card's body, characters: a few paragraphs of rationale. */
  cardBodyLength: 10_000,
  /** A card's KPI, owner, budget and author, characters each. */
  cardFieldLength: 500,
  /** A card's colour (a CSS colour), characters. */
  cardColourLength: 64,
  /** A card or link id, characters. Generated ids are 18 (`c_` + 16 hex digits). */
  idLength: 128,
  /** The board's title, characters (the home page's title field stops there too). */
  boardTitleLength: 200,
  /**
   * A person's name in presence, characters (what the server stamps and the history records;
   * the name prompt stops at 40, what the avatars draw).
   */
  personNameLength: 80,
  /** The largest `meta.focusLimit` (strategies per objective before focus/too-many-strategies). */
  focusLimitMax: 50,

  /**
   * Cards on one board. The validator is benchmarked on 10,000 cards and 15,000 links (full run
   * ≤ 20 ms); twice that leaves room for the biggest boards while keeping a loaded board in
   * memory and a full validation bounded.
   */
  cards: 20_000,
  /** Links on one board: two per card at the card limit. */
  links: 40_000,

  /**
   * A board's Yjs state (`Y.encodeStateAsUpdate`, what a compacted board stores), bytes. The
   * server refuses updates that grow a board past it (a loaded Y.Doc costs 11–13 × its saved size
   * in memory: ~150 MiB at this cap). Holds a board at the card and link limits (11.6 MiB).
   */
  boardBytes: 12 * MiB,
  /**
   * One websocket message, bytes (the server's default `FT_MAX_MESSAGE_BYTES`). At least
   * `boardBytes`: an import or a restore sends a whole board in one update.
   */
  messageBytes: 16 * MiB,
  /**
   * A board file, UTF-8 bytes (import, the CLI, the REST import body). A third above
   * `boardBytes`, for what JSON spends on the same text.
   */
  fileBytes: 16 * MiB,
  /** Bracket nesting in a board file; a valid one nests 4 deep. Guards the parsers' stacks. */
  fileDepth: 32,
  /** Problems listed in one refused import; the rest are counted. */
  importIssues: 20,
} as const;

export type LimitName = keyof typeof LIMITS;

/** Characters as JSON Schema counts them (code points), without allocating for short text. */
export function characterCount(text: string): number {
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

/**
 * `text` cut to at most `max` characters (code points), never through an emoji; `text` itself
 * when it fits.
 */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let characters = 0;
  for (let i = 0; i < text.length; i++) {
    if (characters === max) return text.slice(0, i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    characters++;
  }
  return text;
}

/** UTF-8 size of a string without TextEncoder (shared/ declares no DOM or Node globals). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
