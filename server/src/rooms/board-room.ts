/**
 * One board in memory: its Y.Doc, the presence (awareness) of the people on it, and their
 * connections. Hook names follow Hocuspocus: `onLoadDocument` (load), `onChange` (an update
 * applied), `onStoreDocument` (append / compact), `onDisconnect`.
 *
 * Every change to the doc — a client's update, an import, a migration — runs through one
 * serial queue: apply, append to the store, and only then relay. A sync reply is queued too,
 * so nobody is ever sent state that is not yet on disk.
 */
import { CLOSE_CODES, canEditBoard, migrateBoard } from '@fire-triangle/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from '../protocol/wire-codec.ts';
import type { BoardStore, StoredBoard } from '../storage/board-store.ts';
import type { BoardConnection } from './board-connection.ts';

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
} as const;

export interface RoomSettings {
  compactAfterUpdates: number;
  awarenessBatchMs: number;
}

export interface RoomDeps {
  store: BoardStore;
  metrics: ServerMetrics;
  log: Logger;
  settings: RoomSettings;
  /** Called once when storage failed and the room closed everyone: the registry drops it. */
  onFailed: (room: BoardRoom) => void;
}

/** The board's storage failed; the room closed its connections and must be dropped. */
export class RoomFailedError extends Error {
  constructor(boardId: string, cause: unknown) {
    super(`Board ${boardId} is unavailable: ${(cause as Error)?.message ?? cause}`);
    this.name = 'RoomFailedError';
  }
}

/**
 * Builds a doc from what the store holds. An entry that no longer applies (it should not
 * happen: only updates the doc accepted are stored) is skipped and reported, never fatal.
 */
function docFromStored(stored: StoredBoard, log: Logger, boardId: string): Y.Doc {
  const doc = new Y.Doc();
  const entries = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  entries.forEach((update, index) => {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      log.error({ boardId, index, err: error }, 'stored update does not apply; skipped');
    }
  });
  return doc;
}

export class BoardRoom {
  doc: Y.Doc;
  /** Presence, on a doc of its own: the board's doc may be rebuilt, presence lives on. */
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly connections = new Set<BoardConnection>();
  /** Connections and in-flight REST calls using the room; the registry unloads it at 0. */
  holds = 0;
  failed = false;
  destroyed = false;

  private queueTail: Promise<unknown> = Promise.resolve();
  private captured: Uint8Array[] | null = null;
  private logLength: number;
  private lastSeq: number;
  private compactionScheduled = false;
  private readonly awarenessOwners = new Map<number, BoardConnection>();
  private readonly pendingAwareness = new Set<number>();
  private awarenessTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  private constructor(
    readonly boardId: string,
    stored: StoredBoard,
    private readonly deps: RoomDeps,
  ) {
    this.doc = docFromStored(stored, deps.log, boardId);
    this.doc.on('update', this.onDocUpdate);
    this.logLength = stored.updates.length;
    this.lastSeq = stored.lastSeq;
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * onLoadDocument: reads the board from the store (creating an empty one for an id the store
   * does not know yet when `createIfMissing`), migrates it to the current layout (throws
   * `BoardVersionError` for a board newer than this code) and compacts a long log.
   */
  static async load(
    boardId: string,
    deps: RoomDeps,
    options: { createIfMissing: boolean },
  ): Promise<BoardRoom | null> {
    let stored = await deps.store.loadBoard(boardId);
    if (!stored) {
      if (!options.createIfMissing) return null;
      await deps.store.createBoard(boardId, Y.encodeStateAsUpdate(new Y.Doc()));
      stored = await deps.store.loadBoard(boardId);
      if (!stored) throw new Error(`board ${boardId} vanished right after being created`);
    }
    const room = new BoardRoom(boardId, stored, deps);
    try {
      await room.change(() => migrateBoard(room.doc, ORIGINS.migration), ORIGINS.migration);
    } catch (error) {
      room.destroy();
      throw error;
    }
    deps.metrics.roomLoads.inc();
    room.scheduleCompaction();
    return room;
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
      case 'query-awareness':
        connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Changes: apply → store → relay

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    // Every change goes through `change()`; one that does not is a bug, but its update is
    // still stored and relayed rather than silently kept in memory only.
    this.deps.log.error({ boardId: this.boardId, origin: String(origin) }, 'uncaptured doc change');
    this.enqueue(() => this.storeAndRelay([update], null)).catch(() => {});
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
  ): Promise<void> {
    for (const update of updates) {
      try {
        this.lastSeq = await this.deps.store.appendUpdate(this.boardId, update);
      } catch (error) {
        this.fail(error);
        throw new RoomFailedError(this.boardId, error);
      }
      this.logLength += 1;
      this.deps.metrics.updatesApplied.inc();
      const message = encodeUpdate(update);
      for (const connection of this.connections) {
        if (connection !== except) connection.send(message);
      }
    }
    this.scheduleCompaction();
  }

  private async applyClientUpdate(connection: BoardConnection, update: Uint8Array): Promise<void> {
    if (this.failed || this.destroyed) return;
    let updates: Uint8Array[];
    try {
      updates = await this.capture(() => Y.applyUpdate(this.doc, update, connection));
    } catch (error) {
      this.deps.log.warn(
        { boardId: this.boardId, address: connection.address, err: error },
        'update does not apply; connection closed, board reloaded from storage',
      );
      connection.close(CLOSE_CODES.MALFORMED_MESSAGE, 'update does not apply to this board');
      return;
    }
    await this.storeAndRelay(updates, connection);
  }

  /**
   * A change made by the server itself (an import, a migration): applied, stored and relayed
   * to every connection, in the same queue as clients' updates.
   */
  change<T>(mutate: (doc: Y.Doc) => T, origin: unknown = ORIGINS.server): Promise<T> {
    return this.enqueue(async () => {
      if (this.failed) throw new RoomFailedError(this.boardId, 'storage failed earlier');
      let result: T | undefined;
      const updates = await this.capture(() => {
        this.doc.transact(() => {
          result = mutate(this.doc);
        }, origin);
      });
      await this.storeAndRelay(updates, null);
      return result as T;
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

  /** Replaces the in-memory doc with what is stored (after an update failed halfway). */
  private async reloadDocFromStore(): Promise<void> {
    let stored: StoredBoard | null;
    try {
      stored = await this.deps.store.loadBoard(this.boardId);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!stored) {
      this.fail(new Error('board disappeared from the store'));
      return;
    }
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
    this.doc = docFromStored(stored, this.deps.log, this.boardId);
    this.doc.on('update', this.onDocUpdate);
    this.logLength = stored.updates.length;
    this.lastSeq = stored.lastSeq;
  }

  /** Storage failed: nobody may be told about a change that is not on disk. Close everyone
   * (4500, transient: clients reconnect, the board reloads from storage and their clients
   * resend what they have). */
  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.deps.log.error({ boardId: this.boardId, err: error }, 'board storage failed; room closed');
    for (const connection of this.connections) {
      connection.close(CLOSE_CODES.BOARD_UNAVAILABLE, 'storage error');
    }
    this.deps.onFailed(this);
  }

  // ---------------------------------------------------------------------------------------
  // Compaction

  /** Log past the threshold → compact soon, off the message path (after pending I/O). */
  private scheduleCompaction(): void {
    if (this.compactionScheduled || this.logLength < this.deps.settings.compactAfterUpdates) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.enqueue(() => this.compactNow()).catch((error) => {
        this.deps.log.error({ boardId: this.boardId, err: error }, 'compaction failed');
      });
    });
  }

  /** Merges the log into one snapshot: the doc is exactly snapshot + log here (queue order). */
  private async compactNow(): Promise<void> {
    this.compactionScheduled = false;
    if (this.logLength === 0 || this.failed || this.destroyed) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.deps.store.compact(this.boardId, snapshot, this.lastSeq);
    this.deps.log.debug(
      { boardId: this.boardId, merged: this.logLength, bytes: snapshot.length },
      'update log compacted',
    );
    this.logLength = 0;
    this.deps.metrics.compactions.inc();
  }

  /** Updates in the log since the last compaction (for tests and metrics). */
  get pendingLogLength(): number {
    return this.logLength;
  }

  // ---------------------------------------------------------------------------------------
  // Presence

  private receiveAwareness(
    connection: BoardConnection,
    update: Uint8Array,
    entries: { clientId: number; clock: number; state: unknown }[],
  ): void {
    if (update.length > MAX_AWARENESS_BYTES) {
      connection.close(
        CLOSE_CODES.MESSAGE_TOO_LARGE,
        `presence larger than ${MAX_AWARENESS_BYTES} bytes`,
      );
      return;
    }
    for (const { clientId, clock, state } of entries) {
      // The stock client echoes every presence change it hears back to the server; only an
      // entry that is news (a newer clock) says which connection speaks for a client id.
      // Same test as y-protocols' applyAwarenessUpdate.
      const knownClock = this.awareness.meta.get(clientId)?.clock ?? 0;
      const isNews =
        clock > knownClock ||
        (clock === knownClock && state === null && this.awareness.states.has(clientId));
      if (!isNews) continue;
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

  private readonly onAwarenessUpdate = (changes: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    for (const ids of [changes.added, changes.updated, changes.removed]) {
      for (const clientId of ids) this.pendingAwareness.add(clientId);
    }
    if (this.awarenessTimer !== undefined || this.destroyed) return;
    const flush = () => this.flushAwareness();
    this.awarenessTimer =
      this.deps.settings.awarenessBatchMs === 0
        ? setImmediate(flush)
        : setTimeout(flush, this.deps.settings.awarenessBatchMs);
  };

  /** Sends every presence change of the last window as one message to everyone. */
  private flushAwareness(): void {
    this.awarenessTimer = undefined;
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
    await this.enqueue(async () => {
      if (!this.failed && this.logLength > 0) await this.compactNow();
    }).catch((error) => {
      this.deps.log.error({ boardId: this.boardId, err: error }, 'final compaction failed');
    });
    this.destroy();
  }

  private destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.awarenessTimer !== undefined) {
      clearTimeout(this.awarenessTimer as NodeJS.Timeout);
      clearImmediate(this.awarenessTimer as NodeJS.Immediate);
      this.awarenessTimer = undefined;
    }
    this.awareness.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.doc.destroy();
  }
}
