/**
 * The alignment score (PRODUCT.md §3): how much of the board is tied together, from the
 * tactics up and from the objectives down. Read from the serving graph's reach bits.
 */
import { LANE_LEVEL } from '../board/lanes.ts';
import type { BoardSnapshot } from '../board/types.ts';
import type { BoardIndex } from './board-index.ts';
import { REACHES_OBJECTIVE, SERVED_BY_TACTIC, type ServingGraph, servingGraphOf } from './graph.ts';
import type { AlignmentScore } from './types.ts';

export function scoreOf(index: BoardIndex, graph: ServingGraph): AlignmentScore {
  let tacticsTotal = 0;
  let tacticsAligned = 0;
  let objectivesTotal = 0;
  let objectivesReached = 0;
  for (let slot = 0; slot < index.cardHigh; slot++) {
    const level = index.cardLevel[slot];
    const reach = graph.reach[slot]!;
    if (level === LANE_LEVEL.tactic) {
      tacticsTotal++;
      if ((reach & REACHES_OBJECTIVE) !== 0) tacticsAligned++;
    } else if (level === LANE_LEVEL.objective) {
      objectivesTotal++;
      if ((reach & SERVED_BY_TACTIC) !== 0) objectivesReached++;
    }
  }
  const shares: number[] = [];
  if (tacticsTotal > 0) shares.push(tacticsAligned / tacticsTotal);
  if (objectivesTotal > 0) shares.push(objectivesReached / objectivesTotal);
  const overall =
    shares.length === 0 ? 1 : shares.reduce((sum, share) => sum + share, 0) / shares.length;
  return { tacticsAligned, tacticsTotal, objectivesReached, objectivesTotal, overall };
}

/**
 * The alignment score: the share of tactics that trace up to an objective and the share of
 * objectives that reach down to a tactic, through links that count on a path (graph.ts);
 * `overall` is the mean of the shares that exist (1 for a board with neither).
 */
export function alignmentScore(board: BoardSnapshot): AlignmentScore {
  const { index, graph } = servingGraphOf(board);
  return scoreOf(index, graph);
}
