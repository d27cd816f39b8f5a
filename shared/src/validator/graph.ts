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

/** 1 for the statuses that count on a serving path, by status (anything else: no). */
const COUNTS_ON_PATH = Uint8Array.from({ length: 8 }, (_, status) =>
  status === LINK_OK ||
  status === LINK_SKIPS_LEVELS ||
  status === LINK_SKIPS_PLAN ||
  status === LINK_SAME_LANE
    ? 1
    : 0,
);

/** Whether a link with this status counts on a serving path. */
export function countsOnPath(status: number): boolean {
  return COUNTS_ON_PATH[status] === 1;
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

/** What each level passes on, by level (objective, strategy, plan, tactic), going down … */
const OWN_BITS_DOWN = [REACHES_OBJECTIVE, REACHES_STRATEGY, 0, 0] as const;
/** … and going up. */
const OWN_BITS_UP = [0, SERVED_BY_STRATEGY, 0, SERVED_BY_TACTIC] as const;

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
  private done = new Uint8Array(0);
  private order = new Int32Array(0);
  private orderLength = 0;
  private stack = new Int32Array(0);
  private upCursor = new Int32Array(0);
  private downCursor = new Int32Array(0);

  /** The number of card slots the adjacency was built for. */
  private builtFor = -1;

  /**
   * Recomputes every reach bit. The adjacency is rebuilt only when `linksChanged` (some link
   * started or stopped counting on a path) or the index grew: after a card changes lane and
   * its links keep counting, only the two sweeps run.
   */
  rebuild(index: BoardIndex, linkStatus: Uint8Array, linksChanged = true): void {
    const cardCount = index.cardHigh;
    if (this.upStart.length < cardCount + 1) {
      const size = Math.max(cardCount + 1, this.upStart.length * 2);
      this.upStart = new Int32Array(size);
      this.downStart = new Int32Array(size);
      this.reach = new Uint8Array(size);
      this.strategiesServing = new Int32Array(size);
      this.done = new Uint8Array(size);
      this.order = new Int32Array(size);
      // A card goes back on the stack only when it gains a bit: at most twice per sweep.
      this.stack = new Int32Array(size * 2 + 2);
      this.builtFor = -1;
    }
    if (linksChanged || this.builtFor !== cardCount) this.buildAdjacency(index, linkStatus);
    this.reach.fill(0, 0, cardCount + 1);
    this.countStrategiesServing(index);
    this.sortByLevel(index);
    this.propagate(index, false);
    this.propagate(index, true);
  }

  /** The CSR arrays of the links that count on a path (a counting sort by card slot). */
  private buildAdjacency(index: BoardIndex, linkStatus: Uint8Array): void {
    const cardCount = index.cardHigh;
    const linkCount = index.linkHigh;
    const from = index.linkFrom;
    const to = index.linkTo;
    const upStart = this.upStart;
    const downStart = this.downStart;
    upStart.fill(0, 0, cardCount + 1);
    downStart.fill(0, 0, cardCount + 1);
    let counted = 0;
    for (let link = 0; link < linkCount; link++) {
      if (COUNTS_ON_PATH[linkStatus[link]!] !== 1) continue;
      upStart[from[link]! + 1]!++;
      downStart[to[link]! + 1]!++;
      counted++;
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
    if (this.upCursor.length < cardCount) {
      this.upCursor = new Int32Array(upStart.length);
      this.downCursor = new Int32Array(upStart.length);
    }
    const upCursor = this.upCursor;
    const downCursor = this.downCursor;
    upCursor.set(upStart.subarray(0, cardCount));
    downCursor.set(downStart.subarray(0, cardCount));
    for (let link = 0; link < linkCount; link++) {
      if (COUNTS_ON_PATH[linkStatus[link]!] !== 1) continue;
      upLinks[upCursor[from[link]!]!++] = link;
      downLinks[downCursor[to[link]!]!++] = link;
    }
    this.builtFor = cardCount;
  }

  /** Per objective: the strategies among the cards that serve it directly. */
  private countStrategiesServing(index: BoardIndex): void {
    const level = index.cardLevel;
    const from = index.linkFrom;
    const counts = this.strategiesServing;
    for (let slot = 0; slot < index.cardHigh; slot++) {
      counts[slot] = 0;
      if (level[slot] !== LANE_LEVEL.objective) continue;
      const end = this.downStart[slot + 1]!;
      for (let i = this.downStart[slot]!; i < end; i++) {
        if (level[from[this.downLinks[i]!]!] === LANE_LEVEL.strategy) counts[slot]!++;
      }
    }
  }

  /** Card slots in level order, apex first (a counting sort on the four levels). */
  private sortByLevel(index: BoardIndex): void {
    const level = index.cardLevel;
    const bucketStart = [0, 0, 0, 0, 0];
    for (let slot = 0; slot < index.cardHigh; slot++) {
      const cardLevel = level[slot]!;
      if (cardLevel !== MISSING) bucketStart[cardLevel + 1]!++;
    }
    for (let bucket = 1; bucket < 5; bucket++) bucketStart[bucket]! += bucketStart[bucket - 1]!;
    this.orderLength = bucketStart[4]!;
    const order = this.order;
    for (let slot = 0; slot < index.cardHigh; slot++) {
      const cardLevel = level[slot]!;
      if (cardLevel !== MISSING) order[bucketStart[cardLevel]!++] = slot;
    }
  }

  /**
   * Sets the reach bits of one direction in one sweep. Going down (along the links that serve
   * a card) the cards are visited apex first, going up base first; each passes on its own
   * bits and those it received. A counted link never points against that order — except a
   * same-lane link, whose far end may already have been visited: it goes back on a work
   * stack until nothing changes. So each link is read about once, and cycles end.
   */
  private propagate(index: BoardIndex, goingUp: boolean): void {
    const level = index.cardLevel;
    const reach = this.reach;
    const done = this.done;
    const stack = this.stack;
    const start = goingUp ? this.upStart : this.downStart;
    const links = goingUp ? this.upLinks : this.downLinks;
    const next = goingUp ? index.linkTo : index.linkFrom;
    const own = goingUp ? OWN_BITS_UP : OWN_BITS_DOWN;
    const directionBits = goingUp
      ? SERVED_BY_STRATEGY | SERVED_BY_TACTIC
      : REACHES_STRATEGY | REACHES_OBJECTIVE;
    done.fill(0, 0, index.cardHigh);
    let stackSize = 0;
    const visit = (card: number) => {
      const carry = own[level[card] as 0 | 1 | 2 | 3] | (reach[card]! & directionBits);
      done[card] = 1;
      if (carry === 0) return;
      const end = start[card + 1]!;
      for (let i = start[card]!; i < end; i++) {
        const neighbour = next[links[i]!]!;
        if ((reach[neighbour]! & carry) === carry) continue;
        reach[neighbour]! |= carry;
        if (done[neighbour] === 1) stack[stackSize++] = neighbour; // visited already: again
      }
    };
    const order = this.order;
    const count = this.orderLength;
    for (let k = 0; k < count; k++) {
      visit(order[goingUp ? count - 1 - k : k]!);
      while (stackSize > 0) visit(stack[--stackSize]!);
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
