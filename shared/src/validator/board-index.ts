/**
 * An integer-indexed mirror of a board snapshot, kept up to date from one snapshot to the next.
 *
 * Every card and link gets a *slot* (a small integer, reused after a delete) so the graph rules
 * run on typed arrays instead of string maps. `apply(board)` diffs the new snapshot against the
 * previous one and reports what changed; the diff is cheap when unchanged cards and links keep
 * their object identity (structural sharing) and the arrays keep their order — the usual case
 * for a client that patches its snapshot — and still correct when every object is new.
 *
 * Snapshots are treated as immutable: a card object that is mutated in place after it was passed
 * to `apply` is not noticed (pass a new object for a changed card, as `readBoard` does).
 * Duplicate ids in one snapshot are invalid input: the first card (or link) with an id wins.
 */
import { LANE_LEVEL, type Language } from '../board/lanes.ts';
import type { BoardSnapshot, CardSnapshot, LinkSnapshot } from '../board/types.ts';

/** A link end whose card does not exist. */
export const MISSING = -1;

/** What changed between the previous snapshot and this one, by slot. */
export interface IndexChanges {
  addedCards: number[];
  /** Existing cards whose lane, title, body or plan fields changed. */
  editedCards: number[];
  /** Existing cards whose lane changed (a subset of `editedCards`). */
  releveledCards: number[];
  /** Existing cards whose title changed (a subset of `editedCards`): messages name them. */
  retitledCards: number[];
  removedCards: { slot: number; id: string }[];
  addedLinks: number[];
  /** Same link id, different `from` or `to`. */
  rewiredLinks: { slot: number; oldFrom: number; oldTo: number }[];
  removedLinks: { slot: number; id: string; from: number; to: number }[];
  /** Links that lost an end because its card was deleted. */
  orphanedLinks: number[];
  /** Links that found an end because a card with the missing id appeared. */
  resolvedLinks: number[];
  languageChanged: boolean;
  focusLimitChanged: boolean;
}

function emptyChanges(): IndexChanges {
  return {
    addedCards: [],
    editedCards: [],
    releveledCards: [],
    retitledCards: [],
    removedCards: [],
    addedLinks: [],
    rewiredLinks: [],
    removedLinks: [],
    orphanedLinks: [],
    resolvedLinks: [],
    languageChanged: false,
    focusLimitChanged: false,
  };
}

/** Whether anything that the graph rules read (cards, lanes, links) changed. */
export function graphChanged(changes: IndexChanges): boolean {
  return (
    changes.addedCards.length > 0 ||
    changes.removedCards.length > 0 ||
    changes.releveledCards.length > 0 ||
    changes.addedLinks.length > 0 ||
    changes.rewiredLinks.length > 0 ||
    changes.removedLinks.length > 0 ||
    changes.orphanedLinks.length > 0 ||
    changes.resolvedLinks.length > 0
  );
}

function grownInt32(array: Int32Array, size: number, fill: number): Int32Array {
  if (array.length >= size) return array;
  const next = new Int32Array(Math.max(size, array.length * 2, 16)).fill(fill);
  next.set(array);
  return next;
}

function grownUint32(array: Uint32Array, size: number): Uint32Array {
  if (array.length >= size) return array;
  const next = new Uint32Array(Math.max(size, array.length * 2, 16));
  next.set(array);
  return next;
}

function grownInt8(array: Int8Array, size: number, fill: number): Int8Array {
  if (array.length >= size) return array;
  const next = new Int8Array(Math.max(size, array.length * 2, 16)).fill(fill);
  next.set(array);
  return next;
}

/** The card fields any rule reads; position, colour, author and times are not among them. */
function sameRuleFields(a: CardSnapshot, b: CardSnapshot): boolean {
  return (
    a.lane === b.lane &&
    a.title === b.title &&
    a.body === b.body &&
    a.kpi === b.kpi &&
    a.owner === b.owner &&
    a.dueDate === b.dueDate &&
    a.budget === b.budget
  );
}

export class BoardIndex {
  language: Language = 'fr';
  focusLimit = 0;

  // Cards, by slot. `cardLevel` is -1 for a free slot.
  readonly cardSlotById = new Map<string, number>();
  cardBySlot: (CardSnapshot | undefined)[] = [];
  cardLevel: Int8Array = new Int8Array(0);
  /** Slots in use are all below this. */
  cardHigh = 0;
  private readonly freeCardSlots: number[] = [];

  // Links, by slot. `linkFrom`/`linkTo` hold card slots, or MISSING.
  readonly linkSlotById = new Map<string, number>();
  linkBySlot: (LinkSnapshot | undefined)[] = [];
  linkFrom: Int32Array = new Int32Array(0);
  linkTo: Int32Array = new Int32Array(0);
  linkHigh = 0;
  private readonly freeLinkSlots: number[] = [];

  /** Missing card id → the links waiting for it (a card with that id may appear later). */
  private readonly waiting = new Map<string, Set<number>>();

  // Incidence (every live link at each existing end), as CSR arrays; rebuilt after a change.
  private incidenceOffsets: Int32Array = new Int32Array(1);
  private incidenceLinks: Int32Array = new Int32Array(0);
  private incidenceStale = true;

  // The previous input arrays and the slot of each of their entries, for the aligned diff.
  private previousCards: readonly CardSnapshot[] = [];
  private previousCardSlots: Int32Array = new Int32Array(0);
  private previousLinks: readonly LinkSnapshot[] = [];
  private previousLinkSlots: Int32Array = new Int32Array(0);

  private epoch = 0;
  private cardSeen: Uint32Array = new Uint32Array(0);
  private linkSeen: Uint32Array = new Uint32Array(0);
  private hasSnapshot = false;

  /** Brings the index to `board` and says what changed. */
  apply(board: BoardSnapshot): IndexChanges {
    const changes = emptyChanges();
    this.epoch++;
    if (this.epoch === 0xffffffff) this.resetEpochs();

    const language = board.meta.language;
    const focusLimit = board.meta.focusLimit;
    if (!this.hasSnapshot || language !== this.language) changes.languageChanged = true;
    if (!this.hasSnapshot || focusLimit !== this.focusLimit) changes.focusLimitChanged = true;
    this.language = language;
    this.focusLimit = focusLimit;
    this.hasSnapshot = true;

    this.applyCards(board.cards, changes);
    this.applyLinks(board.links, changes);
    if (graphChanged(changes)) this.incidenceStale = true;
    return changes;
  }

  private resetEpochs(): void {
    this.epoch = 1;
    this.cardSeen.fill(0);
    this.linkSeen.fill(0);
  }

  private applyCards(cards: readonly CardSnapshot[], changes: IndexChanges): void {
    const epoch = this.epoch;
    const previous = this.previousCards;
    const previousSlots = this.previousCardSlots;
    const count = cards.length;
    // Reuse the slot array when the length is unchanged: position i is read before it is written.
    const slots = previousSlots.length === count ? previousSlots : new Int32Array(count);
    let aligned = previous.length === count;
    for (let i = 0; i < count; i++) {
      const card = cards[i]!;
      if (aligned) {
        const before = previous[i]!;
        if (card === before || card.id === before.id) {
          const slot = previousSlots[i]!;
          slots[i] = slot;
          if (slot === MISSING) continue; // a duplicate id, ignored as before
          this.cardSeen[slot] = epoch;
          if (card !== before) this.compareCard(slot, card, changes);
          continue;
        }
        aligned = false;
      }
      let slot = this.cardSlotById.get(card.id);
      if (slot === undefined) {
        slot = this.allocateCard(card);
        changes.addedCards.push(slot);
      } else if (this.cardSeen[slot] === epoch) {
        slots[i] = MISSING; // duplicate id in this snapshot: the first one wins
        continue;
      } else {
        this.compareCard(slot, card, changes);
      }
      this.cardSeen[slot] = epoch;
      slots[i] = slot;
    }
    this.previousCards = cards.slice();
    this.previousCardSlots = slots;

    for (let slot = 0; slot < this.cardHigh; slot++) {
      if (this.cardLevel[slot] !== MISSING && this.cardSeen[slot] !== epoch) {
        changes.removedCards.push({ slot, id: this.cardBySlot[slot]!.id });
      }
    }
    if (changes.removedCards.length > 0) this.removeCards(changes);
    for (const slot of changes.addedCards) this.resolveWaitingLinks(slot, changes);
  }

  private compareCard(slot: number, card: CardSnapshot, changes: IndexChanges): void {
    const before = this.cardBySlot[slot]!;
    this.cardBySlot[slot] = card;
    if (sameRuleFields(before, card)) return;
    changes.editedCards.push(slot);
    if (before.lane !== card.lane) {
      this.cardLevel[slot] = LANE_LEVEL[card.lane] ?? LANE_LEVEL.tactic;
      changes.releveledCards.push(slot);
    }
    if (before.title !== card.title) changes.retitledCards.push(slot);
  }

  private allocateCard(card: CardSnapshot): number {
    const slot = this.freeCardSlots.pop() ?? this.cardHigh++;
    this.cardLevel = grownInt8(this.cardLevel, this.cardHigh, MISSING);
    this.cardSeen = grownUint32(this.cardSeen, this.cardHigh);
    this.cardLevel[slot] = LANE_LEVEL[card.lane] ?? LANE_LEVEL.tactic;
    this.cardBySlot[slot] = card;
    this.cardSlotById.set(card.id, slot);
    return slot;
  }

  /** Frees the removed cards' slots; their links now point at nothing and wait for the id. */
  private removeCards(changes: IndexChanges): void {
    const removed = new Uint8Array(this.cardHigh);
    for (const { slot } of changes.removedCards) removed[slot] = 1;
    for (let link = 0; link < this.linkHigh; link++) {
      const record = this.linkBySlot[link];
      if (record === undefined) continue;
      const from = this.linkFrom[link]!;
      const to = this.linkTo[link]!;
      const loseFrom = from !== MISSING && removed[from] === 1;
      const loseTo = to !== MISSING && removed[to] === 1;
      if (!loseFrom && !loseTo) continue;
      if (loseFrom) {
        this.linkFrom[link] = MISSING;
        this.wait(record.from, link);
      }
      if (loseTo) {
        this.linkTo[link] = MISSING;
        this.wait(record.to, link);
      }
      changes.orphanedLinks.push(link);
    }
    for (const { slot, id } of changes.removedCards) {
      this.cardSlotById.delete(id);
      this.cardBySlot[slot] = undefined;
      this.cardLevel[slot] = MISSING;
      this.freeCardSlots.push(slot);
    }
  }

  private resolveWaitingLinks(slot: number, changes: IndexChanges): void {
    const id = this.cardBySlot[slot]!.id;
    const links = this.waiting.get(id);
    if (links === undefined) return;
    this.waiting.delete(id);
    for (const link of links) {
      const record = this.linkBySlot[link]!;
      if (record.from === id) this.linkFrom[link] = slot;
      if (record.to === id) this.linkTo[link] = slot;
      changes.resolvedLinks.push(link);
    }
  }

  private wait(cardId: string, link: number): void {
    const links = this.waiting.get(cardId);
    if (links) links.add(link);
    else this.waiting.set(cardId, new Set([link]));
  }

  private stopWaiting(cardId: string, link: number): void {
    const links = this.waiting.get(cardId);
    if (links === undefined) return;
    links.delete(link);
    if (links.size === 0) this.waiting.delete(cardId);
  }

  private applyLinks(links: readonly LinkSnapshot[], changes: IndexChanges): void {
    const epoch = this.epoch;
    const previous = this.previousLinks;
    const previousSlots = this.previousLinkSlots;
    const count = links.length;
    const slots = previousSlots.length === count ? previousSlots : new Int32Array(count);
    let aligned = previous.length === count;
    for (let i = 0; i < count; i++) {
      const link = links[i]!;
      if (aligned) {
        const before = previous[i]!;
        if (link === before || link.id === before.id) {
          const slot = previousSlots[i]!;
          slots[i] = slot;
          if (slot === MISSING) continue;
          this.linkSeen[slot] = epoch;
          if (link !== before) this.compareLink(slot, link, changes);
          continue;
        }
        aligned = false;
      }
      let slot = this.linkSlotById.get(link.id);
      if (slot === undefined) {
        slot = this.allocateLink(link);
        changes.addedLinks.push(slot);
      } else if (this.linkSeen[slot] === epoch) {
        slots[i] = MISSING;
        continue;
      } else {
        this.compareLink(slot, link, changes);
      }
      this.linkSeen[slot] = epoch;
      slots[i] = slot;
    }
    this.previousLinks = links.slice();
    this.previousLinkSlots = slots;

    for (let slot = 0; slot < this.linkHigh; slot++) {
      const record = this.linkBySlot[slot];
      if (record !== undefined && this.linkSeen[slot] !== epoch) {
        changes.removedLinks.push({
          slot,
          id: record.id,
          from: this.linkFrom[slot]!,
          to: this.linkTo[slot]!,
        });
        this.releaseLink(slot, record);
      }
    }
  }

  private compareLink(slot: number, link: LinkSnapshot, changes: IndexChanges): void {
    const before = this.linkBySlot[slot]!;
    this.linkBySlot[slot] = link;
    if (before.from === link.from && before.to === link.to) return;
    changes.rewiredLinks.push({ slot, oldFrom: this.linkFrom[slot]!, oldTo: this.linkTo[slot]! });
    if (this.linkFrom[slot] === MISSING) this.stopWaiting(before.from, slot);
    if (this.linkTo[slot] === MISSING) this.stopWaiting(before.to, slot);
    this.connect(slot, link);
  }

  private allocateLink(link: LinkSnapshot): number {
    const slot = this.freeLinkSlots.pop() ?? this.linkHigh++;
    this.linkFrom = grownInt32(this.linkFrom, this.linkHigh, MISSING);
    this.linkTo = grownInt32(this.linkTo, this.linkHigh, MISSING);
    this.linkSeen = grownUint32(this.linkSeen, this.linkHigh);
    this.linkBySlot[slot] = link;
    this.linkSlotById.set(link.id, slot);
    this.connect(slot, link);
    return slot;
  }

  /** Points a link's ends at card slots, or makes them wait for their card. */
  private connect(slot: number, link: LinkSnapshot): void {
    const from = this.cardSlotById.get(link.from);
    const to = this.cardSlotById.get(link.to);
    this.linkFrom[slot] = from ?? MISSING;
    this.linkTo[slot] = to ?? MISSING;
    if (from === undefined) this.wait(link.from, slot);
    if (to === undefined) this.wait(link.to, slot);
  }

  private releaseLink(slot: number, record: LinkSnapshot): void {
    if (this.linkFrom[slot] === MISSING) this.stopWaiting(record.from, slot);
    if (this.linkTo[slot] === MISSING) this.stopWaiting(record.to, slot);
    this.linkSlotById.delete(record.id);
    this.linkBySlot[slot] = undefined;
    this.linkFrom[slot] = MISSING;
    this.linkTo[slot] = MISSING;
    this.freeLinkSlots.push(slot);
  }

  /** Whether a card slot holds a card. */
  hasCard(slot: number): boolean {
    return slot >= 0 && slot < this.cardHigh && this.cardLevel[slot] !== MISSING;
  }

  /** Calls `visit` with every live link that has `cardSlot` at one of its ends. */
  forEachIncidentLink(cardSlot: number, visit: (link: number) => void): void {
    if (this.incidenceStale) this.rebuildIncidence();
    const start = this.incidenceOffsets[cardSlot]!;
    const end = this.incidenceOffsets[cardSlot + 1]!;
    for (let i = start; i < end; i++) visit(this.incidenceLinks[i]!);
  }

  /** How many live links touch a card slot. */
  degree(cardSlot: number): number {
    if (this.incidenceStale) this.rebuildIncidence();
    return this.incidenceOffsets[cardSlot + 1]! - this.incidenceOffsets[cardSlot]!;
  }

  /**
   * The link that stands for all the links joining the same two cards (either direction): the
   * one with the smallest id. The others are `link/duplicate`. Only for links whose two ends
   * exist and differ.
   */
  originalOfPair(link: number): number {
    const from = this.linkFrom[link]!;
    const to = this.linkTo[link]!;
    // Scan the end with fewer links: a tactic has one or two, its plan may have hundreds.
    const scanned = this.degree(from) <= this.degree(to) ? from : to;
    const other = scanned === from ? to : from;
    let original = link;
    let originalId = this.linkBySlot[link]!.id;
    this.forEachIncidentLink(scanned, (candidate) => {
      if (candidate === link) return;
      const a = this.linkFrom[candidate]!;
      const b = this.linkTo[candidate]!;
      const joinsPair = (a === scanned && b === other) || (a === other && b === scanned);
      if (!joinsPair) return;
      const id = this.linkBySlot[candidate]!.id;
      if (id < originalId) {
        original = candidate;
        originalId = id;
      }
    });
    return original;
  }

  /** Calls `visit` with every live link joining the two card slots (either direction). */
  forEachLinkBetween(a: number, b: number, visit: (link: number) => void): void {
    if (!this.hasCard(a) || !this.hasCard(b)) return;
    const scanned = this.degree(a) <= this.degree(b) ? a : b;
    const other = scanned === a ? b : a;
    this.forEachIncidentLink(scanned, (candidate) => {
      const from = this.linkFrom[candidate]!;
      const to = this.linkTo[candidate]!;
      if ((from === scanned && to === other) || (from === other && to === scanned)) {
        visit(candidate);
      }
    });
  }

  private rebuildIncidence(): void {
    const cardCount = this.cardHigh;
    const offsets =
      this.incidenceOffsets.length >= cardCount + 1
        ? this.incidenceOffsets.fill(0, 0, cardCount + 1)
        : new Int32Array(Math.max(cardCount + 1, this.incidenceOffsets.length * 2));
    const from = this.linkFrom;
    const to = this.linkTo;
    let total = 0;
    for (let link = 0; link < this.linkHigh; link++) {
      const a = from[link]!;
      const b = to[link]!;
      if (a !== MISSING) {
        offsets[a + 1]!++;
        total++;
      }
      if (b !== MISSING && b !== a) {
        offsets[b + 1]!++;
        total++;
      }
    }
    for (let slot = 0; slot < cardCount; slot++) offsets[slot + 1]! += offsets[slot]!;
    const links =
      this.incidenceLinks.length >= total ? this.incidenceLinks : new Int32Array(total * 2);
    const cursor = offsets.slice(0, cardCount);
    for (let link = 0; link < this.linkHigh; link++) {
      const a = from[link]!;
      const b = to[link]!;
      if (a !== MISSING) links[cursor[a]!++] = link;
      if (b !== MISSING && b !== a) links[cursor[b]!++] = link;
    }
    this.incidenceOffsets = offsets;
    this.incidenceLinks = links;
    this.incidenceStale = false;
  }
}
