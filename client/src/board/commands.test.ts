import type { Lane, Point } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { offlineSession } from '../test-support/offlineSession.ts';
import {
  BOARD_COMMANDS,
  type BoardCommand,
  type CommandContext,
  commandForKey,
  type KeyPress,
  matchesKey,
  runCommandForKey,
} from './commands.ts';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  mod: false,
  shift: false,
  alt: false,
  typing: false,
  onCard: false,
  onCanvas: extra.onCard ?? false,
  ...extra,
});

/** A real board (an offline session: doc, actions, undo, read model) behind a command context. */
function board(options: { readOnly?: boolean; facilitator?: boolean } = {}) {
  const { session } = offlineSession();
  const { actions, readModel, history } = session;
  const state = {
    selectedCards: [] as string[],
    selectedLinks: [] as string[],
    pointer: null as Point | null,
    editing: 'x' as string | null,
    focused: null as string | null,
    searchOpen: false,
    presenting: false,
    sidePanel: true,
    following: null as number | null,
    voteOpen: false,
    panel: false,
    dots: [] as { cards: string[]; delta: 1 | -1 }[],
  };
  const context: CommandContext = {
    readOnly: options.readOnly ?? false,
    get selectedCards() {
      return state.selectedCards.filter((id) => readModel.hasCard(id));
    },
    get selectedLinks() {
      return state.selectedLinks;
    },
    get pointer() {
      return state.pointer;
    },
    undo: history.undo,
    redo: history.redo,
    createCard(lane: Lane, at?: Point) {
      const id = actions.addCard(lane, at)!;
      state.selectedCards = [id];
    },
    deleteCards: (ids) => actions.deleteCards(ids),
    unlink: (ids) => actions.unlink(ids),
    cardPosition: (id) => readModel.card(id)?.position,
    moveCard: (id, position) => actions.moveCard(id, position),
    select(cards, links = []) {
      state.selectedCards = [...cards];
      state.selectedLinks = [...links];
    },
    closeEditor() {
      state.editing = null;
    },
    cards: () => readModel.cardList(),
    get activeCard() {
      return state.focused;
    },
    focusCard(id) {
      state.focused = id;
      state.selectedCards = [id];
    },
    openCard(id) {
      state.editing = id;
    },
    duplicateSelection() {
      const board = readModel.snapshot();
      const selected = new Set(state.selectedCards);
      actions.pasteCards(
        {
          cards: board.cards.filter((card) => selected.has(card.id)),
          links: board.links.filter((link) => selected.has(link.from) && selected.has(link.to)),
        },
        { x: 24, y: 24 },
      );
    },
    openSearch() {
      state.searchOpen = true;
    },
    toggleSidePanel() {
      state.sidePanel = !state.sidePanel;
    },
    togglePresenting() {
      state.presenting = !state.presenting;
    },
    closeOverlay() {
      if (state.searchOpen) state.searchOpen = false;
      else if (state.presenting) state.presenting = false;
      else return false;
      return true;
    },
    stopFollowing() {
      const was = state.following !== null;
      state.following = null;
      return was;
    },
    toggleFacilitation() {
      if (!options.facilitator) return false;
      state.panel = !state.panel;
      return true;
    },
    pressDots(delta) {
      if (!state.voteOpen) return false;
      state.dots.push({ cards: context.selectedCards.slice(), delta });
      return true;
    },
  };
  return { actions, readModel, state, context };
}

describe('board commands', () => {
  it('[keys/match] modifiers match exactly; letters in either case', () => {
    expect(matchesKey('Mod+Z', press('z', { mod: true }))).toBe(true);
    expect(matchesKey('Mod+Z', press('Z', { mod: true, shift: true }))).toBe(false);
    expect(matchesKey('Mod+Shift+Z', press('Z', { mod: true, shift: true }))).toBe(true);
    expect(matchesKey('N', press('n'))).toBe(true);
    expect(matchesKey('N', press('n', { alt: true }))).toBe(false);
    expect(commandForKey(press('z', { mod: true }))?.name).toBe('undo');
    expect(commandForKey(press('Z', { mod: true, shift: true }))?.name).toBe('redo');
    expect(commandForKey(press('y', { mod: true }))?.name).toBe('redo');
  });

  it('[keys/table] every command has a unique name and at least one key nobody else uses', () => {
    const names = BOARD_COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    const bindings = BOARD_COMMANDS.flatMap((command) => command.keys);
    expect(new Set(bindings).size).toBe(bindings.length);
  });

  it('[keys/typing] a text field keeps its keys; only Escape gets through', () => {
    const { context, state } = board();
    expect(runCommandForKey(press('n', { typing: true }), context)).toBe(false);
    expect(runCommandForKey(press('z', { mod: true, typing: true }), context)).toBe(false);
    expect(state.selectedCards).toEqual([]);
    state.selectedCards = ['a'];
    runCommandForKey(press('Escape', { typing: true }), context);
    expect(state.editing).toBeNull();
    expect(state.selectedCards).toEqual(['a']); // typing: the selection stays
    runCommandForKey(press('Escape'), context);
    expect(state.selectedCards).toEqual([]);
  });

  it('[keys/new-card] N adds a card in the lane under the pointer; undo removes it', () => {
    const { context, state, readModel } = board();
    state.pointer = { x: 1600, y: 800 };
    expect(runCommandForKey(press('n'), context)).toBe(true);
    const [card] = readModel.snapshot().cards;
    expect(card?.lane).toBe('strategy');
    expect(runCommandForKey(press('z', { mod: true }), context)).toBe(true);
    expect(readModel.snapshot().cards).toHaveLength(0);
    runCommandForKey(press('Z', { mod: true, shift: true }), context);
    expect(readModel.snapshot().cards).toHaveLength(1);
  });

  it('[keys/nudge] arrows move the selected cards, Shift by the long step; not a focused card', () => {
    const { context, state, actions, readModel } = board();
    const id = actions.addCard('tactic', { x: 1500, y: 1700 })!;
    const start = readModel.card(id)!.position;
    state.selectedCards = [id];
    expect(runCommandForKey(press('ArrowLeft'), context)).toBe(true);
    expect(readModel.card(id)!.position.x).toBe(start.x - 10);
    runCommandForKey(press('ArrowUp', { shift: true }), context);
    expect(readModel.card(id)!.position.y).toBe(start.y - 50);
    // React Flow moves a focused card itself; the command must not move it twice.
    expect(runCommandForKey(press('ArrowLeft', { onCard: true }), context)).toBe(false);
    expect(readModel.card(id)!.position.x).toBe(start.x - 10);
  });

  it('[keys/delete] Delete removes the selected cards and links', () => {
    const { context, state, actions, readModel } = board();
    const a = actions.addCard('strategy')!;
    const b = actions.addCard('tactic')!;
    const c = actions.addCard('tactic')!;
    const link = actions.link(c, a);
    if (!link.ok) throw new Error('link refused');
    state.selectedCards = [b];
    state.selectedLinks = [link.id];
    expect(runCommandForKey(press('Delete'), context)).toBe(true);
    expect(
      readModel
        .snapshot()
        .cards.map((card) => card.id)
        .sort(),
    ).toEqual([a, c].sort());
    expect(readModel.snapshot().links).toHaveLength(0);
  });

  it('[keys/read-only] a viewer’s keys change nothing', () => {
    const { context, state, readModel } = board({ readOnly: true });
    state.selectedCards = ['missing'];
    runCommandForKey(press('z', { mod: true }), context);
    expect(runCommandForKey(press('ArrowLeft'), context)).toBe(false);
    expect(readModel.snapshot().cards).toHaveLength(0);
  });

  it('[keys/follow] the first Escape while following leaves the followed view and keeps the selection', () => {
    const { context, state } = board();
    state.following = 7;
    state.selectedCards = ['a'];
    expect(runCommandForKey(press('Escape'), context)).toBe(true);
    expect(state.following).toBeNull();
    expect(state.selectedCards).toEqual(['a']);
    runCommandForKey(press('Escape'), context);
    expect(state.selectedCards).toEqual([]);
  });

  it('[keys/dot] V places a dot on the selected cards, Shift+V takes one off; nothing without a vote', () => {
    const { context, state, actions } = board();
    const id = actions.addCard('strategy')!;
    state.selectedCards = [id];
    expect(runCommandForKey(press('v'), context)).toBe(false);
    state.voteOpen = true;
    expect(runCommandForKey(press('v'), context)).toBe(true);
    expect(runCommandForKey(press('V', { shift: true }), context)).toBe(true);
    expect(state.dots).toEqual([
      { cards: [id], delta: 1 },
      { cards: [id], delta: -1 },
    ]);
    state.selectedCards = [];
    expect(runCommandForKey(press('v'), context)).toBe(false);
    expect(runCommandForKey(press('v', { typing: true }), context)).toBe(false);
  });

  it('[keys/facilitate] Shift+F opens the facilitator’s panel, for a facilitator only', () => {
    const editor = board();
    expect(runCommandForKey(press('F', { shift: true }), editor.context)).toBe(false);
    expect(editor.state.panel).toBe(false);
    const facilitator = board({ facilitator: true });
    expect(runCommandForKey(press('F', { shift: true }), facilitator.context)).toBe(true);
    expect(facilitator.state.panel).toBe(true);
    expect(runCommandForKey(press('F', { shift: true, typing: true }), facilitator.context)).toBe(
      false,
    );
  });

  it('[keys/add] a new command is one entry in the table', () => {
    const { context } = board();
    let fitted = 0;
    const fit: BoardCommand = {
      name: 'fit',
      keys: ['Shift+1'],
      perform() {
        fitted++;
        return true;
      },
    };
    const commands = [...BOARD_COMMANDS, fit];
    expect(runCommandForKey(press('1', { shift: true }), context, commands)).toBe(true);
    expect(fitted).toBe(1);
    expect(runCommandForKey(press('1', { shift: true }), context)).toBe(false);
  });

  it('[keys/select-all] Ctrl+A selects every card; Delete then empties the board, one undo brings it back', () => {
    const { context, state, actions, readModel } = board();
    for (const lane of ['objective', 'strategy', 'tactic'] as const) actions.addCard(lane);
    expect(runCommandForKey(press('a', { mod: true }), context)).toBe(true);
    expect(state.selectedCards).toHaveLength(3);
    runCommandForKey(press('Delete'), context);
    expect(readModel.snapshot().cards).toHaveLength(0);
    runCommandForKey(press('z', { mod: true }), context);
    expect(readModel.snapshot().cards).toHaveLength(3);
  });

  it('[keys/duplicate] Ctrl+D duplicates the selection with the links between its cards', () => {
    const { context, state, actions, readModel } = board();
    const plan = actions.addCard('plan')!;
    const tactic = actions.addCard('tactic')!;
    actions.link(tactic, plan);
    state.selectedCards = [plan, tactic];
    expect(runCommandForKey(press('d', { mod: true }), context)).toBe(true);
    expect(readModel.snapshot().cards).toHaveLength(4);
    expect(readModel.snapshot().links).toHaveLength(2);
    // A viewer's Ctrl+D does nothing, but still keeps the browser from bookmarking the page.
    const viewer = board({ readOnly: true });
    viewer.state.selectedCards = ['x'];
    expect(runCommandForKey(press('d', { mod: true }), viewer.context)).toBe(true);
  });

  it('[keys/clipboard] Ctrl+C, X, V are left to the browser, whose clipboard events the board answers', () => {
    const { context } = board();
    for (const key of ['c', 'x', 'v']) {
      const command = commandForKey(press(key, { mod: true }));
      expect(command?.name).toBe({ c: 'copy', x: 'cut', v: 'paste' }[key]);
      expect(runCommandForKey(press(key, { mod: true }), context)).toBe(false);
    }
  });

  it('[keys/tab] Tab and Shift+Tab walk the cards in reading order on the canvas, and let the focus leave at either end', () => {
    const { context, state, actions } = board();
    const tactic = actions.addCard('tactic', { x: 1500, y: 1700 })!;
    const objective = actions.addCard('objective')!;
    const strategy = actions.addCard('strategy')!;
    // Off the canvas (the toolbar), Tab is the browser's.
    expect(runCommandForKey(press('Tab'), context)).toBe(false);
    // On the canvas itself: into the first card.
    expect(runCommandForKey(press('Tab', { onCanvas: true }), context)).toBe(true);
    expect(state.focused).toBe(objective);
    runCommandForKey(press('Tab', { onCard: true }), context);
    expect(state.focused).toBe(strategy);
    runCommandForKey(press('Tab', { onCard: true }), context);
    expect(state.focused).toBe(tactic);
    expect(runCommandForKey(press('Tab', { onCard: true }), context)).toBe(false);
    runCommandForKey(press('Tab', { onCard: true, shift: true }), context);
    expect(state.focused).toBe(strategy);
  });

  it('[keys/direction] Ctrl+arrows go to the nearest card that way; Enter opens it', () => {
    const { context, state, actions } = board();
    const left = actions.addCard('tactic', { x: 1200, y: 1700 })!;
    const right = actions.addCard('tactic', { x: 1600, y: 1700 })!;
    const above = actions.addCard('plan', { x: 1400, y: 1200 })!;
    state.selectedCards = [left];
    runCommandForKey(press('ArrowRight', { mod: true }), context);
    expect(state.focused).toBe(right);
    runCommandForKey(press('ArrowUp', { mod: true }), context);
    expect(state.focused).toBe(above);
    state.editing = null;
    expect(runCommandForKey(press('Enter'), context)).toBe(true);
    expect(state.editing).toBe(above);
    // Several cards selected: Enter opens none.
    state.editing = null;
    state.selectedCards = [left, right];
    expect(runCommandForKey(press('Enter'), context)).toBe(false);
  });

  it('[keys/overlays] Ctrl+F opens the search, P the presentation, Ctrl+\\ hides the findings; Escape closes one thing at a time', () => {
    const { context, state } = board();
    runCommandForKey(press('f', { mod: true }), context);
    expect(state.searchOpen).toBe(true);
    runCommandForKey(press('p'), context);
    expect(state.presenting).toBe(true);
    runCommandForKey(press('\\', { mod: true }), context);
    expect(state.sidePanel).toBe(false);
    state.selectedCards = ['a'];
    expect(runCommandForKey(press('Escape', { typing: true }), context)).toBe(true);
    expect(state.searchOpen).toBe(false);
    expect(state.presenting).toBe(true);
    runCommandForKey(press('Escape'), context);
    expect(state.presenting).toBe(false);
    expect(state.selectedCards).toEqual(['a']);
    runCommandForKey(press('Escape'), context);
    expect(state.selectedCards).toEqual([]);
  });

  it('[keys/history] H opens and closes the history; Escape closes an opened version before anything else', () => {
    const { context, state } = board();
    let panel = false;
    let versionOpen = true;
    const withHistory: CommandContext = {
      ...context,
      get selectedCards() {
        return context.selectedCards;
      },
      get selectedLinks() {
        return context.selectedLinks;
      },
      get pointer() {
        return context.pointer;
      },
      toggleHistory: () => {
        panel = !panel;
      },
      closeVersion: () => {
        const was = versionOpen;
        versionOpen = false;
        return was;
      },
    };
    expect(runCommandForKey(press('h'), withHistory)).toBe(true);
    expect(panel).toBe(true);
    expect(runCommandForKey(press('H', { shift: true }), withHistory)).toBe(false);
    // Typing an h in a field types an h.
    expect(runCommandForKey(press('h', { typing: true }), withHistory)).toBe(false);
    expect(panel).toBe(true);
    state.selectedCards = ['kept'];
    state.editing = 'x';
    expect(runCommandForKey(press('Escape'), withHistory)).toBe(true);
    expect(versionOpen).toBe(false);
    expect(state.editing).toBe('x'); // the board behind was left alone
    runCommandForKey(press('Escape'), withHistory);
    expect(state.editing).toBeNull();
    // Without a history (another page), H is not taken.
    expect(runCommandForKey(press('h'), context)).toBe(false);
  });
});
