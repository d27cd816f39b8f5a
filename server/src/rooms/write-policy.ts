/**
 * What a connection may change, per area of the board (BRIEF decision 1; docs/server-spec.md
 * S-WRITE-*). Pure: a Yjs transaction that applied a client's update, the client's role and the
 * board's state in, the refused parts out. The room (`board-room.ts`) calls it for every client
 * update, from inside the transaction's cleanup, and reverts the whole transaction when
 * anything is refused.
 *
 * Areas today (the lists live in `shared/src/protocol/write-areas.ts`, so the client offers
 * only what the person may change):
 * - `meta` keys only the server writes (`schemaVersion`);
 * - `meta` keys only a facilitator writes (title, language, focus limit, the import marker).
 * Later: timer, vote results, locked lanes.
 *
 * A key counts as changed when its value is not the same afterwards — writing the value it
 * already has (as every import does for `schemaVersion`) is no change — or when anything
 * nested under it changed.
 *
 * Cost: an ordinary card edit does not touch `meta`, so the check is one Map lookup
 * (`transaction.changedParentTypes`); see server/bench/write-policy.bench.ts.
 */
import {
  cardsMap,
  FACILITATOR_ONLY_META_KEYS,
  linksMap,
  metaMap,
  type Role,
  SERVER_ONLY_META_KEYS,
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

/** The `meta` key `type` lives under, walking up from a nested type. */
function metaKeyOf(type: Y.AbstractType<unknown>, meta: Y.Map<unknown>): string | null {
  let current: Y.AbstractType<unknown> = type;
  while (current._item) {
    const parent = current._item.parent as Y.AbstractType<unknown>;
    if (parent === meta) return current._item.parentSub;
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
 * The parts of `transaction` that `role` may not write, one entry per refused key (empty when
 * everything is allowed). Call it while the transaction's observers run or right after (Yjs
 * computes old values only until the transaction is cleaned up): the room calls it from the
 * reverting UndoManager's `captureTransaction`.
 */
export function refusedWrites(
  transaction: Y.Transaction,
  role: Role,
  board: BoardWriteState,
): readonly WriteRefusal[] {
  const meta = metaMap(transaction.doc);
  // biome-ignore lint/suspicious/noExplicitAny: Yjs keys this map by AbstractType<YEvent<any>>.
  const events = transaction.changedParentTypes.get(meta as Y.AbstractType<any>);
  if (!events) return NO_REFUSALS;
  const refused = new Map<string, WriteRefusal>();
  const refuse = (key: string | null) => {
    if (key === null || refused.has(key)) return;
    const reason = areaOf(key, role, board);
    if (reason) refused.set(key, { reason, path: `meta.${key}` });
  };
  for (const event of events) {
    if (event.target === meta) {
      for (const [key, change] of (event as Y.YMapEvent<unknown>).keys) {
        if (change.action !== 'delete' && sameValue(change.oldValue, meta.get(key))) continue;
        refuse(key);
      }
    } else {
      refuse(metaKeyOf(event.target, meta));
    }
  }
  return refused.size === 0 ? NO_REFUSALS : [...refused.values()];
}
