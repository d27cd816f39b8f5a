/**
 * The drawn ends of dangling links (`link/dangling`: a card deleted while someone linked to it —
 * a real merge result). Everything the board holds must be visible, so it can be selected and
 * deleted: a link missing one end gets a ghost next to the card that is left (`ghostPosition`);
 * a link missing both ends gets two ghosts in the lost-links corner (`lostLinkEnds`).
 */
import {
  cardCentre,
  centroid,
  GHOST_SIZE,
  ghostPosition,
  type LinkSnapshot,
  lostLinkEnds,
  type Point,
} from '@fire-triangle/shared';

export type LinkEnd = 'from' | 'to';

/** The top-left of the ghost drawn for each missing end of each dangling link. */
export type GhostEnds = ReadonlyMap<string, Partial<Record<LinkEnd, Point>>>;

/**
 * @param links the board's links, sorted by id (the lost-links corner is filled in that order)
 * @param cardAt a card's drawn top-left, or undefined when the card does not exist
 */
export function ghostEnds(
  links: readonly LinkSnapshot[],
  cardAt: (id: string) => Point | undefined,
): GhostEnds {
  const ends = new Map<string, Partial<Record<LinkEnd, Point>>>();
  let lost = 0;
  for (const link of links) {
    const from = cardAt(link.from);
    const to = cardAt(link.to);
    if (from && to) continue;
    if (from) ends.set(link.id, { to: ghostPosition(from, 'to') });
    else if (to) ends.set(link.id, { from: ghostPosition(to, 'from') });
    else ends.set(link.id, lostLinkEnds(lost++));
  }
  return ends;
}

export function ghostId(linkId: string, end: LinkEnd): string {
  return `ghost:${end}:${linkId}`;
}

export function isGhost(nodeId: string): boolean {
  return nodeId.startsWith('ghost:');
}

/**
 * Where a link is drawn (the middle of its two drawn ends), for panning to it; null when the
 * link is not on the board.
 */
export function linkCentre(
  link: LinkSnapshot,
  cardAt: (id: string) => Point | undefined,
  ghosts: GhostEnds,
): Point | null {
  const ghost = ghosts.get(link.id);
  const endCentre = (end: LinkEnd): Point[] => {
    const card = cardAt(link[end]);
    if (card) return [cardCentre(card)];
    const at = ghost?.[end];
    return at ? [{ x: at.x + GHOST_SIZE / 2, y: at.y + GHOST_SIZE / 2 }] : [];
  };
  return centroid([...endCentre('from'), ...endCentre('to')]);
}
