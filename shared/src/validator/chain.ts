/**
 * A card's chain (PRODUCT.md §3): what it serves up to the objectives and what serves it down
 * to the tactics — seed 000's « À quoi ces initiatives serviront la stratégie ? Quelle
 * stratégie ? ».
 */
import { LANE_LEVEL } from '../board/lanes.ts';
import type { BoardSnapshot, CardSnapshot } from '../board/types.ts';
import type { BoardIndex } from './board-index.ts';
import { type ServingGraph, servingGraphOf } from './graph.ts';
import type { CardChain } from './types.ts';

function byLevelThenId(a: CardSnapshot, b: CardSnapshot): number {
  return LANE_LEVEL[a.lane] - LANE_LEVEL[b.lane] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function chainOf(index: BoardIndex, graph: ServingGraph, cardId: string): CardChain {
  const slot = index.cardSlotById.get(cardId);
  if (slot === undefined) return { up: { cards: [], links: [] }, down: { cards: [], links: [] } };
  const describe = (goingUp: boolean) => {
    const found = graph.collect(slot, goingUp);
    const cards = found.cards
      .map((card) => index.cardBySlot[card]!)
      .sort(byLevelThenId)
      .map((card) => card.id);
    const links = found.links.map((link) => index.linkBySlot[link]!.id).sort();
    return { cards, links };
  };
  return { up: describe(true), down: describe(false) };
}

/**
 * A card's chain: `up` is every card it serves, directly or not, up to the objectives; `down`
 * every card that serves it, down to the tactics; each with the links on those paths. Cards
 * are listed from the apex down (objective first), then by id; links by id. Dangling, self,
 * duplicate and downward links are not paths. An unknown id has an empty chain.
 */
export function cardChain(board: BoardSnapshot, cardId: string): CardChain {
  const { index, graph } = servingGraphOf(board);
  return chainOf(index, graph, cardId);
}
