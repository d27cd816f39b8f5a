/**
 * The picture of a version against now: the version's board, with the cards deleted since marked
 * `removed` and the ones changed since marked `changed`, plus the cards added since (from the
 * live board) marked `added` — one board, drawn by the same SVG renderer as the PNG export.
 */
import type { BoardDiff, BoardSnapshot } from '@fire-triangle/shared';
import type { CardMark } from '../export/boardSvg.ts';

export interface DiffPicture {
  board: BoardSnapshot;
  marks: Map<string, CardMark>;
}

/** `diff` goes from `version` to the live board (`diffBoards(version, live)`). */
export function diffPicture(version: BoardSnapshot, diff: BoardDiff): DiffPicture {
  const marks = new Map<string, CardMark>();
  for (const card of diff.removed) marks.set(card.id, 'removed');
  for (const change of diff.changed) marks.set(change.id, 'changed');
  for (const card of diff.added) marks.set(card.id, 'added');
  const versionLinks = new Set(version.links.map((link) => link.id));
  return {
    board: {
      meta: version.meta,
      cards: [...version.cards, ...diff.added],
      links: [...version.links, ...diff.linksAdded.filter((link) => !versionLinks.has(link.id))],
    },
    marks,
  };
}
