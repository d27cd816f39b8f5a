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
 * allocation per link or card: a full pass is a handful of sweeps over plain integers.
 */
import { LANE_LEVEL } from '../board/lanes.ts';
import type { BoardSnapshot } from '../board/types.ts';
import { BoardIndex, MISSING } from './board-index.ts';

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

const DOWN_BITS = REACHES_STRATEGY | REACHES_OBJECTIVE;
const UP_BITS = SERVED_BY_STRATEGY | SERVED_BY_TACTIC;

/** Past this many links added since the adjacency was built, rebuild it. */
const MAX_ADDED_LINKS = 2048;

/**
 * The links that count on a path, and every card's reach bits.
 *
 * Adjacency: compressed arrays (CSR) in both directions — `upLinks[upStart[c] .. upStart[c+1])`
 * are the links card slot `c` serves through, `downLinks[downStart[c] .. downStart[c+1])` the
 * links that serve it — built in one go, plus the links that started counting since, per card.
 * An entry is checked when read (the link still counts and still has that end), so a link that
 * stopped counting needs no removal.
 *
 * Reach: `rebuild` sets every bit in two sweeps; `update` redoes only the *cones* of an edit —
 * the cards that serve (or are served by) a card whose links or lane changed — which is a
 * handful of cards for a tactic and a subtree for a strategy.
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

  private index: BoardIndex | undefined;
  private status: Uint8Array = new Uint8Array(0);
  /** Card slots below this have a range in the CSR arrays. */
  private builtFor = 0;
  private readonly upAdded = new Map<number, number[]>();
  private readonly downAdded = new Map<number, number[]>();
  private addedCount = 0;

  // Scratch space.
  private done = new Uint8Array(0);
  private order = new Int32Array(0);
  private orderLength = 0;
  private stack = new Int32Array(0);
  private upCursor = new Int32Array(0);
  private downCursor = new Int32Array(0);
  private epoch = 0;
  private stamp = new Uint32Array(0);
  private queuedStamp = new Uint32Array(0);
  private linkStamp = new Uint32Array(0);

  /** Rebuilds the adjacency and every reach bit from the index and the links' statuses. */
  rebuild(index: BoardIndex, linkStatus: Uint8Array): void {
    this.index = index;
    this.status = linkStatus;
    this.ensureCapacity(index.cardHigh);
    this.buildAdjacency(index, linkStatus);
    this.reach.fill(0, 0, index.cardHigh + 1);
    for (let slot = 0; slot < index.cardHigh; slot++) this.countStrategiesServing(slot);
    this.sortByLevel(index);
    this.propagate(index, false);
    this.propagate(index, true);
  }

  /**
   * Brings the reach bits up to date after an edit, redoing only the cones it affects.
   * `edges` holds the ends (from, to, from, to …; MISSING for a deleted card) of every link
   * that started or stopped counting on a path, `entered` the links that started, `cards` the
   * cards that appeared or changed lane. Returns the card slots whose reach bits or strategy
   * count may have changed, or null when it rebuilt everything instead (a big edit).
   */
  update(
    index: BoardIndex,
    linkStatus: Uint8Array,
    edges: readonly number[],
    entered: readonly number[],
    cards: readonly number[],
  ): number[] | null {
    this.index = index;
    this.status = linkStatus;
    if (
      index.cardHigh + 1 > this.reach.length ||
      this.addedCount + entered.length > MAX_ADDED_LINKS
    ) {
      this.rebuild(index, linkStatus);
      return null;
    }
    for (const link of entered) {
      if (COUNTS_ON_PATH[linkStatus[link]!] !== 1) continue;
      addTo(this.upAdded, index.linkFrom[link]!, link);
      addTo(this.downAdded, index.linkTo[link]!, link);
      this.addedCount++;
    }
    const downSeeds: number[] = [...cards];
    const upSeeds: number[] = [...cards];
    for (let i = 0; i < edges.length; i += 2) {
      if (index.hasCard(edges[i]!)) downSeeds.push(edges[i]!);
      if (index.hasCard(edges[i + 1]!)) upSeeds.push(edges[i + 1]!);
    }
    const limit = Math.max(64, index.cardHigh >> 2);
    const downCone = this.cone(downSeeds, false, limit);
    const upCone = downCone && this.cone(upSeeds, true, limit);
    if (downCone === null || upCone === null) {
      this.rebuild(index, linkStatus);
      return null;
    }
    this.recompute(downCone, false);
    this.recompute(upCone, true);

    // Strategy counts: objectives at the end of a changed link, changed cards that are
    // objectives, and the objectives a changed card serves directly.
    const recounted: number[] = [];
    const recount = (slot: number) => {
      if (!index.hasCard(slot) || index.cardLevel[slot] !== LANE_LEVEL.objective) return;
      this.countStrategiesServing(slot);
      recounted.push(slot);
    };
    for (let i = 1; i < edges.length; i += 2) recount(edges[i]!);
    for (const card of cards) {
      recount(card);
      this.forEachLink(card, true, (_link, served) => recount(served));
    }
    return [...downCone, ...upCone, ...recounted];
  }

  private ensureCapacity(cardCount: number): void {
    if (this.reach.length >= cardCount + 1) return;
    const size = Math.max(cardCount + 1, this.reach.length * 2, 16);
    this.upStart = new Int32Array(size);
    this.downStart = new Int32Array(size);
    this.reach = new Uint8Array(size);
    this.strategiesServing = new Int32Array(size);
    this.done = new Uint8Array(size);
    this.order = new Int32Array(size);
    // A card goes back on the stack only when it gains a bit: at most twice per sweep.
    this.stack = new Int32Array(size * 2 + 2);
    this.stamp = new Uint32Array(size);
    this.queuedStamp = new Uint32Array(size);
  }

  /** The per-link stamps, long enough for every link slot of the index. */
  private linkStamps(): Uint32Array {
    const needed = this.index!.linkHigh;
    if (this.linkStamp.length < needed) {
      const grown = new Uint32Array(Math.max(needed, this.linkStamp.length * 2, 16));
      grown.set(this.linkStamp);
      this.linkStamp = grown;
    }
    return this.linkStamp;
  }

  private nextEpoch(): number {
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.epoch = 1;
      this.stamp.fill(0);
      this.queuedStamp.fill(0);
      this.linkStamp.fill(0);
    }
    return this.epoch;
  }

  /**
   * Calls `visit(link, neighbour)` for every counting link `card` serves through (goingUp) or
   * that serves it (going down). A link may be visited twice (in the CSR arrays and in the
   * links added since); callers either do not mind or skip repeats.
   */
  private forEachLink(
    card: number,
    goingUp: boolean,
    visit: (link: number, neighbour: number) => void,
  ): void {
    const index = this.index!;
    const status = this.status;
    const near = goingUp ? index.linkFrom : index.linkTo;
    const far = goingUp ? index.linkTo : index.linkFrom;
    if (card < this.builtFor) {
      const start = goingUp ? this.upStart : this.downStart;
      const links = goingUp ? this.upLinks : this.downLinks;
      const end = start[card + 1]!;
      for (let i = start[card]!; i < end; i++) {
        const link = links[i]!;
        if (COUNTS_ON_PATH[status[link]!] === 1 && near[link] === card) visit(link, far[link]!);
      }
    }
    if (this.addedCount === 0) return;
    const added = (goingUp ? this.upAdded : this.downAdded).get(card);
    if (added === undefined) return;
    for (const link of added) {
      if (COUNTS_ON_PATH[status[link]!] === 1 && near[link] === card) visit(link, far[link]!);
    }
  }

  /**
   * The seeds and every card that serves them (going down) or that they serve (going up),
   * transitively; null when that is more than `limit` cards (a full sweep is then cheaper).
   */
  private cone(seeds: readonly number[], goingUp: boolean, limit: number): number[] | null {
    const epoch = this.nextEpoch();
    const stamp = this.stamp;
    const cone: number[] = [];
    for (const seed of seeds) {
      if (stamp[seed] === epoch) continue;
      stamp[seed] = epoch;
      cone.push(seed);
    }
    for (let head = 0; head < cone.length; head++) {
      if (cone.length > limit) return null;
      this.forEachLink(cone[head]!, goingUp, (_link, neighbour) => {
        if (stamp[neighbour] === epoch) return;
        stamp[neighbour] = epoch;
        cone.push(neighbour);
      });
    }
    return cone;
  }

  /**
   * Recomputes one direction's bits for the cards of a cone, from scratch: clear them, then
   * pull from the neighbours they depend on until nothing changes. Bits only grow during the
   * loop, so it ends, on the same answer as a full sweep (cards outside the cone are final).
   */
  private recompute(cone: readonly number[], goingUp: boolean): void {
    const index = this.index!;
    const level = index.cardLevel;
    const reach = this.reach;
    const bits = goingUp ? UP_BITS : DOWN_BITS;
    const own = goingUp ? OWN_BITS_UP : OWN_BITS_DOWN;
    const epoch = this.nextEpoch();
    const inCone = this.stamp;
    const queued = this.queuedStamp;
    for (const card of cone) {
      inCone[card] = epoch;
      reach[card]! &= ~bits;
    }
    // Depend-on order first: going down a card pulls from the cards it serves (apex first);
    // going up from the cards that serve it (base first).
    const queue = [...cone].sort((a, b) =>
      goingUp ? level[b]! - level[a]! : level[a]! - level[b]!,
    );
    for (const card of queue) queued[card] = epoch;
    for (let head = 0; head < queue.length; head++) {
      const card = queue[head]!;
      queued[card] = 0;
      let pulled = 0;
      // Going down, a card's bits come from the cards it serves (its up links), and the
      // other way round.
      this.forEachLink(card, !goingUp, (_link, neighbour) => {
        pulled |= own[level[neighbour] as 0 | 1 | 2 | 3] | (reach[neighbour]! & bits);
      });
      if (pulled === (reach[card]! & bits)) continue;
      reach[card] = (reach[card]! & ~bits) | pulled;
      this.forEachLink(card, goingUp, (_link, dependent) => {
        if (inCone[dependent] === epoch && queued[dependent] !== epoch) {
          queued[dependent] = epoch;
          queue.push(dependent);
        }
      });
    }
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
    this.upAdded.clear();
    this.downAdded.clear();
    this.addedCount = 0;
  }

  /** How many distinct strategies link directly to an objective (0 for other cards). */
  private countStrategiesServing(slot: number): void {
    const level = this.index!.cardLevel;
    let count = 0;
    if (level[slot] === LANE_LEVEL.objective) {
      const epoch = this.nextEpoch();
      const seen = this.linkStamps();
      this.forEachLink(slot, false, (link, server) => {
        if (seen[link] === epoch) return; // listed twice: in the CSR and among the added
        seen[link] = epoch;
        if (level[server] === LANE_LEVEL.strategy) count++;
      });
    }
    this.strategiesServing[slot] = count;
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
   * Sets the reach bits of one direction in one sweep, right after the adjacency was built.
   * Going down (along the links that serve a card) the cards are visited apex first, going
   * up base first; each passes on its own bits and those it received. A counting link never
   * points against that order — except a same-lane link, whose far end may already have been
   * visited: it goes back on a work stack until nothing changes. So each link is read about
   * once, and cycles end.
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
    const directionBits = goingUp ? UP_BITS : DOWN_BITS;
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
  collect(card: number, goingUp: boolean): { cards: number[]; links: number[] } {
    const epoch = this.nextEpoch();
    const visited = this.stamp;
    const linkSeen = this.linkStamps();
    const cards: number[] = [];
    const onPath: number[] = [];
    const queue = [card];
    visited[card] = epoch;
    for (let head = 0; head < queue.length; head++) {
      this.forEachLink(queue[head]!, goingUp, (link, neighbour) => {
        if (linkSeen[link] === epoch) return;
        linkSeen[link] = epoch;
        onPath.push(link);
        if (visited[neighbour] === epoch) return;
        visited[neighbour] = epoch;
        queue.push(neighbour);
        cards.push(neighbour);
      });
    }
    return { cards, links: onPath };
  }
}

function addTo(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A board's index and serving graph, built in one go (for the score and the chain). */
export function servingGraphOf(board: BoardSnapshot): { index: BoardIndex; graph: ServingGraph } {
  const index = new BoardIndex();
  index.apply(board);
  const status = new Uint8Array(index.linkHigh).fill(LINK_DANGLING);
  for (let link = 0; link < index.linkHigh; link++) {
    if (index.linkBySlot[link] !== undefined) status[link] = classifyLink(index, link);
  }
  const graph = new ServingGraph();
  graph.rebuild(index, status);
  return { index, graph };
}
