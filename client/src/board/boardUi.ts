/**
 * The board's UI state in one store: what this user has selected, which card is open for
 * editing, what is drawn on cards and links (decorations), and the passing notice. A zustand
 * vanilla store (framework-free; tested without React), read from components with `useBoardUi`
 * and a selector, so a change wakes only the components whose selected value changed: opening a
 * card re-renders that card, a new finding repaints the card it is about.
 *
 * What stays out: the board itself (the session's `BoardReadModel`, from the doc) and what moves
 * every drag frame (`measured`, the live drag position: React Flow's own state in
 * `useBoardNodes`), so the store never changes during a drag.
 */
import type { CardSnapshot, Lane, LinkSnapshot } from '@fire-triangle/shared';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  type DecorationInput,
  type Decorations,
  NO_DECORATIONS,
  nextDecorations,
} from './decorations.ts';

export interface BoardUiState {
  /** Card ids this user has selected (may include a card someone else deleted since). */
  selectedCards: ReadonlySet<string>;
  selectedLinks: ReadonlySet<string>;
  /** The card open for editing, or null. */
  editing: string | null;
  decorations: Decorations;
  /** A short message shown for a few seconds (a refused link, an import done). */
  notice: string | null;
  /**
   * The card that takes the keyboard focus (roving tab stop): the last card selected or moved
   * to. Only this card is a tab stop, so Tab goes through the board in one step, not one per card.
   */
  activeCard: string | null;
  /** The side panel (findings) is shown. Hidden, the canvas takes its width. */
  sidePanelOpen: boolean;
  /** Presentation: the board alone, full screen, no header, toolbar or panels. */
  presenting: boolean;
  /** The search bar is open (Ctrl/⌘+F). */
  searchOpen: boolean;
  /** Cards matching the search, highlighted on the canvas (empty when none or closed). */
  searchMatches: ReadonlySet<string>;
  /** The search result shown now (selected and zoomed to). */
  searchCurrent: string | null;
  /**
   * The card open in the inspector was deleted by someone else: what this person can put back
   * (their own undo cannot revert another person's delete).
   */
  lostCard: { card: CardSnapshot; links: readonly LinkSnapshot[] } | null;
  /** Facilitation (issue #13): lanes this person may not change now (locked for editors). */
  lockedLanes: ReadonlySet<Lane>;
  /** The participant (awareness client id) whose view this person follows, or null. */
  following: number | null;

  /** Replaces the selection (a finding clicked, a card created, Escape). */
  select(cards: readonly string[], links?: readonly string[]): void;
  /** Applies React Flow's `select` changes to one kind of element. */
  setSelected(kind: 'cards' | 'links', changes: readonly { id: string; selected: boolean }[]): void;
  /** Opens a card for editing; null closes the editor. */
  edit(id: string | null): void;
  decorate(input: DecorationInput): void;
  notify(message: string | null): void;
  setActiveCard(id: string | null): void;
  setSidePanel(open: boolean): void;
  setPresenting(presenting: boolean): void;
  setSearchOpen(open: boolean): void;
  setSearchMatches(matches: ReadonlySet<string>, current: string | null): void;
  setLostCard(lost: BoardUiState['lostCard']): void;
  setLockedLanes(lanes: readonly Lane[]): void;
  follow(clientId: number | null): void;
}

export type BoardUi = StoreApi<BoardUiState>;

const NOTHING: ReadonlySet<string> = new Set();

export function createBoardUi(): BoardUi {
  return createStore<BoardUiState>()((set, get) => ({
    selectedCards: NOTHING,
    selectedLinks: NOTHING,
    editing: null,
    decorations: NO_DECORATIONS,
    notice: null,
    activeCard: null,
    sidePanelOpen: true,
    presenting: false,
    searchOpen: false,
    searchMatches: NOTHING,
    searchCurrent: null,
    lostCard: null,
    lockedLanes: new Set(),
    following: null,

    select(cards, links = []) {
      set({ selectedCards: new Set(cards), selectedLinks: new Set(links) });
      if (cards.length > 0) get().setActiveCard(cards[cards.length - 1]!);
    },
    setSelected(kind, changes) {
      if (changes.length === 0) return;
      const key = kind === 'cards' ? 'selectedCards' : 'selectedLinks';
      const current = get()[key];
      if (changes.every((change) => current.has(change.id) === change.selected)) return;
      const next = new Set(current);
      for (const change of changes) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      set({ [key]: next });
      const added = changes.findLast((change) => change.selected);
      if (kind === 'cards' && added) get().setActiveCard(added.id);
    },
    edit(id) {
      if (get().editing !== id) set({ editing: id, lostCard: null });
      if (id) get().setActiveCard(id);
    },
    decorate(input) {
      const decorations = nextDecorations(get().decorations, input);
      if (decorations !== get().decorations) set({ decorations });
    },
    notify(message) {
      if (get().notice !== message) set({ notice: message });
    },
    setActiveCard(id) {
      if (get().activeCard !== id) set({ activeCard: id });
    },
    setSidePanel(open) {
      if (get().sidePanelOpen !== open) set({ sidePanelOpen: open });
    },
    setPresenting(presenting) {
      if (get().presenting !== presenting) set({ presenting });
    },
    setSearchOpen(open) {
      if (get().searchOpen === open) return;
      set(
        open
          ? { searchOpen: true }
          : { searchOpen: false, searchMatches: NOTHING, searchCurrent: null },
      );
    },
    setSearchMatches(matches, current) {
      const state = get();
      if (state.searchMatches === matches && state.searchCurrent === current) return;
      set({ searchMatches: matches, searchCurrent: current });
    },
    setLostCard(lostCard) {
      if (get().lostCard !== lostCard) set({ lostCard });
    },
    setLockedLanes(lanes) {
      const current = get().lockedLanes;
      if (lanes.length === current.size && lanes.every((lane) => current.has(lane))) return;
      set({ lockedLanes: new Set(lanes) });
    },
    follow(clientId) {
      if (get().following !== clientId) set({ following: clientId });
    },
  }));
}
