/**
 * What a connection may change, per area of the board (BRIEF decision 1; docs/server-spec.md
 * S-WRITE-*). Pure: a Yjs transaction that applied a client's update, the client's role and the
 * board's state in, the refused parts out. The room (`board-room.ts`) calls it for every client
 * update, from inside the transaction's cleanup, and reverts the whole transaction when
 * anything is refused.
 *
 * Areas (the lists live in `shared/src/protocol/write-areas.ts`, so the client offers only
 * what the person may change):
 * - `meta` keys only the server writes (`schemaVersion`), and the whole facilitation state
 *   (`session`, S-FAC-1): `server-only`, whatever the role;
 * - `meta` keys only a facilitator writes (title, language, focus limit, the import marker);
 * - cards and links of a locked lane, or anything on a locked board (S-FAC-LOCK-1): `locked`,
 *   for editors (a facilitator is never locked out) — whatever operation wrote them: a paste or
 *   an undone delete (`restoreCard`) is a new card in its lane, a keystroke in a plan field (a
 *   Y.Text inside the card since layout v2) an edit of the card (S-FAC-LOCK-3);
 * - selection drags in progress (`drags`, issue #14) that move a card of a locked lane, or
 *   into one, or anything on a locked board: `locked` too (S-FAC-LOCK-3) — peers draw those
 *   offsets live, so a drag the drop would be refused for must not be shown either;
 * - during a private writing round, an editor's new card on the board (S-FAC-PRIV-2);
 * - for every role, what the board's limits forbid (S-LIMIT-11): card text grown past
 *   `LIMITS` (code points), a card field of the wrong kind, cards or links added past
 *   `LIMITS.cards` / `LIMITS.links` — so a live board never holds what export cannot write or
 *   import would refuse. Shrinking something already past a limit is allowed;
 * - for every role, any top-level type but the board's maps (`server-only`): nobody could
 *   see or remove what a stock client stores there, and export would drop it.
 *
 * A key counts as changed when its value is not the same afterwards — writing the value it
 * already has (as every import does for `schemaVersion`) is no change — or when anything
 * nested under it changed.
 *
 * Cost: an ordinary card edit does not touch `meta` or `session`, so with nothing locked the
 * check is two Map lookups (`transaction.changedParentTypes`); with a lock it reads the lane of
 * each card the transaction touched; see server/bench/write-policy.bench.ts.
 */
import {
  anyLock,
  CARD_FIELDS,
  CARD_TEXT_LIMITS,
  type CardField,
  cardsMap,
  characterCount,
  dragsMap,
  FACILITATOR_ONLY_META_KEYS,
  isLane,
  isLaneLocked,
  isValidDueDate,
  type Lane,
  LIMITS,
  type LinkSnapshot,
  type LockState,
  laneOfCardAt,
  linksMap,
  metaMap,
  NO_LOCKS,
  type Point,
  REQUIRED_CARD_FIELDS,
  type Role,
  SERVER_ONLY_META_KEYS,
  sessionMap,
  type WriteRefusal,
} from '@fire-triangle/shared';
import * as Y from 'yjs';

/** What the policy needs to know about the board beyond the transaction. */
export interface BoardWriteState {
  /**
   * The board held nothing before this transaction — no card, no link, no setting. Only a
   * board the store did not know is like that (S-AUTH-6: boards made through the API get their
   * settings when created), and its first update is someone's copy coming back, settings
   * included: editors may write the facilitator-only keys then (never the server-only ones).
   */
  blank: boolean;
  /** What is locked for editors (`session.locks`); nothing when absent. */
  locks?: LockState;
  /** A private writing round runs (`session.privateRound`): editors add cards privately. */
  privateRound?: boolean;
  /**
   * The lane of a card the transaction's doc does not hold: a private doc's links reach the
   * board's cards (S-FAC-PRIV-2), and a link to a card of a locked lane is refused there as on
   * the board — the round's end would otherwise publish it past the lock.
   */
  laneOfOtherCard?: (cardId: string) => Lane | undefined;
}

/**
 * Defines the board's top-level maps on a doc the server holds. The policy finds a
 * transaction's changes by type (`transaction.changedParentTypes`); a map the doc has not
 * defined yet arrives in a client's update as a placeholder that `doc.getMap` replaces with a
 * new object, under which the transaction's changes would not be found.
 */
export function defineBoardTypes(doc: Y.Doc): void {
  metaMap(doc);
  cardsMap(doc);
  linksMap(doc);
  dragsMap(doc);
  sessionMap(doc);
}

/** No card, no link and no `meta` key but the layout version (`BoardWriteState.blank`). */
export function isBlankBoard(doc: Y.Doc): boolean {
  if (cardsMap(doc).size > 0 || linksMap(doc).size > 0) return false;
  for (const key of metaMap(doc).keys()) if (!SERVER_ONLY_META_KEYS.includes(key)) return false;
  return true;
}

const NO_REFUSALS: readonly WriteRefusal[] = [];

function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  // A nested Yjs type replaced by another is a change even when both are empty.
  if (before instanceof Y.AbstractType || after instanceof Y.AbstractType) return false;
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return false;
  return JSON.stringify(before) === JSON.stringify(after);
}

/** The key of `map` (`meta`, `session`, `drags`) that `type` lives under, walking up. */
function keyUnder(type: Y.AbstractType<unknown>, map: Y.Map<unknown>): string | null {
  let current: Y.AbstractType<unknown> = type;
  while (current._item) {
    const parent = current._item.parent as Y.AbstractType<unknown>;
    if (parent === map) return current._item.parentSub;
    current = parent;
  }
  return null;
}

function areaOf(key: string, role: Role, board: BoardWriteState): WriteRefusal['reason'] | null {
  if (SERVER_ONLY_META_KEYS.includes(key)) return 'server-only';
  if (FACILITATOR_ONLY_META_KEYS.includes(key) && role !== 'facilitator' && !board.blank) {
    return 'facilitator-only';
  }
  return null;
}

/**
 * The parts of `transaction` that `role` may not write, one entry per refused key or card (empty
 * when everything is allowed). Call it while the transaction's observers run or right after (Yjs
 * computes old values, and keeps deleted content, only until the transaction is cleaned up):
 * the room calls it from the reverting UndoManager's `captureTransaction`.
 */
export function refusedWrites(
  transaction: Y.Transaction,
  role: Role,
  board: BoardWriteState,
): readonly WriteRefusal[] {
  const refused = new Map<string, WriteRefusal>();
  refuseMeta(transaction, role, board, refused);
  refuseSession(transaction, refused);
  refuseOverLimits(transaction, refused);
  refuseUnknownRoots(transaction, refused);
  if (role !== 'facilitator') {
    const locks = board.locks ?? NO_LOCKS;
    if (anyLock(locks) || board.privateRound) {
      refuseCards(transaction, locks, board, refused);
    }
    if (anyLock(locks)) refuseDrags(transaction, locks, refused);
  }
  return refused.size === 0 ? NO_REFUSALS : [...refused.values()];
}

// biome-ignore lint/suspicious/noExplicitAny: Yjs keys this map by AbstractType<YEvent<any>>.
type AnyType = Y.AbstractType<any>;

function refuseMeta(
  transaction: Y.Transaction,
  role: Role,
  board: BoardWriteState,
  refused: Map<string, WriteRefusal>,
): void {
  const meta = metaMap(transaction.doc);
  const events = transaction.changedParentTypes.get(meta as AnyType);
  if (!events) return;
  const refuse = (key: string | null) => {
    if (key === null || refused.has(`meta.${key}`)) return;
    const reason = areaOf(key, role, board);
    if (reason) refused.set(`meta.${key}`, { reason, path: `meta.${key}` });
  };
  for (const event of events) {
    if (event.target === meta) {
      for (const [key, change] of (event as Y.YMapEvent<unknown>).keys) {
        if (change.action !== 'delete' && sameValue(change.oldValue, meta.get(key))) continue;
        refuse(key);
      }
    } else {
      refuse(keyUnder(event.target, meta));
    }
  }
}

/** S-FAC-1: the facilitation state is the server's alone, for every role. */
function refuseSession(transaction: Y.Transaction, refused: Map<string, WriteRefusal>): void {
  const session = sessionMap(transaction.doc);
  const events = transaction.changedParentTypes.get(session as AnyType);
  if (!events) return;
  for (const event of events) {
    const keys =
      event.target === session
        ? [...(event as Y.YMapEvent<unknown>).keys.keys()]
        : [keyUnder(event.target, session) ?? ''];
    for (const key of keys) {
      refused.set(`session.${key}`, { reason: 'server-only', path: `session.${key}` });
    }
  }
}

/** The lane stored in a card map — also one deleted in this transaction (its content is kept
 * until the transaction is cleaned up). */
function storedLane(card: unknown): Lane | undefined {
  if (!(card instanceof Y.Map)) return undefined;
  const item = card._map.get('lane');
  const content = item?.content.getContent();
  const lane = content?.[content.length - 1];
  return isLane(lane) ? lane : undefined;
}

function isPoint(value: unknown): value is Point {
  return (
    typeof value === 'object' &&
    value !== null &&
    Number.isFinite((value as Point).x) &&
    Number.isFinite((value as Point).y)
  );
}

/**
 * S-FAC-LOCK-1 and S-FAC-PRIV-2 for an editor: every card the transaction created, changed,
 * moved or deleted, and every link it made or removed, against the locks — a card counts for
 * its lane before and after, and for the lane its new position lies in (a drag frame writes the
 * position only; the lane follows on the drop).
 */
function refuseCards(
  transaction: Y.Transaction,
  locks: LockState,
  board: BoardWriteState,
  refused: Map<string, WriteRefusal>,
): void {
  const privateRound = board.privateRound === true;
  const cards = cardsMap(transaction.doc);
  const links = linksMap(transaction.doc);
  const refuse = (path: string, lane: Lane | undefined) => {
    if (refused.has(path)) return;
    if (locks.board) refused.set(path, { reason: 'locked', path });
    else if (lane && isLaneLocked(locks, lane)) refused.set(path, { reason: 'locked', path, lane });
  };
  /**
   * The card's key held a card before (deleted since): an undo of a deletion, or a redo of a
   * creation, brings an existing card back — not a new one, which a round would make private.
   * Yjs keeps a key's earlier items (their content emptied) as the `left` of its current one.
   */
  const cameBack = (id: string): boolean => cards._map.get(id)?.left != null;
  /** Lanes of the cards deleted in this transaction (a link removed with its card needs it). */
  const deletedLanes = new Map<string, Lane | undefined>();
  for (const event of transaction.changedParentTypes.get(cards as AnyType) ?? []) {
    if (event.target === cards) {
      for (const [id, change] of (event as Y.YMapEvent<unknown>).keys) {
        const path = `cards.${id}`;
        if (change.action !== 'add') {
          const before = storedLane(change.oldValue);
          if (change.action === 'delete') deletedLanes.set(id, before);
          refuse(path, before);
        }
        if (change.action !== 'delete') {
          if (privateRound && change.action === 'add' && !refused.has(path) && !cameBack(id)) {
            refused.set(path, { reason: 'private-round', path });
          }
          refuse(path, storedLane(cards.get(id)));
        }
      }
      continue;
    }
    // A change inside one card: its title or body text, or one of its fields.
    let type: Y.AbstractType<unknown> = event.target;
    while (type._item && type._item.parent !== cards)
      type = type._item.parent as Y.AbstractType<unknown>;
    const id = type._item?.parentSub;
    if (!id) continue;
    const path = `cards.${id}`;
    refuse(path, storedLane(type));
    if (event.target === type) {
      const keys = (event as Y.YMapEvent<unknown>).keys;
      const lane = keys.get('lane');
      if (lane && isLane(lane.oldValue)) refuse(path, lane.oldValue);
      const position = (type as Y.Map<unknown>).get('position');
      if (keys.has('position') && isPoint(position)) refuse(path, laneOfCardAt(position));
    }
  }
  const laneOfCard = (id: string): Lane | undefined => {
    if (deletedLanes.has(id)) return deletedLanes.get(id);
    return cards.has(id) ? storedLane(cards.get(id)) : board.laneOfOtherCard?.(id);
  };
  for (const event of transaction.changedParentTypes.get(links as AnyType) ?? []) {
    if (event.target !== links) continue;
    for (const [id, change] of (event as Y.YMapEvent<unknown>).keys) {
      const path = `links.${id}`;
      for (const link of [
        change.oldValue,
        change.action === 'delete' ? undefined : links.get(id),
      ]) {
        if (!link || typeof link !== 'object') continue;
        const { from, to } = link as LinkSnapshot;
        if (locks.board) refuse(path, undefined);
        if (typeof from === 'string') refuse(path, laneOfCard(from));
        if (typeof to === 'string') refuse(path, laneOfCard(to));
      }
    }
  }
}

/** The stored position of a card map, if it is a point. */
function storedPosition(card: unknown): Point | undefined {
  if (!(card instanceof Y.Map)) return undefined;
  const position = card.get('position');
  return isPoint(position) ? position : undefined;
}

/**
 * S-FAC-LOCK-3 for an editor: a selection drag in progress (`drags.<client id>`: the cards it
 * moves and one offset) that this transaction started or moved on, checked for every card it
 * lists — the card's lane, and the lane its centre reaches with the offset, the way a drag
 * frame of one card is checked by its new position. Ending a drag (deleting its entry) is
 * always allowed: the drop's own moves are checked as card changes.
 */
function refuseDrags(
  transaction: Y.Transaction,
  locks: LockState,
  refused: Map<string, WriteRefusal>,
): void {
  const drags = dragsMap(transaction.doc);
  const events = transaction.changedParentTypes.get(drags as AnyType);
  if (!events) return;
  const keys = new Set<string>();
  for (const event of events) {
    if (event.target === drags) {
      for (const [key, change] of (event as Y.YMapEvent<unknown>).keys) {
        if (change.action !== 'delete') keys.add(key);
      }
    } else {
      const key = keyUnder(event.target, drags as Y.Map<unknown>);
      if (key !== null) keys.add(key);
    }
  }
  const cards = cardsMap(transaction.doc);
  for (const key of keys) {
    const path = `drags.${key}`;
    const entry = drags.get(key);
    if (!(entry instanceof Y.Map)) continue;
    if (locks.board) {
      refused.set(path, { reason: 'locked', path });
      continue;
    }
    const listed = entry.get('cards');
    const offset = entry.get('offset');
    for (const id of Array.isArray(listed) ? listed : []) {
      if (typeof id !== 'string') continue;
      const card = cards.get(id);
      const lanes = [storedLane(card)];
      const position = storedPosition(card);
      if (position && isPoint(offset)) {
        lanes.push(laneOfCardAt({ x: position.x + offset.x, y: position.y + offset.y }));
      }
      const locked = lanes.find((lane) => lane && isLaneLocked(locks, lane));
      if (locked) {
        refused.set(path, { reason: 'locked', path, lane: locked });
        break;
      }
    }
  }
}

const CARD_FIELD_SET: ReadonlySet<string> = new Set(Object.keys(CARD_FIELDS));

/** Whether `value` is what the card record stores for `field` and within its limit (what the
 * board file's schema, `CARD_FIELDS[field].schema`, accepts on import). */
function fieldFits(field: CardField, value: unknown): boolean {
  switch (CARD_FIELDS[field].stored) {
    case 'text': {
      if (!(value instanceof Y.Text)) return false;
      const max = CARD_TEXT_LIMITS[field];
      // Y.Text's length is in code units, never fewer than code points: only a text longer
      // than the limit is read out (a keystroke in a short title costs no string).
      return max === undefined || value.length <= max || characterCount(value.toString()) <= max;
    }
    case 'string':
      if (typeof value !== 'string') return false;
      // The one string field with a format: import refuses any other due date.
      return field === 'dueDate' ? isValidDueDate(value) : textFits(value, CARD_TEXT_LIMITS[field]);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'lane':
      return isLane(value);
    case 'point':
      return isPoint(value);
  }
}

/** Whether the transaction inserted into `text` (not `event.delta`: computing it opens a new
 * transaction, and this runs inside the transaction's cleanup). */
function addsContent(event: Y.YEvent<AnyType>, text: Y.Text): boolean {
  for (let item = text._start; item !== null; item = item.right) {
    if (event.adds(item)) return true;
  }
  return false;
}

function textFits(text: string, max: number | undefined): boolean {
  // Code units ≥ code points: only a text long in code units needs counting.
  return max === undefined || text.length <= max || characterCount(text) <= max;
}

/**
 * S-LIMIT-11, for every role: a card created with a field past its limit or of the wrong kind,
 * a field (or a title/body text) grown past its limit, and cards or links added past the
 * board's counts. A change that only deletes text is always allowed, so a card already past a
 * limit (stored before the limits were enforced) can be shortened.
 */
function refuseOverLimits(transaction: Y.Transaction, refused: Map<string, WriteRefusal>): void {
  const cards = cardsMap(transaction.doc);
  const refuse = (path: string) => {
    if (!refused.has(path)) refused.set(path, { reason: 'over-limit', path });
  };
  for (const event of transaction.changedParentTypes.get(cards as AnyType) ?? []) {
    if (event.target === cards) {
      for (const [id, change] of (event as Y.YMapEvent<unknown>).keys) {
        if (change.action === 'delete') continue;
        const path = `cards.${id}`;
        const card = cards.get(id);
        if (change.action === 'add' && cards.size > LIMITS.cards) refuse(path);
        if (id.length > LIMITS.idLength || !(card instanceof Y.Map)) {
          refuse(path);
          continue;
        }
        for (const [key, value] of card.entries()) {
          if (CARD_FIELD_SET.has(key) && key !== 'id' && !fieldFits(key as CardField, value)) {
            refuse(`${path}.${key}`);
          }
        }
        // A card without a lane, title or position is drawn in one lane and judged in another.
        for (const field of REQUIRED_CARD_FIELDS) {
          if (field !== 'id' && !card.has(field)) refuse(`${path}.${field}`);
        }
      }
      continue;
    }
    const target = event.target;
    const parent = target._item?.parent;
    if (target instanceof Y.Text && parent instanceof Y.Map && parent._item?.parent === cards) {
      // Title or body typed into: refused only when it grew past its limit.
      const field = target._item!.parentSub as CardField;
      if (CARD_FIELD_SET.has(field) && !fieldFits(field, target) && addsContent(event, target))
        refuse(`cards.${parent._item.parentSub}.${field}`);
    } else if (target instanceof Y.Map && parent === cards) {
      // The keys from `transaction.changed`, the old values (`event.keys`, built on first
      // read) only for a value that does not fit: an ordinary move or edit builds nothing.
      for (const key of transaction.changed.get(target as AnyType) ?? []) {
        if (key === null || key === 'id' || !CARD_FIELD_SET.has(key) || !target.has(key)) continue;
        const value = target.get(key);
        if (fieldFits(key as CardField, value)) continue;
        const before = (event as Y.YMapEvent<unknown>).keys.get(key)?.oldValue;
        const shrank =
          typeof value === 'string' && typeof before === 'string' && value.length <= before.length;
        if (!shrank) refuse(`cards.${target._item!.parentSub}.${key}`);
      }
    }
  }
  const links = linksMap(transaction.doc);
  for (const event of transaction.changedParentTypes.get(links as AnyType) ?? []) {
    if (event.target !== links) continue;
    for (const [id, change] of (event as Y.YMapEvent<unknown>).keys) {
      if (change.action !== 'add') continue;
      if (links.size > LIMITS.links || id.length > LIMITS.idLength) refuse(`links.${id}`);
    }
  }
}

/**
 * Top-level types other than the board's maps (`defineBoardTypes`): a stock client may write `doc.getMap('x')`,
 * which no page shows, no one can delete and export leaves out. Read from `transaction.changed`
 * (every changed type, climbed to its root), not `changedParentTypes`: a root the server's doc
 * has not defined is a placeholder type that Yjs never lists there.
 */
function refuseUnknownRoots(transaction: Y.Transaction, refused: Map<string, WriteRefusal>): void {
  const doc = transaction.doc;
  const roots = boardRoots(doc);
  for (let type of transaction.changed.keys()) {
    while (type._item !== null) type = type._item.parent as AnyType;
    if (roots.has(type)) continue;
    let name = '?';
    for (const [key, root] of doc.share) if (root === type) name = key;
    refused.set(name, { reason: 'server-only', path: name });
  }
}

/** The board's maps of each doc, looked up once (`doc.getMap` is not free, and this runs
 * for every client transaction). */
const BOARD_ROOTS = new WeakMap<Y.Doc, ReadonlySet<AnyType>>();

function boardRoots(doc: Y.Doc): ReadonlySet<AnyType> {
  let roots = BOARD_ROOTS.get(doc);
  if (roots === undefined) {
    roots = new Set<AnyType>([
      cardsMap(doc),
      linksMap(doc),
      metaMap(doc),
      sessionMap(doc),
      // Selection drags in progress (issue #14): peers draw them; a drop deletes the entry.
      dragsMap(doc),
    ]);
    BOARD_ROOTS.set(doc, roots);
  }
  return roots;
}
