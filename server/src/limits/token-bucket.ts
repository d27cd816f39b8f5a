/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`; each message takes one. A client
 * may burst up to `capacity` messages, then keep to `perSecond` on average.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (the caller refuses the message). */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * A token bucket per key: this process's `KeyedRateLimiter`, or buckets shared by every
 * instance (`scale/redis-limits.ts`, S-SCALE-5).
 */
export interface RateLimit {
  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean | Promise<boolean>;
}

/**
 * One token bucket per key (a client address), forgetting keys whose bucket has refilled, so
 * the map cannot grow without bound.
 */
export class KeyedRateLimiter implements RateLimit {
  private readonly buckets = new Map<string, { bucket: TokenBucket; lastUsed: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(key: string): boolean {
    const now = this.now();
    if (this.buckets.size > 10_000) this.prune(now);
    let entry = this.buckets.get(key);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.capacity, this.perSecond, this.now), lastUsed: now };
      this.buckets.set(key, entry);
    }
    entry.lastUsed = now;
    return entry.bucket.take();
  }

  /** Drops buckets idle long enough to be full again (forgetting them changes nothing). */
  prune(now = this.now()): void {
    const refillMs = (this.capacity / this.perSecond) * 1000;
    for (const [key, entry] of this.buckets) {
      if (now - entry.lastUsed > refillMs) this.buckets.delete(key);
    }
  }
}
