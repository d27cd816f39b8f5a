/**
 * The client's read model of one board's Y.Doc (not to be confused with the server's storage):
 * plain `CardSnapshot`/`LinkSnapshot` objects that keep their identity while unchanged, so a
 * remote drag of one card re-renders one node, not two thousand. Cards are re-read (with the
 * shared `readCard`) only when an event touches them.
 *
 * `structureVersion` moves only when something the validator reads changes (a lane, a text, a
 * link, the meta); a drag in progress only moves positions, so the validator is not re-run on
 * every frame of a drag.
 *
 * Selection drags in progress (`readDrags`: one offset for several cards, issue #14) are applied
 * here: a card some present participant is dragging reads at its stored position plus the
 * drag's offset (clamped into the triangle, as the dragger's canvas clamps it). A drag entry
 * whose dragger has left (a tab closed mid-drag) is ignored (`setPresence`).
 */
import {
  type BoardMeta,
  type BoardSnapshot,
  type CardMap,
  type CardSnapshot,
  cardsMap,
  clampCardPosition,
  dragsMap,
  isRuleField,
  type LinkSnapshot,
  linksMap,
  metaMap,
  type Point,
  readCard,
  readDrags,
  readMeta,
} from '@fire-triangle/shared';
import * as Y from 'yjs';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A stored card as the board draws it. Every operation keeps cards inside the triangle, but the
 * doc is written by other clients too: a position that is not finite, or far outside (a stock
 * client, a damaged board), is read as the nearest spot inside, so the card can be seen,
 * selected and deleted like any other (`readCard` already reads damaged fields as empty).
 */
export function readDrawnCard(card: CardMap, id: string): CardSnapshot {
  const snapshot = readCard(card, id);
  const { x, y } = snapshot.position;
  const inside = clampCardPosition(snapshot.position);
  return inside.x === x && inside.y === y ? snapshot : { ...snapshot, position: inside };
}

export class BoardReadModel {
  private readonly cards = new Map<string, CardSnapshot>();
  /** This participant's private cards during a private writing round (`setDraft`). */
  private draft: BoardReadModel | null = null;
  private stopDraft: (() => void) | null = null;
  private draftStructure = 0;
  private readonly links = new Map<string, LinkSnapshot>();
  private meta: BoardMeta;
  private listeners = new Set<() => void>();
  private snapshotCache: BoardSnapshot | null = null;
  private cardListCache: CardSnapshot[] | null = null;
  private linkListCache: LinkSnapshot[] | null = null;
  /** Card id → the offset of the selection drag moving it (present draggers only). */
  private dragOffsets = new Map<string, Point>();
  private isPresent: (clientId: number) => boolean = () => true;
  /** Bumped on every change. */
  version = 0;
  /** Bumped only when a change can alter the validator's findings. */
  structureVersion = 0;

  constructor(readonly doc: Y.Doc) {
    this.meta = readMeta(doc);
    this.dragOffsets = this.readDragOffsets();
    this.reloadAll();
    cardsMap(doc).observeDeep(this.onCards);
    linksMap(doc).observe(this.onLinks);
    metaMap(doc).observe(this.onMeta);
    dragsMap(doc).observeDeep(this.onDrags);
  }

  /**
   * Who is here: a selection drag is drawn only while its dragger is present (by Yjs client
   * id). The session passes its awareness and calls `refreshDrags` when people come and go.
   */
  setPresence(isPresent: (clientId: number) => boolean): void {
    this.isPresent = isPresent;
    this.refreshDrags();
  }

  /** Re-reads the selection drags in progress (someone came or went). */
  refreshDrags = (): void => {
    const touched = this.updateDragOffsets();
    const cards = cardsMap(this.doc);
    for (const id of touched) {
      const card = cards.get(id);
      if (card instanceof Y.Map) this.cards.set(id, this.read(card, id));
      else touched.delete(id);
    }
    if (touched.size > 0) this.changed(false, false, false, touched);
  };

  /** Whether a card is being moved by someone's selection drag right now. */
  isDragged(id: string): boolean {
    return this.dragOffsets.has(id);
  }

  /** Re-reads the drags; returns the cards whose offset changed. */
  private updateDragOffsets(): Set<string> {
    const previous = this.dragOffsets;
    this.dragOffsets = this.readDragOffsets();
    const touched = new Set<string>();
    for (const [id, offset] of this.dragOffsets) {
      const before = previous.get(id);
      if (!before || before.x !== offset.x || before.y !== offset.y) touched.add(id);
    }
    for (const id of previous.keys()) if (!this.dragOffsets.has(id)) touched.add(id);
    return touched;
  }

  private readDragOffsets(): Map<string, Point> {
    const offsets = new Map<string, Point>();
    for (const [clientId, drag] of readDrags(this.doc)) {
      if (!this.isPresent(clientId)) continue;
      for (const id of drag.cards) offsets.set(id, drag.offset);
    }
    return offsets;
  }

  /** A stored card as drawn: with the offset of a selection drag moving it, if any. */
  private read(card: CardMap, id: string): CardSnapshot {
    const snapshot = readDrawnCard(card, id);
    const offset = this.dragOffsets.get(id);
    if (!offset) return snapshot;
    const { x, y } = snapshot.position;
    return { ...snapshot, position: clampCardPosition({ x: x + offset.x, y: y + offset.y }) };
  }

  destroy(): void {
    dragsMap(this.doc).unobserveDeep(this.onDrags);
    this.stopDraft?.();
    cardsMap(this.doc).unobserveDeep(this.onCards);
    linksMap(this.doc).unobserve(this.onLinks);
    metaMap(this.doc).unobserve(this.onMeta);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** A card of the board — or of this participant's draft (see `setDraft`). */
  card(id: string): CardSnapshot | undefined {
    return this.cards.get(id) ?? this.draft?.card(id);
  }

  hasCard(id: string): boolean {
    return this.cards.has(id) || (this.draft?.hasCard(id) ?? false);
  }

  /** Whether `id` is one of this participant's private cards, which only they see. */
  isDraft(id: string): boolean {
    return !this.cards.has(id) && (this.draft?.hasCard(id) ?? false);
  }

  /** The cards drawn: the board's and the draft's (a card on both counts once, the board's). */
  cardList(): CardSnapshot[] {
    if (!this.cardListCache) {
      const cards = [...this.cards.values()];
      for (const card of this.draft?.cardList() ?? []) {
        if (!this.cards.has(card.id)) cards.push(card);
      }
      this.cardListCache = cards.sort(byId);
    }
    return this.cardListCache;
  }

  linkList(): LinkSnapshot[] {
    if (!this.linkListCache) {
      const links = [...this.links.values()];
      for (const link of this.draft?.linkList() ?? []) {
        if (!this.links.has(link.id)) links.push(link);
      }
      this.linkListCache = links.sort(byId);
    }
    return this.linkListCache;
  }

  /**
   * Draws another read model's cards and links with this board's — this participant's private
   * doc during a private writing round (`privateDraft.ts`) — or stops (null). `snapshot()` (the
   * validator, the report, exports) stays the board's alone: nobody else has those cards.
   */
  setDraft(draft: BoardReadModel | null): void {
    if (draft === this.draft) return;
    this.stopDraft?.();
    this.stopDraft = null;
    this.draft = draft;
    if (draft) {
      this.draftStructure = draft.structureVersion;
      this.stopDraft = draft.subscribe(() => {
        const structural = draft.structureVersion !== this.draftStructure;
        this.draftStructure = draft.structureVersion;
        this.changed(structural, true);
      });
    }
    this.changed(true, true);
  }

  getMeta(): BoardMeta {
    return this.meta;
  }

  /** The whole board as plain data, in the same shape (and order) as the shared `readBoard`. */
  snapshot(): BoardSnapshot {
    this.snapshotCache ??= this.draft
      ? {
          meta: this.meta,
          cards: [...this.cards.values()].sort(byId),
          links: [...this.links.values()].sort(byId),
        }
      : { meta: this.meta, cards: this.cardList(), links: this.linkList() };
    return this.snapshotCache;
  }

  private reloadAll(): void {
    this.cards.clear();
    cardsMap(this.doc).forEach((card, id) => {
      if (card instanceof Y.Map) this.cards.set(id, this.read(card, id));
    });
    this.links.clear();
    linksMap(this.doc).forEach((link, id) => {
      if (link && typeof link.from === 'string' && typeof link.to === 'string') {
        this.links.set(id, { id, from: link.from, to: link.to });
      }
    });
  }

  private changed(
    structural: boolean,
    linkSetChanged: boolean,
    cardSetChanged = true,
    touched?: ReadonlySet<string>,
  ): void {
    this.version++;
    if (structural) this.structureVersion++;
    this.snapshotCache = null;
    if (cardSetChanged || !touched || !this.cardListCache) {
      this.cardListCache = null;
    } else {
      // Same cards, some of them changed (a drag frame): swap them in place, no re-sort.
      this.cardListCache = this.cardListCache.map((card) =>
        touched.has(card.id) ? (this.cards.get(card.id) ?? card) : card,
      );
    }
    if (linkSetChanged) this.linkListCache = null;
    for (const listener of this.listeners) listener();
  }

  private onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    const cards = cardsMap(this.doc);
    // A drop writes the positions and ends its drag in one transaction: take both at once, so
    // no one sees the dropped cards drawn with the drag's offset on top of their new position.
    const transaction = events[0]?.transaction;
    const touched = (transaction?.changedParentTypes as Map<unknown, unknown> | undefined)?.has(
      dragsMap(this.doc),
    )
      ? this.updateDragOffsets()
      : new Set<string>();
    let structural = false;
    let cardSetChanged = false;
    for (const event of events) {
      if (event.target === cards) {
        for (const key of event.changes.keys.keys()) touched.add(key);
        structural = true;
        cardSetChanged = true;
        continue;
      }
      const cardId = event.path[0];
      if (typeof cardId !== 'string') continue;
      touched.add(cardId);
      if (event.target instanceof Y.Map && event.path.length === 1) {
        for (const key of event.keys.keys()) if (isRuleField(key)) structural = true;
      } else {
        // A title or body Y.Text changed (the text rules read them).
        structural = true;
      }
    }
    for (const id of touched) {
      const card = cards.get(id);
      if (card instanceof Y.Map) this.cards.set(id, this.read(card, id));
      else this.cards.delete(id);
    }
    if (touched.size > 0) this.changed(structural, false, cardSetChanged, touched);
  };

  private onDrags = (): void => this.refreshDrags();

  private onLinks = (event: Y.YMapEvent<LinkSnapshot>): void => {
    const links = linksMap(this.doc);
    for (const id of event.keysChanged) {
      const link = links.get(id);
      if (link && typeof link.from === 'string' && typeof link.to === 'string') {
        this.links.set(id, { id, from: link.from, to: link.to });
      } else {
        this.links.delete(id);
      }
    }
    this.changed(true, true);
  };

  private onMeta = (): void => {
    this.meta = readMeta(this.doc);
    this.changed(true, false);
  };
}
