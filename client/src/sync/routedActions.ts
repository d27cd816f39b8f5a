/**
 * The canvas's actions during a private writing round: one `BoardActions` that sends each write
 * to the doc holding the card — this participant's private doc (`privateDraft.ts`) for their
 * private cards and for every new card, the board for everything else. Outside a round (no
 * draft) every call goes to the board unchanged.
 */
import type { Point } from '@fire-triangle/shared';
import type { ActionLinkResult, BoardActions } from './boardActions.ts';

/** What the router needs of the private doc. */
export interface DraftTarget {
  /** False once the round is over: new cards go to the board again. */
  readonly open: boolean;
  actions: BoardActions;
  hasCard(id: string): boolean;
  hasLink(id: string): boolean;
  /** A link with at least one private end (the other may be on the board). */
  link(a: string, b: string): ActionLinkResult;
}

function split<T>(items: Iterable<T>, isDraft: (item: T) => boolean): [T[], T[]] {
  const board: T[] = [];
  const draft: T[] = [];
  for (const item of items) (isDraft(item) ? draft : board).push(item);
  return [board, draft];
}

/** `board`'s actions, routed to `draft()` (read at each call) for private cards and new cards. */
export function routeActions(board: BoardActions, draft: () => DraftTarget | null): BoardActions {
  return {
    addCard(lane, position, fields) {
      const target = draft();
      return (target?.open ? target.actions : board).addCard(lane, position, fields);
    },
    editCard(id, edit) {
      const target = draft();
      return target?.hasCard(id) ? target.actions.editCard(id, edit) : board.editCard(id, edit);
    },
    moveCard(id, position) {
      const target = draft();
      if (target?.hasCard(id)) target.actions.moveCard(id, position);
      else board.moveCard(id, position);
    },
    beginDrag(cardIds = []) {
      const target = draft();
      if (!target) return board.beginDrag(cardIds);
      // A selection drag is one per doc: the board's cards and the private ones move apart.
      const [onBoard, onDraft] = split(cardIds, (id) => target.hasCard(id));
      board.beginDrag(onBoard);
      target.actions.beginDrag(onDraft);
    },
    dragTo(id, position) {
      const target = draft();
      if (target?.hasCard(id)) target.actions.dragTo(id, position);
      else board.dragTo(id, position);
    },
    endDrag(positions) {
      const target = draft();
      if (!target) return board.endDrag(positions);
      const [onBoard, onDraft] = split(positions, ([id]) => target.hasCard(id));
      // Both close their undo step, even with nothing to write.
      board.endDrag(new Map<string, Point>(onBoard));
      target.actions.endDrag(new Map<string, Point>(onDraft));
    },
    deleteCards(ids) {
      const target = draft();
      if (!target) return board.deleteCards(ids);
      const [onBoard, onDraft] = split(ids, (id) => target.hasCard(id));
      board.deleteCards(onBoard);
      target.actions.deleteCards(onDraft);
    },
    pasteCards(clip, offset) {
      // Pasted cards are new cards: private while a round is open.
      const target = draft();
      return (target?.open ? target.actions : board).pasteCards(clip, offset);
    },
    // A card someone deleted from the board goes back to the board.
    restoreCard: (card, links) => board.restoreCard(card, links),
    link(a, b) {
      const target = draft();
      if (target && (target.hasCard(a) || target.hasCard(b))) return target.link(a, b);
      return board.link(a, b);
    },
    unlink(linkIds) {
      const target = draft();
      if (!target) return board.unlink(linkIds);
      const [onBoard, onDraft] = split(linkIds, (id) => target.hasLink(id));
      board.unlink(onBoard);
      target.actions.unlink(onDraft);
    },
    setSettings: (settings) => board.setSettings(settings),
    readBoardFile: (text) => board.readBoardFile(text),
    importBoardFile: (file) => board.importBoardFile(file),
    importJson: (text) => board.importJson(text),
    exportJson: () => board.exportJson(),
  };
}
