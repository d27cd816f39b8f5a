/**
 * One undo/redo history over two docs: the board's (`OwnUndo`) and, during a private writing
 * round, this participant's private doc (`privateDraft.ts`, its own `OwnUndo`). A person who
 * moves a board card, then writes a private card, then presses Undo twice expects the private
 * card to go first, then the move — whichever doc each lives in.
 *
 * Every step either history records (`stack-item-added`, or `-updated` when an edit merged into
 * it) is stamped with a rising number in the step's `meta`; undo takes the history whose last
 * undo step has the higher stamp, redo likewise with the redo steps (an undone step is stamped
 * when it lands on the redo stack, so the last undone is redone first).
 */
import type * as Y from 'yjs';
import type { OwnUndo, UndoOutcome } from './ownUndo.ts';

const ORDER = 'fire-triangle:order';

type StackItem = Y.UndoManager['undoStack'][number];
type StackEvent = { stackItem: StackItem };

export class MergedHistory {
  private counter = 0;
  private extra: OwnUndo | null = null;
  private stopExtra: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly main: OwnUndo) {
    this.watch(main);
    main.subscribe(this.notify);
  }

  /** Adds the private doc's history (null: removes it). */
  attach(extra: OwnUndo | null): void {
    if (extra === this.extra) return;
    this.stopExtra?.();
    this.stopExtra = null;
    this.extra = extra;
    if (extra) {
      const unwatch = this.watch(extra);
      const unsubscribe = extra.subscribe(this.notify);
      this.stopExtra = () => {
        unwatch();
        unsubscribe();
      };
    }
    this.notify();
  }

  undo = (): UndoOutcome | null => this.pick('undoStack')?.undo() ?? null;

  redo = (): UndoOutcome | null => this.pick('redoStack')?.redo() ?? null;

  canUndo = (): boolean => this.main.canUndo() || (this.extra?.canUndo() ?? false);

  canRedo = (): boolean => this.main.canRedo() || (this.extra?.canRedo() ?? false);

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly notify = (): void => {
    for (const listener of [...this.listeners]) listener();
  };

  /** The history whose top step on `stack` is the latest. */
  private pick(stack: 'undoStack' | 'redoStack'): OwnUndo | null {
    const top = (undo: OwnUndo | null): number => {
      const items = undo?.manager[stack];
      const item = items?.[items.length - 1];
      return item ? ((item.meta.get(ORDER) as number | undefined) ?? 0) : -1;
    };
    const main = top(this.main);
    const extra = top(this.extra);
    if (main < 0 && extra < 0) return null;
    return extra > main ? this.extra : this.main;
  }

  private watch(undo: OwnUndo): () => void {
    const stamp = ({ stackItem }: StackEvent) => {
      stackItem.meta.set(ORDER, ++this.counter);
    };
    undo.manager.on('stack-item-added', stamp);
    undo.manager.on('stack-item-updated', stamp);
    return () => {
      undo.manager.off('stack-item-added', stamp);
      undo.manager.off('stack-item-updated', stamp);
    };
  }
}
