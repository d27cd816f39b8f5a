import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  board,
  card,
  cloneBoard,
  completePlan,
  link,
  seededRandom,
  wellFormedBoard,
} from '../../test-support/index.ts';
import { readBoard } from '../board/doc.ts';
import { addCard, deleteCard, initBoard, linkCards } from '../board/operations.ts';
import { wellFormedText } from '../board/text.ts';
import type { BoardSnapshot } from '../board/types.ts';
import { CARD_RULES, LINK_RULES, RULE_OUTPUT_ORDER, RULES } from './rules.ts';
import { BoardValidator, validateBoard } from './validator.ts';

/** A board that breaks every rule at least once. */
function boardBreakingEveryRule(): BoardSnapshot {
  return board(
    [
      card('o-vague', 'objective', 'Augmenter les ventes'),
      card('o-traffic', 'objective', 'Augmenter le trafic du site de 30 % en 2027'),
      card('o-focus', 'objective', 'Doubler le CA au Québec en 2027'),
      card('o-no-deadline', 'objective', 'Doubler le CA au Québec'),
      card(
        's-trade',
        'strategy',
        'Notre stratégie pour l’année prochaine sera de faire plus de foires commerciales',
      ),
      card('s-long', 'strategy', 'Pénétrer le marché belge sur 10 ans'),
      card('s-a', 'strategy', 'Stratégie A pour le Québec'),
      card('s-b', 'strategy', 'Stratégie B pour le Québec'),
      card('s-c', 'strategy', 'Stratégie C pour le Québec'),
      card('s-d', 'strategy', 'Stratégie D pour le Québec'),
      card('p-empty', 'plan', 'Plan sans champs', { dueDate: 'bientôt' }),
      completePlan('p-ok', 'Plan Québec'),
      card('t-alone', 'tactic', 'Tactique orpheline'),
      card('t-ok', 'tactic', 'Tournée des distributeurs'),
      card('t-same', 'tactic', 'Fiche produit'),
    ],
    [
      link('dangling', 'deleted', 'p-ok'),
      link('self', 'p-empty', 'p-empty'),
      link('pair-1', 's-trade', 'o-vague'),
      link('pair-2', 'o-vague', 's-trade'),
      link('down', 'o-traffic', 'p-empty'),
      link('skip-2', 't-alone', 'o-traffic'),
      link('skip-1', 'p-empty', 'o-vague'),
      link('same', 't-same', 't-ok'),
      link('fa', 's-a', 'o-focus'),
      link('fb', 's-b', 'o-focus'),
      link('fc', 's-c', 'o-focus'),
      link('fd', 's-d', 'o-focus'),
      link('chain-1', 'p-ok', 's-a'),
      link('chain-2', 't-ok', 'p-ok'),
    ],
    { focusLimit: 3 },
  );
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('validateBoard', () => {
  it('covers the whole catalogue: the test board breaks every rule', () => {
    const rules = new Set(validateBoard(boardBreakingEveryRule()).map((finding) => finding.rule));
    expect([...rules].sort()).toEqual([...LINK_RULES, ...CARD_RULES].sort());
  });

  it('gives every finding its catalogue severity, a target that exists, and messages in French and English naming the card', () => {
    const snapshot = boardBreakingEveryRule();
    const titles = new Map(snapshot.cards.map((c) => [c.id, c.title]));
    const links = new Map(snapshot.links.map((l) => [l.id, l]));
    for (const finding of validateBoard(snapshot)) {
      expect(finding.severity).toBe(RULES[finding.rule as keyof typeof RULES].severity);
      const named =
        finding.target.kind === 'card'
          ? [titles.get(finding.target.id)!]
          : [links.get(finding.target.id)!.from, links.get(finding.target.id)!.to]
              .map((id) => titles.get(id))
              .filter((title): title is string => title !== undefined);
      expect(named.length, finding.rule).toBeGreaterThan(0);
      for (const title of named) {
        const shown = title.length > 60 ? title.slice(0, 40) : title;
        expect(finding.message.fr, finding.rule).toContain(`« ${shown}`);
        expect(finding.message.en, finding.rule).toContain(`“${shown}`);
      }
      expect(finding.message.fr).not.toEqual(finding.message.en);
    }
  });

  it('stays quiet on well-formed boards in both languages', () => {
    expect(validateBoard(wellFormedBoard('fr'))).toEqual([]);
    expect(validateBoard(wellFormedBoard('en'))).toEqual([]);
    expect(validateBoard(board([]))).toEqual([]);
  });

  it('is deterministic: same input, same output; shuffled arrays, same findings', () => {
    const snapshot = boardBreakingEveryRule();
    const first = validateBoard(snapshot);
    expect(validateBoard(cloneBoard(snapshot))).toEqual(first);
    const random = seededRandom(7);
    for (let round = 0; round < 10; round++) {
      const reordered = {
        ...snapshot,
        cards: shuffled(snapshot.cards, random),
        links: shuffled(snapshot.links, random),
      };
      expect(validateBoard(reordered)).toEqual(first);
    }
  });

  it('orders findings by severity, then rule catalogue order, then target id', () => {
    const findings = validateBoard(boardBreakingEveryRule());
    const rank = (rule: string) =>
      RULE_OUTPUT_ORDER.indexOf(rule as (typeof RULE_OUTPUT_ORDER)[number]);
    const severityRank = { error: 0, warning: 1, info: 2 };
    for (let i = 1; i < findings.length; i++) {
      const a = findings[i - 1]!;
      const b = findings[i]!;
      expect(severityRank[a.severity]).toBeLessThanOrEqual(severityRank[b.severity]);
      const byRule = rank(a.rule) - rank(b.rule);
      expect(
        byRule < 0 || (byRule === 0 && a.target.id < b.target.id),
        `${a.rule} ${a.target.id}`,
      ).toBe(true);
    }
  });

  it('tolerates repeated ids (invalid input): the first card or link with an id wins', () => {
    const snapshot: BoardSnapshot = {
      meta: { title: '', language: 'fr', schemaVersion: 1, focusLimit: 3 },
      cards: [card('a', 'tactic', 'Première'), card('a', 'objective', 'Seconde')],
      links: [link('l', 'a', 'a'), link('l', 'a', 'gone')],
    };
    const findings = validateBoard(snapshot).map((f) => `${f.rule} ${f.target.id}`);
    expect(findings).toEqual(['link/self l', 'card/tactic-without-strategy a']);
    const validator = new BoardValidator();
    validator.update(wellFormedBoard());
    expect(validator.update(snapshot)).toEqual(validateBoard(snapshot));
  });

  it('does not modify its input', () => {
    const snapshot = boardBreakingEveryRule();
    const copy = cloneBoard(snapshot);
    validateBoard(snapshot);
    expect(snapshot).toEqual(copy);
  });

  it('quotes a hostile title safely: no bidi override reaches the message, no emoji is cut in half at the 60-character cut', () => {
    const override = '\u202Eabc';
    const emoji = `${'a'.repeat(58)}😀😀 and more`;
    const findings = validateBoard(
      board([card('t1', 'tactic', override), card('t2', 'tactic', emoji)], [], { language: 'fr' }),
    );
    const messages = findings.flatMap((finding) => [finding.message.fr, finding.message.en]);
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      // A lone surrogate is what a cut through an emoji leaves.
      expect(wellFormedText(message)).toBe(message);
    }
    expect(findings.find((f) => f.target.id === 't1')!.message.fr).toContain('« abc »');
    expect(findings.find((f) => f.target.id === 't2')!.message.en).toContain(
      `“${'a'.repeat(58)}😀…”`,
    );
  });

  it('[link/dangling] reports the link left by a concurrent delete on a real Y.Doc', () => {
    const alice = new Y.Doc();
    initBoard(alice, { title: 'Atelier' });
    const plan = addCard(alice, { lane: 'plan', title: 'Plan Québec' });
    const tactic = addCard(alice, { lane: 'tactic', title: 'Salon de Montréal' });
    const bob = new Y.Doc();
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    deleteCard(alice, plan); // Alice deletes the plan while Bob links his tactic to it.
    const linked = linkCards(bob, tactic, plan);
    expect(linked.ok).toBe(true);
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const findings = validateBoard(readBoard(alice));
    expect(findings).toEqual(validateBoard(readBoard(bob)));
    const dangling = findings.filter((finding) => finding.rule === 'link/dangling');
    expect(dangling.map((finding) => finding.target.id)).toEqual([linked.ok ? linked.id : '']);
    expect(dangling[0]!.message.en).toContain('“Salon de Montréal”');
  });
});
