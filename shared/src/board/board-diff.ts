/**
 * What changed between two states of a board, card by card — for version history: the size of
 * the change a version records (issue #9: cards added, removed, moved between lanes, texts
 * changed), the diff view (a version against now) and what a restore will do. Pure: plain
 * snapshots in (`readBoard`, `snapshotOfFile`), plain data out.
 */
import {
  CARD_FIELD_NAMES,
  CARD_FIELDS,
  type CardField,
  type CardSnapshot,
  chosenCardColour,
} from './card.ts';
import type { BoardMeta, BoardSnapshot, LinkSnapshot } from './types.ts';

/**
 * The fields that make a card's content: what the validator reads, what the card draws, and its
 * position. Its author and times are bookkeeping: a card whose `updatedAt` moved but which reads
 * and draws the same has not changed for anyone looking at the board.
 */
export const CARD_CONTENT_FIELDS: readonly CardField[] = Object.freeze(
  CARD_FIELD_NAMES.filter((field) => {
    const spec = CARD_FIELDS[field] as { rules: boolean; drawn: boolean };
    return field === 'position' || spec.rules || spec.drawn;
  }),
);

/** The content fields a person writes as text (title, body and the plan fields). */
export const CARD_WRITTEN_FIELDS: readonly CardField[] = Object.freeze(
  CARD_CONTENT_FIELDS.filter(
    (field) => field !== 'lane' && field !== 'position' && field !== 'colour',
  ),
);

/** The board settings a version carries and a restore brings back. */
export const RESTORED_SETTINGS = ['title', 'language', 'focusLimit'] as const;
export type RestoredSetting = (typeof RESTORED_SETTINGS)[number];

/** One card present on both sides whose content differs. */
export interface CardChange {
  id: string;
  before: CardSnapshot;
  after: CardSnapshot;
  /** The content fields that differ, in the record's order (`CARD_CONTENT_FIELDS`). */
  fields: CardField[];
}

/**
 * From `before` to `after`. For a version against now, `before` is the version: `added` are the
 * cards made since, `removed` the ones deleted since.
 */
export interface BoardDiff {
  added: CardSnapshot[];
  removed: CardSnapshot[];
  changed: CardChange[];
  linksAdded: LinkSnapshot[];
  linksRemoved: LinkSnapshot[];
  /** Board settings whose value differs. */
  settings: RestoredSetting[];
}

/**
 * The size of a change in the words a facilitator uses (issue #9). A card counts once per
 * column: a card dropped in another lane and retitled is one `cardsMoved` and one
 * `textsChanged`; `cardsChanged` counts every changed card once (position or colour only too).
 */
export interface ChangeCounts {
  cardsAdded: number;
  cardsRemoved: number;
  /** Cards now in another lane. */
  cardsMoved: number;
  /** Cards whose title, body or a plan field reads differently. */
  textsChanged: number;
  /** Cards present on both sides whose content differs in any way. */
  cardsChanged: number;
  linksAdded: number;
  linksRemoved: number;
}

function samePoint(a: CardSnapshot['position'], b: CardSnapshot['position']): boolean {
  return a.x === b.x && a.y === b.y;
}

/** The content fields in which two snapshots of one card differ (empty when none). */
export function changedCardFields(before: CardSnapshot, after: CardSnapshot): CardField[] {
  const fields: CardField[] = [];
  for (const field of CARD_CONTENT_FIELDS) {
    const same =
      field === 'position'
        ? samePoint(before.position, after.position)
        : field === 'colour'
          ? // A lane's default colour is no choice: a card dropped in another lane keeps the one
            // it was made with, and is drawn in its new lane's.
            chosenCardColour(before.colour) === chosenCardColour(after.colour)
          : before[field] === after[field];
    if (!same) fields.push(field);
  }
  return fields;
}

function sameLink(a: LinkSnapshot, b: LinkSnapshot): boolean {
  return a.from === b.from && a.to === b.to;
}

/** What changed from `before` to `after`. Cards and links keep the order of their board. */
export function diffBoards(before: BoardSnapshot, after: BoardSnapshot): BoardDiff {
  const beforeCards = new Map(before.cards.map((card) => [card.id, card]));
  const afterIds = new Set(after.cards.map((card) => card.id));
  const added: CardSnapshot[] = [];
  const changed: CardChange[] = [];
  for (const card of after.cards) {
    const old = beforeCards.get(card.id);
    if (!old) {
      added.push(card);
      continue;
    }
    const fields = changedCardFields(old, card);
    if (fields.length > 0) changed.push({ id: card.id, before: old, after: card, fields });
  }
  const removed = before.cards.filter((card) => !afterIds.has(card.id));
  const beforeLinks = new Map(before.links.map((link) => [link.id, link]));
  const afterLinks = new Map(after.links.map((link) => [link.id, link]));
  // A link id whose ends changed is another link: it counts as removed and added.
  const linksAdded = after.links.filter((link) => {
    const old = beforeLinks.get(link.id);
    return !old || !sameLink(old, link);
  });
  const linksRemoved = before.links.filter((link) => {
    const now = afterLinks.get(link.id);
    return !now || !sameLink(now, link);
  });
  const settings = RESTORED_SETTINGS.filter(
    (key) => (before.meta as BoardMeta)[key] !== (after.meta as BoardMeta)[key],
  );
  return { added, removed, changed, linksAdded, linksRemoved, settings };
}

/** The counts of a diff (what a version's "what changed" column shows). */
export function changeCounts(diff: BoardDiff): ChangeCounts {
  let cardsMoved = 0;
  let textsChanged = 0;
  for (const change of diff.changed) {
    if (change.fields.includes('lane')) cardsMoved++;
    if (change.fields.some((field) => CARD_WRITTEN_FIELDS.includes(field))) textsChanged++;
  }
  return {
    cardsAdded: diff.added.length,
    cardsRemoved: diff.removed.length,
    cardsMoved,
    textsChanged,
    cardsChanged: diff.changed.length,
    linksAdded: diff.linksAdded.length,
    linksRemoved: diff.linksRemoved.length,
  };
}

/** Whether a diff holds no change at all. */
export function isEmptyDiff(diff: BoardDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0 &&
    diff.linksAdded.length === 0 &&
    diff.linksRemoved.length === 0 &&
    diff.settings.length === 0
  );
}
