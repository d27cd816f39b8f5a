/**
 * The benchmark's board: 10,000 cards and 15,000 links, seeded, with a realistic lane mix (few
 * objectives, more strategies and plans, many tactics) and the usual breakage (dangling,
 * same-lane, skipping and downward links; vague objectives, tactics named as strategies …).
 */
import { LANES, type Lane } from '../src/board/lanes.ts';
import type { BoardSnapshot, CardSnapshot, LinkSnapshot } from '../src/board/types.ts';
import { card, seededRandom } from '../test-support/index.ts';

export const CARD_COUNT = 10_000;
export const LINK_COUNT = 15_000;

const random = seededRandom(20_250_101);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const id = (prefix: string, n: number) => `${prefix}_${n.toString(36).padStart(6, '0')}`;

const TITLES: Record<Lane, readonly string[]> = {
  objective: [
    'Augmenter le CA de 15 % d’ici décembre 2027 sur le marché belge',
    'Doubler les unités vendues au Québec en 2027',
    'Grow revenue 20% by June 2028 in the Nordic market',
    'Augmenter les ventes', // vague, on purpose
    'Augmenter le trafic du site de 30 % en 2027', // marketing metric
  ],
  strategy: [
    'Devenir la référence du conseil RH pour les PME en Bretagne',
    'Pénétrer de nouveaux territoires avec notre nouveau produit',
    'Become the reference supplier for mid-size retailers',
    'Notre stratégie sera de faire plus de foires commerciales', // tactic as strategy
    'Conquérir l’Ontario sur 10 ans', // horizon
  ],
  plan: ['Plan de conquête', 'Plan d’acquisition entrante', 'Go-to-market plan', 'Plan de refonte'],
  tactic: [
    'Webinaire mensuel pour les DRH',
    'Salon Expo-PME de Montréal',
    'Campagne de courriels aux distributeurs',
    'Articles de blog sur les mots-clés prioritaires',
    'Run a LinkedIn ad campaign',
  ],
};

/** A realistic big board: few objectives, more strategies, plans, many tactics; some breakage. */
export function bigBoard(): BoardSnapshot {
  const counts: Record<Lane, number> = {
    objective: 100,
    strategy: 400,
    plan: 1_500,
    tactic: 8_000,
  };
  const byLane: Record<Lane, string[]> = { objective: [], strategy: [], plan: [], tactic: [] };
  const cards: CardSnapshot[] = [];
  let n = 0;
  for (const lane of LANES) {
    for (let i = 0; i < counts[lane]; i++) {
      const cardId = id('c', (n++ * 7919) % 1_000_003);
      byLane[lane].push(cardId);
      const complete = random() < 0.9;
      cards.push(
        card(cardId, lane, `${pick(TITLES[lane])} #${i}`, {
          body: random() < 0.3 ? 'Pourquoi : gagner des clients sans dégrader la marge.' : '',
          ...(lane === 'plan'
            ? {
                kpi: complete ? 'Coût par client' : '',
                owner: 'Camille',
                dueDate: complete ? '2027-06-30' : '',
                budget: '40 000 €',
              }
            : {}),
        }),
      );
    }
  }
  const links: LinkSnapshot[] = [];
  const add = (from: string, to: string) => links.push({ id: id('l', links.length), from, to });
  // The backbone: every card serves one card of the level above.
  for (const [i, s] of byLane.strategy.entries()) add(s, byLane.objective[i % counts.objective]!);
  for (const p of byLane.plan) add(p, pick(byLane.strategy));
  for (const t of byLane.tactic) if (random() < 0.97) add(t, pick(byLane.plan));
  // Extra links up to 15,000: mostly valid second parents, plus the usual breakage.
  while (links.length < LINK_COUNT) {
    const roll = random();
    if (roll < 0.8) add(pick(byLane.tactic), pick(byLane.plan));
    else if (roll < 0.9) add(pick(byLane.plan), pick(byLane.strategy));
    else if (roll < 0.93)
      add(pick(byLane.tactic), `c_deleted_${links.length}`); // dangling
    else if (roll < 0.95)
      add(pick(byLane.tactic), pick(byLane.tactic)); // same lane
    else if (roll < 0.97)
      add(pick(byLane.tactic), pick(byLane.strategy)); // skips the plan
    else if (roll < 0.98)
      add(pick(byLane.objective), pick(byLane.plan)); // downward
    else add(pick(byLane.tactic), pick(byLane.objective)); // skips levels
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  return {
    meta: { title: 'Bench', language: 'fr', schemaVersion: 1, focusLimit: 3 },
    cards: cards.sort(byId),
    links: links.sort(byId),
  };
}
