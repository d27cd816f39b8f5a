/**
 * The board's keyboard commands as data, as excalidraw registers its actions: each one a
 * `{ name, keys, perform }`. Adding a command is adding one entry to `BOARD_COMMANDS`; the
 * canvas only turns a key press into a `KeyPress` and calls `runCommandForKey`. Framework-free
 * (no React, no DOM), so a command is tested with a real board and no browser.
 */
import { type CardSnapshot, type Lane, laneAt, type Point } from '@fire-triangle/shared';
import { type Direction, nearestInDirection, stepInReadingOrder } from './navigation.ts';

/** A key press as the commands see it (from a `KeyboardEvent`). */
export interface KeyPress {
  /** `KeyboardEvent.key`: 'z', 'Z', 'Delete', 'ArrowLeft', 'Escape'… */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** The focus is in a text field (the editor, an input): most commands leave the key to it. */
  typing: boolean;
  /** The focus is on a card: React Flow moves it with the arrows itself. */
  onCard: boolean;
  /** The focus is on the canvas (a card, or the canvas itself): Tab walks the cards there. */
  onCanvas?: boolean;
}

/** What a command may read and do. */
export interface CommandContext {
  readOnly: boolean;
  /** Selected cards that still exist, and selected links. */
  selectedCards: readonly string[];
  selectedLinks: readonly string[];
  /** The pointer on the board (board coordinates), or null when it is elsewhere. */
  pointer: Point | null;
  undo(): void;
  redo(): void;
  /** Creates a card in `lane` (centred on `at` when given), selects it and opens it. */
  createCard(lane: Lane, at?: Point): void;
  deleteCards(ids: readonly string[]): void;
  unlink(linkIds: readonly string[]): void;
  cardPosition(id: string): Point | undefined;
  /** One move that re-levels the card (an undo step each). */
  moveCard(id: string, position: Point): void;
  select(cards: readonly string[], links?: readonly string[]): void;
  closeEditor(): void;
  /**
   * What the commands of issue #14 need: every card (for Ctrl+A and keyboard navigation), the
   * card the keyboard is on, and the board's overlays. Optional so a test context can leave out
   * what it does not exercise.
   */
  cards?(): readonly CardSnapshot[];
  /** The card that holds the keyboard focus (roving tab stop), if any. */
  activeCard?: string | null;
  /** Selects one card, moves the keyboard focus to it and brings it into view. */
  focusCard?(id: string): void;
  /** Opens a card in the inspector (every field, readable at any zoom). */
  openCard?(id: string): void;
  /** Duplicates the selected cards (and the links between them), beside the originals. */
  duplicateSelection?(): void;
  openSearch?(): void;
  toggleSidePanel?(): void;
  togglePresenting?(): void;
  /** Closes the search or leaves the presentation; true when something was closed. */
  closeOverlay?(): boolean;
  /** Stops following someone's view; true when this person was following. */
  stopFollowing(): boolean;
  /** One more (1) or one fewer (−1) of this person's dots on the selected cards; false when no
   * vote is open. */
  pressDots(delta: 1 | -1): boolean;
  /** Opens or closes the facilitator's panel; false for anyone but a facilitator. */
  toggleFacilitation(): boolean;
  /** Opens or closes the version history panel (issue #9). */
  toggleHistory?(): void;
  /** Closes a version opened over the board; false when none was open. */
  closeVersion?(): boolean;
}

export interface BoardCommand {
  /** Stable name (tests, a future command palette or menu). */
  name: string;
  /**
   * Key bindings: `Mod+Shift+Z`, `Delete`, `N`… `Mod` is Ctrl or ⌘. Modifiers match exactly
   * (`Mod+Z` is not `Mod+Shift+Z`); letters match in either case.
   */
  keys: readonly string[];
  /** Runs while the focus is in a text field too (default: the field keeps the key). */
  whileTyping?: boolean;
  /** Does the command; returns true when it used the key (the browser's default is then
   *  prevented), false to leave the key alone. */
  perform(context: CommandContext, press: KeyPress): boolean;
}

/** Board units a selected card moves per arrow press; Shift for the long step. */
export const NUDGE_STEP = { short: 10, long: 50 } as const;

const ARROWS: Readonly<Record<string, Point>> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

/** The card the keyboard starts from: the one selected, else the active one. */
function currentCard(context: CommandContext): string | null {
  if (context.selectedCards.length > 0) return context.selectedCards.at(-1)!;
  return context.activeCard ?? null;
}

/** Tab / Shift+Tab on the canvas: the next card in reading order, or leave the canvas at an end. */
function stepCard(context: CommandContext, press: KeyPress, step: 1 | -1): boolean {
  if (!press.onCanvas || !context.cards || !context.focusCard) return false;
  // On the canvas itself (no card focused yet), Tab enters at the current card or the first.
  const from = press.onCard ? currentCard(context) : null;
  const target =
    !press.onCard && step === 1 && currentCard(context)
      ? currentCard(context)
      : stepInReadingOrder(context.cards(), from, step);
  if (!target) return false;
  context.focusCard(target);
  return true;
}

export const BOARD_COMMANDS: readonly BoardCommand[] = [
  {
    name: 'undo',
    keys: ['Mod+Z'],
    perform(context) {
      if (!context.readOnly) context.undo();
      return true;
    },
  },
  {
    name: 'redo',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    perform(context) {
      if (!context.readOnly) context.redo();
      return true;
    },
  },
  {
    name: 'escape',
    keys: ['Escape'],
    whileTyping: true,
    perform(context, press) {
      // One thing at a time, innermost first: a version opened over the board (the board behind
      // keeps its selection), the search or the presentation, then the editor, then the selection.
      if (!press.typing && context.closeVersion?.()) return true;
      if (context.closeOverlay?.()) return true;
      // Then the first Escape while following leaves the followed view, and only that.
      if (!press.typing && context.stopFollowing()) return true;
      context.closeEditor();
      if (!press.typing) context.select([]);
      return false;
    },
  },
  {
    name: 'facilitate',
    keys: ['Shift+F'],
    perform(context) {
      return context.toggleFacilitation();
    },
  },
  {
    name: 'dot',
    keys: ['V', 'Shift+V'],
    perform(context, press) {
      if (context.selectedCards.length === 0) return false;
      return context.pressDots(press.shift ? -1 : 1);
    },
  },
  {
    name: 'newCard',
    keys: ['N', 'Shift+N'],
    perform(context) {
      const at = context.pointer;
      context.createCard(at ? laneAt(at) : 'tactic', at ?? undefined);
      return true;
    },
  },
  {
    name: 'deleteSelection',
    keys: ['Delete', 'Backspace', 'Shift+Delete', 'Shift+Backspace'],
    perform(context) {
      context.deleteCards(context.selectedCards);
      if (!context.readOnly) context.unlink(context.selectedLinks);
      return true;
    },
  },
  {
    name: 'copy',
    // The browser turns the key into its `copy` event, which `useBoardClipboard` answers with
    // the selected cards: only that event may write our own clipboard type, without a prompt.
    keys: ['Mod+C'],
    perform: () => false,
  },
  {
    name: 'cut',
    keys: ['Mod+X'],
    perform: () => false,
  },
  {
    name: 'paste',
    // Likewise `paste`: the only way to read the clipboard without a permission prompt.
    keys: ['Mod+V'],
    perform: () => false,
  },
  {
    name: 'duplicate',
    keys: ['Mod+D'],
    perform(context) {
      if (!context.readOnly && context.selectedCards.length > 0) context.duplicateSelection?.();
      return true;
    },
  },
  {
    name: 'selectAll',
    keys: ['Mod+A'],
    perform(context) {
      const cards = context.cards?.();
      if (!cards) return false;
      context.select(cards.map((card) => card.id));
      return true;
    },
  },
  {
    name: 'search',
    keys: ['Mod+F'],
    whileTyping: true,
    perform(context) {
      if (!context.openSearch) return false;
      context.openSearch();
      return true;
    },
  },
  {
    name: 'openCard',
    keys: ['Enter'],
    perform(context) {
      const id = currentCard(context);
      if (context.readOnly || !id || context.selectedCards.length > 1 || !context.openCard) {
        return false;
      }
      context.openCard(id);
      return true;
    },
  },
  {
    name: 'nextCard',
    keys: ['Tab'],
    perform: (context, press) => stepCard(context, press, 1),
  },
  {
    name: 'previousCard',
    keys: ['Shift+Tab'],
    perform: (context, press) => stepCard(context, press, -1),
  },
  {
    name: 'cardInDirection',
    keys: Object.keys(ARROW_DIRECTIONS).map((arrow) => `Mod+${arrow}`),
    perform(context, press) {
      const from = currentCard(context);
      const cards = context.cards?.();
      if (!cards || !context.focusCard) return false;
      const target = from
        ? nearestInDirection(cards, from, ARROW_DIRECTIONS[press.key]!)
        : stepInReadingOrder(cards, null, 1);
      if (target) context.focusCard(target);
      return true;
    },
  },
  {
    name: 'toggleFindings',
    keys: ['Mod+\\'],
    perform(context) {
      if (!context.toggleSidePanel) return false;
      context.toggleSidePanel();
      return true;
    },
  },
  {
    name: 'present',
    keys: ['P'],
    perform(context) {
      if (!context.togglePresenting) return false;
      context.togglePresenting();
      return true;
    },
  },
  {
    name: 'history',
    keys: ['H'],
    perform(context) {
      if (!context.toggleHistory) return false;
      context.toggleHistory();
      return true;
    },
  },
  {
    name: 'nudge',
    keys: Object.keys(ARROWS).flatMap((arrow) => [arrow, `Shift+${arrow}`]),
    perform(context, press) {
      const direction = ARROWS[press.key];
      // A focused card is moved by React Flow's own keyboard handling (same doc write).
      if (!direction || press.onCard || context.readOnly || context.selectedCards.length === 0) {
        return false;
      }
      const step = press.shift ? NUDGE_STEP.long : NUDGE_STEP.short;
      for (const id of context.selectedCards) {
        const position = context.cardPosition(id);
        if (position) {
          context.moveCard(id, {
            x: position.x + direction.x * step,
            y: position.y + direction.y * step,
          });
        }
      }
      return true;
    },
  },
];

/** Whether `press` is the binding `binding` (e.g. 'Mod+Shift+Z'). */
export function matchesKey(binding: string, press: KeyPress): boolean {
  const parts = binding.split('+');
  const key = parts.pop() ?? '';
  const modifiers = new Set(parts);
  return (
    press.key.toLowerCase() === key.toLowerCase() &&
    press.mod === modifiers.has('Mod') &&
    press.shift === modifiers.has('Shift') &&
    press.alt === modifiers.has('Alt')
  );
}

/** The command bound to this key press, if any (the first in table order). */
export function commandForKey(
  press: KeyPress,
  commands: readonly BoardCommand[] = BOARD_COMMANDS,
): BoardCommand | undefined {
  return commands.find(
    (command) =>
      (!press.typing || command.whileTyping) &&
      command.keys.some((binding) => matchesKey(binding, press)),
  );
}

/** Runs the command bound to `press`; true when the key was used (prevent its default). */
export function runCommandForKey(
  press: KeyPress,
  context: CommandContext,
  commands: readonly BoardCommand[] = BOARD_COMMANDS,
): boolean {
  return commandForKey(press, commands)?.perform(context, press) ?? false;
}
