/**
 * Where a board's history lives, beside the board itself (issue #9; docs/server-spec.md
 * S-HIST-*, S-HSTORE-*): its versions and the activity of its cards. Two small interfaces, each
 * passed by every implementation through one contract suite (`history-store.contract.ts`):
 * SQLite (tables in the board store's own file, `sqlite-history-store.ts`) and memory today,
 * PostgreSQL next.
 *
 * The stores are byte- and JSON-agnostic: the history layer (`server/src/history/`) compresses
 * a version's Yjs update and decides what a version or an entry says; a store keeps exactly what
 * it is given and says when a row is no longer what was written.
 */
import type {
  ActivityEntry,
  VersionBudget,
  VersionChange,
  VersionKind,
  VersionParticipant,
} from '@fire-triangle/shared';

/** What a version records besides its board: shown in the history panel. */
export interface VersionDetails {
  participants: VersionParticipant[];
  authors: string[];
  change: VersionChange | null;
  cards: number;
  links: number;
  restoredFrom?: number;
}

/** A version as the history layer hands it to the store. */
export interface NewVersion {
  /** ms since the epoch. */
  createdAt: number;
  kind: VersionKind;
  name: string | null;
  /** The board's last stored update sequence number when the version was taken. */
  seq: number;
  details: VersionDetails;
  /** The board's state: opaque bytes to the store (a compressed Yjs update). */
  state: Uint8Array;
}

/** A stored version without its state. */
export interface VersionRecord {
  id: number;
  boardId: string;
  createdAt: number;
  kind: VersionKind;
  name: string | null;
  seq: number;
  /** null when the stored details cannot be read (then `problem` says why). */
  details: VersionDetails | null;
  /** Bytes of the stored state. */
  stateBytes: number;
  /** Why the row cannot be trusted (a checksum that does not match, details that do not parse), or null. */
  problem: string | null;
}

export interface StoredVersion extends VersionRecord {
  state: Uint8Array;
}

/**
 * A board's versions. Every implementation promises (the contract suite checks each, S-HSTORE-*):
 *
 * 1. Ids are unique in the store, and a board's later version has a larger id.
 * 2. `addVersion` stores the version and prunes in one atomic step: afterwards the board keeps at
 *    most `budget.unnamed` versions without a name — the newest — and every named one. Adding a
 *    named version when `budget.named` named ones exist throws `NamedVersionLimitError` and
 *    stores nothing.
 * 3. `state` comes back byte for byte; a row changed behind the store's back (a checksum over
 *    state and details) or whose details do not parse is still listed and returned, with
 *    `problem` set — never dropped, never failing the other rows.
 * 4. `listVersions` is newest first; boards are independent; an unknown board has none; a
 *    version id of another board is `null` for this one.
 * 5. `nameVersion` sets a name (or clears it with null) and returns the record, null for an
 *    unknown id; naming past `budget.named` throws `NamedVersionLimitError`. A version whose
 *    name is cleared is pruned like the automatic ones from the next `addVersion` on.
 * 6. Stored bytes are copies; a persistent store gives everything back after a reopen.
 *
 * A version store is opened and closed with the board store it lives beside.
 */
export interface VersionStore {
  addVersion(boardId: string, version: NewVersion, budget: VersionBudget): Promise<VersionRecord>;
  listVersions(boardId: string): Promise<VersionRecord[]>;
  getVersion(boardId: string, id: number): Promise<StoredVersion | null>;
  nameVersion(
    boardId: string,
    id: number,
    name: string | null,
    budget: VersionBudget,
  ): Promise<VersionRecord | null>;
}

/**
 * The activity of a board's cards. Every implementation promises (S-HSTORE-*):
 *
 * 1. `saveActivity` writes the entries — one whose id the board already has replaces it (a
 *    typing session's entry grows as the person types) — then keeps only the board's newest
 *    `keep` entries by `at`, in one atomic step.
 * 2. `cardActivity` gives one card's entries newest first (by `at`), at most `limit`; boards
 *    and cards are independent.
 * 3. An entry comes back as it was saved (a copy); a stored entry that no longer parses is left
 *    out rather than failing the card's whole activity.
 */
export interface ActivityStore {
  saveActivity(boardId: string, entries: readonly ActivityEntry[], keep: number): Promise<void>;
  cardActivity(boardId: string, cardId: string, limit: number): Promise<ActivityEntry[]>;
}

/** The board already keeps its budget of named versions (S-HIST-3). */
export class NamedVersionLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `This board already keeps ${limit} named versions, the most it may. Remove the name of one you no longer need (it then joins the automatic versions), then try again.`,
    );
    this.name = 'NamedVersionLimitError';
  }
}

/** Both history stores of one data directory. */
export interface HistoryStores {
  versions: VersionStore;
  activity: ActivityStore;
}
