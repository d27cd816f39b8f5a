/**
 * Card activity (issue #9: "Bob moved 'Newsletter' from strategy to tactic, 10:42"): read from
 * the transactions the room accepts from clients — the same transactions the write policy
 * inspects — and coalesced, so a typing session or a drag across lanes is one entry.
 *
 * What counts: a card made, deleted, dropped in another lane, a text field edited (title, body,
 * the plan fields, colour), a link made or removed. A drag that stays in its lane is layout and
 * is not recorded; nor are `updatedAt` and the other bookkeeping fields.
 */
import { randomBytes } from 'node:crypto';
import {
  type ActivityEntry,
  CARD_WRITTEN_FIELDS,
  type CardField,
  cardsMap,
  isLane,
  linksMap,
  type RestoreSummary,
  type Role,
} from '@fire-triangle/shared';
import * as Y from 'yjs';

/** One thing a transaction did to a card, before it is attributed and coalesced. */
export type CardEvent = Pick<
  ActivityEntry,
  'cardId' | 'field' | 'fromLane' | 'toLane' | 'cardTitle' | 'otherCardId' | 'otherCardTitle'
> & { action: Exclude<ActivityEntry['action'], 'restored'> };

/** The card fields whose edit is recorded: what a person writes, and the colour they pick. */
const RECORDED_FIELDS: ReadonlySet<string> = new Set<string>([...CARD_WRITTEN_FIELDS, 'colour']);

/** A live card's title. */
function titleOf(card: unknown): string {
  if (!(card instanceof Y.Map)) return '';
  const title = card.get('title');
  return title instanceof Y.Text ? title.toString() : typeof title === 'string' ? title : '';
}

/**
 * The title of a card deleted in the transaction being cleaned up: its items still hold their
 * content until Yjs garbage-collects them, right after the transaction's observers ran.
 */
function deletedTitleOf(card: unknown): string {
  if (!(card instanceof Y.Map)) return '';
  const item = card._map.get('title');
  const content = item?.content;
  if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Text)) return '';
  let title = '';
  for (let run = content.type._start; run !== null; run = run.right) {
    if (run.content instanceof Y.ContentString) title += run.content.str;
  }
  return title;
}

/** The card a type belongs to, and the card field it sits under (for a nested Y.Text). */
function locate(
  type: Y.AbstractType<unknown>,
  cards: Y.Map<unknown>,
): { cardId: string; card: Y.Map<unknown>; field: string | null } | null {
  let current = type;
  let field: string | null = null;
  while (current._item) {
    const parent = current._item.parent as Y.AbstractType<unknown>;
    if (parent === cards) {
      const cardId = current._item.parentSub;
      return cardId !== null && current instanceof Y.Map ? { cardId, card: current, field } : null;
    }
    field = current._item.parentSub;
    current = parent;
  }
  return null;
}

/**
 * What `transaction` did to cards. Call from `afterTransaction` (Yjs computes old values only
 * until the transaction is cleaned up). Position-only changes cost one look at
 * `transaction.changed` and produce nothing.
 */
export function cardEventsOf(transaction: Y.Transaction): CardEvent[] {
  const doc = transaction.doc;
  const cards = cardsMap(doc);
  const links = linksMap(doc);
  const events: CardEvent[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: Yjs keys these maps by AbstractType<YEvent<any>>.
  const cardEvents = transaction.changedParentTypes.get(cards as Y.AbstractType<any>) ?? [];
  for (const event of cardEvents) {
    if (event.target === cards) {
      for (const [cardId, change] of (event as Y.YMapEvent<unknown>).keys) {
        if (change.action === 'delete') {
          events.push({ cardId, action: 'deleted', cardTitle: deletedTitleOf(change.oldValue) });
        } else {
          events.push({ cardId, action: 'created', cardTitle: titleOf(cards.get(cardId)) });
        }
      }
      continue;
    }
    const where = locate(event.target, cards as Y.Map<unknown>);
    if (!where || where.card._item?.deleted) continue;
    if (where.field !== null) {
      // A Y.Text under the card (title, body): someone typed.
      if (RECORDED_FIELDS.has(where.field)) {
        events.push({
          cardId: where.cardId,
          action: 'edited',
          field: where.field as CardField,
          cardTitle: titleOf(where.card),
        });
      }
      continue;
    }
    // A drag frame changes `position` only: skipped here, before any event is computed.
    const keys = transaction.changed.get(event.target);
    if (!keys || [...keys].every((key) => key === null || !isRecordedKey(key))) continue;
    const cardTitle = titleOf(where.card);
    for (const [key, change] of (event as Y.YMapEvent<unknown>).keys) {
      if (key === 'lane') {
        const toLane = where.card.get('lane');
        const fromLane = change.oldValue;
        if (isLane(toLane) && isLane(fromLane) && fromLane !== toLane) {
          events.push({ cardId: where.cardId, action: 'moved', fromLane, toLane, cardTitle });
        }
      } else if (RECORDED_FIELDS.has(key)) {
        events.push({ cardId: where.cardId, action: 'edited', field: key as CardField, cardTitle });
      }
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  for (const event of transaction.changedParentTypes.get(links as Y.AbstractType<any>) ?? []) {
    if (event.target !== links) continue;
    for (const [linkId, change] of (event as Y.YMapEvent<unknown>).keys) {
      const link = (change.action === 'delete' ? change.oldValue : links.get(linkId)) as
        | { from?: unknown; to?: unknown }
        | undefined;
      if (typeof link?.from !== 'string' || typeof link.to !== 'string') continue;
      const action = change.action === 'delete' ? 'unlinked' : 'linked';
      for (const [cardId, otherCardId] of [
        [link.from, link.to],
        [link.to, link.from],
      ] as const) {
        // A deleted card's links go with it: its own entry says so.
        if (!cards.has(cardId)) continue;
        events.push({
          cardId,
          action,
          cardTitle: titleOf(cards.get(cardId)),
          otherCardId,
          otherCardTitle: titleOf(cards.get(otherCardId)),
        });
      }
    }
  }
  return events;
}

function isRecordedKey(key: string): boolean {
  return key === 'lane' || RECORDED_FIELDS.has(key);
}

/** Who did something: a key that tells connections apart, the name they go by, their role. */
export interface Actor {
  key: string;
  name: string;
  role: Role | null;
}

/**
 * The activity not yet stored, coalescing as it goes: an entry stays open for `coalesceMs`
 * after its last change, and the same person doing the same thing to the same card within that
 * time extends it (one typing session, one drag across lanes = one entry). Editing a card one
 * just made extends its `created` entry.
 */
export class ActivityLog {
  private readonly open = new Map<string, ActivityEntry>();
  private readonly unsaved = new Map<string, ActivityEntry>();

  constructor(private readonly coalesceMs: number) {}

  /** Attributes `events` to `actor` at `now` (ms). */
  record(events: readonly CardEvent[], actor: Actor, now: number): void {
    for (const event of events) {
      const key = `${actor.key}\u0000${event.cardId}\u0000${event.action}\u0000${event.field ?? ''}`;
      const creation = `${actor.key}\u0000${event.cardId}\u0000created\u0000`;
      const extendable =
        event.action === 'edited' || event.action === 'moved'
          ? (this.recent(key, now) ??
            (event.action === 'edited' ? this.recent(creation, now) : null))
          : null;
      if (extendable) {
        extendable.at = now;
        extendable.cardTitle = event.cardTitle;
        if (event.action === 'moved' && extendable.action === 'moved')
          extendable.toLane = event.toLane;
        this.unsaved.set(extendable.id, extendable);
        continue;
      }
      const entry: ActivityEntry = {
        id: randomBytes(9).toString('base64url'),
        cardId: event.cardId,
        at: now,
        since: now,
        actor: actor.name,
        role: actor.role,
        action: event.action,
        cardTitle: event.cardTitle,
        ...(event.field !== undefined && { field: event.field }),
        ...(event.fromLane !== undefined && { fromLane: event.fromLane }),
        ...(event.toLane !== undefined && { toLane: event.toLane }),
        ...(event.otherCardId !== undefined && { otherCardId: event.otherCardId }),
        ...(event.otherCardTitle !== undefined && { otherCardTitle: event.otherCardTitle }),
      };
      this.open.set(key, entry);
      this.unsaved.set(entry.id, entry);
    }
  }

  /** A restore, one entry per card it brought back, set back or removed. */
  recordRestore(
    summary: RestoreSummary,
    version: number,
    actor: Actor,
    now: number,
    titleOf: (cardId: string) => string,
  ): void {
    const entry = (cardId: string, action: 'restored' | 'deleted'): ActivityEntry => ({
      id: randomBytes(9).toString('base64url'),
      cardId,
      at: now,
      since: now,
      actor: actor.name,
      role: actor.role,
      action,
      cardTitle: titleOf(cardId),
      version,
    });
    const restored = new Set([...summary.cardsRestored, ...summary.cardsChanged]);
    for (const cardId of restored) {
      const made = entry(cardId, 'restored');
      this.unsaved.set(made.id, made);
    }
    for (const cardId of summary.cardsRemoved) {
      const made = entry(cardId, 'deleted');
      this.unsaved.set(made.id, made);
    }
  }

  private recent(key: string, now: number): ActivityEntry | null {
    const entry = this.open.get(key);
    return entry && now - entry.at <= this.coalesceMs ? entry : null;
  }

  /** Whether anything waits to be stored. */
  get hasUnsaved(): boolean {
    return this.unsaved.size > 0;
  }

  /**
   * The entries to store (copies: an open entry may still grow and be stored again), and
   * forgets the open entries whose time has passed.
   */
  takeUnsaved(now: number): ActivityEntry[] {
    const entries = [...this.unsaved.values()].map((entry) => ({ ...entry }));
    this.unsaved.clear();
    for (const [key, entry] of this.open) {
      if (now - entry.at > this.coalesceMs) this.open.delete(key);
    }
    return entries;
  }

  /** Gives entries back after a failed write, unless a newer copy is already waiting. */
  restoreUnsaved(entries: readonly ActivityEntry[]): void {
    for (const entry of entries) if (!this.unsaved.has(entry.id)) this.unsaved.set(entry.id, entry);
  }
}
