/**
 * One board in memory: its Y.Doc, the presence (awareness) of the people on it, and their
 * connections. Hook names follow Hocuspocus: `onLoadDocument` (load), `onChange` (an update
 * applied), `onStoreDocument` (append / compact), `onDisconnect`.
 *
 * Every change to the doc — a client's update, an import, a migration — runs through one
 * serial queue: apply, append to the store, and only then relay. A sync reply is queued too,
 * so nobody is ever sent state that is not yet on disk.
 *
 * A client's update is checked against the write policy while it applies (`write-guard.ts`);
 * a transaction with a refused part is reverted whole, and the update and its revert are
 * stored as one row (S-WRITE-3). A board loads only when every
 * stored row is intact (S-DUR-7), and stops growing at `maxBoardBytes` (S-LIMIT-10).
 *
 * Several instances (S-SCALE-*): a room also follows what other instances store for its board
 * (`deps.replication`, a no-op in one process). What this room stores it publishes after
 * storing it; what another instance stored it applies with the origin `ORIGINS.replica` (never
 * stored again, never published again) and relays to its own connections. A missing seq is
 * read from the store; compaction folds stored rows, under a lock, rather than this doc.
 */
import {
  CLOSE_CODES,
  type ClientFrame,
  canEditBoard,
  encodeFrame,
  type Lane,
  migrateBoard,
  readSession,
  type ServerFrame,
  type SessionState,
  sessionMap,
  stampPresenceRole,
} from '@fire-triangle/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import {
  type AwarenessEntry,
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../protocol/wire-codec.ts';
import {
  type BoardStore,
  type StoredBoard,
  StoredBoardDamagedError,
} from '../storage/board-store.ts';
import { decodeStoredBoard, sequenceProblems } from '../storage/stored-board.ts';
import { BoardConnection } from './board-connection.ts';
import {
  type BoardReplication,
  type CatchUpReason,
  type ReplicaChannel,
  type ReplicaListener,
  type ReplicaSignal,
  SINGLE_INSTANCE,
} from './board-replication.ts';
import { admitPresence, encodeAwarenessEntries, maySpeakFor } from './presence-guard.ts';
import { ReplicaInbox, SeqWindow, StoredLog } from './replica-state.ts';
import { type Revert, WriteGuard } from './write-guard.ts';
import { type BoardWriteState, defineBoardTypes, isBlankBoard } from './write-policy.ts';

/** Presence is small (cursor, name, colour, selection); a bigger awareness message is refused. */
export const MAX_AWARENESS_BYTES = 64 * 1024;
/** The stock client speaks for one awareness id per doc; a few spare for multi-doc clients. */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 16;

/** Clocks of departed presence ids kept before pruning (see `forgetDepartedPresence`). */
const MAX_DEPARTED_PRESENCE_CLOCKS = 1000;

/** Transaction origins the server tags its own changes with (never echoed, never re-stored). */
export const ORIGINS = {
  migration: 'fire-triangle/migration',
  import: 'fire-triangle/import',
  server: 'fire-triangle/server',
  /** A restore from the board's history (`server/src/history/`). */
  restore: 'fire-triangle/restore',
  /** Stored by another instance (S-SCALE-*): applied and relayed here, never stored again. */
  replica: 'fire-triangle/replica',
} as const;

/** How long a seq missing between two that arrived may take to arrive before it is read. */
const GAP_GRACE_MS = 200;

/**
 * Something that follows one room's life (Hocuspocus calls them extensions): the facilitation
 * module (`server/src/facilitation/facilitation.ts`: frames, commands, the state its write
 * policy obeys) and the version history (`server/src/history/room-history.ts`). Made once the
 * room is loaded and migrated, in the order `RoomDeps.extensions` lists them; destroyed with the
 * room. Every hook is optional. Hooks said to run "in the queue" run inside the room's serial
 * queue and may await; a hook that throws is logged and ignored — what an extension does must
 * never stop the board.
 */
export interface RoomExtension {
  /** A checked Fire Triangle frame (a `hello`'s accepted frames are already recorded). */
  onFrame?(connection: BoardConnection, frame: ClientFrame): void;
  onConnectionRemoved?(connection: BoardConnection): void;
  /**
   * The facilitation state the write policy applies (a private room obeys its board's); the
   * first extension that answers decides, else the room's own `session`.
   */
  policySession?(): SessionState;
  /** The lane of a card this room's doc does not hold (`BoardWriteState.laneOfOtherCard`). */
  policyCardLane?(cardId: string): Lane | undefined;
  /** The room's doc is attached: once loaded, and again after a reload from storage. */
  onDocAttached?(doc: Y.Doc): void;
  onDocDetached?(doc: Y.Doc): void;
  /**
   * In the queue: a client's update has been applied and checked, and is about to be stored
   * (`accepted`) — or was reverted by the write policy and changes nothing (`!accepted`).
   */
  beforeStoreClientUpdate?(connection: BoardConnection, accepted: boolean): Promise<void> | void;
  /** In the queue, before a change made by the server itself (not a migration) runs. */
  beforeServerChange?(origin: unknown): Promise<void> | void;
  /** Updates were stored and relayed: their bytes and the change's origin. */
  onStored?(bytes: number, origin: unknown): void;
  /** News another instance's extension published for this board (`BoardRoom.publishSignal`). */
  onReplicaSignal?(signal: ReplicaSignal): void;
  /** Before the room's final compaction on unload (not in the queue: it may queue work). */
  beforeUnload?(): Promise<void>;
  destroy?(): void;
}

/** Makes a room's extension once the room is loaded. */
export type RoomExtensionFactory = (room: BoardRoom) => RoomExtension;

/** What `BoardRoom.exclusive` hands its task: the doc, and changes that run in the same turn. */
export interface ExclusiveAccess {
  readonly doc: Y.Doc;
  /** `BoardRoom.change` without queueing again (the task already holds the queue). */
  change<T>(mutate: (doc: Y.Doc) => T, origin?: unknown): Promise<T>;
  /** The sequence number of the last update stored. */
  readonly lastSeq: number;
}

export interface RoomSettings {
  compactAfterUpdates: number;
  awarenessBatchMs: number;
  /** Stored bytes (snapshot + log) past which the board refuses to grow (S-LIMIT-10). */
  maxBoardBytes: number;
}

export interface RoomDeps {
  store: BoardStore;
  metrics: ServerMetrics;
  log: Logger;
  settings: RoomSettings;
  /** Called once when storage failed and the room closed everyone: the registry drops it. */
  onFailed: (room: BoardRoom) => void;
  /** What follows the room's life: facilitation, version history (`RoomExtension`). */
  extensions?: readonly RoomExtensionFactory[];
  /** The other instances serving this board (`SINGLE_INSTANCE`, the default, in one process). */
  replication?: BoardReplication;
}

/** The board's storage failed; the room closed its connections and must be dropped. */
export class RoomFailedError extends Error {
  constructor(boardId: string, cause: unknown) {
    super(`Board ${boardId} is unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'RoomFailedError';
  }
}

/**
 * The board could not be loaded (S-DUR-7): its stored rows are damaged (`damaged`), or the
 * store failed to read them. Websocket: 4500 with `closeDetail`; REST: 503 with `message`.
 */
export class BoardUnavailableError extends Error {
  readonly damaged: boolean;
  constructor(
    readonly boardId: string,
    override readonly cause: unknown,
  ) {
    const damaged = cause instanceof StoredBoardDamagedError;
    super(
      damaged
        ? 'This board’s stored data is damaged, so the server will not open it (nothing more is lost). Ask the server’s operator: the server log names the board and the damaged rows.'
        : 'The board could not be read from storage; try again in a moment.',
    );
    this.name = 'BoardUnavailableError';
    this.damaged = damaged;
  }

  /** The detail after `board unavailable: ` in the close reason. */
  get closeDetail(): string {
    return this.damaged ? 'stored board is damaged' : 'storage error';
  }
}

/** The board is at its size limit (S-LIMIT-10); a REST import answers 413. */
export class BoardTooLargeError extends Error {
  constructor(
    readonly boardId: string,
    readonly maxBytes: number,
  ) {
    super(
      `This board has reached its size limit (${formatBytes(maxBytes)} stored). Delete cards it no longer needs, or start a new board.`,
    );
    this.name = 'BoardTooLargeError';
  }
}

/** `12 MiB`, `512 KiB`, `900 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** What a Yjs update does, as far as the size limit cares: adds content, deletes some. */
function updateEffects(update: Uint8Array): { adds: boolean; deletes: boolean } {
  try {
    const decoded = Y.decodeUpdate(update);
    return { adds: decoded.structs.length > 0, deletes: decoded.ds.clients.size > 0 };
  } catch {
    return { adds: true, deletes: false };
  }
}

export class BoardRoom {
  doc!: Y.Doc;
  /** Presence, on a doc of its own: the board's doc may be rebuilt, presence lives on. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Set<BoardConnection>();
  /** Connections and in-flight REST calls using the room; the registry unloads it at 0. */
  holds = 0;
  failed = false;
  destroyed = false;

  private queueTail: Promise<unknown> = Promise.resolve();
  private captured: Uint8Array[] | null = null;
  private lastSeq: number;
  /** The stored snapshot + log: bytes (what the size limit counts) and log length. */
  private readonly log: StoredLog;
  /** Several instances: the stored seqs this doc holds, and updates waiting to be applied. */
  private readonly window: SeqWindow;
  private readonly replicaPending = new Map<number, Uint8Array>();
  private replicaDrainQueued = false;
  private gapTimer: NodeJS.Timeout | undefined;
  /** The stored head the last periodic check saw beyond this doc, or null. */
  private behindHead: number | null = null;
  /** Presence ids changed by this instance's connections since the last batch. */
  private readonly awarenessToPublish = new Set<number>();
  /** Something in the log deleted content: compacting it would give room back. */
  private logFreesRoom = false;
  /** No card, link or setting yet (write-policy.ts `BoardWriteState.blank`). */
  private blank = false;
  /** Checks clients' transactions against the write policy and reverts refused ones. */
  private guard!: WriteGuard<BoardConnection>;
  /** `readSession(doc)`, kept until the `session` map changes (only the server changes it). */
  private sessionCache: SessionState | null = null;
  private compactionScheduled = false;
  private readonly awarenessOwners = new Map<number, BoardConnection>();
  private readonly pendingAwareness = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** Made in `load` once the board is migrated (`RoomDeps.extensions`). */
  private extensions: RoomExtension[] = [];

  private constructor(
    readonly boardId: string,
    stored: StoredBoard,
    doc: Y.Doc,
    private readonly deps: RoomDeps,
    private readonly replica: ReplicaChannel | null,
  ) {
    this.attachDoc(doc);
    this.lastSeq = stored.lastSeq;
    this.log = new StoredLog(0, 0);
    this.resetLog(stored);
    this.window = new SeqWindow(stored.lastSeq);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  private resetLog(stored: StoredBoard): void {
    this.log.reset(
      stored.snapshot?.length ?? 0,
      stored.snapshotSeq,
      stored.updates.map((update, index) => ({
        seq: stored.seqs[index] ?? stored.snapshotSeq + index + 1,
        bytes: update.length,
      })),
    );
  }

  /** Makes `doc` the room's doc: capture its updates, check and revert clients' transactions. */
  private attachDoc(doc: Y.Doc): void {
    this.doc = doc;
    defineBoardTypes(doc);
    doc.on('update', this.onDocUpdate);
    sessionMap(doc).observe(this.onSessionChange);
    this.sessionCache = null;
    this.blank = isBlankBoard(doc);
    this.guard = new WriteGuard(doc, BoardConnection, this.writeState);
    this.notify('onDocAttached', (extension) => extension.onDocAttached?.(doc));
  }

  private readonly onSessionChange = (): void => {
    this.sessionCache = null;
  };

  /** The board's facilitation state (`session` map) as plain data. */
  get session(): SessionState {
    this.sessionCache ??= readSession(this.doc);
    return this.sessionCache;
  }

  /** What the write policy needs beyond the transaction (read at each client transaction). */
  private readonly writeState = (): BoardWriteState => {
    let session: SessionState | undefined;
    for (const extension of this.extensions) {
      session = extension.policySession?.();
      if (session) break;
    }
    session ??= this.session;
    const other = this.extensions.find((extension) => extension.policyCardLane);
    return {
      blank: this.blank,
      locks: session.locks,
      privateRound: session.privateRound !== null,
      ...(other && { laneOfOtherCard: (cardId: string) => other.policyCardLane?.(cardId) }),
    };
  };

  private detachDoc(): void {
    sessionMap(this.doc).unobserve(this.onSessionChange);
    const doc = this.doc;
    this.notify('onDocDetached', (extension) => extension.onDocDetached?.(doc));
    this.guard.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }

  /**
   * onLoadDocument: reads the board from the store (creating an empty one for an id the store
   * does not know yet when `createIfMissing`), migrates it to the current layout (throws
   * `BoardVersionError` for a board newer than this code) and compacts a long log. A board
   * that cannot be read, or whose rows are damaged, throws `BoardUnavailableError` and its
   * rows are left as they are (S-DUR-7).
   */
  static async load(
    boardId: string,
    deps: RoomDeps,
    options: { createIfMissing: boolean },
  ): Promise<BoardRoom | null> {
    let stored: StoredBoard | null;
    let doc: Y.Doc;
    // Subscribed before the store is read: whatever another instance stores from here on
    // reaches this room, held by the inbox until the room exists.
    const inbox = new ReplicaInbox();
    let replica: ReplicaChannel | null;
    try {
      replica = await (deps.replication ?? SINGLE_INSTANCE).join(boardId, inbox);
    } catch (error) {
      throw BoardRoom.unavailable(boardId, error, deps);
    }
    try {
      stored = await deps.store.loadBoard(boardId);
      if (!stored) {
        if (!options.createIfMissing) {
          await replica?.leave();
          return null;
        }
        await deps.store.createBoard(boardId, Y.encodeStateAsUpdate(new Y.Doc()));
        stored = await deps.store.loadBoard(boardId);
        if (!stored) throw new Error(`board ${boardId} vanished right after being created`);
      }
      doc = decodeStoredBoard(boardId, stored);
    } catch (error) {
      await replica?.leave();
      throw BoardRoom.unavailable(boardId, error, deps);
    }
    const room = new BoardRoom(boardId, stored, doc, deps, replica);
    inbox.attach(room.replicaListener());
    // Presence of the people already on this board through other instances.
    replica?.queryAwareness();
    try {
      await room.change(() => migrateBoard(room.doc, ORIGINS.migration), ORIGINS.migration);
    } catch (error) {
      room.destroy();
      throw error;
    }
    deps.metrics.roomLoads.inc();
    room.extensions = (deps.extensions ?? []).map((make) => make(room));
    room.notify('onDocAttached', (extension) => extension.onDocAttached?.(room.doc));
    room.scheduleCompaction();
    return room;
  }

  /** Logs and counts a board that cannot be loaded; the error the caller throws. */
  private static unavailable(
    boardId: string,
    error: unknown,
    deps: RoomDeps,
  ): BoardUnavailableError {
    const failure = new BoardUnavailableError(boardId, error);
    deps.metrics.boardLoadFailures.inc({ reason: failure.damaged ? 'damaged' : 'unreadable' });
    if (error instanceof StoredBoardDamagedError) {
      // The one line an operator needs: which board, which rows, and that nothing was touched.
      deps.log.error(
        { boardId, damagedRows: error.problems },
        `stored board ${boardId} is damaged (${error.problems.map((entry) => entry.row).join(', ')}); refused, its rows left untouched — see "A damaged board" in docs/server-spec.md`,
      );
    } else {
      deps.log.error({ boardId, err: error }, `board ${boardId} could not be read from storage`);
    }
    return failure;
  }

  // ---------------------------------------------------------------------------------------
  // Connections

  /** Greets a new connection: the server's sync step 1 (to learn what the client has that we
   * lack, e.g. offline edits) and everyone's presence. */
  addConnection(connection: BoardConnection): void {
    this.connections.add(connection);
    connection.send(encodeSyncStep1(this.doc));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      connection.send(encodeAwareness(this.awareness, [...states.keys()]));
    }
  }

  /** onDisconnect: clears the leaver's presence for everyone (in the next batch). */
  removeConnection(connection: BoardConnection): void {
    if (!this.connections.delete(connection)) return;
    this.notify('onConnectionRemoved', (extension) => extension.onConnectionRemoved?.(connection));
    const leaving = [...connection.awarenessClientIds].filter(
      (clientId) => this.awarenessOwners.get(clientId) === connection,
    );
    for (const clientId of leaving) this.awarenessOwners.delete(clientId);
    if (leaving.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, leaving, connection);
    }
  }

  /** Handles one parsed client message (the caller has checked size, rate and syntax). */
  receive(connection: BoardConnection, message: ClientMessage): void {
    if (this.failed || this.destroyed) return;
    this.deps.metrics.messagesReceived.inc({ type: message.kind });
    switch (message.kind) {
      case 'sync-step-1':
        // Queued: the reply must not run ahead of updates still being stored.
        this.enqueue(() => {
          connection.send(encodeSyncStep2(this.doc, message.stateVector));
        }).catch(() => {});
        return;
      case 'sync-step-2':
      case 'update':
        if (!canEditBoard(connection.role)) {
          // A viewer's client replies to our sync step 1 with an empty step 2; only real
          // changes count as dropped writes.
          if (!message.empty) this.deps.metrics.viewerWritesDropped.inc();
          return;
        }
        if (message.empty) return;
        this.enqueue(() => this.applyClientUpdate(connection, message.update)).catch(() => {});
        return;
      case 'awareness':
        this.receiveAwareness(connection, message.update, message.entries);
        return;
      case 'frame':
        // `hello` lists the server frames this client reads.
        if (message.frame.type === 'hello') {
          for (const type of message.frame.accepts) connection.acceptedFrames.add(type);
        }
        // The extension checks a hello's participant token (S-FAC-ID-1) and runs commands.
        this.notify('onFrame', (extension) => extension.onFrame?.(connection, message.frame));
        if (message.frame.type === 'hello') this.admitDeferredPresence(connection);
        return;
      case 'query-awareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Changes: apply → store → relay

  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    if (transaction.deleteSet.clients.size > 0) this.logFreesRoom = true;
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    // Every change goes through `change()`; one that does not is a bug, but its update is
    // still stored and relayed rather than silently kept in memory only.
    this.deps.log.error({ boardId: this.boardId, origin: String(origin) }, 'uncaptured doc change');
    this.enqueue(() => this.storeAndRelay([update], null, origin)).catch(() => {});
  };

  /**
   * Runs `mutate` on the doc and returns the updates it produced, or throws what it threw —
   * after putting the doc back to what is stored, since Y.applyUpdate can fail halfway.
   */
  private async capture(mutate: () => void): Promise<Uint8Array[]> {
    this.captured = [];
    let failure: unknown;
    try {
      mutate();
    } catch (error) {
      failure = error;
    }
    const updates = this.captured;
    this.captured = null;
    if (failure !== undefined) {
      await this.reloadDocFromStore();
      throw failure;
    }
    return updates;
  }

  /** onChange + onStoreDocument for one update; throws RoomFailedError if it cannot be stored. */
  private async storeAndRelay(
    updates: Uint8Array[],
    except: BoardConnection | null,
    origin: unknown,
  ): Promise<void> {
    let bytes = 0;
    for (const update of updates) {
      await this.append(update);
      bytes += update.length;
      const message = encodeUpdate(update);
      for (const connection of this.connections) {
        if (connection !== except) connection.send(message);
      }
    }
    if (bytes > 0) this.notify('onStored', (extension) => extension.onStored?.(bytes, origin));
    this.scheduleCompaction();
  }

  /**
   * onStoreDocument for one update; throws RoomFailedError (after failing the room). Once
   * stored, it is published to the other instances, if any (they relay only what is stored).
   */
  private async append(update: Uint8Array): Promise<void> {
    let seq: number;
    try {
      seq = await this.deps.store.appendUpdate(this.boardId, update);
    } catch (error) {
      this.fail(error);
      throw new RoomFailedError(this.boardId, error);
    }
    this.lastSeq = seq;
    this.log.add(seq, update.length);
    this.deps.metrics.updatesApplied.inc();
    if (this.replica) {
      this.window.add(seq);
      this.replica.publishUpdate(seq, update);
    }
  }

  private async applyClientUpdate(connection: BoardConnection, update: Uint8Array): Promise<void> {
    if (this.failed || this.destroyed) return;
    if (!(await this.hasRoomFor(update.length, () => updateEffects(update)))) {
      this.deps.metrics.writesRefused.inc({ reason: 'board-too-large' });
      this.deps.log.warn(
        {
          boardId: this.boardId,
          address: connection.address,
          storedBytes: this.log.bytes,
          updateBytes: update.length,
          maxBoardBytes: this.deps.settings.maxBoardBytes,
        },
        'board at its size limit; update refused, connection closed',
      );
      connection.close(CLOSE_CODES.BOARD_TOO_LARGE, formatBytes(this.deps.settings.maxBoardBytes));
      return;
    }
    let updates: Uint8Array[];
    let revert: Revert<BoardConnection> | null = null;
    try {
      updates = await this.capture(() => {
        try {
          Y.applyUpdate(this.doc, update, connection);
        } finally {
          revert = this.guard.takeRevert();
        }
      });
    } catch (error) {
      this.deps.log.warn(
        { boardId: this.boardId, address: connection.address, err: error },
        'update does not apply; connection closed, board reloaded from storage',
      );
      connection.close(CLOSE_CODES.MALFORMED_MESSAGE, 'update does not apply to this board');
      return;
    }
    const accepted = !revert;
    await this.runHook('beforeStoreClientUpdate', (extension) =>
      extension.beforeStoreClientUpdate?.(connection, accepted),
    );
    if (!revert) {
      await this.storeAndRelay(updates, connection, connection);
      this.blank = this.blank && isBlankBoard(this.doc);
      return;
    }
    await this.storeRefused(revert, updates);
  }

  /**
   * S-LIMIT-10: whether the board may take `update`. Counted in stored bytes (snapshot + log),
   * which the room keeps as it appends, so an ordinary edit costs one addition:
   * - an update that only deletes always may (a full board can be cleaned up);
   * - one that only adds may if it keeps the board within `maxBoardBytes`;
   * - one that also deletes (an import replacing the board) may while the board is within the
   *   limit: what it frees only shows once compacted, so it may carry the board over the limit
   *   by at most one message, and then nothing that grows it passes.
   * Near the limit, a log holding deletions is compacted first (the deleted content then no
   * longer counts); a log without any is not, so a board sitting at its limit does not rewrite
   * its snapshot at every refused edit.
   */
  private async hasRoomFor(
    bytes: number,
    effectsOf: () => { adds: boolean; deletes: boolean },
  ): Promise<boolean> {
    const limit = this.deps.settings.maxBoardBytes;
    if (this.log.bytes + bytes <= limit) return true;
    const effects = effectsOf();
    if (!effects.adds) return true;
    const fits = () =>
      this.log.bytes + bytes <= limit || (effects.deletes && this.log.bytes <= limit);
    if (fits()) return true;
    if (this.log.length > 0 && this.logFreesRoom) await this.compactNow();
    return fits();
  }

  /**
   * S-WRITE-3: a refused transaction and its revert are stored as ONE row (so no crash can
   * leave the refused change on disk without its revert), relayed merged to the others (net:
   * nothing changed for them), and the sender receives only the revert — its doc rolls back
   * by itself — then a `write-refused` frame if it asked for those.
   */
  private async storeRefused(
    revert: Revert<BoardConnection>,
    updates: Uint8Array[],
  ): Promise<void> {
    const { client: connection, refusals } = revert;
    for (const reason of new Set(refusals.map((refusal) => refusal.reason))) {
      this.deps.metrics.writesRefused.inc({ reason });
    }
    this.deps.log.info(
      { boardId: this.boardId, address: connection.address, role: connection.role, refusals },
      'client change refused and reverted',
    );
    const unattributable = refusals.some((refusal) => refusal.reason === 'unattributable');
    if (updates.length > 0) {
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      await this.append(merged);
      const toOthers = encodeUpdate(merged);
      for (const other of this.connections) if (other !== connection) other.send(toOthers);
      // The sender has its own update; the revert is everything after it.
      for (const update of updates.slice(1)) {
        connection.send(encodeUpdate(update));
      }
      this.scheduleCompaction();
    }
    if (unattributable) {
      // Our state vector makes the client send everything we lack, dependencies included.
      connection.send(encodeSyncStep1(this.doc));
    }
    connection.sendFrame({ type: 'write-refused', refusals: refusals.slice(0, 32) });
  }

  /**
   * A change made by the server itself (an import, a migration): applied, stored and relayed
   * to every connection, in the same queue as clients' updates.
   */
  change<T>(mutate: (doc: Y.Doc) => T, origin: unknown = ORIGINS.server): Promise<T> {
    return this.enqueue(() => this.changeNow(mutate, origin));
  }

  private async changeNow<T>(mutate: (doc: Y.Doc) => T, origin: unknown): Promise<T> {
    if (this.failed) throw new RoomFailedError(this.boardId, 'storage failed earlier');
    // An import replaces the board: it may not start on a board already past its limit.
    const replacing = () => ({ adds: true, deletes: true });
    if (origin !== ORIGINS.migration && !(await this.hasRoomFor(0, replacing))) {
      throw new BoardTooLargeError(this.boardId, this.deps.settings.maxBoardBytes);
    }
    if (origin !== ORIGINS.migration) {
      await this.runHook('beforeServerChange', (extension) =>
        extension.beforeServerChange?.(origin),
      );
    }
    let result: T | undefined;
    const updates = await this.capture(() => {
      this.doc.transact(() => {
        result = mutate(this.doc);
      }, origin);
    });
    await this.storeAndRelay(updates, null, origin);
    if (origin !== ORIGINS.migration) this.blank = this.blank && isBlankBoard(this.doc);
    return result as T;
  }

  /**
   * Runs `task` alone in the room's queue: nothing else changes the doc until it ends, and the
   * changes it makes through `access.change` are stored and relayed as `change` does. The
   * version history takes a version and restores in one such turn, so the version before a
   * restore is exactly the board the restore started from.
   */
  exclusive<T>(task: (access: ExclusiveAccess) => Promise<T> | T): Promise<T> {
    return this.enqueue(() => {
      if (this.failed || this.destroyed) {
        throw new RoomFailedError(this.boardId, 'the room is closed');
      }
      const room = this;
      return task({
        get doc() {
          return room.doc;
        },
        get lastSeq() {
          return room.lastSeq;
        },
        change: (mutate, origin = ORIGINS.server) => room.changeNow(mutate, origin),
      });
    });
  }

  /** Reads the doc after every queued change has been stored (what a reader sees is on disk). */
  read<T>(reader: (doc: Y.Doc) => T): Promise<T> {
    return this.enqueue(() => reader(this.doc));
  }

  private enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.queueTail.then(task, task);
    this.queueTail = run.catch(() => {});
    return run;
  }

  /**
   * Replaces the in-memory doc with what is stored (after an update failed halfway). Storage
   * that cannot be read, or rows found damaged, fail the room rather than serve a doc built
   * from part of the board (S-DUR-7).
   */
  private async reloadDocFromStore(): Promise<void> {
    let stored: StoredBoard | null;
    let doc: Y.Doc;
    try {
      stored = await this.deps.store.loadBoard(this.boardId);
      if (!stored) throw new Error('board disappeared from the store');
      doc = decodeStoredBoard(this.boardId, stored);
    } catch (error) {
      this.fail(BoardRoom.unavailable(this.boardId, error, this.deps));
      return;
    }
    this.detachDoc();
    this.attachDoc(doc);
    this.lastSeq = stored.lastSeq;
    this.resetLog(stored);
    this.window.reset(stored.lastSeq);
  }

  /** Storage failed: nobody may be told about a change that is not on disk. Close everyone
   * (4500, transient: clients reconnect, the board reloads from storage and their clients
   * resend what they have). */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.log.error({ boardId: this.boardId, err: error }, 'board storage failed; room closed');
    const detail = error instanceof BoardUnavailableError ? error.closeDetail : 'storage error';
    for (const connection of this.connections) {
      connection.close(CLOSE_CODES.BOARD_UNAVAILABLE, detail);
    }
    this.deps.onFailed(this);
  }

  // ---------------------------------------------------------------------------------------
  // Other instances (S-SCALE-*)

  /** What the replication hands this room: what other instances send about its board. */
  private replicaListener(): ReplicaListener {
    return {
      storedUpdate: (seq, update) => this.onReplicaUpdate(seq, update),
      presence: (update) => this.onReplicaPresence(update),
      presenceQuery: () => this.onPresenceQuery(),
      frame: (frame) => this.sendFrameToConnections(frame),
      signal: (signal) =>
        this.notify('onReplicaSignal', (extension) => extension.onReplicaSignal?.(signal)),
      compacted: (throughSeq, bytes) => this.log.compacted(throughSeq, bytes),
      storedHead: (lastSeq) => this.onStoredHead(lastSeq),
      catchUp: (reason) => this.catchUp(reason),
    };
  }

  /** An update another instance stored: applied in the queue, in seq order. */
  private onReplicaUpdate(seq: number, update: Uint8Array): void {
    if (this.failed || this.destroyed || this.window.has(seq)) return;
    this.replicaPending.set(seq, update);
    if (this.replicaDrainQueued) return;
    this.replicaDrainQueued = true;
    this.enqueue(() => this.applyReplicaPending()).catch((error) => {
      this.deps.log.error({ boardId: this.boardId, err: error }, 'applying replica updates failed');
    });
  }

  /**
   * Applies the waiting updates that come next in seq order. Strictly in order: an update
   * depends only on updates stored before it, so applied after them it never leaves Yjs
   * structs pending — which the write guard would take for a client's unattributable update,
   * and drop. One that arrived ahead waits for the missing one (Redis, or a catch-up read).
   */
  private async applyReplicaPending(): Promise<void> {
    this.replicaDrainQueued = false;
    for (;;) {
      if (this.failed || this.destroyed) return;
      for (const seq of this.replicaPending.keys()) {
        if (this.window.has(seq)) this.replicaPending.delete(seq);
      }
      const next = this.window.through + 1;
      const update = this.replicaPending.get(next);
      if (!update) break;
      this.replicaPending.delete(next);
      if (!(await this.applyStored(update))) return;
      this.window.add(next);
      this.log.add(next, update.length);
      this.lastSeq = Math.max(this.lastSeq, next);
    }
    if (this.replicaPending.size > 0) this.scheduleGapCatchUp();
    this.scheduleCompaction();
  }

  /**
   * Applies bytes the store holds (another instance's update, or rows read to catch up) and
   * relays what they changed to this instance's connections. False when they did not apply:
   * the doc was reloaded from the store (which holds them), or the room failed.
   */
  private async applyStored(update: Uint8Array): Promise<boolean> {
    let changes: Uint8Array[];
    try {
      changes = await this.capture(() => Y.applyUpdate(this.doc, update, ORIGINS.replica));
    } catch (error) {
      this.deps.log.warn(
        { boardId: this.boardId, err: error },
        'a stored update from another instance did not apply; board reloaded from storage',
      );
      return false;
    }
    for (const change of changes) {
      const message = encodeUpdate(change);
      for (const connection of this.connections) connection.send(message);
    }
    this.blank = this.blank && isBlankBoard(this.doc);
    return true;
  }

  private scheduleGapCatchUp(): void {
    if (this.gapTimer !== undefined) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.replicaPending.size > 0) this.catchUp('gap');
    }, GAP_GRACE_MS);
    this.gapTimer.unref();
  }

  /** Reads from the store what this doc lacks (Redis lost it, or it is late), in the queue. */
  private catchUp(reason: CatchUpReason): void {
    if (!this.replica || this.failed || this.destroyed) return;
    this.enqueue(() => this.catchUpNow(reason)).catch((error) => {
      this.deps.log.error({ boardId: this.boardId, err: error }, 'catching up failed');
    });
  }

  private async catchUpNow(reason: CatchUpReason): Promise<void> {
    if (!this.replica || this.failed || this.destroyed) return;
    this.deps.metrics.replicaCatchUps.inc({ reason });
    let stored: StoredBoard | null;
    try {
      stored = await this.replica.readSince(this.window.through);
    } catch (error) {
      // The store did not answer: the next check tries again; nothing was relayed.
      this.deps.log.warn({ boardId: this.boardId, err: error }, 'catch-up read failed');
      return;
    }
    if (!stored) return;
    const problems = [...stored.problems, ...sequenceProblems(stored)];
    if (problems.length > 0) {
      this.fail(
        BoardRoom.unavailable(
          this.boardId,
          new StoredBoardDamagedError(this.boardId, problems),
          this.deps,
        ),
      );
      return;
    }
    if (stored.snapshot && !this.window.has(stored.snapshotSeq)) {
      if (!(await this.applyStored(stored.snapshot))) return;
      this.window.addThrough(stored.snapshotSeq);
      this.log.compacted(stored.snapshotSeq, stored.snapshot.length);
    }
    // In seq order, from right after what the doc holds (the rows run without a gap).
    for (const [index, update] of stored.updates.entries()) {
      const seq = stored.seqs[index]!;
      if (this.window.has(seq)) continue;
      if (!(await this.applyStored(update))) return;
      this.window.add(seq);
      this.log.add(seq, update.length);
    }
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq);
    this.behindHead = null;
    // What arrived from Redis meanwhile may now come next.
    await this.applyReplicaPending();
  }

  /**
   * The periodic check read the stored head. A seq it saw stored at the previous check and
   * this doc still lacks was lost on the way (an instance died between storing and
   * publishing, or Redis dropped it): read it from the store.
   */
  private onStoredHead(lastSeq: number): void {
    if (lastSeq <= this.window.through) {
      this.behindHead = null;
      return;
    }
    if (this.behindHead !== null && this.window.through < this.behindHead) {
      this.catchUp('sweep');
      return;
    }
    this.behindHead = lastSeq;
  }

  private onReplicaPresence(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, ORIGINS.replica);
    } catch (error) {
      this.deps.log.warn({ boardId: this.boardId, err: error }, 'bad presence from an instance');
    }
  }

  /** A newly loaded instance asks who is here: the presence this instance's connections own. */
  private onPresenceQuery(): void {
    if (!this.replica || this.destroyed || this.awarenessOwners.size === 0) return;
    this.replica.publishAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessOwners.keys()]),
    );
  }

  /**
   * Sends `frame` to every connection on the board that announced it reads its type — on
   * every instance (a facilitator's command reaches everyone, wherever they are connected).
   */
  broadcastFrame(frame: ServerFrame, except?: BoardConnection): void {
    this.sendFrameToConnections(frame, except);
    this.replica?.publishFrame(frame);
  }

  /** True when other instances may serve this board (`REDIS_URL`): its doc is shared. */
  get shared(): boolean {
    return this.replica !== null;
  }

  /** Sends `signal` to this board's room extensions on the other instances (none when alone). */
  publishSignal(signal: ReplicaSignal): void {
    this.replica?.publishSignal(signal);
  }

  private sendFrameToConnections(frame: ServerFrame, except?: BoardConnection): void {
    let message: Uint8Array | undefined;
    for (const connection of this.connections) {
      if (connection === except || !connection.acceptedFrames.has(frame.type)) continue;
      message ??= encodeFrame(frame);
      connection.send(message);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Compaction

  /** Log past the threshold → compact soon, off the message path (after pending I/O). */
  private scheduleCompaction(): void {
    if (this.compactionScheduled || this.log.length < this.deps.settings.compactAfterUpdates)
      return;
    this.compactionScheduled = true;
    setImmediate(() => {
      // Several instances fold the stored rows, not this doc: no need to hold the queue (and
      // every edit behind it) while the board is read, rebuilt and written back.
      const run = this.replica ? this.compactNow() : this.enqueue(() => this.compactNow());
      run.catch((error) => {
        this.deps.log.error({ boardId: this.boardId, err: error }, 'compaction failed');
      });
    });
  }

  /** Merges the log into one snapshot: the doc is exactly snapshot + log here (queue order). */
  private async compactNow(): Promise<void> {
    this.compactionScheduled = false;
    if (this.log.length === 0 || this.failed || this.destroyed) return;
    if (this.replica) return this.compactStored(this.replica);
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const merged = this.log.length;
    await this.deps.store.compact(this.boardId, snapshot, this.lastSeq);
    this.log.compacted(this.lastSeq, snapshot.length);
    this.logFreesRoom = false;
    this.deps.log.debug(
      { boardId: this.boardId, merged, bytes: snapshot.length },
      'update log compacted',
    );
    this.deps.metrics.compactions.inc();
  }

  /**
   * Several instances: this doc may hold updates not yet stored, or lack some stored by
   * others, so the snapshot is built from the stored rows — snapshot + log through the last
   * seq, checked as at load (S-DUR-7) — under the board's compaction lock, so two instances
   * never do it at once (the store also ignores a compaction older than its snapshot).
   */
  private async compactStored(replica: ReplicaChannel): Promise<void> {
    await replica.withCompactionLock(async () => {
      let stored: StoredBoard | null;
      let doc: Y.Doc;
      try {
        stored = await this.deps.store.loadBoard(this.boardId);
        if (!stored) return;
        doc = decodeStoredBoard(this.boardId, stored);
      } catch (error) {
        if (error instanceof StoredBoardDamagedError) {
          this.fail(BoardRoom.unavailable(this.boardId, error, this.deps));
          return;
        }
        throw error;
      }
      try {
        if (stored.updates.length === 0) {
          this.log.compacted(stored.snapshotSeq, stored.snapshot?.length ?? 0);
          return;
        }
        const snapshot = Y.encodeStateAsUpdate(doc);
        await this.deps.store.compact(this.boardId, snapshot, stored.lastSeq);
        this.log.compacted(stored.lastSeq, snapshot.length);
        this.logFreesRoom = false;
        replica.publishCompacted(stored.lastSeq, snapshot.length);
        this.deps.log.debug(
          { boardId: this.boardId, merged: stored.updates.length, bytes: snapshot.length },
          'update log compacted',
        );
        this.deps.metrics.compactions.inc();
      } finally {
        doc.destroy();
      }
    });
  }

  /** The board's size limit in stored bytes (S-LIMIT-10, `FT_MAX_BOARD_BYTES`). */
  get maxBytes(): number {
    return this.deps.settings.maxBoardBytes;
  }

  /** Bytes the board may still grow by before its size limit (S-LIMIT-10); never negative. */
  get bytesLeft(): number {
    return Math.max(0, this.maxBytes - this.log.bytes);
  }

  /** The sequence number of the last update stored (what a version records). */
  get storedSeq(): number {
    return this.lastSeq;
  }

  /** Updates in the log since the last compaction (for tests and metrics). */
  get pendingLogLength(): number {
    return this.log.length;
  }

  // ---------------------------------------------------------------------------------------
  // Presence

  private receiveAwareness(
    connection: BoardConnection,
    update: Uint8Array,
    entries: AwarenessEntry[],
  ): void {
    if (update.length > MAX_AWARENESS_BYTES) {
      connection.close(
        CLOSE_CODES.MESSAGE_TOO_LARGE,
        `presence larger than ${MAX_AWARENESS_BYTES} bytes`,
      );
      return;
    }
    // S-FAC-PRES-1/2: only the owner of an id speaks for it, with the role of its token.
    const admitted = admitPresence(
      connection,
      update,
      entries,
      (clientId) => this.awarenessOwners.get(clientId),
      this.isPresenceNews,
    );
    if (admitted.refused.length > 0) {
      this.deps.metrics.presenceEntriesDropped.inc(admitted.refused.length);
      // The same device reconnecting may not have said `hello` yet: kept until it does.
      if (connection.participantId === null) this.deferPresence(connection, admitted.refused);
    }
    if (admitted.entries.length === 0) return;
    this.applyPresence(connection, admitted.update, admitted.entries);
  }

  /** y-protocols' test for an entry that changes the room's presence. */
  private readonly isPresenceNews = ({ clientId, clock, state }: AwarenessEntry): boolean => {
    const knownClock = this.awareness.meta.get(clientId)?.clock ?? 0;
    return (
      clock > knownClock ||
      (clock === knownClock && state === null && this.awareness.states.has(clientId))
    );
  };

  /** Applies presence entries `connection` may speak for, recording which ids it owns. */
  private applyPresence(
    connection: BoardConnection,
    update: Uint8Array,
    entries: readonly AwarenessEntry[],
  ): void {
    for (const entry of entries) {
      // The stock client echoes every presence change it hears back to the server; only an
      // entry that is news (a newer clock) says which connection speaks for a client id.
      if (!this.isPresenceNews(entry)) continue;
      const { clientId, state } = entry;
      const previous = this.awarenessOwners.get(clientId);
      if (previous && previous !== connection) previous.awarenessClientIds.delete(clientId);
      if (state === null) {
        connection.awarenessClientIds.delete(clientId);
        this.awarenessOwners.delete(clientId);
      } else {
        connection.awarenessClientIds.add(clientId);
        this.awarenessOwners.set(clientId, connection);
      }
    }
    if (connection.awarenessClientIds.size > MAX_AWARENESS_IDS_PER_CONNECTION) {
      connection.close(CLOSE_CODES.MALFORMED_MESSAGE, 'too many presence ids on one connection');
      return;
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
  }

  /** Presence entries refused before the connection said who it is (latest per id, bounded). */
  private readonly deferredPresence = new WeakMap<BoardConnection, Map<number, AwarenessEntry>>();

  private deferPresence(connection: BoardConnection, entries: readonly AwarenessEntry[]): void {
    const deferred = this.deferredPresence.get(connection) ?? new Map<number, AwarenessEntry>();
    for (const entry of entries) {
      if (deferred.size >= MAX_AWARENESS_IDS_PER_CONNECTION && !deferred.has(entry.clientId)) break;
      deferred.set(entry.clientId, entry);
    }
    this.deferredPresence.set(connection, deferred);
  }

  /**
   * After a `hello`: presence this connection sent before it, refused because another
   * connection of the same participant (the same device, whose old socket the server has not
   * seen die yet) held the ids, is applied now.
   */
  private admitDeferredPresence(connection: BoardConnection): void {
    const deferred = this.deferredPresence.get(connection);
    this.deferredPresence.delete(connection);
    if (!deferred || connection.participantId === null) return;
    const entries = [...deferred.values()].filter(
      (entry) =>
        maySpeakFor(connection, this.awarenessOwners.get(entry.clientId)) &&
        this.isPresenceNews(entry),
    );
    if (entries.length === 0) return;
    const stamped = entries.map((entry) => ({
      ...entry,
      state: stampPresenceRole(entry.state, connection.role),
    }));
    this.applyPresence(connection, encodeAwarenessEntries(stamped), stamped);
  }

  private readonly onAwarenessUpdate = (
    changes: {
      added: number[];
      updated: number[];
      removed: number[];
    },
    origin: unknown,
  ): void => {
    // Presence timed out here is timed out on every instance by its own clock (y-protocols'
    // check): publishing it would remove a live client whose renewals were only late here.
    const fromHere = this.replica !== null && origin !== ORIGINS.replica && origin !== 'timeout';
    for (const ids of [changes.added, changes.updated, changes.removed]) {
      for (const clientId of ids) {
        this.pendingAwareness.add(clientId);
        if (fromHere) this.awarenessToPublish.add(clientId);
      }
    }
    if (this.awarenessTimer !== undefined || this.destroyed) return;
    const flush = () => this.flushAwareness();
    this.awarenessTimer =
      this.deps.settings.awarenessBatchMs === 0
        ? setImmediate(flush)
        : setTimeout(flush, this.deps.settings.awarenessBatchMs);
  };

  /**
   * Sends every presence change of the last window as one message to everyone — and those of
   * this instance's connections (a departure included) as one message to the other instances.
   */
  private flushAwareness(): void {
    this.awarenessTimer = undefined;
    if (this.replica && this.awarenessToPublish.size > 0) {
      this.replica.publishAwareness(
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessToPublish]),
      );
      this.awarenessToPublish.clear();
    }
    if (this.pendingAwareness.size === 0 || this.connections.size === 0) {
      this.pendingAwareness.clear();
      return;
    }
    const message = encodeAwareness(this.awareness, [...this.pendingAwareness]);
    this.pendingAwareness.clear();
    for (const connection of this.connections) connection.send(message);
    this.deps.metrics.awarenessBroadcasts.inc();
    this.forgetDepartedPresence();
  }

  /**
   * y-protocols keeps a clock for every client id ever seen, present or not; on a long-lived
   * board with many comings and goings (or a client inventing ids) that grows without bound.
   * Clocks of ids gone for longer than the presence timeout are dropped: nobody echoes those.
   */
  private forgetDepartedPresence(): void {
    const { meta, states } = this.awareness;
    if (meta.size <= states.size + MAX_DEPARTED_PRESENCE_CLOCKS) return;
    const cutoff = Date.now() - awarenessProtocol.outdatedTimeout;
    for (const [clientId, { lastUpdated }] of meta) {
      if (!states.has(clientId) && lastUpdated < cutoff) meta.delete(clientId);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Unload

  /** onStoreDocument on the way out: waits for queued changes, compacts, frees memory. */
  async unload(): Promise<void> {
    if (this.destroyed) return;
    if (!this.failed) {
      await this.runHook('beforeUnload', (extension) => extension.beforeUnload?.());
    }
    await this.enqueue(async () => {
      if (!this.failed && this.log.length > 0) await this.compactNow();
    }).catch((error) => {
      this.deps.log.error({ boardId: this.boardId, err: error }, 'final compaction failed');
    });
    // Presence removed by the last departures goes out before the channel is left.
    if (this.awarenessTimer !== undefined) this.flushAwareness();
    this.destroy();
  }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.gapTimer !== undefined) clearTimeout(this.gapTimer);
    this.replica?.leave().catch(() => {});
    if (this.awarenessTimer !== undefined) {
      clearTimeout(this.awarenessTimer as NodeJS.Timeout);
      clearImmediate(this.awarenessTimer as NodeJS.Immediate);
      this.awarenessTimer = undefined;
    }
    this.awareness.destroy();
    this.detachDoc();
    this.notify('destroy', (extension) => extension.destroy?.());
  }

  // ---------------------------------------------------------------------------------------
  // Extensions

  /** Calls a synchronous hook on every extension; a throw is logged, never passed on. */
  private notify(hook: string, call: (extension: RoomExtension) => void): void {
    for (const extension of this.extensions) {
      try {
        call(extension);
      } catch (error) {
        this.deps.log.error({ boardId: this.boardId, hook, err: error }, 'room extension failed');
      }
    }
  }

  /** Awaits a hook on every extension in turn; a failure is logged, never passed on. */
  private async runHook(
    hook: string,
    call: (extension: RoomExtension) => Promise<void> | void,
  ): Promise<void> {
    for (const extension of this.extensions) {
      try {
        await call(extension);
      } catch (error) {
        this.deps.log.error({ boardId: this.boardId, hook, err: error }, 'room extension failed');
      }
    }
  }
}
