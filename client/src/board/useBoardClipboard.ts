/**
 * Copy, cut and paste of cards through the system clipboard (so cards travel between boards,
 * tabs and servers), bound to the document's clipboard events: the browser fires them for
 * Ctrl/⌘+C, X, V (the command table leaves those keys to it) and for `document.execCommand('copy')`
 * from a menu. Only these events let a page write its own clipboard type and read a paste
 * without a permission prompt, and they work on plain http too (a workshop server on a LAN),
 * where `navigator.clipboard` does not exist. A field being typed in keeps its own copy and paste.
 */
import {
  type CardSnapshot,
  cardPositionCentredOn,
  cardWithDefaults,
  freeSpotInLane,
  type Lane,
  laneAt,
  type Point,
  pasteOffset,
  spotInLane,
} from '@fire-triangle/shared';
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import type { BoardActions } from '../sync/boardActions.ts';
import type { BoardReadModel } from '../sync/boardReadModel.ts';
import type { BoardUi } from './boardUi.ts';
import { copyPayload, FIRE_TRIANGLE_CLIPBOARD_TYPE, readPaste } from './clipboard.ts';

export interface BoardClipboardOptions {
  readModel: BoardReadModel;
  actions: BoardActions;
  ui: BoardUi;
  readOnly: boolean;
  /** Where the pointer is on the board, for pasted text (null: the lane's middle). */
  pointer(): Point | null;
  deleteCards(ids: readonly string[]): void;
  t(key: MessageKey, values?: Record<string, string | number>): string;
}

export interface BoardClipboard {
  /** Copies these cards (a menu's "Copy"): the same path as Ctrl/⌘+C. */
  copyCards(ids: readonly string[]): void;
  /** Pastes cards in place, beside the originals (Ctrl/⌘+D, a menu's "Duplicate"). */
  duplicateCards(ids: readonly string[]): void;
}

/** Whether the clipboard event belongs to a field being typed in, or to text the user selected. */
function belongsToText(event: Event): boolean {
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select') !== null)
  ) {
    return true;
  }
  const selection = document.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}

export function useBoardClipboard(options: BoardClipboardOptions): BoardClipboard {
  const latest = useRef(options);
  latest.current = options;
  /** Cards a menu asked to copy; null: the selection. */
  const copyRequest = useRef<readonly string[] | null>(null);

  useEffect(() => {
    const selectedOrRequested = () => {
      const { ui, readModel } = latest.current;
      const ids = copyRequest.current ?? [...ui.getState().selectedCards];
      return ids.filter((id) => readModel.hasCard(id));
    };

    const onCopyOrCut = (event: ClipboardEvent) => {
      if (belongsToText(event) || !event.clipboardData) return;
      const { readModel, ui, t, readOnly, deleteCards } = latest.current;
      const ids = selectedOrRequested();
      copyRequest.current = null;
      const payload = copyPayload(readModel.snapshot(), new Set(ids));
      if (!payload) return;
      event.preventDefault();
      event.clipboardData.setData(FIRE_TRIANGLE_CLIPBOARD_TYPE, payload);
      event.clipboardData.setData('text/plain', payload);
      const cut = event.type === 'cut' && !readOnly;
      if (cut) deleteCards(ids);
      ui.getState().notify(t(cut ? 'clipboard.cut' : 'clipboard.copied', { count: ids.length }));
    };

    const onPaste = (event: ClipboardEvent) => {
      if (belongsToText(event) || !event.clipboardData) return;
      const { readOnly, readModel, actions, ui, t, pointer } = latest.current;
      if (readOnly) return;
      const content = readPaste({
        custom: event.clipboardData.getData(FIRE_TRIANGLE_CLIPBOARD_TYPE),
        text: event.clipboardData.getData('text/plain'),
      });
      if (content.kind === 'nothing') return;
      event.preventDefault();
      if (content.kind === 'refused') {
        ui.getState().notify(t('clipboard.refused', { reason: content.reason }));
        return;
      }
      const occupied = readModel.cardList().map((card) => card.position);
      let ids: string[];
      if (content.kind === 'cards') {
        const offset = pasteOffset(
          content.clip.cards.map((card) => card.position),
          occupied,
        );
        ids = actions.pasteCards(content.clip, offset);
      } else {
        // Plain text: one card per line, in the lane under the pointer, each at a free spot.
        const at = pointer();
        const lane: Lane = at ? laneAt(at) : 'tactic';
        const cards: CardSnapshot[] = [];
        let wished = at ? cardPositionCentredOn(at) : spotInLane(lane, () => 0.5);
        for (const [index, line] of content.lines.entries()) {
          const position = freeSpotInLane(lane, wished, occupied);
          occupied.push(position);
          wished = position;
          cards.push(cardWithDefaults({ id: `text-${index}`, lane, title: line, position }));
        }
        ids = actions.pasteCards({ cards, links: [] }, { x: 0, y: 0 });
      }
      ui.getState().select(ids);
      ui.getState().notify(t('clipboard.pasted', { count: ids.length }));
    };

    document.addEventListener('copy', onCopyOrCut);
    document.addEventListener('cut', onCopyOrCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopyOrCut);
      document.removeEventListener('cut', onCopyOrCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);

  return useRef<BoardClipboard>({
    copyCards(ids) {
      copyRequest.current = ids;
      // Fires the copy event above synchronously (allowed during a click).
      const done = document.execCommand('copy');
      if (!done) copyRequest.current = null;
    },
    duplicateCards(ids) {
      const { readModel, actions, ui, readOnly } = latest.current;
      if (readOnly) return;
      const selected = new Set(ids);
      const board = readModel.snapshot();
      const cards = board.cards.filter((card) => selected.has(card.id));
      if (cards.length === 0) return;
      const links = board.links.filter((link) => selected.has(link.from) && selected.has(link.to));
      const offset = pasteOffset(
        cards.map((card) => card.position),
        readModel.cardList().map((card) => card.position),
      );
      ui.getState().select(actions.pasteCards({ cards, links }, offset));
    },
  }).current;
}
