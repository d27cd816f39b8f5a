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
import { type CardSnapshot, sameRuleFields } from '../board/card.ts';
import { LANE_LEVEL, type Language } from '../board/lanes.ts';
import type { BoardSnapshot, LinkSnapshot } from '../board/types.ts';
import { IdMap } from './id-map.ts';

/** A link end whose card does not exist. */
export const MISSING = -1;

/** What changed between the previous snapshot and this one, by slot. */
export interface IndexChanges {
  addedCards: number[];
  /** Existing cards whose fields the rules read changed (`CARD_RULE_FIELDS`). */
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
  /** Every card is new (the index had none): `addedCards` is left empty, read every slot. */
  allCardsNew: boolean;
  /** Every link is new (the index had none): `addedLinks` is left empty, read every slot. */
  allLinksNew: boolean;
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
    allCardsNew: false,
    allLinksNew: false,
    languageChanged: false,
    focusLimitChanged: false,
  };
}

/** Whether anything that the graph rules read (cards, lanes, links) changed. */
export function graphChanged(changes: IndexChanges): boolean {
  return (
    changes.allCardsNew ||
    changes.allLinksNew ||
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

interface MatchCallbacks<T> {
  /** Whether the id is unknown to the index (a new entry). */
  isNew(item: T): boolean;
  /** The entry in `slot` is now a different object with the same id: compare their fields. */
  replaced(slot: number, item: T, before: T): void;
  /** The slow path: find (or allocate) the entry's slot by id; MISSING for a repeated id. */
  lookUp(item: T): number;
}

/** What `matchToPrevious` found besides the slots. */
interface MatchResult {
  /** The very same objects in the same order: nothing changed. */
  identical: boolean;
  /**
   * False when the walk stayed in step to the end: then the previous entries it stepped over
   * (`skipped`, by slot) are exactly the removed ones. True when it fell back to id lookups:
   * then every matched slot is marked `seen` and removals are found by scanning for unseen ones.
   */
  fellBack: boolean;
  skipped: number[];
}

/**
 * Walks the new array against the previous one and writes the slot of each new entry into
 * `slots`. Entries are matched by position while the arrays line up, stepping over one
 * inserted or one removed entry at a time — the shape of a typical edit — so an edit costs a
 * pointer comparison per entry, not an id lookup. Once the arrays stop lining up (a reorder),
 * the rest is looked up by id, and `seen` (with `epoch`) marks every slot matched.
 */
function matchToPrevious<T extends { id: string }>(
  items: readonly T[],
  previous: readonly T[],
  previousSlots: Int32Array,
  slots: Int32Array,
  seen: Uint32Array,
  epoch: number,
  callbacks: MatchCallbacks<T>,
): MatchResult {
  const result: MatchResult = {
    identical: items.length === previous.length,
    fellBack: false,
    skipped: [],
  };
  let next = 0; // position in `previous`
  let i = 0;
  for (; i < items.length; i++) {
    const item = items[i]!;
    let before = previous[next];
    if (before !== undefined && item !== before && item.id !== before.id) {
      result.identical = false;
      if (callbacks.isNew(item)) {
        slots[i] = callbacks.lookUp(item); // inserted here; `previous` stays in step
        continue;
      }
      const after = previous[next + 1];
      if (after === undefined || (item !== after && item.id !== after.id)) break;
      result.skipped.push(previousSlots[next++]!); // `before` was removed (or moved on)
      before = after;
    }
    if (before === undefined) break;
    const slot = previousSlots[next++]!;
    slots[i] = slot;
    if (item !== before) {
      result.identical = false;
      if (slot !== MISSING) callbacks.replaced(slot, item, before);
    }
  }
  if (i === items.length) {
    for (; next < previous.length; next++) result.skipped.push(previousSlots[next]!);
    if (result.skipped.length > 0) result.identical = false;
    return result;
  }
  // Out of step: mark what was matched so far (distinct slots: previous ones, or new ones
  // already marked by `lookUp`), then look the rest up by id.
  result.identical = false;
  result.fellBack = true;
  for (let j = 0; j < i; j++) {
    const slot = slots[j]!;
    if (slot !== MISSING) seen[slot] = epoch;
  }
  for (; i < items.length; i++) slots[i] = callbacks.lookUp(items[i]!);
  return result;
}

function isSortedById(items: readonly { id: string }[]): boolean {
  for (let i = 1; i < items.length; i++) {
    if (!(items[i - 1]!.id < items[i]!.id)) return false;
  }
  return true;
}

export class BoardIndex {
  language: Language = 'fr';
  focusLimit = 0;

  // Cards, by slot. `cardLevel` is -1 for a free slot.
  readonly cardSlotById = new IdMap();
  cardBySlot: (CardSnapshot | undefined)[] = [];
  cardLevel: Int8Array = new Int8Array(0);
  /** Slots in use are all below this. */
  cardHigh = 0;
  private readonly freeCardSlots: number[] = [];

  // Links, by slot. `linkFrom`/`linkTo` hold card slots, or MISSING.
  /** Built on first use: a one-off validation of a sorted snapshot never needs it. */
  private linkIdMap: IdMap | undefined = new IdMap();
  linkBySlot: (LinkSnapshot | undefined)[] = [];
  linkFrom: Int32Array = new Int32Array(0);
  linkTo: Int32Array = new Int32Array(0);
  linkHigh = 0;
  private readonly freeLinkSlots: number[] = [];

  /** Missing card id → the links waiting for it (a card with that id may appear later). */
  private readonly waiting = new Map<string, Set<number>>();

  // Incidence: every live link at each existing end. A CSR snapshot (built on first use, and
  // again once many links were connected since) plus the links connected since, per card.
  // Entries are checked on read, so links removed, rewired or orphaned since are skipped.
  private incidenceOffsets: Int32Array = new Int32Array(1);
  private incidenceLinks: Int32Array = new Int32Array(0);
  /** Card slots below this have a range in the CSR snapshot. */
  private incidenceCards = 0;
  private incidenceBuilt = false;
  private readonly incidenceAdded = new Map<number, number[]>();
  private incidenceAddedCount = 0;

  // The previous input arrays and the slot of each of their entries, for the aligned diff.
  private previousCards: readonly CardSnapshot[] = [];
  private previousCardSlots: Int32Array = new Int32Array(0);
  private spareCardSlots: Int32Array = new Int32Array(0);
  private previousLinks: readonly LinkSnapshot[] = [];
  private previousLinkSlots: Int32Array = new Int32Array(0);
  private spareLinkSlots: Int32Array = new Int32Array(0);

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
    if (!this.hasSnapshot || !Object.is(focusLimit, this.focusLimit)) {
      changes.focusLimitChanged = true;
    }
    this.language = language;
    this.focusLimit = focusLimit;
    this.hasSnapshot = true;

    this.applyCards(board.cards, changes);
    this.applyLinks(board.links, changes);
    return changes;
  }

  private resetEpochs(): void {
    this.epoch = 1;
    this.cardSeen.fill(0);
    this.linkSeen.fill(0);
  }

  private applyCards(cards: readonly CardSnapshot[], changes: IndexChanges): void {
    const epoch = this.epoch;
    // Room for every card to be new, so no per-slot array is reallocated during the walk.
    const room = this.cardHigh + cards.length + 1;
    this.cardSeen = grownUint32(this.cardSeen, room);
    this.cardLevel = grownInt8(this.cardLevel, room, MISSING);
    if (this.spareCardSlots.length < cards.length) {
      this.spareCardSlots = new Int32Array(cards.length * 2);
    }
    const slots = this.spareCardSlots;
    if (this.cardSlotById.size === 0 && this.cardHigh === 0) {
      this.loadFirstCards(cards, slots, changes);
      this.spareCardSlots = this.previousCardSlots;
      this.previousCardSlots = slots;
      this.previousCards = cards.slice();
      if (this.waiting.size > 0) {
        for (let slot = 0; slot < this.cardHigh; slot++) this.resolveWaitingLinks(slot, changes);
      }
      return;
    }
    const match = matchToPrevious(
      cards,
      this.previousCards,
      this.previousCardSlots,
      slots,
      this.cardSeen,
      epoch,
      {
        isNew: (card) => !this.cardSlotById.has(card.id),
        replaced: (slot, card) => this.compareCard(slot, card, changes),
        lookUp: (card) => {
          let slot = this.cardSlotById.get(card.id);
          if (slot === undefined) {
            slot = this.allocateCard(card);
            changes.addedCards.push(slot);
          } else if (this.cardSeen[slot] === epoch) {
            return MISSING; // a repeated id: the first one wins
          } else {
            this.compareCard(slot, card, changes);
          }
          this.cardSeen[slot] = epoch;
          return slot;
        },
      },
    );
    if (match.identical) return; // the same objects in the same order: nothing to do
    this.spareCardSlots = this.previousCardSlots;
    this.previousCardSlots = slots;
    // A private copy: the caller may reuse or grow its array after this call.
    this.previousCards = cards.slice();

    if (match.fellBack) {
      for (let slot = 0; slot < this.cardHigh; slot++) {
        if (this.cardLevel[slot] !== MISSING && this.cardSeen[slot] !== epoch) {
          changes.removedCards.push({ slot, id: this.cardBySlot[slot]!.id });
        }
      }
    } else {
      for (const slot of match.skipped) {
        if (slot !== MISSING) changes.removedCards.push({ slot, id: this.cardBySlot[slot]!.id });
      }
    }
    if (changes.removedCards.length > 0) this.removeCards(changes);
    if (this.waiting.size > 0) {
      for (const slot of changes.addedCards) this.resolveWaitingLinks(slot, changes);
    }
  }

  /**
   * The first snapshot into an empty index: every card is new, so each costs one map write
   * (a repeated id is one the map already held, and the first card keeps it).
   */
  private loadFirstCards(
    cards: readonly CardSnapshot[],
    slots: Int32Array,
    changes: IndexChanges,
  ): void {
    const byId = this.cardSlotById;
    changes.allCardsNew = true;
    this.cardBySlot = new Array(cards.length);
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i]!;
      const slot = this.cardHigh;
      if (!byId.set(card.id, slot)) {
        byId.set(
          card.id,
          this.cardBySlot.findIndex((first) => first?.id === card.id),
        );
        slots[i] = MISSING;
        continue;
      }
      this.cardHigh++;
      this.cardLevel[slot] = LANE_LEVEL[card.lane] ?? LANE_LEVEL.tactic;
      this.cardBySlot[slot] = card;
      slots[i] = slot;
    }
  }

  /** Like `loadFirstCards`, for the links of the first snapshot. */
  private loadFirstLinks(
    links: readonly LinkSnapshot[],
    slots: Int32Array,
    changes: IndexChanges,
  ): void {
    changes.allLinksNew = true;
    this.linkBySlot = new Array(links.length);
    // Ids in strictly increasing order (as `readBoard` gives them) cannot repeat: the id map
    // can wait until an edit needs it.
    const sorted = isSortedById(links);
    const byId = sorted ? undefined : new IdMap();
    this.linkIdMap = byId;
    for (let i = 0; i < links.length; i++) {
      const link = links[i]!;
      const slot = this.linkHigh;
      if (byId !== undefined && !byId.set(link.id, slot)) {
        byId.set(
          link.id,
          this.linkBySlot.findIndex((first) => first?.id === link.id),
        );
        slots[i] = MISSING;
        continue;
      }
      this.linkHigh++;
      this.linkBySlot[slot] = link;
      this.connect(slot, link);
      slots[i] = slot;
    }
  }

  /** Link id → slot, built from the slots the first time an edit needs it. */
  private get linkSlotById(): IdMap {
    if (this.linkIdMap === undefined) {
      const byId = new IdMap();
      for (let slot = 0; slot < this.linkHigh; slot++) {
        const link = this.linkBySlot[slot];
        if (link !== undefined) byId.set(link.id, slot);
      }
      this.linkIdMap = byId;
    }
    return this.linkIdMap;
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
      this.noteIncidence(link);
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
    const room = this.linkHigh + links.length + 1;
    this.linkSeen = grownUint32(this.linkSeen, room);
    this.linkFrom = grownInt32(this.linkFrom, room, MISSING);
    this.linkTo = grownInt32(this.linkTo, room, MISSING);
    if (this.spareLinkSlots.length < links.length) {
      this.spareLinkSlots = new Int32Array(links.length * 2);
    }
    const slots = this.spareLinkSlots;
    if (this.linkHigh === 0) {
      this.loadFirstLinks(links, slots, changes);
      this.spareLinkSlots = this.previousLinkSlots;
      this.previousLinkSlots = slots;
      this.previousLinks = links.slice();
      return;
    }
    const match = matchToPrevious(
      links,
      this.previousLinks,
      this.previousLinkSlots,
      slots,
      this.linkSeen,
      epoch,
      {
        isNew: (link) => !this.linkSlotById.has(link.id),
        replaced: (slot, link) => this.compareLink(slot, link, changes),
        lookUp: (link) => {
          let slot = this.linkSlotById.get(link.id);
          if (slot === undefined) {
            slot = this.allocateLink(link);
            changes.addedLinks.push(slot);
          } else if (this.linkSeen[slot] === epoch) {
            return MISSING;
          } else {
            this.compareLink(slot, link, changes);
          }
          this.linkSeen[slot] = epoch;
          return slot;
        },
      },
    );
    if (match.identical) return;
    this.spareLinkSlots = this.previousLinkSlots;
    this.previousLinkSlots = slots;
    this.previousLinks = links.slice();

    const removed: number[] = [];
    if (match.fellBack) {
      for (let slot = 0; slot < this.linkHigh; slot++) {
        if (this.linkBySlot[slot] !== undefined && this.linkSeen[slot] !== epoch)
          removed.push(slot);
      }
    } else {
      for (const slot of match.skipped) if (slot !== MISSING) removed.push(slot);
    }
    for (const slot of removed) {
      const record = this.linkBySlot[slot]!;
      changes.removedLinks.push({
        slot,
        id: record.id,
        from: this.linkFrom[slot]!,
        to: this.linkTo[slot]!,
      });
      this.releaseLink(slot, record);
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
    this.noteIncidence(slot);
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

  /**
   * Calls `visit` with every live link that has `cardSlot` at one of its ends (a link connected,
   * disconnected and connected again since the last rebuild may be visited twice).
   */
  forEachIncidentLink(cardSlot: number, visit: (link: number) => void): void {
    if (!this.incidenceBuilt) this.rebuildIncidence();
    const from = this.linkFrom;
    const to = this.linkTo;
    if (cardSlot < this.incidenceCards) {
      const end = this.incidenceOffsets[cardSlot + 1]!;
      for (let i = this.incidenceOffsets[cardSlot]!; i < end; i++) {
        const link = this.incidenceLinks[i]!;
        if (from[link] === cardSlot || to[link] === cardSlot) visit(link);
      }
    }
    const added = this.incidenceAdded.get(cardSlot);
    if (added === undefined) return;
    for (const link of added) {
      if (from[link] === cardSlot || to[link] === cardSlot) visit(link);
    }
  }

  /** About how many links touch a card slot (to pick the cheaper end to scan). */
  degree(cardSlot: number): number {
    if (!this.incidenceBuilt) this.rebuildIncidence();
    const inSnapshot =
      cardSlot < this.incidenceCards
        ? this.incidenceOffsets[cardSlot + 1]! - this.incidenceOffsets[cardSlot]!
        : 0;
    if (this.incidenceAddedCount === 0) return inSnapshot;
    return inSnapshot + (this.incidenceAdded.get(cardSlot)?.length ?? 0);
  }

  /** Records a link's ends in the incidence, once it has them (see `connect`, resolving). */
  private noteIncidence(link: number): void {
    if (!this.incidenceBuilt) return; // the next rebuild will see it
    if (this.incidenceAddedCount > 1024) {
      this.incidenceBuilt = false;
      return;
    }
    const from = this.linkFrom[link]!;
    const to = this.linkTo[link]!;
    for (const end of from === to ? [from] : [from, to]) {
      if (end === MISSING) continue;
      const added = this.incidenceAdded.get(end);
      if (added) added.push(link);
      else this.incidenceAdded.set(end, [link]);
      this.incidenceAddedCount++;
    }
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
    this.original = link;
    this.originalId = undefined; // read only when another link joins the pair (rare)
    // Plain loops, no closure: this runs once per link on a full run.
    if (scanned < this.incidenceCards) {
      const end = this.incidenceOffsets[scanned + 1]!;
      for (let i = this.incidenceOffsets[scanned]!; i < end; i++) {
        this.considerOriginal(this.incidenceLinks[i]!, scanned, other);
      }
    }
    const added = this.incidenceAddedCount === 0 ? undefined : this.incidenceAdded.get(scanned);
    if (added !== undefined) {
      for (const candidate of added) this.considerOriginal(candidate, scanned, other);
    }
    return this.original;
  }

  // The best candidate so far while `originalOfPair` scans.
  private original = 0;
  private originalId: string | undefined;

  private considerOriginal(candidate: number, a: number, b: number): void {
    if (candidate === this.original) return;
    const from = this.linkFrom[candidate]!;
    const to = this.linkTo[candidate]!;
    if (!((from === a && to === b) || (from === b && to === a))) return;
    this.originalId ??= this.linkBySlot[this.original]!.id;
    const id = this.linkBySlot[candidate]!.id;
    if (id < this.originalId) {
      this.original = candidate;
      this.originalId = id;
    }
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
    this.incidenceCards = cardCount;
    this.incidenceAdded.clear();
    this.incidenceAddedCount = 0;
    this.incidenceBuilt = true;
  }
}
