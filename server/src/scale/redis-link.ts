/**
 * This instance's two connections to Redis (`REDIS_URL`, ioredis): one for commands and
 * publishing, one subscribed to the channels of the boards this instance holds (a subscribed
 * Redis connection can do nothing else). Also this instance's id and its liveness key
 * (`<prefix>:instance:<id>`, refreshed every `LIVENESS_REFRESH_MS`, expiring after
 * `LIVENESS_TTL_MS`): shared connection counts of an instance whose key expired — it died — no
 * longer count (`redis-limits.ts`).
 *
 * Commands fail at once while Redis is unreachable (no offline queue): a publish that fails is
 * repaired by the other instances' catch-up from PostgreSQL, a limit check that fails lets the
 * connection through (counted). The subscriber reconnects and re-subscribes by itself; each time
 * it does, `onReconnect` runs (messages published meanwhile were lost: rooms catch up).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { type Logger, withoutPassword } from '../log.ts';
import { StoreUnusableError } from '../storage/board-store.ts';

export const LIVENESS_TTL_MS = 15_000;
const LIVENESS_REFRESH_MS = 5_000;
/** A command Redis has not answered by then fails (the caller decides what that means). */
const COMMAND_TIMEOUT_MS = 2_000;

export interface RedisLinkOptions {
  url: string;
  /** Prefix of every key and channel (`FT_REDIS_PREFIX`). */
  prefix: string;
  log: Logger;
  /** How long to wait for Redis at start before refusing to start. */
  connectTimeoutMs?: number;
}

export class RedisLink {
  /** `<host>-<pid>-<random>`: names this instance in Redis and in logs. */
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private livenessTimer: NodeJS.Timeout | undefined;
  private readonly reconnectListeners = new Set<() => void>();
  private closed = false;

  private constructor(
    readonly commands: Redis,
    readonly subscriber: Redis,
    readonly prefix: string,
    private readonly log: Logger,
  ) {}

  /**
   * Connects both connections and writes the liveness key. Throws `StoreUnusableError` (the
   * server exits 2) when Redis cannot be reached in `connectTimeoutMs`.
   */
  static async connect(options: RedisLinkOptions): Promise<RedisLink> {
    const common = {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      // Reconnect forever, backing off to 2 s: Redis restarting must not stop the server.
      retryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
    };
    const commands = new Redis(options.url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
    });
    const subscriber = new Redis(options.url, { ...common, autoResubscribe: true });
    const where = withoutPassword(options.url, '(REDIS_URL)');
    for (const connection of [commands, subscriber]) {
      // ioredis reports errors as events too; without a listener Node treats them as fatal.
      connection.on('error', (error: Error) =>
        options.log.debug({ err: error, redis: where }, 'redis connection error'),
      );
    }
    try {
      await Promise.all([commands.connect(), subscriber.connect()]);
    } catch (error) {
      commands.disconnect();
      subscriber.disconnect();
      throw new StoreUnusableError(
        `Redis at ${where} cannot be reached: ${(error as Error).message}. Check REDIS_URL and that Redis is up.`,
        { cause: error },
      );
    }
    const link = new RedisLink(commands, subscriber, options.prefix, options.log);
    await link.refreshLiveness();
    link.livenessTimer = setInterval(() => void link.refreshLiveness(), LIVENESS_REFRESH_MS);
    link.livenessTimer.unref();
    // Registered after the first connection is ready: every later 'ready' is a reconnection.
    subscriber.on('ready', () => {
      options.log.warn({ redis: where }, 'reconnected to Redis; boards catch up from the store');
      for (const listener of link.reconnectListeners) listener();
    });
    subscriber.on('close', () => {
      if (!link.closed) options.log.warn({ redis: where }, 'lost the connection to Redis');
    });
    return link;
  }

  /** `<prefix>:<parts…>`. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** The liveness key of an instance. */
  livenessKey(instanceId: string): string {
    return this.key('instance', instanceId);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.add(listener);
  }

  private async refreshLiveness(): Promise<void> {
    try {
      await this.commands.set(
        this.livenessKey(this.instanceId),
        String(Date.now()),
        'PX',
        LIVENESS_TTL_MS,
      );
    } catch (error) {
      this.log.debug({ err: error }, 'liveness key not refreshed (Redis unreachable)');
    }
  }

  /** Removes the liveness key (this instance's shared counts stop counting) and disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    await this.commands.del(this.livenessKey(this.instanceId)).catch(() => {});
    await Promise.all([
      this.commands.quit().catch(() => this.commands.disconnect()),
      this.subscriber.quit().catch(() => this.subscriber.disconnect()),
    ]);
  }
}
