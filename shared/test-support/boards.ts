/**
 * A small factory of board snapshots (no Y.Doc needed) for tests and benchmarks of every package:
 * cards with their defaults, links, boards sorted as `readBoard` gives them, a well-formed chain.
 */
import { type CardSnapshot, cardWithDefaults } from '../src/board/card.ts';
import type { Lane, Language } from '../src/board/lanes.ts';
import type { BoardMeta, BoardSnapshot, LinkSnapshot } from '../src/board/types.ts';

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

/** A deep copy of a snapshot: the same board, every object new (what a fresh `readBoard` gives). */
export function cloneBoard(snapshot: BoardSnapshot): BoardSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as BoardSnapshot;
}
