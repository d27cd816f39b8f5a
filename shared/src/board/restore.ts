/**
 * Bringing a live board back to an earlier state (version history, issue #9) as one ordinary
 * change: every peer receives it as an update, and it merges with edits in flight like any other.
 * Card by card, only what differs from the target is written: a card deleted since comes back,
 * a card made since goes, a field that differs is set back — texts through `replaceText`, the
 * smallest splice, so a participant typing in that card while the restore travels keeps the
 * characters they typed (they merge around the splice instead of vanishing with a wholesale
 * replacement).
 *
 * Edits made while the person restoring was looking at the version are not dropped silently:
 * given `seen` — a Yjs snapshot of the live board as they saw it (`Y.snapshot(doc)` on their
 * client when they asked) — whatever was written after it is left as it is and listed in
 * `kept`: a card made since stays, a card deleted since stays deleted, a field edited since
 * keeps its edit. Without `seen`, the board is brought back whole.
 *
 * Pure Yjs, no framework; the server runs it in the room's queue (`server/src/history/`).
 */
import * as Y from 'yjs';
import { CARD_WRITTEN_FIELDS, changedCardFields, RESTORED_SETTINGS } from './board-diff.ts';
import {
  CARD_TEXT_FIELDS,
  type CardField,
  type CardMap,
  type CardSnapshot,
  type CardTextField,
  cardFieldText,
  cardText,
  cardTextWithinLimits,
  cardToMap,
  readCard,
} from './card.ts';
import { cardsMap, linksMap, metaMap } from './doc.ts';
import { replaceText } from './text.ts';
import type { BoardSnapshot, LinkSnapshot } from './types.ts';

/** Why a restore left something as it is. */
export type KeptReason =
  /** made after the person restoring looked: not theirs to remove */
  | 'added-since'
  /** edited after they looked (`fields` says which): the edit stays */
  | 'edited-since'
  /** deleted after they looked: stays deleted */
  | 'deleted-since'
  /** a link whose card is not on the board: it would point at nothing */
  | 'missing-card'
  /** a link between two cards another link already joins */
  | 'duplicate';

export interface KeptChange {
  kind: 'card' | 'link' | 'setting';
  /** Card or link id, or the setting's name. */
  id: string;
  reason: KeptReason;
  /** For `edited-since` cards: the fields whose edit was kept. */
  fields?: CardField[];
}

/** What a restore changed (ids), and what it left as it is and why. */
export interface RestoreSummary {
  /** Cards brought back (they had been deleted). */
  cardsRestored: string[];
  /** Cards removed (made after the version). */
  cardsRemoved: string[];
  /** Cards put back in their lane. */
  cardsMoved: string[];
  /** Cards whose title, body or a plan field was set back. */
  textsChanged: string[];
  /** Every card present on both sides that was changed in any way (position, colour too). */
  cardsChanged: string[];
  linksRestored: string[];
  linksRemoved: string[];
  settingsChanged: string[];
  kept: KeptChange[];
}

export interface RestoreOptions {
  /** The live board as the person restoring saw it; changes after it are kept. */
  seen?: Y.Snapshot;
  /** The transaction's origin. */
  origin?: unknown;
  /** The `updatedAt` written on every card the restore changes (ms); default now. */
  now?: number;
}

export function emptyRestoreSummary(): RestoreSummary {
  return {
    cardsRestored: [],
    cardsRemoved: [],
    cardsMoved: [],
    textsChanged: [],
    cardsChanged: [],
    linksRestored: [],
    linksRemoved: [],
    settingsChanged: [],
    kept: [],
  };
}

/** Whether `summary` changed nothing. */
export function restoreChangedNothing(summary: RestoreSummary): boolean {
  return (
    summary.cardsRestored.length +
      summary.cardsRemoved.length +
      summary.cardsChanged.length +
      summary.linksRestored.length +
      summary.linksRemoved.length +
      summary.settingsChanged.length ===
    0
  );
}

// ---------------------------------------------------------------------------------------------
// What was written after a Yjs snapshot

/** Whether the range [clock, clock + length) of `client` is wholly deleted in `ds`. */
function whollyDeleted(
  ds: Y.Snapshot['ds'],
  client: number,
  clock: number,
  length: number,
): boolean {
  const ranges = ds.clients.get(client);
  if (!ranges) return false;
  let from = clock;
  const end = clock + length;
  // Ranges are sorted and merged (a decoded or freshly built delete set is).
  for (const range of ranges) {
    if (range.clock + range.len <= from) continue;
    if (range.clock > from) return false;
    from = range.clock + range.len;
    if (from >= end) return true;
  }
  return false;
}

/**
 * Questions about one Yjs snapshot of a doc. An item counts by its whole clock range: Yjs merges
 * one writer's consecutive characters into one item, so a run typed partly before and partly
 * after the snapshot is one item that is partly new.
 */
class SinceSnapshot {
  constructor(private readonly seen: Y.Snapshot) {}

  /** Some of the item's content was written after the snapshot. */
  written(item: Y.Item): boolean {
    return (this.seen.sv.get(item.id.client) ?? 0) < item.id.clock + item.length;
  }

  /** The item existed and was visible in the snapshot, and is deleted now. */
  deletedAfter(item: Y.Item): boolean {
    return (
      item.deleted &&
      !this.written(item) &&
      !whollyDeleted(this.seen.ds, item.id.client, item.id.clock, item.length)
    );
  }

  /** A text had characters inserted or deleted after the snapshot. */
  textChanged(text: Y.Text): boolean {
    for (let item = text._start; item !== null; item = item.right) {
      if (this.written(item)) return true;
      if (
        item.deleted &&
        !whollyDeleted(this.seen.ds, item.id.client, item.id.clock, item.length)
      ) {
        return true;
      }
    }
    return false;
  }

  /** A card's field was written after the snapshot (its text edited, for a Y.Text). */
  fieldChanged(card: CardMap, field: string): boolean {
    const item = card._map.get(field);
    if (!item) return false;
    if (this.written(item)) return true;
    const value = card.get(field);
    return value instanceof Y.Text && this.textChanged(value);
  }

  /** Any field of a card was written after the snapshot. */
  cardChanged(card: CardMap): boolean {
    for (const field of card._map.keys()) if (this.fieldChanged(card, field)) return true;
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a card back

const TEXT_FIELDS: ReadonlySet<string> = new Set(CARD_TEXT_FIELDS);

/** Sets one field of a live card to `target`'s (every field stored as Y.Text by splice). */
function writeField(card: CardMap, field: CardField, target: CardSnapshot): void {
  if (TEXT_FIELDS.has(field)) {
    const textField = field as CardTextField;
    replaceText(cardText(card, textField), cardFieldText(field, target[textField]));
  } else if (field === 'position') {
    card.set('position', { x: target.position.x, y: target.position.y });
  } else {
    const value = target[field];
    card.set(field, typeof value === 'string' ? cardFieldText(field, value) : value);
  }
}

/**
 * Writes back the fields of `card` that differ from `target`, except those `since` says were
 * edited after the snapshot (returned as kept). Lane and position go together: a card's lane
 * follows its position, and writing one without the other could leave a card drawn in one lane
 * and labelled another.
 */
function restoreFields(
  card: CardMap,
  target: CardSnapshot,
  since: SinceSnapshot | null,
  now: number,
  summary: RestoreSummary,
): void {
  const live = readCard(card, target.id);
  const fields = changedCardFields(live, target);
  if (fields.length === 0) return;
  const keptFields: CardField[] = [];
  const placeKept =
    since !== null && (since.fieldChanged(card, 'lane') || since.fieldChanged(card, 'position'));
  let changed = false;
  for (const field of fields) {
    const isPlace = field === 'lane' || field === 'position';
    if (isPlace ? placeKept : since?.fieldChanged(card, field)) {
      keptFields.push(field);
      continue;
    }
    writeField(card, field, target);
    changed = true;
  }
  if (changed) {
    card.set('updatedAt', now);
    summary.cardsChanged.push(target.id);
    if (fields.includes('lane') && !keptFields.includes('lane')) summary.cardsMoved.push(target.id);
    if (
      fields.some((field) => CARD_WRITTEN_FIELDS.includes(field) && !keptFields.includes(field))
    ) {
      summary.textsChanged.push(target.id);
    }
  }
  if (keptFields.length > 0) {
    summary.kept.push({ kind: 'card', id: target.id, reason: 'edited-since', fields: keptFields });
  }
}

function linkJoins(link: LinkSnapshot, a: string, b: string): boolean {
  return (link.from === a && link.to === b) || (link.from === b && link.to === a);
}

/** Adds `link` if both its cards are on the board and no other link joins them. */
function restoreLink(doc: Y.Doc, link: LinkSnapshot, summary: RestoreSummary): void {
  const cards = cardsMap(doc);
  const links = linksMap(doc);
  if (!cards.has(link.from) || !cards.has(link.to)) {
    summary.kept.push({ kind: 'link', id: link.id, reason: 'missing-card' });
    return;
  }
  for (const other of links.values()) {
    if (linkJoins(other, link.from, link.to)) {
      summary.kept.push({ kind: 'link', id: link.id, reason: 'duplicate' });
      return;
    }
  }
  links.set(link.id, { id: link.id, from: link.from, to: link.to });
  summary.linksRestored.push(link.id);
}

// ---------------------------------------------------------------------------------------------
// The operations

/**
 * Brings the board in `doc` back to `target` (a version's `readBoard`), in ONE transaction
 * tagged `options.origin`, writing only what differs; returns what it changed and what it kept
 * (see the file's comment for `seen`). A card removed takes its links with it, as
 * `deleteCard` does; a link comes back only when both its cards are on the board. Board
 * settings (title, language, focus limit) come back too; the layout version and the import
 * marker are never written.
 */
export function restoreBoard(
  doc: Y.Doc,
  target: BoardSnapshot,
  options: RestoreOptions = {},
): RestoreSummary {
  const since = options.seen ? new SinceSnapshot(options.seen) : null;
  const now = options.now ?? Date.now();
  const summary = emptyRestoreSummary();
  doc.transact(() => {
    const cards = cardsMap(doc);
    const links = linksMap(doc);
    const targetCards = new Map(target.cards.map((card) => [card.id, card]));
    const targetLinks = new Map(target.links.map((link) => [link.id, link]));

    // Links made since the snapshot keep the cards they join: removing those would leave them
    // pointing at nothing.
    const linkedSince = new Set<string>();
    if (since) {
      for (const [id, link] of links.entries()) {
        const item = links._map.get(id);
        if (item && since.written(item)) {
          linkedSince.add(link.from);
          linkedSince.add(link.to);
        }
      }
    }

    // 1. Cards that are not in the version.
    for (const [id, card] of [...cards.entries()]) {
      if (targetCards.has(id) || !(card instanceof Y.Map)) continue;
      if (since) {
        const item = card._item;
        const reason: KeptReason | null =
          item && since.written(item)
            ? 'added-since'
            : since.cardChanged(card) || linkedSince.has(id)
              ? 'edited-since'
              : null;
        if (reason) {
          summary.kept.push({ kind: 'card', id, reason });
          continue;
        }
      }
      for (const [linkId, link] of [...links.entries()]) {
        if (link.from === id || link.to === id) {
          links.delete(linkId);
          summary.linksRemoved.push(linkId);
        }
      }
      cards.delete(id);
      summary.cardsRemoved.push(id);
    }

    // 2. The version's cards: back if deleted, set back where they differ.
    for (const card of target.cards) {
      const live = cards.get(card.id);
      if (live instanceof Y.Map) {
        restoreFields(live, card, since, now, summary);
        continue;
      }
      const gone = cards._map.get(card.id);
      if (since && gone && since.deletedAfter(gone)) {
        summary.kept.push({ kind: 'card', id: card.id, reason: 'deleted-since' });
        continue;
      }
      cards.set(card.id, cardToMap(cardTextWithinLimits(card)));
      summary.cardsRestored.push(card.id);
    }

    // 3. Links: those made since the version go (unless made since the snapshot), the
    // version's come back.
    for (const [id, link] of [...links.entries()]) {
      const wanted = targetLinks.get(id);
      if (wanted && wanted.from === link.from && wanted.to === link.to) continue;
      const item = links._map.get(id);
      if (since && item && since.written(item)) {
        summary.kept.push({ kind: 'link', id, reason: 'added-since' });
        continue;
      }
      links.delete(id);
      summary.linksRemoved.push(id);
    }
    for (const link of target.links) {
      if (links.has(link.id)) continue;
      const gone = links._map.get(link.id);
      if (since && gone && since.deletedAfter(gone)) {
        summary.kept.push({ kind: 'link', id: link.id, reason: 'deleted-since' });
        continue;
      }
      restoreLink(doc, link, summary);
    }

    // 4. Settings.
    const meta = metaMap(doc);
    for (const key of RESTORED_SETTINGS) {
      if (meta.get(key) === target.meta[key]) continue;
      const item = meta._map.get(key);
      if (since && item && since.written(item)) {
        summary.kept.push({ kind: 'setting', id: key, reason: 'edited-since' });
        continue;
      }
      meta.set(key, target.meta[key]);
      summary.settingsChanged.push(key);
    }
  }, options.origin ?? null);
  return summary;
}

/**
 * Brings back one card of `target` in one transaction: re-added if it was deleted, its fields
 * set back if it is on the board (texts by splice), and its links of the version whose other
 * card is on the board (the others are listed in `kept` as `missing-card`). Returns null — and
 * changes nothing — when the card is not in `target`.
 */
export function restoreVersionCard(
  doc: Y.Doc,
  target: BoardSnapshot,
  cardId: string,
  options: Omit<RestoreOptions, 'seen'> = {},
): RestoreSummary | null {
  const card = target.cards.find((entry) => entry.id === cardId);
  if (!card) return null;
  const now = options.now ?? Date.now();
  const summary = emptyRestoreSummary();
  doc.transact(() => {
    const cards = cardsMap(doc);
    const live = cards.get(cardId);
    if (live instanceof Y.Map) {
      restoreFields(live, card, null, now, summary);
    } else {
      cards.set(cardId, cardToMap(cardTextWithinLimits(card)));
      summary.cardsRestored.push(cardId);
    }
    const links = linksMap(doc);
    for (const link of target.links) {
      if (link.from !== cardId && link.to !== cardId) continue;
      if (links.has(link.id)) continue;
      restoreLink(doc, link, summary);
    }
  }, options.origin ?? null);
  return summary;
}
