import type { Language } from '@fire-triangle/shared';
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { MessageKey } from '../i18n/messages.ts';
import type { BoardActions } from '../sync/boardActions.ts';
import type { CardDecoration, DecorationStore, LinkDecoration } from './decorations.ts';

/** A tiny store of which card is open for editing, so opening one re-renders only that card. */
export class EditingStore {
  private editing: string | null = null;
  private listeners = new Set<() => void>();
  get = (): string | null => this.editing;
  set(id: string | null): void {
    if (id === this.editing) return;
    this.editing = id;
    for (const listener of [...this.listeners]) listener();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** What every card and link on the canvas needs, and that rarely changes. */
export interface BoardContextValue {
  actions: BoardActions;
  readOnly: boolean;
  /** The board's own language: lane labels and validator messages. */
  boardLanguage: Language;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  decorations: DecorationStore;
  editing: EditingStore;
  deleteCards(ids: string[]): void;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardContext must be used inside the board canvas');
  return value;
}

export function useCardDecoration(id: string): CardDecoration {
  const { decorations } = useBoardContext();
  return useSyncExternalStore(
    (listener) => decorations.subscribeCard(id, listener),
    () => decorations.card(id),
  );
}

export function useLinkDecoration(id: string): LinkDecoration {
  const { decorations } = useBoardContext();
  return useSyncExternalStore(
    (listener) => decorations.subscribeLink(id, listener),
    () => decorations.link(id),
  );
}

export function useIsEditing(id: string): boolean {
  const { editing } = useBoardContext();
  return useSyncExternalStore(editing.subscribe, () => editing.get() === id);
}
