/**
 * Private ("silent") writing rounds, on the Yjs side. While a round runs
 * (`session.privateRound`, `session.ts`), each participant's new cards live in a doc of their
 * own — a *private doc*, same layout as a board (`cards`, `links`), synced only to that
 * participant's connections (`protocol/participant.ts` for the room's address). Ending the
 * round publishes every private doc into the board in one transaction and empties them.
 *
 * In a private doc a participant uses the ordinary operations (`addCard`, `editCard`,
 * `moveCard`, `deleteCard`) and `linkCards` between two of their private cards; a link from a
 * private card to a card already on the board is `linkPrivateCard`, which reads the board
 * card's lane to orient it.
 */
import * as Y from 'yjs';
import { utf8ByteLength } from '../limits.ts';
import { type CardSnapshot, cardClockLength, cardStoredBytes, cardToMap } from './card.ts';
import { cardsMap, linkStoredBytes, linksMap, readBoard } from './doc.ts';
import type { Lane } from './lanes.ts';
import { hasLinkBetween, type LinkResult, newId, orientLink } from './operations.ts';
import type { LinkSnapshot } from './types.ts';

/** What a participant wrote privately: their cards and links, sorted by id. */
export interface PrivateDraft {
  cards: CardSnapshot[];
  links: LinkSnapshot[];
}

/** The cards and links of a private doc. */
export function readPrivateDraft(privateDoc: Y.Doc): PrivateDraft {
  const { cards, links } = readBoard(privateDoc);
  return { cards, links };
}

/**
 * Links `a` and `b` in `privateDoc`, where at least one of them is a private card and the other
 * may be a card of the board (`boardDoc`), oriented like `linkCards`. Refuses a self link, a
 * second link between the same two cards in the private doc, and a card found in neither doc.
 */
export function linkPrivateCard(
  privateDoc: Y.Doc,
  boardDoc: Y.Doc,
  a: string,
  b: string,
  origin: unknown = null,
  id: string = newId('l'),
): LinkResult {
  if (a === b) return { ok: false, reason: 'self' };
  const laneOf = (cardId: string): Lane | undefined =>
    (cardsMap(privateDoc).get(cardId) ?? cardsMap(boardDoc).get(cardId))?.get('lane') as
      | Lane
      | undefined;
  const laneA = laneOf(a);
  const laneB = laneOf(b);
  if (!laneA || !laneB || !(cardsMap(privateDoc).has(a) || cardsMap(privateDoc).has(b))) {
    return { ok: false, reason: 'missing-card' };
  }
  const links = linksMap(privateDoc);
  if (hasLinkBetween(links, a, b)) return { ok: false, reason: 'duplicate' };
  const { from, to } = orientLink(a, laneA, b, laneB);
  privateDoc.transact(() => links.set(id, { id, from, to }), origin);
  return { ok: true, id, from, to };
}

/** How much more the board may take when a round is published (`LIMITS`, S-FAC-PRIV-5). */
export interface PublishRoom {
  /** Cards the board may still hold: `LIMITS.cards` minus its cards. */
  cards: number;
  /** Links the board may still hold: `LIMITS.links` minus its links. */
  links: number;
  /** Bytes the board may still grow by: its size limit minus its stored bytes. */
  bytes: number;
}

/** Which limit kept private cards off the board: `LIMITS.cards`/`links`, or the board's size. */
export type PublishLimit = 'cards' | 'links' | 'bytes';

/** What publishing copied into the board, and what it had to leave private. */
export interface PublishedCounts {
  cards: number;
  links: number;
  /** Private cards (not on the board) left in their private docs: the board had no room. */
  keptCards: number;
  /** Private links left in their private docs (an end stayed private, or no room). */
  keptLinks: number;
  /** The limit that stopped publishing, or null when everything fit. */
  limit: PublishLimit | null;
  /**
   * Per draft (same order): what publishing took care of — published, already on the board, or
   * a link to a card that no longer exists — and may be cleared from its private doc. What is
   * not listed stays there (`clearPrivateDraft`).
   */
  settled: PrivateDraft[];
}

/** Room for everything: the client publishing its own leftovers (the server checks it). */
const UNBOUNDED: PublishRoom = { cards: Infinity, links: Infinity, bytes: Infinity };
/** A transaction's update besides its structs: section counts, client and clock, delete set. */
const UPDATE_OVERHEAD_BYTES = 32;

function oldestFirst(a: CardSnapshot, b: CardSnapshot): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Copies `drafts` into `boardDoc` in ONE transaction tagged `origin`, within `room`
 * (S-FAC-PRIV-3, S-FAC-PRIV-5):
 * - cards whose id the board does not hold yet (so publishing twice copies nothing twice), with
 *   an empty author when `hideAuthors`, taken **round-robin over the drafts** (each
 *   participant's oldest card, then each one's second oldest…; a draft's cards oldest first by
 *   `createdAt`, then id; the drafts ordered by their oldest card). Publishing stops at the
 *   first card that would pass `room.cards` or `room.bytes` (each card costs the upper bound
 *   `cardStoredBytes` at the writer's clock), so a later card never overtakes an earlier one;
 * - then every link whose two ends are on the board afterwards and whose pair is not linked yet,
 *   while `room.links` and `room.bytes` last (a link to a card deleted during the round is
 *   dropped, not left dangling; one whose end stayed private stays private with it).
 * Without `room` everything is published. Returns what was copied, what was kept, and per
 * draft what is settled (`clearPrivateDraft`).
 */
export function publishPrivateCards(
  boardDoc: Y.Doc,
  drafts: readonly PrivateDraft[],
  options: { hideAuthors: boolean; room?: PublishRoom },
  origin: unknown = null,
): PublishedCounts {
  const room = options.room ?? UNBOUNDED;
  const cards = cardsMap(boardDoc);
  const links = linksMap(boardDoc);
  const written = (card: CardSnapshot) => (options.hideAuthors ? { ...card, author: '' } : card);
  const queues = drafts
    .map((draft, index) => ({
      index,
      cards: draft.cards.filter((card) => !cards.has(card.id)).sort(oldestFirst),
    }))
    .sort((a, b) => {
      const [first, other] = [a.cards[0], b.cards[0]];
      if (first && other) return oldestFirst(first, other);
      return first ? -1 : other ? 1 : a.index - b.index;
    });
  // Choose first (nothing written yet), so a card that does not fit is never half there.
  const chosen: CardSnapshot[] = [];
  let limit: PublishLimit | null = null;
  let bytes = UPDATE_OVERHEAD_BYTES;
  let clock = Y.getState(boardDoc.store, boardDoc.clientID);
  const longest = Math.max(0, ...queues.map((queue) => queue.cards.length));
  choosing: for (let turn = 0; turn < longest; turn++) {
    for (const queue of queues) {
      const card = queue.cards[turn];
      if (!card) continue;
      if (chosen.length + 1 > room.cards) {
        limit = 'cards';
        break choosing;
      }
      const end = clock + cardClockLength(card);
      const cost = cardStoredBytes(written(card), utf8ByteLength, end);
      if (bytes + cost > room.bytes) {
        limit = 'bytes';
        break choosing;
      }
      chosen.push(card);
      bytes += cost;
      clock = end;
    }
  }
  const publishedIds = new Set(chosen.map((card) => card.id));
  const kept = new Set<string>();
  for (const queue of queues) {
    for (const card of queue.cards) if (!publishedIds.has(card.id)) kept.add(card.id);
  }
  const counts: PublishedCounts = {
    cards: 0,
    links: 0,
    keptCards: kept.size,
    keptLinks: 0,
    limit,
    settled: drafts.map(() => ({ cards: [], links: [] })),
  };
  for (const [index, draft] of drafts.entries()) {
    counts.settled[index]!.cards = draft.cards.filter((card) => !kept.has(card.id));
  }
  boardDoc.transact(() => {
    for (const card of chosen) {
      cards.set(card.id, cardToMap(written(card)));
      counts.cards++;
    }
    const pairs = new Set<string>();
    for (const link of links.values())
      pairs.add(`${link.from} ${link.to}`).add(`${link.to} ${link.from}`);
    for (const [index, draft] of drafts.entries()) {
      for (const link of draft.links) {
        const settled = () => counts.settled[index]!.links.push(link);
        if (kept.has(link.from) || kept.has(link.to)) {
          counts.keptLinks++;
          continue;
        }
        if (links.has(link.id) || pairs.has(`${link.from} ${link.to}`)) {
          settled();
          continue;
        }
        if (!cards.has(link.from) || !cards.has(link.to)) {
          settled();
          continue;
        }
        const cost = linkStoredBytes(link, utf8ByteLength) + 8;
        if (counts.links + 1 > room.links || bytes + cost > room.bytes) {
          limit ??= counts.links + 1 > room.links ? 'links' : 'bytes';
          counts.keptLinks++;
          continue;
        }
        links.set(link.id, { id: link.id, from: link.from, to: link.to });
        pairs.add(`${link.from} ${link.to}`).add(`${link.to} ${link.from}`);
        bytes += cost;
        counts.links++;
        settled();
      }
    }
  }, origin);
  counts.limit = limit;
  return counts;
}

/** Deletes from `privateDoc` the cards and links of `draft` (what was published), in one transaction. */
export function clearPrivateDraft(
  privateDoc: Y.Doc,
  draft: PrivateDraft,
  origin: unknown = null,
): void {
  const cards = cardsMap(privateDoc);
  const links = linksMap(privateDoc);
  privateDoc.transact(() => {
    for (const link of draft.links) links.delete(link.id);
    for (const card of draft.cards) cards.delete(card.id);
  }, origin);
}
