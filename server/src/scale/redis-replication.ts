/**
 * Several instances serving the same boards (`REDIS_URL`; docs/server-spec.md S-SCALE-*): every
 * instance holds the boards its own clients use, and tells the others, on one Redis pub/sub
 * channel per board (`<prefix>:board:<boardId>`), what it did to them:
 *
 *   update      seq + bytes of an update it stored (published after the commit: S-DUR-1)
 *   presence    awareness changes of its own connections (one message per batch window)
 *   query       "who is here?" from an instance that just loaded the board
 *   frame       a frame for every connection of the board (e.g. a facilitator's command)
 *   signal      news for the room's extensions (facilitation: a participant's dots changed)
 *   compacted   the board's log was folded into a snapshot through a seq
 *
 * Pub/sub loses what is published while an instance is disconnected, and an instance can die
 * between storing an update and publishing it; PostgreSQL holds every update with its seq, so
 * rooms read what they lack from it — on a gap in the seqs, when Redis reconnects, and when the
 * periodic check (`catchUpIntervalMs`, one query for every board this instance holds) finds a
 * seq stored that never arrived.
 *
 * Like Hocuspocus's Redis extension (every instance holds the doc; a Redis lock around storing)
 * and unlike y/hub (Redis streams as the log, persisted to PostgreSQL later): here PostgreSQL is
 * the log and Redis only carries news of it, so losing Redis loses nothing.
 */
import { checkServerFrame, type ServerFrame } from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type {
  BoardReplication,
  ReplicaChannel,
  ReplicaListener,
  ReplicaSignal,
} from '../rooms/board-replication.ts';
import type { SharedBoardStore } from '../storage/board-store.ts';
import type { RedisLink } from './redis-link.ts';

/** A compaction lock lives this long if its holder dies holding it (ms). */
export const COMPACTION_LOCK_TTL_MS = 30_000;
/** How long joining a board's channel may take before the board is reported unavailable. */
const SUBSCRIBE_TIMEOUT_MS = 5_000;

const KIND = { update: 0, presence: 1, query: 2, frame: 3, compacted: 4, signal: 5 } as const;
type Kind = keyof typeof KIND;
const KIND_NAMES = Object.fromEntries(
  Object.entries(KIND).map(([name, id]) => [id, name]),
) as Record<number, Kind>;

/** Deletes the lock only if it still holds our token (it may have expired and been retaken). */
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface Joined {
  boardId: string;
  listeners: Set<ReplicaListener>;
  subscribed: Promise<void>;
}

export interface RedisReplicationOptions {
  link: RedisLink;
  store: SharedBoardStore;
  metrics: ServerMetrics;
  log: Logger;
  /** How often the stored heads of the joined boards are read (FT_CATCH_UP_INTERVAL_MS). */
  catchUpIntervalMs: number;
}

export class RedisReplication implements BoardReplication {
  private readonly joined = new Map<string, Joined>();
  private readonly sweepTimer: NodeJS.Timeout;
  private sweeping = false;
  private closed = false;

  constructor(private readonly options: RedisReplicationOptions) {
    const { link } = options;
    link.subscriber.on('messageBuffer', this.onMessage);
    link.onReconnect(() => {
      for (const joined of this.joined.values()) {
        for (const listener of joined.listeners) listener.catchUp('reconnect');
      }
    });
    this.sweepTimer = setInterval(() => void this.sweep(), options.catchUpIntervalMs);
    this.sweepTimer.unref();
  }

  private channel(boardId: string): string {
    return this.options.link.key('board', boardId);
  }

  async join(boardId: string, listener: ReplicaListener): Promise<ReplicaChannel> {
    if (this.closed) throw new Error('replication closed');
    const name = this.channel(boardId);
    let joined = this.joined.get(name);
    if (!joined) {
      const subscribed = this.options.link.subscriber.subscribe(name).then(() => {});
      joined = { boardId, listeners: new Set(), subscribed };
      this.joined.set(name, joined);
    }
    joined.listeners.add(listener);
    const entry = joined;
    try {
      await withTimeout(entry.subscribed, SUBSCRIBE_TIMEOUT_MS, `subscribing to ${name}`);
    } catch (error) {
      await this.leave(name, entry, listener);
      throw error;
    }
    return this.channelFor(boardId, name, entry, listener);
  }

  private channelFor(
    boardId: string,
    name: string,
    joined: Joined,
    listener: ReplicaListener,
  ): ReplicaChannel {
    const publish = (kind: Kind, write?: (encoder: encoding.Encoder) => void) =>
      this.publish(name, kind, write);
    let left = false;
    return {
      publishUpdate: (seq, update) =>
        publish('update', (encoder) => {
          encoding.writeVarUint(encoder, seq);
          encoding.writeVarUint8Array(encoder, update);
        }),
      publishAwareness: (update) =>
        publish('presence', (encoder) => encoding.writeVarUint8Array(encoder, update)),
      queryAwareness: () => publish('query'),
      publishFrame: (frame) =>
        publish('frame', (encoder) => encoding.writeVarString(encoder, JSON.stringify(frame))),
      publishSignal: (signal) =>
        publish('signal', (encoder) => encoding.writeVarString(encoder, JSON.stringify(signal))),
      publishCompacted: (throughSeq, snapshotBytes) =>
        publish('compacted', (encoder) => {
          encoding.writeVarUint(encoder, throughSeq);
          encoding.writeVarUint(encoder, snapshotBytes);
        }),
      withCompactionLock: (task) =>
        this.withLock(this.options.link.key('lock', 'compact', boardId), task),
      readSince: (afterSeq) => this.options.store.loadBoardSince(boardId, afterSeq),
      leave: async () => {
        if (left) return;
        left = true;
        await this.leave(name, joined, listener);
      },
    };
  }

  private async leave(name: string, joined: Joined, listener: ReplicaListener): Promise<void> {
    joined.listeners.delete(listener);
    if (joined.listeners.size > 0 || this.joined.get(name) !== joined) return;
    this.joined.delete(name);
    if (this.closed) return;
    await this.options.link.subscriber.unsubscribe(name).catch(() => {});
  }

  private publish(channel: string, kind: Kind, write?: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, KIND[kind]);
    encoding.writeVarString(encoder, this.options.link.instanceId);
    write?.(encoder);
    const message = Buffer.from(encoding.toUint8Array(encoder));
    this.options.metrics.replicaMessages.inc({ direction: 'published', kind });
    this.options.link.commands.publish(channel, message).catch((error) => {
      // Nothing is lost: what was stored is in PostgreSQL, and the others' catch-up reads it.
      this.options.metrics.replicaPublishFailures.inc();
      this.options.log.debug({ err: error, channel, kind }, 'publish on Redis failed');
    });
  }

  private readonly onMessage = (channelBuffer: Buffer, message: Buffer): void => {
    const joined = this.joined.get(channelBuffer.toString());
    if (!joined) return;
    let kind: Kind | undefined;
    try {
      const decoder = decoding.createDecoder(message);
      kind = KIND_NAMES[decoding.readVarUint(decoder)];
      const from = decoding.readVarString(decoder);
      if (from === this.options.link.instanceId || kind === undefined) return;
      this.options.metrics.replicaMessages.inc({ direction: 'received', kind });
      const deliver = (call: (listener: ReplicaListener) => void) => {
        for (const listener of joined.listeners) call(listener);
      };
      switch (kind) {
        case 'update': {
          const seq = decoding.readVarUint(decoder);
          const update = decoding.readVarUint8Array(decoder);
          deliver((listener) => listener.storedUpdate(seq, update));
          return;
        }
        case 'presence': {
          const update = decoding.readVarUint8Array(decoder);
          deliver((listener) => listener.presence(update));
          return;
        }
        case 'query':
          deliver((listener) => listener.presenceQuery());
          return;
        case 'frame': {
          const frame: ServerFrame = checkServerFrame(JSON.parse(decoding.readVarString(decoder)));
          deliver((listener) => listener.frame(frame));
          return;
        }
        case 'signal': {
          const signal = JSON.parse(decoding.readVarString(decoder)) as ReplicaSignal;
          if (typeof signal?.topic !== 'string') throw new Error('a signal without a topic');
          deliver((listener) => listener.signal(signal));
          return;
        }
        case 'compacted': {
          const throughSeq = decoding.readVarUint(decoder);
          const bytes = decoding.readVarUint(decoder);
          deliver((listener) => listener.compacted(throughSeq, bytes));
          return;
        }
      }
    } catch (error) {
      // Another version's instance, or a stray publisher: drop it (the store has the updates).
      this.options.log.warn(
        { err: error, channel: channelBuffer.toString(), kind },
        'unreadable message from another instance dropped',
      );
    }
  };

  /**
   * Runs `task` holding `key` (SET NX PX: it expires if this instance dies holding it); false,
   * without running it, when another instance holds it or Redis does not answer.
   */
  private async withLock(key: string, task: () => Promise<void>): Promise<boolean> {
    const token = `${this.options.link.instanceId}:${Math.random().toString(36).slice(2)}`;
    let acquired: string | null;
    try {
      acquired = await this.options.link.commands.set(
        key,
        token,
        'PX',
        COMPACTION_LOCK_TTL_MS,
        'NX',
      );
    } catch {
      return false;
    }
    if (acquired !== 'OK') return false;
    try {
      await task();
    } finally {
      await this.options.link.commands.eval(RELEASE_LOCK, 1, key, token).catch(() => {});
    }
    return true;
  }

  /** Tells every joined room the stored head of its board (one query for all of them). */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.closed || this.joined.size === 0) return;
    this.sweeping = true;
    try {
      const boards = [...this.joined.values()];
      const heads = await this.options.store.lastSeqs(boards.map((joined) => joined.boardId));
      for (const joined of boards) {
        const head = heads.get(joined.boardId);
        if (head === undefined) continue;
        for (const listener of joined.listeners) listener.storedHead(head);
      }
    } catch (error) {
      this.options.log.debug({ err: error }, 'stored heads not read (the store did not answer)');
    } finally {
      this.sweeping = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.options.link.subscriber.off('messageBuffer', this.onMessage);
    this.joined.clear();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
