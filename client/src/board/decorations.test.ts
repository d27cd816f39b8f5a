import type { Finding } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { cardColour, type DecorationInput, DecorationStore, worstSeverity } from './decorations.ts';

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

describe('DecorationStore', () => {
  it('[decor/notify] notifies only the cards and links whose decoration changed', () => {
    const store = new DecorationStore();
    const woken: string[] = [];
    for (const id of ['c1', 'c2', 'c3']) store.subscribeCard(id, () => woken.push(id));
    store.subscribeLink('l1', () => woken.push('l1'));
    store.update(input({ findings: [finding('c1', 'warning'), finding('l1', 'error')] }));
    expect(woken.sort()).toEqual(['c1', 'l1']);
    const before = store.card('c1');

    woken.length = 0;
    store.update(
      input({
        findings: [finding('c1', 'warning'), finding('l1', 'error'), finding('c2', 'info')],
      }),
    );
    expect(woken).toEqual(['c2']);
    expect(store.card('c1')).toBe(before);

    woken.length = 0;
    store.update(input({ findings: [finding('c2', 'info')] }));
    expect(woken.sort()).toEqual(['c1', 'l1']);
    expect(store.card('c1').findings).toEqual([]);
  });

  it('[decor/chain] marks the selected card, the chain above and below, and its links', () => {
    const store = new DecorationStore();
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
    const store = new DecorationStore();
    store.update(
      input({ remoteSelections: new Map([['c1', [{ name: 'Bob', colour: '#123456' }]]]) }),
    );
    expect(store.card('c1').remote).toEqual([{ name: 'Bob', colour: '#123456' }]);
  });

  it('[decor/severity] sorts findings worst first', () => {
    const store = new DecorationStore();
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
    expect(cardColour({ colour: '#669bbc', lane: 'strategy' })).toBe('#f3a712');
    expect(cardColour({ colour: '#123456', lane: 'strategy' })).toBe('#123456');
  });
});
