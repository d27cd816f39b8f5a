import { describe, expect, it } from 'vitest';
import { AddressSlots } from './address-slots.ts';
import { KeyedRateLimiter, TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('[S-LIMIT-2] allows a burst of `capacity`, then refills at the given rate', () => {
    let now = 0;
    const bucket = new TokenBucket(5, 10, () => now);
    const burst = Array.from({ length: 7 }, () => bucket.take());
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    now += 100; // 10 per second → one token per 100 ms
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 10_000; // never more than capacity
    expect(Array.from({ length: 6 }, () => bucket.take()).filter(Boolean)).toHaveLength(5);
  });

  it('[S-LIMIT-2] keyed limiter keeps one bucket per key and forgets refilled ones', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(2, 1, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 5_000;
    limiter.prune();
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
  });
});

describe('AddressSlots', () => {
  it('[S-LIMIT-4] refuses past the maximum and gives a slot back exactly once', () => {
    const slots = new AddressSlots(2);
    const first = slots.tryAcquire('10.0.0.1');
    const second = slots.tryAcquire('10.0.0.1');
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(slots.tryAcquire('10.0.0.1')).toBeNull();
    expect(slots.tryAcquire('10.0.0.2')).not.toBeNull();
    first!();
    first!();
    expect(slots.count('10.0.0.1')).toBe(1);
    expect(slots.tryAcquire('10.0.0.1')).not.toBeNull();
    expect(slots.tryAcquire('10.0.0.1')).toBeNull();
  });
});
