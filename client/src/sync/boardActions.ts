/**
 * Every write the canvas can make, as plain functions over card and link ids. They all go
 * through the shared operations with this client's transaction origin, which is what the
 * UndoManager tracks (so undo only ever reverts this user's own edits) and what tells the
 * connection state a local edit happened.
 *
 * A drag is special: positions sync while the card moves (throttled to animation frames, lane
 * unchanged), the lane is decided on drop, and the whole drag is one undo step. A drag of
 * several cards (a selection) writes one offset per frame for all of them (`dragSelection`)
 * rather than each card's position, so it costs the stored board ~34 bytes per card, not ~620
 * per card per second (issue #14).
 */
import {
  addCard,
  type BoardFileV1 as BoardFile,
  type BoardMeta,
  type CardEdit,
  type CardSnapshot,
  type CardsToPaste,
  cardsMap,
  deleteCard,
  dragSelection,
  dropSelection,
  editCard,
  exportBoardJson,
  importBoard,
  type Lane,
  LIMITS,
  type LinkResult,
  type LinkSnapshot,
  linkCards,
  linksMap,
  moveCard,
  type Point,
  parseBoardFile,
  pasteCards,
  readCard,
  restoreCard,
  unlinkCards,
  writeMeta,
} from '@fire-triangle/shared';
import type * as Y from 'yjs';
import { createFrameThrottle, type FrameScheduler } from './frameThrottle.ts';
import type { LocalLimit } from './serverNotices.ts';

/** A link refused here: past `LIMITS.links`, or the board is full (`DragHooks.boardFull`). */
export type ActionLinkResult = LinkResult | { ok: false; reason: 'limit' };

export interface BoardActions {
  /** Adds a card and returns its id; null when a limit refused it (`onRefused` said which). */
  addCard(lane: Lane, position?: Point, fields?: CardEdit): string | null;
  /** Edits a card; false when it no longer exists or the board is full and the edit would add
   * text (`onRefused('boardBytes')`). */
  editCard(id: string, edit: CardEdit): boolean;
  /** A single move that re-levels the card (keyboard nudge, programmatic move). */
  moveCard(id: string, position: Point): void;
  /**
   * Call when a drag starts: the drag will be one undo step. `cardIds` are the cards it moves;
   * with two or more it is a selection drag (one offset per frame for all of them).
   */
  beginDrag(cardIds?: readonly string[]): void;
  /** Live position during a drag; synced at most once per animation frame, lane unchanged. */
  dragTo(id: string, position: Point): void;
  /** The drop: final positions, lanes follow the cards, the undo step is closed. */
  endDrag(positions: ReadonlyMap<string, Point>): void;
  deleteCards(ids: readonly string[]): void;
  /** Pastes copied cards as new ones moved by `offset` (one undo step); returns their new ids. */
  pasteCards(clip: CardsToPaste, offset: Point): string[];
  /** Puts back a card someone else deleted, with its links (one undo step). */
  restoreCard(card: CardSnapshot, links: readonly LinkSnapshot[]): boolean;
  link(a: string, b: string): ActionLinkResult;
  unlink(linkIds: readonly string[]): void;
  /** Reads a board file without changing anything. Throws `BoardImportError` naming the field
   *  and line when the file is not a valid board. */
  readBoardFile(text: string): BoardFile;
  /** Writes board settings (only the ones given; one undo step). Only a facilitator's are kept:
   * the server refuses anyone else's (S-WRITE-2). */
  setSettings(settings: BoardSettings): void;
  /** Replaces the board with a checked board file's content (one transaction, one undo step). */
  importBoardFile(file: BoardFile): { cards: number; links: number };
  /** `readBoardFile` then `importBoardFile`. */
  importJson(text: string): { cards: number; links: number };
  exportJson(): string;
}

/** The board settings a facilitator changes: title, language, focus limit (`meta`). */
export type BoardSettings = Partial<Pick<BoardMeta, 'title' | 'language' | 'focusLimit'>>;

export interface UndoControl {
  stopCapturing(): void;
  captureTimeout: number;
}

/** Called around a drag (e.g. to write the drag to IndexedDB once instead of every frame), and
 * the board's limits. */
export interface DragHooks {
  onDragStart?(): void;
  onDragEnd?(): void;
  /** Whether the board has reached its size limit: then nothing that adds to it is written. */
  boardFull?(): boolean;
  /** Told when an action was refused by a limit, so the person hears why. */
  onRefused?(limit: LocalLimit): void;
}

/** Whether `edit` would make any text of the card longer (what a full board refuses). */
function addsText(doc: Y.Doc, id: string, edit: CardEdit): boolean {
  const card = cardsMap(doc).get(id);
  if (!card) return false;
  return Object.entries(edit).some(([key, value]) => {
    if (typeof value !== 'string') return false;
    const current = card.get(key);
    const length = typeof current === 'string' ? current.length : (current?.toString().length ?? 0);
    return value.length > length;
  });
}

export function createBoardActions(
  doc: Y.Doc,
  origin: object,
  undo: UndoControl,
  author: () => string,
  scheduler?: FrameScheduler,
  hooks: DragHooks = {},
): BoardActions {
  /** The cards of a selection drag in progress and where each started; null otherwise. */
  let selection: { ids: string[]; start: Map<string, Point> } | null = null;
  const dragThrottle = createFrameThrottle<Point>((latest) => {
    if (selection) {
      // The selection moves as one: the offset of any of its cards is everyone's.
      for (const [id, position] of latest) {
        const start = selection.start.get(id);
        if (!start) continue;
        const offset = { x: position.x - start.x, y: position.y - start.y };
        dragSelection(doc, selection.ids, offset, origin);
        return;
      }
      return;
    }
    doc.transact(() => {
      for (const [id, position] of latest) moveCard(doc, id, position, { relevel: false }, origin);
    }, origin);
  }, scheduler);
  let savedCaptureTimeout: number | null = null;
  const refuse = (limit: LocalLimit) => {
    hooks.onRefused?.(limit);
  };
  const full = () => hooks.boardFull?.() ?? false;
  const readFile = (text: string) => parseBoardFile(text);
  const importFile = (file: BoardFile) => {
    undo.stopCapturing();
    importBoard(file, doc, origin);
    undo.stopCapturing();
    return { cards: file.cards.length, links: file.links.length };
  };

  return {
    addCard(lane, position, fields = {}) {
      if (cardsMap(doc).size >= LIMITS.cards) {
        refuse('cards');
        return null;
      }
      if (full()) {
        refuse('boardBytes');
        return null;
      }
      undo.stopCapturing();
      const id = addCard(doc, { lane, position, author: author(), ...fields }, origin);
      undo.stopCapturing();
      return id;
    },
    editCard(id, edit) {
      if (full() && addsText(doc, id, edit)) {
        refuse('boardBytes');
        return false;
      }
      return editCard(doc, id, edit, origin);
    },
    moveCard(id, position) {
      undo.stopCapturing();
      moveCard(doc, id, position, { relevel: true }, origin);
    },
    beginDrag(cardIds = []) {
      dragThrottle.cancel();
      selection = null;
      if (cardIds.length > 1) {
        const start = new Map<string, Point>();
        const cards = cardsMap(doc);
        for (const id of cardIds) {
          const card = cards.get(id);
          if (card) start.set(id, readCard(card, id).position);
        }
        selection = { ids: [...start.keys()], start };
      }
      hooks.onDragStart?.();
      undo.stopCapturing();
      // However long the user pauses mid-drag, every frame of it merges into one undo step.
      if (savedCaptureTimeout === null) savedCaptureTimeout = undo.captureTimeout;
      undo.captureTimeout = Number.POSITIVE_INFINITY;
    },
    dragTo(id, position) {
      dragThrottle.push(id, position);
    },
    endDrag(positions) {
      dragThrottle.cancel();
      if (selection) {
        dropSelection(doc, positions, origin);
        selection = null;
      } else {
        doc.transact(() => {
          for (const [id, position] of positions) {
            moveCard(doc, id, position, { relevel: true }, origin);
          }
        }, origin);
      }
      if (savedCaptureTimeout !== null) undo.captureTimeout = savedCaptureTimeout;
      savedCaptureTimeout = null;
      undo.stopCapturing();
      hooks.onDragEnd?.();
    },
    deleteCards(ids) {
      if (ids.length === 0) return;
      undo.stopCapturing();
      doc.transact(() => {
        for (const id of ids) deleteCard(doc, id, origin);
      }, origin);
      undo.stopCapturing();
    },
    pasteCards(clip, offset) {
      undo.stopCapturing();
      const ids = pasteCards(doc, clip, { offset, author: author() }, origin);
      undo.stopCapturing();
      return [...ids.values()];
    },
    restoreCard(card, links) {
      undo.stopCapturing();
      const restored = restoreCard(doc, card, links, origin);
      undo.stopCapturing();
      return restored;
    },
    link(a, b) {
      if (linksMap(doc).size >= LIMITS.links || full()) {
        refuse(full() ? 'boardBytes' : 'links');
        return { ok: false, reason: 'limit' };
      }
      undo.stopCapturing();
      const result = linkCards(doc, a, b, origin);
      undo.stopCapturing();
      return result;
    },
    unlink(linkIds) {
      if (linkIds.length === 0) return;
      undo.stopCapturing();
      doc.transact(() => {
        for (const id of linkIds) unlinkCards(doc, id, origin);
      }, origin);
      undo.stopCapturing();
    },
    setSettings(settings) {
      undo.stopCapturing();
      doc.transact(() => writeMeta(doc, settings), origin);
      undo.stopCapturing();
    },
    readBoardFile: readFile,
    importBoardFile: importFile,
    importJson(text) {
      return importFile(readFile(text));
    },
    exportJson() {
      return exportBoardJson(doc);
    },
  };
}
