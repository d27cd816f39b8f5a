/**
 * Limits shared by every instance through Redis (S-SCALE-5), with the same meaning as one
 * process's: connection slots per client address (S-LIMIT-4) and per board (S-LIMIT-3), and the
 * token bucket of board creations per address (S-REST-1). A connection's own message rate
 * (S-LIMIT-2) stays with the instance holding it: a connection lives on one instance.
 *
 * Slots: one Redis hash per key, `instance id → connections it holds`. Each instance writes its
 * own count (never an increment), so a write lost while Redis was away is corrected by the next
 * one; a check sums the counts of instances whose liveness key still exists, so the slots of an
 * instance that died stop counting within `LIVENESS_TTL_MS` (15 s), dropped by the next check.
 * Both run as Lua scripts: the sum and the write are one atomic step.
 *
 * When Redis does not answer in time the check lets the connection through (counted in
 * `fire_triangle_shared_limits_unavailable_total{limit}`): a limit is a guard against abuse,
 * and refusing every workshop because Redis restarts would be the bigger harm.
 */
import type { Redis } from 'ioredis';
import type { ConnectionSlots, ReleaseSlot } from '../limits/address-slots.ts';
import type { RateLimit } from '../limits/token-bucket.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { RedisLink } from './redis-link.ts';

/** Keys of clients that never come back are dropped a day after their last use. */
const SLOT_KEY_TTL_MS = 24 * 60 * 60 * 1000;

// KEYS[1] the hash; ARGV: max, this instance, its new count, the liveness key prefix, TTL.
const ACQUIRE_SLOT = `
local total = tonumber(ARGV[3])
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  local instance = fields[i]
  if instance ~= ARGV[2] then
    if redis.call('EXISTS', ARGV[4] .. instance) == 1 then
      total = total + tonumber(fields[i + 1])
    else
      redis.call('HDEL', KEYS[1], instance)
    end
  end
end
if total > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

// KEYS[1] the hash; ARGV: this instance, its new count.
const SET_COUNT = `
if tonumber(ARGV[2]) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1])
else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

// KEYS[1] the bucket; ARGV: capacity, tokens per ms. Redis's clock, so instances agree.
const TAKE_TOKEN = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or ms
tokens = math.min(capacity, tokens + math.max(0, ms - at) * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(ms))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate) + 1000)
return taken`;

/** Connection slots per key, at most `max` over every instance. */
export class RedisSlots implements ConnectionSlots {
  /** This instance's connections per key: what it writes as its count. */
  private readonly local = new Map<string, number>();

  constructor(
    private readonly link: RedisLink,
    /** `address` or `board`: names the keys and the metric's label. */
    private readonly kind: 'address' | 'board',
    private readonly max: number,
    private readonly metrics: ServerMetrics,
  ) {}

  private get redis(): Redis {
    return this.link.commands;
  }

  async tryAcquire(key: string): Promise<ReleaseSlot | null> {
    const hash = this.link.key('slots', this.kind, key);
    const count = (this.local.get(key) ?? 0) + 1;
    if (count > this.max) return null;
    try {
      const taken = await this.redis.eval(
        ACQUIRE_SLOT,
        1,
        hash,
        this.max,
        this.link.instanceId,
        count,
        this.link.livenessKey(''),
        SLOT_KEY_TTL_MS,
      );
      if (taken !== 1) return null;
    } catch {
      this.metrics.sharedLimitsUnavailable.inc({ limit: this.kind });
    }
    // Counted here whether Redis answered or not, so the next write carries the true count.
    this.local.set(key, (this.local.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.local.get(key) ?? 1) - 1;
      if (left <= 0) this.local.delete(key);
      else this.local.set(key, left);
      this.redis.eval(SET_COUNT, 1, hash, this.link.instanceId, left).catch(() => {});
    };
  }
}

/** Token buckets per key shared by every instance (Redis's clock). */
export class RedisRateLimit implements RateLimit {
  constructor(
    private readonly link: RedisLink,
    private readonly name: string,
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly metrics: ServerMetrics,
  ) {}

  async take(key: string): Promise<boolean> {
    try {
      const taken = await this.link.commands.eval(
        TAKE_TOKEN,
        1,
        this.link.key('rate', this.name, key),
        this.capacity,
        this.perSecond / 1000,
      );
      return taken === 1;
    } catch {
      this.metrics.sharedLimitsUnavailable.inc({ limit: this.name });
      return true;
    }
  }
}
