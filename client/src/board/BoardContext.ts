import type { Language, Role } from '@fire-triangle/shared';
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../i18n/messages.ts';
import type { BoardActions } from '../sync/boardActions.ts';
import type { FacilitationClient } from '../sync/facilitation.ts';
import type { BoardUi, BoardUiState } from './boardUi.ts';
import {
  type CardDecoration,
  cardDecoration,
  type LinkDecoration,
  linkDecoration,
} from './decorations.ts';

/** What every card and link on the canvas needs, and that rarely changes. */
export interface BoardContextValue {
  actions: BoardActions;
  readOnly: boolean;
  /** The board's own language: lane labels and validator messages. */
  boardLanguage: Language;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The board's UI store (selection, editing, decorations, notice). */
  ui: BoardUi;
  deleteCards(ids: readonly string[]): void;
  /** Opens a card in the inspector. */
  openCard(id: string): void;
  copyCards(ids: readonly string[]): void;
  duplicateCards(ids: readonly string[]): void;
  /** Facilitation (issue #13): the link's role, the interface's language, the workshop. */
  role: Role;
  language: Language;
  facilitation: FacilitationClient;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoardContext(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoardContext must be used inside the board canvas');
  return value;
}

/** One value from the board's UI store; re-renders only when that value changes. */
export function useBoardUi<T>(selector: (state: BoardUiState) => T): T {
  return useStore(useBoardContext().ui, selector);
}

export function useCardDecoration(id: string): CardDecoration {
  return useBoardUi((state) => cardDecoration(state.decorations, id));
}

export function useLinkDecoration(id: string): LinkDecoration {
  return useBoardUi((state) => linkDecoration(state.decorations, id));
}

export function useIsEditing(id: string): boolean {
  return useBoardUi((state) => state.editing === id);
}

/** Whether a card matches the search: null (no), 'match', or 'current' (the result shown). */
export function useSearchMatch(id: string): 'match' | 'current' | null {
  return useBoardUi((state) =>
    state.searchCurrent === id ? 'current' : state.searchMatches.has(id) ? 'match' : null,
  );
}
