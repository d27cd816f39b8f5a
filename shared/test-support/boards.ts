/**
 * A small factory of board snapshots (no Y.Doc needed) for tests and benchmarks of every package:
 * cards with their defaults, links, boards sorted as `readBoard` gives them, a well-formed chain.
 */
import { type CardSnapshot, cardWithDefaults } from '../src/board/card.ts';
import { LANES, type Lane, type Language } from '../src/board/lanes.ts';
import type { BoardMeta, BoardSnapshot, LinkSnapshot } from '../src/board/types.ts';
import { LIMITS } from '../src/limits.ts';

/** A card snapshot: `fields` over the record's defaults (`cardWithDefaults`), at (0, 0). */
export function card(
  id: string,
  lane: Lane,
  title = '',
  fields: Partial<Omit<CardSnapshot, 'id' | 'lane' | 'title'>> = {},
): CardSnapshot {
  return cardWithDefaults({ ...fields, id, lane, title });
}

/** A plan card with every plan field filled in. */
export function completePlan(id: string, title: string): CardSnapshot {
  return card(id, 'plan', title, {
    kpi: 'Coût par client',
    owner: 'Camille',
    dueDate: '2027-06-30',
    budget: '40 000 €',
  });
}

export function link(id: string, from: string, to: string): LinkSnapshot {
  return { id, from, to };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A board snapshot; cards and links sorted by id, as `readBoard` gives them. */
export function board(
  cards: CardSnapshot[],
  links: LinkSnapshot[] = [],
  meta: Partial<BoardMeta> = {},
): BoardSnapshot {
  return {
    meta: { title: 'Test', language: 'fr', schemaVersion: 1, focusLimit: 3, ...meta },
    cards: [...cards].sort(byId),
    links: [...links].sort(byId),
  };
}

/**
 * A well-formed chain: objective ← strategy ← plan ← tactic, in the given language, that no
 * rule should flag. Ids: o1, s1, p1, t1; links l1 (s1→o1), l2 (p1→s1), l3 (t1→p1).
 */
export function wellFormedBoard(language: Language = 'fr'): BoardSnapshot {
  const text =
    language === 'fr'
      ? {
          objective: 'Augmenter le CA de 15 % d’ici décembre 2027 sur le marché belge',
          strategy: 'Devenir la référence du conseil RH pour les PME en Bretagne',
          plan: 'Plan de conquête 2027',
          tactic: 'Animer un webinaire mensuel pour les DRH',
        }
      : {
          objective: 'Grow revenue 15% by December 2027 in the Belgian market',
          strategy: 'Become the reference HR consultancy for SMEs in Brittany',
          plan: 'Conquest plan 2027',
          tactic: 'Run a monthly webinar for HR directors',
        };
  return board(
    [
      card('o1', 'objective', text.objective),
      card('s1', 'strategy', text.strategy),
      completePlan('p1', text.plan),
      card('t1', 'tactic', text.tactic),
    ],
    [link('l1', 's1', 'o1'), link('l2', 'p1', 's1'), link('l3', 't1', 'p1')],
    { language },
  );
}

/**
 * A board's content without the cards' bookkeeping (author, times): what a restore brings back
 * and two boards are compared on.
 */
export function boardContent(snapshot: BoardSnapshot) {
  return {
    meta: { ...snapshot.meta },
    cards: snapshot.cards.map(({ author: _a, createdAt: _c, updatedAt: _u, ...rest }) => rest),
    links: snapshot.links,
  };
}

/** A deep copy of a snapshot: the same board, every object new (what a fresh `readBoard` gives). */
export function cloneBoard(snapshot: BoardSnapshot): BoardSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as BoardSnapshot;
}

/**
 * The content of a board file at the card and link limits with everyday text (titles of about
 * fifty characters, an author): the largest board a team plausibly builds. Not yet checked:
 * pass it to `validateBoardFile`.
 */
export function largestBoardFile(): {
  format: 'fire-triangle/board';
  version: 1;
  meta: { title: string; language: Language };
  cards: Record<string, unknown>[];
  links: LinkSnapshot[];
} {
  const hex = (n: number) => (0x1000000000000000n + BigInt(n) * 7919n).toString(16).slice(0, 16);
  const cards = Array.from({ length: LIMITS.cards }, (_, i) => ({
    id: `c_${hex(i)}`,
    lane: LANES[i % 4]!,
    title: `Card ${i}: a typical title of about fifty chars`,
    position: { x: 1500, y: 1800 },
    author: 'Participant 12',
    createdAt: 1_790_000_000_000 + i,
    updatedAt: 1_790_000_000_000 + i,
  }));
  const links = Array.from({ length: LIMITS.links }, (_, i) => ({
    id: `l_${hex(i + 1e6)}`,
    from: cards[i % cards.length]!.id,
    to: cards[(i * 7 + 1) % cards.length]!.id,
  }));
  return {
    format: 'fire-triangle/board',
    version: 1,
    meta: { title: 'Largest board', language: 'en' },
    cards,
    links,
  };
}
