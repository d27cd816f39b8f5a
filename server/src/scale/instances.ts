/**
 * What depends on whether this server is the only instance or one of several (S-SCALE-*): how
 * rooms learn of other instances' updates, and where connection and creation limits are
 * counted. One process: nothing to join, limits in memory. `REDIS_URL`: Redis carries boards'
 * news and holds the shared counts, PostgreSQL (a `SharedBoardStore`) the updates themselves.
 */
import type { ServerConfig } from '../config.ts';
import { AddressSlots, type ConnectionSlots } from '../limits/address-slots.ts';
import { KeyedRateLimiter, type RateLimit } from '../limits/token-bucket.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { type BoardReplication, SINGLE_INSTANCE } from '../rooms/board-replication.ts';
import { type BoardStore, isSharedBoardStore, StoreUnusableError } from '../storage/board-store.ts';
import { RedisRateLimit, RedisSlots } from './redis-limits.ts';
import { RedisLink } from './redis-link.ts';
import { RedisReplication } from './redis-replication.ts';

export interface Instances {
  /** This instance's id in Redis, or null when it is the only one. */
  instanceId: string | null;
  replication: BoardReplication;
  /** Connections per client address (S-LIMIT-4). */
  addressSlots: ConnectionSlots;
  /** Connections per board (S-LIMIT-3). */
  boardSlots: ConnectionSlots;
  /** Board creations per address (S-REST-1). */
  boardCreations: RateLimit;
  /** Leaves Redis (after the rooms were unloaded). */
  close(): Promise<void>;
}

type LimitsConfig = Pick<
  ServerConfig,
  | 'redisUrl'
  | 'redisPrefix'
  | 'catchUpIntervalMs'
  | 'maxConnectionsPerAddress'
  | 'maxConnectionsPerRoom'
  | 'boardCreationsPerMinute'
>;

/**
 * The coordination this configuration asks for. Throws `StoreUnusableError` (exit 2) when
 * `REDIS_URL` is set but Redis cannot be reached or the store is not shared.
 */
export async function connectInstances(
  config: LimitsConfig,
  store: BoardStore,
  metrics: ServerMetrics,
  log: Logger,
): Promise<Instances> {
  const creationsPerSecond = config.boardCreationsPerMinute / 60;
  if (!config.redisUrl) {
    return {
      instanceId: null,
      replication: SINGLE_INSTANCE,
      addressSlots: new AddressSlots(config.maxConnectionsPerAddress),
      boardSlots: new AddressSlots(config.maxConnectionsPerRoom),
      boardCreations: new KeyedRateLimiter(config.boardCreationsPerMinute, creationsPerSecond),
      close: async () => {},
    };
  }
  if (!isSharedBoardStore(store)) {
    throw new StoreUnusableError(
      `REDIS_URL needs a store every instance shares (FT_STORE=postgres); this one is ${store.kind}.`,
    );
  }
  const link = await RedisLink.connect({ url: config.redisUrl, prefix: config.redisPrefix, log });
  const replication = new RedisReplication({
    link,
    store,
    metrics,
    log,
    catchUpIntervalMs: config.catchUpIntervalMs,
  });
  return {
    instanceId: link.instanceId,
    replication,
    addressSlots: new RedisSlots(link, 'address', config.maxConnectionsPerAddress, metrics),
    boardSlots: new RedisSlots(link, 'board', config.maxConnectionsPerRoom, metrics),
    boardCreations: new RedisRateLimit(
      link,
      'creations',
      config.boardCreationsPerMinute,
      creationsPerSecond,
      metrics,
    ),
    close: async () => {
      await replication.close();
      await link.close();
    },
  };
}
