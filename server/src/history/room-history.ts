/**
 * One board's version history while its room is loaded (issue #9; docs/server-spec.md
 * S-HIST-*), as a room extension (`RoomExtension` in `rooms/board-room.ts`):
 *
 * - **Automatic versions**: once the board has been quiet for `autosaveQuietMs` after a change,
 *   and at least every `autosaveMaxIntervalMs` while it keeps changing; on unload if changed.
 * - **Before an import**: a REST import (a server change) is preceded by a version of the doc as
 *   it is; a facilitator's import from their client (an update writing the import marker) is
 *   only recognised once applied, so the version is built from what is stored — the snapshot
 *   and the log up to the previous sequence number, merged with `Y.mergeUpdates`, no doc needed.
 * - **Named versions** on demand, and **restores**, each taken in one turn of the room's queue.
 * - **Card activity** from the client transactions the room accepted (`activity.ts`).
 *
 * A version is captured inside the room's queue (the doc's update and its `readBoard`: a few ms
 * for a workshop board) and compressed and stored after, in capture order, so edits do not wait
 * for compression. Failures of automatic work are logged and counted
 * (`fire_triangle_history_failures_total`), never passed to the board.
 */
import {
  type BoardSnapshot,
  changeCounts,
  diffBoards,
  IMPORT_MARKER_KEY,
  metaMap,
  type RestoreResponse,
  readBoard,
  restoreBoard,
  restoreVersionCard,
  type VersionBudget,
  type VersionKind,
  type VersionSummary,
} from '@fire-triangle/shared';
import * as Y from 'yjs';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { BoardConnection } from '../rooms/board-connection.ts';
import {
  type BoardRoom,
  ORIGINS,
  type RoomExtension,
  type RoomExtensionFactory,
} from '../rooms/board-room.ts';
import type { BoardStore } from '../storage/board-store.ts';
import type { HistoryStores, VersionRecord } from '../storage/history-store.ts';
import { ActivityLog, type Actor, type CardEvent, cardEventsOf } from './activity.ts';
import { connectedParticipants, participantName } from './participants.ts';
import { compressState, readVersionState } from './version-state.ts';

export interface HistorySettings {
  /** Quiet time after a change before an automatic version is taken (ms). */
  autosaveQuietMs: number;
  /** Longest time between automatic versions while the board keeps changing (ms). */
  autosaveMaxIntervalMs: number;
  /** Versions kept per board (S-HIST-3). */
  budget: VersionBudget;
  /** Activity entries kept per board, newest first. */
  activityEntriesKept: number;
  /** One person's edits of one card field within this time are one entry (ms). */
  activityCoalesceMs: number;
  /** How often waiting activity is stored (ms). */
  activityFlushMs: number;
}

export interface HistoryDeps {
  stores: HistoryStores;
  /** The board store (a client-side import's "before" is read from it). */
  boardStore: BoardStore;
  clock: Clock;
  settings: HistorySettings;
  metrics: ServerMetrics;
  log: Logger;
}

/** What a version records, captured in the room's queue and stored after. */
interface CapturedVersion {
  kind: VersionKind;
  name: string | null;
  restoredFrom?: number;
}

const histories = new WeakMap<BoardRoom, RoomHistory>();

/** The extension factory the room registry gives every room. */
export function historyExtension(deps: HistoryDeps): RoomExtensionFactory {
  return (room) => {
    const history = new RoomHistory(room, deps);
    histories.set(room, history);
    return history;
  };
}

/** The history of a loaded room (undefined when the server runs without one). */
export function historyOf(room: BoardRoom): RoomHistory | undefined {
  return histories.get(room);
}

/** A stored version as the REST API shows it. */
export function versionSummary(record: VersionRecord): VersionSummary {
  const details = record.details;
  return {
    id: record.id,
    createdAt: record.createdAt,
    kind: record.kind,
    name: record.name,
    participants: details?.participants ?? [],
    authors: details?.authors ?? [],
    change: details?.change ?? null,
    cards: details?.cards ?? 0,
    links: details?.links ?? 0,
    stateBytes: record.stateBytes,
    ...(details?.restoredFrom !== undefined && { restoredFrom: details.restoredFrom }),
    ...(record.problem !== null && { damaged: record.problem }),
  };
}

const connectionKeys = new WeakMap<BoardConnection, string>();
let nextConnectionKey = 1;

/** Tells connections apart for coalescing (two people may go by one name). */
function connectionKey(connection: BoardConnection): string {
  let key = connectionKeys.get(connection);
  if (!key) {
    key = `c${nextConnectionKey++}`;
    connectionKeys.set(connection, key);
  }
  return key;
}

export class RoomHistory implements RoomExtension {
  private doc: Y.Doc | null = null;
  /** When the first change not in a version was stored (ms), or null. */
  private dirtySince: number | null = null;
  private cancelAutosave: (() => void) | null = null;
  private cancelFlush: (() => void) | null = null;
  private bytesSinceVersion = 0;
  private readonly authors = new Set<string>();
  /** The board of the latest version (diffs are against it); undefined until looked up. */
  private lastBoard: BoardSnapshot | null | undefined;
  /** Events of the client transaction being applied; kept only if the room stores it. */
  private pendingEvents: CardEvent[] = [];
  private importSeen = false;
  /** Versions are stored in the order they were captured. */
  private storing: Promise<unknown> = Promise.resolve();
  private flushing: Promise<void> = Promise.resolve();
  private readonly activity: ActivityLog;
  private destroyed = false;

  constructor(
    private readonly room: BoardRoom,
    private readonly deps: HistoryDeps,
  ) {
    this.activity = new ActivityLog(deps.settings.activityCoalesceMs);
  }

  private get boardId(): string {
    return this.room.boardId;
  }

  // -------------------------------------------------------------------------------------------
  // Room hooks

  onDocAttached(doc: Y.Doc): void {
    this.doc = doc;
    doc.on('afterTransaction', this.onTransaction);
  }

  onDocDetached(doc: Y.Doc): void {
    doc.off('afterTransaction', this.onTransaction);
    if (this.doc === doc) this.doc = null;
  }

  /** Runs inside every transaction's cleanup: old values are still there. */
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (!(transaction.origin instanceof BoardConnection)) return;
    // biome-ignore lint/suspicious/noExplicitAny: Yjs keys this map by AbstractType<YEvent<any>>.
    const meta = transaction.changed.get(metaMap(transaction.doc) as Y.AbstractType<any>);
    if (meta?.has(IMPORT_MARKER_KEY)) {
      // An import replaces every card: the version before it says more than a line per card.
      this.importSeen = true;
      return;
    }
    this.pendingEvents.push(...cardEventsOf(transaction));
  };

  async beforeStoreClientUpdate(connection: BoardConnection, accepted: boolean): Promise<void> {
    const events = this.pendingEvents;
    const importing = this.importSeen;
    this.pendingEvents = [];
    this.importSeen = false;
    if (!accepted) return;
    if (importing) await this.versionBeforeClientImport();
    const name = participantName(this.room, connection);
    this.authors.add(name);
    if (events.length > 0) {
      const actor: Actor = { key: connectionKey(connection), name, role: connection.role };
      this.activity.record(events, actor, this.deps.clock.now());
      this.scheduleFlush();
    }
  }

  async beforeServerChange(origin: unknown): Promise<void> {
    if (origin !== ORIGINS.import || !this.doc) return;
    const board = readBoard(this.doc);
    if (isEmptyBoard(board)) return;
    try {
      await this.captureVersion({ kind: 'before-import', name: null }, { board });
    } catch (error) {
      this.failed('before-import', error);
    }
  }

  onStored(bytes: number, origin: unknown): void {
    if (origin === ORIGINS.migration || this.destroyed) return;
    this.bytesSinceVersion += bytes;
    const now = this.deps.clock.now();
    this.dirtySince ??= now;
    this.cancelAutosave?.();
    const due = Math.min(
      now + this.deps.settings.autosaveQuietMs,
      this.dirtySince + this.deps.settings.autosaveMaxIntervalMs,
    );
    this.cancelAutosave = this.deps.clock.after(Math.max(0, due - now), () => this.autosave());
  }

  async beforeUnload(): Promise<void> {
    this.cancelAutosave?.();
    this.cancelAutosave = null;
    if (this.dirtySince !== null) {
      await this.room
        .exclusive(() => this.autosaveNow())
        .catch((error: unknown) => this.failed('autosave', error));
    }
    await this.storing.catch(() => {});
    await this.flushActivity();
  }

  destroy(): void {
    this.destroyed = true;
    this.cancelAutosave?.();
    this.cancelFlush?.();
  }

  // -------------------------------------------------------------------------------------------
  // Versions

  private autosave(): void {
    this.cancelAutosave = null;
    if (this.destroyed || this.dirtySince === null) return;
    // The queue is released once the version is captured: edits do not wait for compression.
    this.room
      .exclusive(() => ({ stored: this.autosaveNow() }))
      .then(({ stored }) => stored)
      .catch((error: unknown) => this.failed('autosave', error));
  }

  /**
   * An automatic version, if anything changed since the last one (call inside the queue: an
   * autosave and an unload may both have asked for the same changes).
   */
  private autosaveNow(): Promise<VersionSummary | null> {
    if (this.dirtySince === null) return Promise.resolve(null);
    return this.captureVersion({ kind: 'auto', name: null });
  }

  /** A version named by a facilitator, of the board as it is now. */
  nameNow(name: string): Promise<VersionSummary> {
    return this.room.exclusive(() => this.captureVersion({ kind: 'named', name }));
  }

  /**
   * Captures a version of the doc now (call inside the room's queue) and stores it; versions are
   * stored in capture order. A caller that need not wait for the store (an automatic version)
   * returns from its queue turn before awaiting the promise.
   */
  private captureVersion(
    version: CapturedVersion,
    options: { state?: Uint8Array; board?: BoardSnapshot } = {},
  ): Promise<VersionSummary> {
    if (!this.doc) return Promise.reject(new Error('the room has no doc'));
    const state = options.state ?? Y.encodeStateAsUpdate(this.doc);
    const board = options.board ?? readBoard(this.doc);
    const bytes = this.bytesSinceVersion;
    const authors = [...this.authors].sort();
    const participants = connectedParticipants(this.room);
    const seq = this.room.storedSeq;
    const createdAt = this.deps.clock.now();
    const previous = this.lastBoard;
    this.lastBoard = board;
    this.bytesSinceVersion = 0;
    this.authors.clear();
    this.dirtySince = null;
    this.cancelAutosave?.();
    this.cancelAutosave = null;
    const stored = this.storing.then(async () => {
      const before = previous === undefined ? await this.latestStoredBoard() : previous;
      const record = await this.deps.stores.versions.addVersion(
        this.boardId,
        {
          createdAt,
          kind: version.kind,
          name: version.name,
          seq,
          details: {
            participants,
            authors,
            change: before ? { ...changeCounts(diffBoards(before, board)), bytes } : null,
            cards: board.cards.length,
            links: board.links.length,
            ...(version.restoredFrom !== undefined && { restoredFrom: version.restoredFrom }),
          },
          state: await compressState(state),
        },
        this.deps.settings.budget,
      );
      this.deps.metrics.versionsSaved.inc({ kind: version.kind });
      this.deps.log.debug(
        { boardId: this.boardId, version: record.id, kind: version.kind, bytes: record.stateBytes },
        'version stored',
      );
      return versionSummary(record);
    });
    this.storing = stored.catch(() => {});
    return stored;
  }

  /** The board of the newest stored version (null when there is none or it cannot be read). */
  private async latestStoredBoard(): Promise<BoardSnapshot | null> {
    const [latest] = await this.deps.stores.versions.listVersions(this.boardId);
    if (!latest) return null;
    const stored = await this.deps.stores.versions.getVersion(this.boardId, latest.id);
    if (!stored || stored.problem) return null;
    try {
      return (await readVersionState(stored.id, stored.state)).board;
    } catch (error) {
      this.failed('read', error);
      return null;
    }
  }

  /**
   * The version before a facilitator's import sent from their client: the update is applied
   * but not yet stored, so the store holds exactly the board before it.
   */
  private async versionBeforeClientImport(): Promise<void> {
    try {
      const stored = await this.deps.boardStore.loadBoard(this.boardId);
      if (!stored) return;
      const rows = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      const state = Y.mergeUpdates(rows);
      const doc = new Y.Doc();
      let board: BoardSnapshot;
      try {
        Y.applyUpdate(doc, state);
        board = readBoard(doc);
      } finally {
        doc.destroy();
      }
      if (isEmptyBoard(board)) return;
      await this.captureVersion({ kind: 'before-import', name: null }, { state, board });
    } catch (error) {
      this.failed('before-import', error);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Restore

  /**
   * Restores the board to `target` (version `versionId`) in one turn of the room's queue: a
   * `before-restore` version of the board as it is (restoring it undoes this), the restore as a
   * server change every participant receives live, then a `restore` version. If the version
   * before cannot be stored, nothing is restored (the error is thrown).
   */
  restore(
    target: BoardSnapshot,
    versionId: number,
    options: { seen?: Y.Snapshot; by: string; cardId?: string },
  ): Promise<RestoreResponse> {
    return this.room.exclusive(async (access) => {
      const beforeBoard = readBoard(access.doc);
      const before = await this.captureVersion(
        { kind: 'before-restore', name: null, restoredFrom: versionId },
        { board: beforeBoard },
      );
      const now = this.deps.clock.now();
      const summary = await access.change((doc) => {
        if (options.cardId === undefined) {
          return restoreBoard(doc, target, { seen: options.seen, origin: ORIGINS.restore, now });
        }
        const restored = restoreVersionCard(doc, target, options.cardId, {
          origin: ORIGINS.restore,
          now,
        });
        if (!restored) throw new Error(`card ${options.cardId} is not in version ${versionId}`);
        return restored;
      }, ORIGINS.restore);
      // What an undo of this restore must keep: everything written after this moment.
      const undoSeen = Buffer.from(Y.encodeSnapshot(Y.snapshot(access.doc))).toString('base64');
      const after = await this.captureVersion({
        kind: 'restore',
        name: null,
        restoredFrom: versionId,
      });
      // Restored cards are titled as in the version, removed ones as they were.
      const titles = new Map(beforeBoard.cards.map((card) => [card.id, card.title]));
      for (const card of target.cards) titles.set(card.id, card.title);
      this.activity.recordRestore(
        summary,
        versionId,
        { key: 'restore', name: options.by, role: 'facilitator' },
        now,
        (cardId) => titles.get(cardId) ?? '',
      );
      this.scheduleFlush();
      this.deps.metrics.restores.inc({ scope: options.cardId === undefined ? 'board' : 'card' });
      return { summary, before, after, undoSeen };
    });
  }

  // -------------------------------------------------------------------------------------------
  // Activity

  private scheduleFlush(): void {
    if (this.cancelFlush || this.destroyed) return;
    this.cancelFlush = this.deps.clock.after(this.deps.settings.activityFlushMs, () => {
      this.cancelFlush = null;
      void this.flushActivity();
    });
  }

  /** Stores the activity waiting in memory (what a card's activity read does first). */
  flushActivity(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (!this.activity.hasUnsaved) return;
      const entries = this.activity.takeUnsaved(this.deps.clock.now());
      try {
        await this.deps.stores.activity.saveActivity(
          this.boardId,
          entries,
          this.deps.settings.activityEntriesKept,
        );
      } catch (error) {
        this.activity.restoreUnsaved(entries);
        this.failed('activity', error);
      }
    });
    return this.flushing;
  }

  private failed(operation: string, error: unknown): void {
    this.deps.metrics.historyFailures.inc({ operation });
    this.deps.log.error(
      { boardId: this.boardId, operation, err: error },
      'version history failed; the board carries on',
    );
  }
}

function isEmptyBoard(board: BoardSnapshot): boolean {
  return board.cards.length === 0 && board.links.length === 0;
}
