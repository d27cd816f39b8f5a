/**
 * The loaded boards, by id (the reference server's `docs` map). A board is loaded once however
 * many connections arrive together, held while anyone uses it (a connection or a REST call),
 * and unloaded — compacted and freed — `idleUnloadMs` after the last one leaves. A board that
 * is being unloaded is waited for, then loaded afresh, so nobody joins a room on its way out.
 */
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { BoardStore, StoredBoard } from '../storage/board-store.ts';
import { decodeStoredBoard } from '../storage/stored-board.ts';
import { type BoardReplication, SINGLE_INSTANCE } from './board-replication.ts';
import {
  BoardRoom,
  BoardUnavailableError,
  type RoomExtensionFactory,
  type RoomSettings,
} from './board-room.ts';

interface RoomEntry {
  loading: Promise<BoardRoom | null>;
  room?: BoardRoom;
  idleTimer?: NodeJS.Timeout;
  unloading?: Promise<void>;
}

export interface RegistryOptions extends RoomSettings {
  idleUnloadMs: number;
}

export class ShuttingDownError extends Error {
  constructor() {
    super('The server is shutting down');
    this.name = 'ShuttingDownError';
  }
}

export class RoomRegistry {
  private readonly entries = new Map<string, RoomEntry>();
  private closing = false;

  constructor(
    private readonly store: BoardStore,
    private readonly metrics: ServerMetrics,
    private readonly log: Logger,
    private readonly options: RegistryOptions,
    /** What follows every room's life: facilitation, version history (`RoomExtension`). */
    private readonly extensions: readonly RoomExtensionFactory[] = [],
    /** The other instances serving the same boards (S-SCALE-*); none by default. */
    private readonly replication: BoardReplication = SINGLE_INSTANCE,
  ) {}

  /**
   * The loaded room for `boardId`, loading it if needed, and holds it until `release`.
   * Returns null when the board does not exist and `createIfMissing` is false.
   */
  async acquire(
    boardId: string,
    { createIfMissing }: { createIfMissing: boolean },
  ): Promise<BoardRoom | null> {
    for (;;) {
      if (this.closing) throw new ShuttingDownError();
      const existing = this.entries.get(boardId);
      if (existing?.unloading) {
        await existing.unloading;
        continue;
      }
      const entry = existing ?? this.startLoading(boardId, createIfMissing);
      const room = await entry.loading;
      if (!room) {
        if (this.entries.get(boardId) === entry && !entry.room) this.entries.delete(boardId);
        if (!createIfMissing) return null;
        continue; // another caller's load did not create it; load again, creating it
      }
      if (room.failed || room.destroyed || entry.unloading || this.entries.get(boardId) !== entry) {
        continue;
      }
      room.holds += 1;
      if (entry.idleTimer) {
        clearTimeout(entry.idleTimer);
        entry.idleTimer = undefined;
      }
      return room;
    }
  }

  private startLoading(boardId: string, createIfMissing: boolean): RoomEntry {
    const entry: RoomEntry = { loading: Promise.resolve(null) };
    entry.loading = BoardRoom.load(
      boardId,
      {
        store: this.store,
        metrics: this.metrics,
        log: this.log,
        settings: this.options,
        onFailed: (room) => this.forget(room),
        replication: this.replication,
        extensions: this.extensions,
      },
      { createIfMissing },
    ).then(
      (room) => {
        if (room) entry.room = room;
        return room;
      },
      (error) => {
        if (this.entries.get(boardId) === entry) this.entries.delete(boardId);
        throw error;
      },
    );
    this.entries.set(boardId, entry);
    return entry;
  }

  /** Gives back a hold; the last one out starts the idle countdown. */
  release(room: BoardRoom): void {
    room.holds = Math.max(0, room.holds - 1);
    if (room.holds > 0) return;
    const entry = this.entries.get(room.boardId);
    if (!entry || entry.room !== room) {
      // A failed room, already forgotten: free it now.
      void room.unload();
      return;
    }
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => this.unloadIfIdle(room.boardId), this.options.idleUnloadMs);
    entry.idleTimer.unref();
  }

  private unloadIfIdle(boardId: string): void {
    const entry = this.entries.get(boardId);
    const room = entry?.room;
    if (!entry || !room || room.holds > 0 || entry.unloading) return;
    entry.idleTimer = undefined;
    entry.unloading = room.unload().finally(() => {
      if (this.entries.get(boardId) === entry) this.entries.delete(boardId);
      this.metrics.roomUnloads.inc();
      this.log.debug({ boardId }, 'idle board unloaded');
    });
  }

  /** Storage failed for this room: the next visitor loads the board afresh from the store. */
  private forget(room: BoardRoom): void {
    const entry = this.entries.get(room.boardId);
    if (entry?.room === room) {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      this.entries.delete(room.boardId);
    }
    if (room.holds === 0) void room.unload();
  }

  /**
   * Reads a board without opening it for editing, so a board this version cannot open (a
   * newer layout, S-DUR-5) can still be exported as stored: from its room when it is loaded,
   * else straight from the store (no migration, no room, nothing written). Null for an unknown
   * board; throws `BoardUnavailableError` when the rows cannot be read or are damaged.
   */
  async readStored<T>(boardId: string, reader: (doc: Y.Doc) => T): Promise<T | null> {
    const room = this.loaded(boardId);
    if (room && !room.failed && !room.destroyed) return room.read(reader);
    let stored: StoredBoard | null;
    let doc: Y.Doc;
    try {
      stored = await this.store.loadBoard(boardId);
      if (!stored) return null;
      doc = decodeStoredBoard(boardId, stored);
    } catch (error) {
      throw new BoardUnavailableError(boardId, error);
    }
    try {
      return reader(doc);
    } finally {
      doc.destroy();
    }
  }

  /** The loaded room, if any (no hold taken; for metrics, tests and shutdown). */
  loaded(boardId: string): BoardRoom | undefined {
    return this.entries.get(boardId)?.room;
  }

  get roomCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.room) count++;
    return count;
  }

  get connectionCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) count += entry.room?.connections.size ?? 0;
    return count;
  }

  rooms(): BoardRoom[] {
    const rooms: BoardRoom[] = [];
    for (const entry of this.entries.values()) if (entry.room) rooms.push(entry.room);
    return rooms;
  }

  /** Shutdown: refuses new acquisitions, then compacts and frees every room. */
  async closeAll(): Promise<void> {
    this.closing = true;
    const entries = [...this.entries.values()];
    await Promise.all(
      entries.map(async (entry) => {
        if (entry.idleTimer) clearTimeout(entry.idleTimer);
        const room = await entry.loading.catch(() => null);
        if (entry.unloading) await entry.unloading;
        else if (room) await room.unload();
      }),
    );
    this.entries.clear();
  }
}
