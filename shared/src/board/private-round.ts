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
import type * as Y from 'yjs';
import { type CardSnapshot, cardToMap } from './card.ts';
import { cardsMap, linksMap, readBoard } from './doc.ts';
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

/** What publishing copied into the board. */
export interface PublishedCounts {
  cards: number;
  links: number;
}

/**
 * Copies `drafts` into `boardDoc` in ONE transaction tagged `origin`: every card whose id the
 * board does not hold yet (so publishing twice copies nothing twice), with an empty author when
 * `hideAuthors`; then every link whose two ends are on the board afterwards and whose pair is
 * not linked yet (a link to a board card deleted during the round is dropped, not left
 * dangling). Returns what was copied.
 */
export function publishPrivateCards(
  boardDoc: Y.Doc,
  drafts: readonly PrivateDraft[],
  options: { hideAuthors: boolean },
  origin: unknown = null,
): PublishedCounts {
  const counts: PublishedCounts = { cards: 0, links: 0 };
  const cards = cardsMap(boardDoc);
  const links = linksMap(boardDoc);
  boardDoc.transact(() => {
    for (const draft of drafts) {
      for (const card of draft.cards) {
        if (cards.has(card.id)) continue;
        cards.set(card.id, cardToMap(options.hideAuthors ? { ...card, author: '' } : card));
        counts.cards++;
      }
    }
    const pairs = new Set<string>();
    for (const link of links.values())
      pairs.add(`${link.from} ${link.to}`).add(`${link.to} ${link.from}`);
    for (const draft of drafts) {
      for (const link of draft.links) {
        if (links.has(link.id) || pairs.has(`${link.from} ${link.to}`)) continue;
        if (!cards.has(link.from) || !cards.has(link.to)) continue;
        links.set(link.id, { id: link.id, from: link.from, to: link.to });
        pairs.add(`${link.from} ${link.to}`).add(`${link.to} ${link.from}`);
        counts.links++;
      }
    }
  }, origin);
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
