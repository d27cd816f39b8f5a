/**
 * This user's undo and redo, one step per press, reverting only this user's own edits — and
 * never someone else's work through them.
 *
 * A `Y.UndoManager` over the whole board (cards, links and meta, so an import is undone whole —
 * title and language included) tracks this tab's transaction origin, so it only ever reverts
 * what this tab wrote. Two things it does on its own are wrong for a shared board, and this
 * module changes them:
 *
 * - **Undoing a creation others have since filled.** Alice adds a card, Bob types its title and
 *   KPI and links his tactic to it; Alice's undo would delete the card — Bob's text with it,
 *   for everyone — and leave Bob's link pointing at nothing. Here the undo keeps a card that
 *   other participants have put content into (a text, a field, a position) or linked to, with
 *   all of its content, and says so (`UndoOutcome.kept`). A card only this user touched is
 *   removed as before. (Through `deleteFilter`: the card's map entry and everything inside it
 *   are kept when the rule says so.)
 * - **A step with nothing left to revert.** When everything a step wrote has since been
 *   overwritten by others (Bob moved the card Alice moved), `Y.UndoManager.undo()` silently goes
 *   on to the step before — one press would undo an older, unrelated edit. Here one press is one
 *   step: such a step is consumed without a change, and `UndoOutcome.overwrittenBy` says who
 *   changed it since.
 */
import { cardsMap, linksMap, metaMap } from '@fire-triangle/shared';
import * as Y from 'yjs';

/** What one undo or redo press did. */
export interface UndoOutcome {
  /** The board changed. */
  changed: boolean;
  /** Cards this step would have removed, kept because others have worked on them since. */
  kept: { cardId: string; by: number[] }[];
  /** When nothing changed: the participants (Yjs client ids) whose later edits replaced what
   * this step wrote. Empty when unknown (text someone else deleted). */
  overwrittenBy: number[];
}

type StackItem = Y.UndoManager['undoStack'][number];

const HISTORY_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

/** The item that holds a card (its entry in `cards`) for any item inside the card, or null. */
function cardEntryOf(item: Y.Item, cards: Y.AbstractType<unknown>): Y.Item | null {
  let current: Y.Item | null = item;
  while (current) {
    const parent = current.parent as Y.AbstractType<unknown> | null;
    if (!parent || !(parent instanceof Y.AbstractType)) return null;
    if (parent === cards) return current;
    current = parent._item;
  }
  return null;
}

/** Adds to `into` the client ids, other than `own`, of the live content inside `type`. */
function othersContentIn(type: Y.AbstractType<unknown>, own: number, into: Set<number>): void {
  const visit = (item: Y.Item) => {
    if (item.deleted) return;
    if (item.id.client !== own) into.add(item.id.client);
    if (item.content instanceof Y.ContentType) othersContentIn(item.content.type, own, into);
  };
  for (const item of type._map.values()) visit(item);
  for (let item = type._start; item !== null; item = item.right) visit(item);
}

export class OwnUndo {
  readonly manager: Y.UndoManager;
  private readonly listeners = new Set<() => void>();
  /** Set while one step is being undone or redone with the keep rule on. */
  private step: { item: StackItem; kept: Map<Y.Item, number[]> } | null = null;
  private quiet = false;

  constructor(
    private readonly doc: Y.Doc,
    origin: object,
    options: { captureTimeout?: number } = {},
  ) {
    this.manager = new Y.UndoManager([cardsMap(doc), linksMap(doc), metaMap(doc)], {
      trackedOrigins: new Set([origin]),
      captureTimeout: options.captureTimeout ?? 500,
      deleteFilter: (item) => this.mayDelete(item),
    });
    for (const event of HISTORY_EVENTS) this.manager.on(event, this.onHistoryEvent);
  }

  canUndo(): boolean {
    return this.manager.canUndo();
  }

  canRedo(): boolean {
    return this.manager.canRedo();
  }

  /** Undoes this user's last step (only that one); null when there is none. */
  undo(): UndoOutcome | null {
    return this.popOne('undoStack');
  }

  /** Redoes the last undone step; null when there is none. */
  redo(): UndoOutcome | null {
    return this.popOne('redoStack');
  }

  /** Called whenever `canUndo`/`canRedo` may have changed; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    for (const event of HISTORY_EVENTS) this.manager.off(event, this.onHistoryEvent);
    this.manager.destroy();
    this.listeners.clear();
  }

  private readonly onHistoryEvent = (): void => {
    if (!this.quiet) this.notify();
  };

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private popOne(stackName: 'undoStack' | 'redoStack'): UndoOutcome | null {
    const manager = this.manager;
    const stack = manager[stackName];
    const item = stack[stack.length - 1];
    if (!item) return null;
    const older = stack.slice(0, -1);
    // Alone on its stack, the step cannot fall through to the one before it.
    manager[stackName] = [item];
    this.step = { item, kept: new Map() };
    this.quiet = true;
    let popped: StackItem | null;
    const kept = this.step.kept;
    try {
      popped = stackName === 'undoStack' ? manager.undo() : manager.redo();
    } finally {
      manager[stackName] = [...older, ...manager[stackName]];
      this.step = null;
      this.quiet = false;
    }
    this.notify();
    const cards = cardsMap(this.doc);
    const keptCards = [...kept].flatMap(([entry, by]) =>
      by.length > 0 && entry.parent === cards && entry.parentSub !== null
        ? [{ cardId: entry.parentSub, by }]
        : [],
    );
    return {
      changed: popped !== null,
      kept: keptCards,
      overwrittenBy: popped === null ? this.overwriters(item) : [],
    };
  }

  /**
   * The keep rule (`deleteFilter`): an item this step would delete stays when it is — or is
   * inside — a card this step created that others have worked on or linked to since.
   */
  private mayDelete(item: Y.Item): boolean {
    const step = this.step;
    if (!step) return true;
    const cards = cardsMap(this.doc) as unknown as Y.AbstractType<unknown>;
    const entry = cardEntryOf(item, cards);
    if (!entry) return true;
    let others = step.kept.get(entry);
    if (others === undefined) {
      // Only a card this very step created (and that still exists) is at stake; edits inside
      // a card created earlier are this user's own items and go as usual.
      others =
        !entry.deleted && Y.isDeleted(step.item.insertions, entry.id)
          ? this.othersOnCard(entry)
          : [];
      step.kept.set(entry, others);
    }
    return others.length === 0;
  }

  /** Who else has content in the card held by `entry`, or a live link to it (client ids). */
  private othersOnCard(entry: Y.Item): number[] {
    const own = this.doc.clientID;
    const others = new Set<number>();
    if (entry.content instanceof Y.ContentType) othersContentIn(entry.content.type, own, others);
    const cardId = entry.parentSub;
    const links = linksMap(this.doc) as unknown as Y.AbstractType<unknown>;
    for (const linkItem of links._map.values()) {
      if (linkItem.deleted || linkItem.id.client === own) continue;
      const record = linkItem.content.getContent()[0] as { from?: unknown; to?: unknown };
      if (record && (record.from === cardId || record.to === cardId)) {
        others.add(linkItem.id.client);
      }
    }
    return [...others];
  }

  /** The participants whose later writes replaced the map values `item` inserted. */
  private overwriters(item: StackItem): number[] {
    const own = this.doc.clientID;
    const found = new Set<number>();
    this.doc.transact((transaction) => {
      Y.iterateDeletedStructs(transaction, item.insertions, (struct) => {
        if (!(struct instanceof Y.Item) || !struct.deleted || struct.parentSub === null) return;
        const parent = struct.parent as Y.AbstractType<unknown>;
        const current = parent._map.get(struct.parentSub);
        if (current && !current.deleted && current.id.client !== own) {
          found.add(current.id.client);
        }
      });
    });
    return [...found];
  }
}
