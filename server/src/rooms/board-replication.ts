/**
 * The seam between a board's room and the other server instances serving the same board
 * (docs/server-spec.md, S-SCALE-*). One process (the default) has no other instances:
 * `SINGLE_INSTANCE` joins nothing and the room behaves exactly as before. With `REDIS_URL`,
 * `cluster/redis-replication.ts` carries a board's stored updates (tagged with their seq),
 * presence and broadcast frames between instances, and lends a lock so only one instance
 * compacts a board at a time.
 *
 * What crosses is always already stored: the room appends an update (S-DUR-1) before it
 * publishes it, so another instance relays only what PostgreSQL holds, and reads from it
 * whatever Redis failed to bring.
 */
import type { ServerFrame } from '@fire-triangle/shared';
import type { StoredBoard } from '../storage/board-store.ts';

/**
 * News for a room extension on the other instances (e.g. facilitation: a participant's dots
 * changed), JSON-serialisable. `topic` names the extension's kind of news; what is not doc state
 * (dots are secret until revealed, S-FAC-VOTE-2) crosses this way, never through the doc.
 */
export interface ReplicaSignal {
  topic: string;
  body: unknown;
}

/** Why a room reads updates from the store rather than waiting for Redis. */
export type CatchUpReason = 'gap' | 'sweep' | 'reconnect';

/** What another instance sends a room (through `BoardReplication.join`). */
export interface ReplicaListener {
  /** An update another instance stored as `seq` (committed before it was published). */
  storedUpdate(seq: number, update: Uint8Array): void;
  /** Presence changes of another instance's connections (a y-protocols awareness update). */
  presence(update: Uint8Array): void;
  /** A newly joined instance asks for the presence this instance's connections own. */
  presenceQuery(): void;
  /** A frame for every connection that reads its type (e.g. a facilitator's command). */
  frame(frame: ServerFrame): void;
  /** News for this board's room extensions from another instance. */
  signal(signal: ReplicaSignal): void;
  /** Another instance compacted the board through `throughSeq` into `snapshotBytes` bytes. */
  compacted(throughSeq: number, snapshotBytes: number): void;
  /** The store's last seq for this board, as the periodic check read it. */
  storedHead(lastSeq: number): void;
  /** Messages may have been lost (Redis reconnected): read what is missing from the store. */
  catchUp(reason: CatchUpReason): void;
}

/** A room's membership of its board's channel. Publishing never throws (failures are counted). */
export interface ReplicaChannel {
  publishUpdate(seq: number, update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  queryAwareness(): void;
  publishFrame(frame: ServerFrame): void;
  publishSignal(signal: ReplicaSignal): void;
  publishCompacted(throughSeq: number, snapshotBytes: number): void;
  /**
   * Runs `task` holding the board's compaction lock (it expires if this instance dies). Resolves
   * false, without running it, while another instance holds the lock.
   */
  withCompactionLock(task: () => Promise<void>): Promise<boolean>;
  /** The stored rows after `afterSeq` (`SharedBoardStore.loadBoardSince`). */
  readSince(afterSeq: number): Promise<StoredBoard | null>;
  /** Stops receiving this board's messages. */
  leave(): Promise<void>;
}

export interface BoardReplication {
  /**
   * Joins the board's channel; resolves once subscribed, so nothing published after that is
   * missed (the room reads the store only then). Null when there are no other instances.
   */
  join(boardId: string, listener: ReplicaListener): Promise<ReplicaChannel | null>;
  close(): Promise<void>;
}

/** One process: no other instance, nothing to join. */
export const SINGLE_INSTANCE: BoardReplication = {
  join: async () => null,
  close: async () => {},
};
