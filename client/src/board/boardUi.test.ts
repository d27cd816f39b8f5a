import { drawnCardColour, type Finding } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { createBoardUi } from './boardUi.ts';
import {
  cardDecoration,
  type DecorationInput,
  linkDecoration,
  worstSeverity,
} from './decorations.ts';

const finding = (id: string, severity: Finding['severity'], rule = 'r'): Finding => ({
  rule,
  severity,
  target: { kind: id.startsWith('l') ? 'link' : 'card', id },
  message: { en: `${rule} on ${id}`, fr: `${rule} sur ${id}` },
});

const input = (overrides: Partial<DecorationInput> = {}): DecorationInput => ({
  findings: [],
  chain: { selected: null, upCards: [], downCards: [], links: [] },
  remoteSelections: new Map(),
  ...overrides,
});

/** A UI store with `card(id)` / `link(id)` readers, as a card or link component selects them. */
function ui() {
  const store = createBoardUi();
  return {
    store,
    update: (next: DecorationInput) => store.getState().decorate(next),
    card: (id: string) => cardDecoration(store.getState().decorations, id),
    link: (id: string) => linkDecoration(store.getState().decorations, id),
  };
}

describe('board UI store: decorations', () => {
  it('[decor/notify] only the cards and links whose decoration changed get a new object', () => {
    const store = ui();
    const empty = { c1: store.card('c1'), c2: store.card('c2'), c3: store.card('c3') };
    store.update(input({ findings: [finding('c1', 'warning'), finding('l1', 'error')] }));
    expect(store.card('c1')).not.toBe(empty.c1);
    expect(store.link('l1').worst).toBe('error');
    expect(store.card('c2')).toBe(empty.c2);
    const before = { c1: store.card('c1'), l1: store.link('l1') };

    store.update(
      input({
        findings: [finding('c1', 'warning'), finding('l1', 'error'), finding('c2', 'info')],
      }),
    );
    expect(store.card('c1')).toBe(before.c1);
    expect(store.link('l1')).toBe(before.l1);
    expect(store.card('c2').worst).toBe('info');
    expect(store.card('c3')).toBe(empty.c3);

    store.update(input({ findings: [finding('c2', 'info')] }));
    expect(store.card('c1').findings).toEqual([]);
    expect(store.link('l1').findings).toEqual([]);
  });

  it('[decor/notify] the same decorations again change nothing: no subscriber wakes', () => {
    const store = ui();
    const next = input({ findings: [finding('c1', 'warning')] });
    store.update(next);
    let woken = 0;
    store.store.subscribe(() => woken++);
    store.update(input({ findings: [finding('c1', 'warning')] }));
    expect(woken).toBe(0);
  });

  it('[decor/chain] marks the selected card, the chain above and below, and its links', () => {
    const store = ui();
    store.update(
      input({
        chain: { selected: 's', upCards: ['o'], downCards: ['p', 't'], links: ['l1', 'l2'] },
      }),
    );
    expect(store.card('s').chain).toBe('selected');
    expect(store.card('o').chain).toBe('up');
    expect(store.card('t').chain).toBe('down');
    expect(store.link('l2').chain).toBe(true);
    expect(store.link('l9').chain).toBe(false);
  });

  it('[decor/remote] shows who else has a card selected', () => {
    const store = ui();
    store.update(
      input({ remoteSelections: new Map([['c1', [{ name: 'Bob', colour: '#123456' }]]]) }),
    );
    expect(store.card('c1').remote).toEqual([{ name: 'Bob', colour: '#123456' }]);
  });

  it('[decor/severity] sorts findings worst first', () => {
    const store = ui();
    store.update(
      input({
        findings: [
          finding('c1', 'info', 'a'),
          finding('c1', 'error', 'b'),
          finding('c1', 'warning', 'c'),
        ],
      }),
    );
    expect(store.card('c1').findings.map((f) => f.severity)).toEqual(['error', 'warning', 'info']);
    expect(store.card('c1').worst).toBe('error');
    expect(worstSeverity([])).toBeNull();
  });

  it('[card/colour] a default-coloured card takes its current lane’s colour; a chosen colour stays', () => {
    expect(drawnCardColour({ colour: '#669bbc', lane: 'strategy' })).toBe('#f3a712');
    expect(drawnCardColour({ colour: '#123456', lane: 'strategy' })).toBe('#123456');
  });
});

describe('board UI store: selection, editing, notice', () => {
  it('[ui/select] React Flow’s select changes add and remove ids; replacing the selection', () => {
    const store = createBoardUi();
    store.getState().setSelected('cards', [
      { id: 'a', selected: true },
      { id: 'b', selected: true },
    ]);
    store.getState().setSelected('cards', [{ id: 'a', selected: false }]);
    store.getState().setSelected('links', [{ id: 'l1', selected: true }]);
    expect([...store.getState().selectedCards]).toEqual(['b']);
    expect([...store.getState().selectedLinks]).toEqual(['l1']);
    store.getState().select(['c'], []);
    expect([...store.getState().selectedCards]).toEqual(['c']);
    expect(store.getState().selectedLinks.size).toBe(0);
  });

  it('[ui/select] a change that selects what is already selected wakes nobody', () => {
    const store = createBoardUi();
    store.getState().select(['a']);
    let woken = 0;
    store.subscribe(() => woken++);
    store.getState().setSelected('cards', [{ id: 'a', selected: true }]);
    store.getState().setSelected('links', [{ id: 'l', selected: false }]);
    store.getState().edit(null);
    store.getState().notify(null);
    expect(woken).toBe(0);
  });

  it('[ui/edit] one card open for editing at a time; a notice until cleared', () => {
    const store = createBoardUi();
    store.getState().edit('a');
    store.getState().edit('b');
    expect(store.getState().editing).toBe('b');
    store.getState().notify('Imported');
    expect(store.getState().notice).toBe('Imported');
    store.getState().notify(null);
    expect(store.getState().notice).toBeNull();
  });
});
