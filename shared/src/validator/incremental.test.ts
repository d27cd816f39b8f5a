/**
 * BoardValidator.update must give exactly validateBoard's output after any sequence of edits.
 * Seeded random edits on a snapshot (the way a client patches its snapshot: changed cards are
 * new objects, unchanged ones keep their identity), compared with a full run at every step.
 */
import { describe, expect, it } from 'vitest';
import { board, card, cloneBoard, seededRandom } from '../../test-support/index.ts';
import { LANES } from '../board/lanes.ts';
import type { BoardSnapshot, CardSnapshot, LinkSnapshot } from '../board/types.ts';
import { alignmentScore, BoardValidator, cardChain, validateBoard } from './index.ts';

const TITLES = [
  'Augmenter les ventes',
  'Augmenter le CA de 15 % d’ici 2027 au Québec',
  'Augmenter le trafic du site',
  'Increase sales',
  'Notre stratégie sera de faire plus de foires commerciales',
  'Pénétrer le marché belge sur 10 ans',
  'Devenir la référence RH des PME bretonnes',
  'Webinaire mensuel',
  'Plan Québec',
  '',
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

/** One random edit; returns the next snapshot (the previous one is left untouched). */
function randomEdit(
  snapshot: BoardSnapshot,
  random: () => number,
  nextId: () => string,
): BoardSnapshot {
  const cards = snapshot.cards;
  const links = snapshot.links;
  const anyCardId = () =>
    cards.length > 0 && random() < 0.9
      ? pick(cards, random).id
      : `ghost-${Math.floor(random() * 3)}`;
  const replaceCard = (index: number, next: CardSnapshot) => ({
    ...snapshot,
    cards: cards.map((existing, i) => (i === index ? next : existing)),
  });
  const roll = random();
  if (roll < 0.14 || cards.length < 3) {
    const created = card(nextId(), pick(LANES, random), pick(TITLES, random));
    const at = Math.floor(random() * (cards.length + 1));
    return { ...snapshot, cards: [...cards.slice(0, at), created, ...cards.slice(at)] };
  }
  const index = Math.floor(random() * cards.length);
  const target = cards[index]!;
  if (roll < 0.22) {
    // Delete a card; half the time its links stay behind (a concurrent link, an import).
    const keepLinks = random() < 0.5;
    return {
      ...snapshot,
      cards: cards.filter((_, i) => i !== index),
      links: keepLinks ? links : links.filter((l) => l.from !== target.id && l.to !== target.id),
    };
  }
  if (roll < 0.34) return replaceCard(index, { ...target, title: pick(TITLES, random) });
  if (roll < 0.46) return replaceCard(index, { ...target, lane: pick(LANES, random) });
  if (roll < 0.52) {
    const field = pick(['kpi', 'owner', 'dueDate', 'budget', 'body'] as const, random);
    const value = pick(['', 'x', '2027-02-30', '2027-06-30', 'sur 1 an'], random);
    return replaceCard(index, { ...target, [field]: value });
  }
  if (roll < 0.56) {
    // A change no rule reads: moved without changing lane.
    return replaceCard(index, { ...target, position: { x: random(), y: random() } });
  }
  if (roll < 0.74) {
    const created: LinkSnapshot = { id: nextId(), from: anyCardId(), to: anyCardId() };
    return { ...snapshot, links: [...links, created] };
  }
  if (roll < 0.84 && links.length > 0) {
    const removed = Math.floor(random() * links.length);
    return { ...snapshot, links: links.filter((_, i) => i !== removed) };
  }
  if (roll < 0.88 && links.length > 0) {
    const rewired = Math.floor(random() * links.length);
    const next = { ...links[rewired]!, to: anyCardId() };
    return { ...snapshot, links: links.map((l, i) => (i === rewired ? next : l)) };
  }
  if (roll < 0.91)
    return { ...snapshot, meta: { ...snapshot.meta, focusLimit: Math.floor(random() * 4) } };
  if (roll < 0.93) {
    const language = snapshot.meta.language === 'fr' ? 'en' : 'fr';
    return { ...snapshot, meta: { ...snapshot.meta, language } };
  }
  if (roll < 0.97) {
    // Same board, arrays in another order.
    const shuffle = <T>(items: readonly T[]) =>
      items
        .map((item) => ({ item, key: random() }))
        .sort((a, b) => a.key - b.key)
        .map(({ item }) => item);
    return { ...snapshot, cards: shuffle(cards), links: shuffle(links) };
  }
  // Same board, every object new (what a full readBoard gives).
  return cloneBoard(snapshot);
}

describe('BoardValidator', () => {
  it('gives exactly validateBoard’s output after every step of seeded random edits', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = seededRandom(seed);
      let counter = 0;
      const nextId = () => `id-${(counter++).toString(36).padStart(3, '0')}`;
      let snapshot = board([], [], { focusLimit: 2 });
      const validator = new BoardValidator();
      let mostCards = 0;
      for (let step = 0; step < 400; step++) {
        snapshot = randomEdit(snapshot, random, nextId);
        mostCards = Math.max(mostCards, snapshot.cards.length);
        const incremental = validator.update(snapshot);
        const full = validateBoard(snapshot);
        expect(incremental, `seed ${seed}, step ${step}`).toEqual(full);
        if (step % 25 === 0) {
          expect(validator.score()).toEqual(alignmentScore(snapshot));
          for (const c of snapshot.cards.slice(0, 5)) {
            expect(validator.chain(c.id)).toEqual(cardChain(snapshot, c.id));
          }
        }
      }
      // The walk's board grows and shrinks at random: it must have been a real board at some point.
      expect(mostCards, `seed ${seed} built a board`).toBeGreaterThan(10);
    }
  }, 60_000);

  it('gives exactly validateBoard’s output after random edits of a structured board (bigger cones)', () => {
    const random = seededRandom(42);
    let counter = 0;
    const nextId = () => `id-${(counter++).toString(36).padStart(3, '0')}`;
    const counts = { objective: 5, strategy: 15, plan: 40, tactic: 120 } as const;
    const byLane = new Map(LANES.map((lane) => [lane, [] as string[]]));
    const cards: CardSnapshot[] = [];
    for (const lane of LANES) {
      for (let i = 0; i < counts[lane]; i++) {
        const created = card(nextId(), lane, pick(TITLES, random));
        cards.push(created);
        byLane.get(lane)!.push(created.id);
      }
    }
    const links: LinkSnapshot[] = [];
    for (const [lower, upper] of [
      ['strategy', 'objective'],
      ['plan', 'strategy'],
      ['tactic', 'plan'],
    ] as const) {
      for (const from of byLane.get(lower)!) {
        links.push({ id: nextId(), from, to: pick(byLane.get(upper)!, random) });
      }
    }
    let snapshot = board(cards, links, { focusLimit: 2 });
    const validator = new BoardValidator();
    for (let step = 0; step < 250; step++) {
      snapshot = randomEdit(snapshot, random, nextId);
      expect(validator.update(snapshot), `step ${step}`).toEqual(validateBoard(snapshot));
    }
    expect(validator.score()).toEqual(alignmentScore(snapshot));
  }, 60_000);

  it('returns a fresh array each time, equal when nothing changed', () => {
    const validator = new BoardValidator();
    const snapshot = board([card('o1', 'objective', 'Augmenter les ventes')]);
    const first = validator.update(snapshot);
    const second = validator.update(snapshot);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    first.length = 0;
    expect(validator.update(snapshot)).toEqual(second);
  });

  it('[card/objective-without-strategy] clears when a strategy is linked, and comes back when the strategy is deleted', () => {
    const validator = new BoardValidator();
    const objective = card('o1', 'objective', 'Doubler le CA au Québec en 2027');
    const strategy = card('s1', 'strategy', 'Pénétrer le marché québécois');
    const rules = (snapshot: BoardSnapshot) =>
      validator.update(snapshot).map((f) => `${f.rule} ${f.target.id}`);
    expect(rules(board([objective]))).toEqual(['card/objective-without-strategy o1']);
    const linked = board([objective, strategy], [{ id: 'l1', from: 's1', to: 'o1' }]);
    expect(rules(linked)).toEqual(['card/strategy-without-tactic s1']);
    const deleted = board([objective], [{ id: 'l1', from: 's1', to: 'o1' }]);
    expect(rules(deleted)).toEqual(['link/dangling l1', 'card/objective-without-strategy o1']);
  });

  it('[card/tactic-without-strategy] fires again on every tactic of a same-lane cycle cut off from its plan', () => {
    const validator = new BoardValidator();
    const cards = [
      card('s1', 'strategy', 'Pénétrer le marché québécois'),
      card('p1', 'plan', 'Plan Québec'),
      card('t1', 'tactic', 'Tournée des distributeurs'),
      card('t2', 'tactic', 'Fiche produit'),
      card('t3', 'tactic', 'Démonstrations'),
    ];
    const cycle = [
      { id: 'a', from: 't1', to: 't2' },
      { id: 'b', from: 't2', to: 't3' },
      { id: 'c', from: 't3', to: 't1' },
      { id: 'd', from: 'p1', to: 's1' },
    ];
    const connected = board(cards, [...cycle, { id: 'e', from: 't1', to: 'p1' }]);
    const orphans = (snapshot: BoardSnapshot) =>
      validator
        .update(snapshot)
        .filter((f) => f.rule === 'card/tactic-without-strategy')
        .map((f) => f.target.id);
    expect(orphans(connected)).toEqual([]);
    const cut = board(cards, cycle);
    expect(orphans(cut)).toEqual(['t1', 't2', 't3']);
    expect(validator.update(cut)).toEqual(validateBoard(cut));
    expect(orphans(connected)).toEqual([]);
  });

  it('[focus/too-many-strategies] follows a card that moves into the strategy lane while keeping its link', () => {
    const validator = new BoardValidator();
    const objective = card('o1', 'objective', 'Doubler le CA au Québec en 2027');
    const strategies = ['a', 'b', 'c'].map((letter) =>
      card(`s-${letter}`, 'strategy', `Stratégie ${letter} pour le Québec`),
    );
    const links = [
      ...strategies.map((s, i) => ({ id: `l${i}`, from: s.id, to: 'o1' })),
      { id: 'lp', from: 'p1', to: 'o1' },
    ];
    const asPlan = board([objective, ...strategies, card('p1', 'plan', 'Plan Québec')], links);
    const asStrategy = board(
      [objective, ...strategies, card('p1', 'strategy', 'Plan Québec')],
      links,
    );
    const focus = (snapshot: BoardSnapshot) =>
      validator.update(snapshot).filter((f) => f.rule === 'focus/too-many-strategies').length;
    expect(focus(asPlan)).toBe(0);
    expect(focus(asStrategy)).toBe(1);
    expect(focus(asPlan)).toBe(0);
  });
});
