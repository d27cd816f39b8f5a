/**
 * Version history and card activity over REST (issue #9; docs/server-spec.md S-HIST-*): the
 * bodies the server sends and the client reads, declared once. Routes, all under
 * `/api/boards/:id` and all needing the board's token:
 *
 *   GET   /versions                         → VersionListResponse        (any role)
 *   POST  /versions            {name}       → 201 VersionSummary         (facilitator)
 *   GET   /versions/:v                      → VersionResponse            (any role)
 *   GET   /versions/:v/export               → the board file, attachment (any role)
 *   GET   /versions/:v/diff                 → VersionDiffResponse        (any role)
 *   PATCH /versions/:v         {name}       → VersionSummary             (facilitator)
 *   POST  /versions/:v/restore {seen?, by?} → RestoreResponse            (facilitator)
 *   POST  /versions/:v/restore-card {cardId, by?} → RestoreResponse     (facilitator)
 *   GET   /cards/:cardId/activity           → CardActivityResponse       (any role)
 */
import type { BoardDiff, ChangeCounts } from '../board/board-diff.ts';
import type { CardField } from '../board/card.ts';
import type { Lane } from '../board/lanes.ts';
import type { RestoreSummary } from '../board/restore.ts';
import type { BoardFileV1 } from '../format/board-file.ts';
import type { Role } from './roles.ts';

/**
 * Why a version was taken:
 * - `auto`: after a stretch of activity, or every few minutes while the board keeps changing;
 * - `named`: a facilitator asked for it, with a name ("after the objective round");
 * - `before-import`: the board just before an import replaced it;
 * - `before-restore`: the board just before a restore (restoring it undoes the restore);
 * - `restore`: the board right after a restore.
 */
export const VERSION_KINDS = [
  'auto',
  'named',
  'before-import',
  'before-restore',
  'restore',
] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export function isVersionKind(value: unknown): value is VersionKind {
  return typeof value === 'string' && (VERSION_KINDS as readonly string[]).includes(value);
}

/** Someone connected when a version was taken: the name they go by, the role of their link. */
export interface VersionParticipant {
  name: string;
  role: Role;
}

/** The size of the change since the previous version: counts and the bytes of updates stored. */
export interface VersionChange extends ChangeCounts {
  /** Bytes of Yjs updates the board stored since the previous version. */
  bytes: number;
}

/**
 * One version, without its board.
 * @example
 * { id: 42, createdAt: 1790000000000, kind: 'named', name: 'After the objective round',
 *   participants: [{ name: 'Ana', role: 'facilitator' }], authors: ['Ana', 'Bruno'],
 *   change: { bytes: 5120, cardsAdded: 3, cardsRemoved: 0, cardsMoved: 1, textsChanged: 2,
 *             cardsChanged: 2, linksAdded: 2, linksRemoved: 0 },
 *   cards: 18, links: 14, stateBytes: 2210 }
 */
export interface VersionSummary {
  /** Unique in the store; versions of one board have increasing ids. */
  id: number;
  /** When it was taken (ms since the epoch). */
  createdAt: number;
  kind: VersionKind;
  /** A facilitator's name for it; a named version is kept outside the automatic budget. */
  name: string | null;
  /** Who was connected when it was taken. */
  participants: VersionParticipant[];
  /** Who changed the board since the previous version (names, as their presence said). */
  authors: string[];
  /** Against the previous version; null for the first one, or when that one cannot be read. */
  change: VersionChange | null;
  /** Cards and links on the board in this version. */
  cards: number;
  links: number;
  /** Bytes the version takes in the store (its compressed board). */
  stateBytes: number;
  /** For `before-restore` and `restore`: the version that was restored. */
  restoredFrom?: number;
  /** Set when the stored row fails its checks: the version cannot be opened or restored. */
  damaged?: string;
}

/** `GET /versions` → 200, newest first, with the board's budget. */
export interface VersionListResponse {
  versions: VersionSummary[];
  budget: VersionBudget;
}

/**
 * How many versions a board keeps (docs/server-spec.md S-HIST-3): the newest `unnamed`
 * automatic ones (every kind but `named`), plus up to `named` named ones.
 */
export interface VersionBudget {
  unnamed: number;
  named: number;
}

/** `GET /versions/:v` → 200: the version and its board as a board file. */
export interface VersionResponse {
  version: VersionSummary;
  board: BoardFileV1;
}

/** `GET /versions/:v/diff` → 200: from the version (`before`) to the live board (`after`). */
export interface VersionDiffResponse {
  version: VersionSummary;
  diff: BoardDiff;
  counts: ChangeCounts;
}

/** `POST /versions` and `PATCH /versions/:v`: a name of 1–`LIMITS.boardTitleLength` characters; `''` (PATCH) removes it. */
export interface NameVersionRequest {
  name: string;
}

/** `POST /versions/:v/restore`. */
export interface RestoreVersionRequest {
  /**
   * The live board as the facilitator saw it when they chose to restore: base64 of
   * `Y.encodeSnapshot(Y.snapshot(doc))`. What changed after it is kept (`RestoreSummary.kept`).
   * Absent: the board is brought back whole.
   */
  seen?: string;
  /** The facilitator's name, for the cards' activity. */
  by?: string;
}

/** `POST /versions/:v/restore-card`. */
export interface RestoreCardRequest {
  cardId: string;
  by?: string;
}

/** A restore's answer: what changed, and the versions before (to undo it) and after. */
export interface RestoreResponse {
  summary: RestoreSummary;
  before: VersionSummary;
  after: VersionSummary;
  /**
   * The `seen` to send when undoing this restore (restoring `before`): base64 of
   * `Y.encodeSnapshot` of the board right after the restore, so that the undo takes back what
   * the restore changed and keeps whatever anyone wrote after it (docs/server-spec.md S-HIST-4).
   */
  undoSeen: string;
}

/**
 * What someone did to a card:
 * - `created`, `deleted`;
 * - `edited` a `field` (a typing session is one entry);
 * - `moved` it from `fromLane` to `toLane` (a drag within a lane is layout, not recorded);
 * - `linked` / `unlinked` it to `otherCardId`;
 * - `restored` it from a version (`version`).
 */
export const ACTIVITY_ACTIONS = [
  'created',
  'edited',
  'moved',
  'deleted',
  'linked',
  'unlinked',
  'restored',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/**
 * One entry of a card's activity.
 * @example
 * { id: 'k3v9…', cardId: 'c_1', at: 1790000042000, since: 1790000040000, actor: 'Bob',
 *   role: 'editor', action: 'moved', fromLane: 'strategy', toLane: 'tactic', cardTitle: 'Newsletter' }
 */
export interface ActivityEntry {
  id: string;
  cardId: string;
  /** When it last happened (ms); a coalesced entry's latest change. */
  at: number;
  /** When it began (ms): the first keystroke of a typing session. */
  since: number;
  /** The name the person went by ('' when their client said none). */
  actor: string;
  role: Role | null;
  action: ActivityAction;
  field?: CardField;
  fromLane?: Lane;
  toLane?: Lane;
  /** The card's title then. */
  cardTitle: string;
  otherCardId?: string;
  otherCardTitle?: string;
  /** For `restored`: the version it came from. */
  version?: number;
}

/** `GET /cards/:cardId/activity` → 200, newest first. */
export interface CardActivityResponse {
  cardId: string;
  entries: ActivityEntry[];
}
