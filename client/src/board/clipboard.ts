/**
 * Cards on the system clipboard, so a copy on one board pastes on another (another tab, another
 * server): the payload is a Fire Triangle board file (`format: "fire-triangle/board"`) holding the
 * copied cards and the links whose two ends were copied. It is put on the clipboard twice — as
 * `FIRE_TRIANGLE_CLIPBOARD_TYPE` (a custom type Chromium and Firefox keep for pages, so another
 * board recognises it without guessing) and as `text/plain` (what survives everywhere, e.g. a
 * paste through a chat window; Excalidraw does the same with its JSON). A paste is checked like an
 * import (`parseBoardFile`): shape, limits, ids. Pure, so it is tested without a browser.
 */
import {
  BoardImportError,
  type BoardSnapshot,
  boardFileToJson,
  type CardsToPaste,
  fileOfSnapshot,
  LIMITS,
  parseBoardFile,
  snapshotOfFile,
} from '@fire-triangle/shared';

/** The clipboard type of copied cards (a board file as JSON). */
export const FIRE_TRIANGLE_CLIPBOARD_TYPE = 'application/x-fire-triangle+json';

/** Most lines of plain text a paste turns into cards at once (one card per line). */
export const MAX_TEXT_CARDS = 50;

/**
 * The clipboard text for `ids`: a board file of those cards and of the links between them.
 * Returns null when none of the ids is a card.
 */
export function copyPayload(board: BoardSnapshot, ids: ReadonlySet<string>): string | null {
  const cards = board.cards.filter((card) => ids.has(card.id));
  if (cards.length === 0) return null;
  const links = board.links.filter((link) => ids.has(link.from) && ids.has(link.to));
  return boardFileToJson(fileOfSnapshot({ meta: board.meta, cards, links }));
}

export type PastedContent =
  | { kind: 'cards'; clip: CardsToPaste }
  | { kind: 'text'; lines: string[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'nothing' };

/**
 * What a paste holds: Fire Triangle cards (a board file, from our type or from plain text that
 * is one), plain text (one card per non-empty line, at most `MAX_TEXT_CARDS`, each cut to a
 * title's length by the operations), a board file that does not check (refused, with the first
 * reason), or nothing usable.
 */
export function readPaste(data: { custom?: string | null; text?: string | null }): PastedContent {
  const payload = data.custom?.trim() || data.text?.trim() || '';
  if (payload === '') return { kind: 'nothing' };
  if (looksLikeBoardFile(payload)) {
    try {
      const snapshot = snapshotOfFile(parseBoardFile(payload));
      return { kind: 'cards', clip: { cards: snapshot.cards, links: snapshot.links } };
    } catch (error) {
      const reason =
        error instanceof BoardImportError
          ? (error.issues[0]?.message ?? error.message)
          : String(error);
      return { kind: 'refused', reason };
    }
  }
  const lines = payload
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter(Boolean)
    .slice(0, MAX_TEXT_CARDS);
  return lines.length > 0 ? { kind: 'text', lines } : { kind: 'nothing' };
}

/** A JSON object naming our format near its start — not every text with braces. */
function looksLikeBoardFile(text: string): boolean {
  return (
    text.startsWith('{') &&
    text.length <= LIMITS.fileBytes &&
    /"format"\s*:\s*"fire-triangle\/board"/.test(text.slice(0, 200))
  );
}
