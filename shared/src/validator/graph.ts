/**
 * The serving graph: which links count as "A serves B" on a path, and who reaches whom.
 *
 * A link counts on a path when both its cards exist, it is not a self link, not a duplicate,
 * and it does not point downward (its `from` is not higher in the triangle than its `to`).
 * Links that skip levels or stay in one lane still count: they are flagged by their own rule,
 * and counting them keeps one mistake from raising a second finding on every card above or
 * below. Dangling, self, duplicate and downward links never make a path.
 *
 * Everything here runs on typed arrays indexed by slot (see board-index.ts), with no
 * allocation per link, so a full pass over 15,000 links costs well under a millisecond.
 */
import { LANE_LEVEL } from '../board/lanes.ts';
import { type BoardIndex, MISSING } from './board-index.ts';

// What is wrong with a link, if anything (one status per link, in precedence order).
export const LINK_OK = 0;
export const LINK_DANGLING = 1;
export const LINK_SELF = 2;
export const LINK_DUPLICATE = 3;
export const LINK_DOWNWARD = 4;
export const LINK_SKIPS_LEVELS = 5;
export const LINK_SKIPS_PLAN = 6;
export const LINK_SAME_LANE = 7;
export type LinkStatus = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The status of a link between two existing, distinct, non-duplicate cards, by their levels. */
export function statusFromLevels(fromLevel: number, toLevel: number): LinkStatus {
  const climb = fromLevel - toLevel;
  if (climb < 0) return LINK_DOWNWARD;
  if (climb === 0) return LINK_SAME_LANE;
  if (climb === 1) return LINK_OK;
  if (climb === 2) return LINK_SKIPS_PLAN;
  return LINK_SKIPS_LEVELS;
}

/** Whether a link with this status counts on a serving path. */
export function countsOnPath(status: number): boolean {
  return (
    status === LINK_OK ||
    status === LINK_SKIPS_LEVELS ||
    status === LINK_SKIPS_PLAN ||
    status === LINK_SAME_LANE
  );
}

/** The status of one link of the index (its duplicates are found through the index). */
export function classifyLink(index: BoardIndex, link: number): LinkStatus {
  const from = index.linkFrom[link]!;
  const to = index.linkTo[link]!;
  if (from === MISSING || to === MISSING) return LINK_DANGLING;
  if (from === to) return LINK_SELF;
  if (index.originalOfPair(link) !== link) return LINK_DUPLICATE;
  return statusFromLevels(index.cardLevel[from]!, index.cardLevel[to]!);
}

// Reach bits, one per question the rules and the score ask of every card.
/** The card serves, directly or through other cards, some strategy. */
export const REACHES_STRATEGY = 1;
/** Some strategy serves this card, directly or not. */
export const SERVED_BY_STRATEGY = 2;
/** Some tactic serves this card, directly or not. */
export const SERVED_BY_TACTIC = 4;
/** The card serves, directly or not, some objective. */
export const REACHES_OBJECTIVE = 8;

/**
 * The links that count on a path, as compressed adjacency arrays (CSR) in both directions:
 * `upLinks[upStart[c] .. upStart[c+1])` are the links card slot `c` serves through, and
 * `downLinks[downStart[c] .. downStart[c+1])` the links that serve `c`.
 */
export class ServingGraph {
  upStart = new Int32Array(1);
  upLinks = new Int32Array(0);
  downStart = new Int32Array(1);
  downLinks = new Int32Array(0);
  /** Reach bits per card slot (see REACHES_STRATEGY …). */
  reach = new Uint8Array(0);
  /** Per objective slot: how many distinct strategies link to it directly. */
  strategiesServing = new Int32Array(0);
  private queue = new Int32Array(0);

  /** Rebuilds the adjacency and every reach bit from the index and the links' statuses. */
  rebuild(index: BoardIndex, linkStatus: Uint8Array): void {
    const cardCount = index.cardHigh;
    const linkCount = index.linkHigh;
    const from = index.linkFrom;
    const to = index.linkTo;
    const level = index.cardLevel;

    if (this.upStart.length < cardCount + 1) {
      const size = Math.max(cardCount + 1, this.upStart.length * 2);
      this.upStart = new Int32Array(size);
      this.downStart = new Int32Array(size);
      this.reach = new Uint8Array(size);
      this.strategiesServing = new Int32Array(size);
      this.queue = new Int32Array(size);
    } else {
      this.upStart.fill(0, 0, cardCount + 1);
      this.downStart.fill(0, 0, cardCount + 1);
      this.reach.fill(0, 0, cardCount + 1);
      this.strategiesServing.fill(0, 0, cardCount + 1);
    }
    const upStart = this.upStart;
    const downStart = this.downStart;
    const strategiesServing = this.strategiesServing;

    let counted = 0;
    for (let link = 0; link < linkCount; link++) {
      if (!countsOnPath(linkStatus[link]!)) continue;
      const a = from[link]!;
      const b = to[link]!;
      upStart[a + 1]!++;
      downStart[b + 1]!++;
      counted++;
      if (level[a] === LANE_LEVEL.strategy && level[b] === LANE_LEVEL.objective) {
        strategiesServing[b]!++;
      }
    }
    for (let slot = 0; slot < cardCount; slot++) {
      upStart[slot + 1]! += upStart[slot]!;
      downStart[slot + 1]! += downStart[slot]!;
    }
    if (this.upLinks.length < counted) {
      this.upLinks = new Int32Array(counted * 2);
      this.downLinks = new Int32Array(counted * 2);
    }
    const upLinks = this.upLinks;
    const downLinks = this.downLinks;
    const upCursor = upStart.slice(0, cardCount);
    const downCursor = downStart.slice(0, cardCount);
    for (let link = 0; link < linkCount; link++) {
      if (!countsOnPath(linkStatus[link]!)) continue;
      upLinks[upCursor[from[link]!]!++] = link;
      downLinks[downCursor[to[link]!]!++] = link;
    }

    this.spread(index, LANE_LEVEL.strategy, false, REACHES_STRATEGY);
    this.spread(index, LANE_LEVEL.strategy, true, SERVED_BY_STRATEGY);
    this.spread(index, LANE_LEVEL.tactic, true, SERVED_BY_TACTIC);
    this.spread(index, LANE_LEVEL.objective, false, REACHES_OBJECTIVE);
  }

  /**
   * Marks with `bit` every card reachable from the cards of one level, going up (along the
   * links a card serves through) or down (along the links that serve it). A source gets the
   * bit only when another source reaches it; no rule asks a card about its own level.
   */
  private spread(index: BoardIndex, sourceLevel: number, goingUp: boolean, bit: number): void {
    const level = index.cardLevel;
    const reach = this.reach;
    const queue = this.queue;
    const start = goingUp ? this.upStart : this.downStart;
    const links = goingUp ? this.upLinks : this.downLinks;
    const next = goingUp ? index.linkTo : index.linkFrom;
    let tail = 0;
    for (let slot = 0; slot < index.cardHigh; slot++) {
      if (level[slot] === sourceLevel) queue[tail++] = slot;
    }
    for (let head = 0; head < tail; head++) {
      const card = queue[head]!;
      const end = start[card + 1]!;
      for (let i = start[card]!; i < end; i++) {
        const neighbour = next[links[i]!]!;
        if ((reach[neighbour]! & bit) === 0) {
          reach[neighbour]! |= bit;
          if (level[neighbour] !== sourceLevel) queue[tail++] = neighbour;
        }
      }
    }
  }

  /**
   * Every card and link on a path up from `card` (goingUp) or down to it, the card itself
   * excluded. Visits each card once, so cycles (through same-lane links) end.
   */
  collect(index: BoardIndex, card: number, goingUp: boolean): { cards: number[]; links: number[] } {
    const start = goingUp ? this.upStart : this.downStart;
    const links = goingUp ? this.upLinks : this.downLinks;
    const next = goingUp ? index.linkTo : index.linkFrom;
    const visited = new Uint8Array(index.cardHigh);
    const cards: number[] = [];
    const onPath: number[] = [];
    const queue = [card];
    visited[card] = 1;
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head]!;
      const end = start[current + 1]!;
      for (let i = start[current]!; i < end; i++) {
        const link = links[i]!;
        onPath.push(link);
        const neighbour = next[link]!;
        if (visited[neighbour] === 0) {
          visited[neighbour] = 1;
          queue.push(neighbour);
          cards.push(neighbour);
        }
      }
    }
    return { cards, links: onPath };
  }
}
