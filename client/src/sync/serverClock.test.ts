import { describe, expect, it } from 'vitest';
import { SAMPLES_KEPT, ServerClock } from './serverClock.ts';

describe('ServerClock', () => {
  it('[clock/offset] the server time is the local time plus the offset of the shortest round trip', () => {
    const clock = new ServerClock();
    expect(clock.known).toBe(false);
    expect(clock.now(1_000)).toBe(1_000);
    // The server is 5 s ahead; a 400 ms round trip stamped at its middle.
    clock.sample(10_000, 15_200, 10_400);
    expect(clock.known).toBe(true);
    expect(clock.offsetMs).toBe(5_000);
    // A slower trip stamped late says 5.3 s: the shorter trip's estimate stays.
    clock.sample(20_000, 25_900, 21_200);
    expect(clock.offsetMs).toBe(5_000);
    // A quicker one wins.
    clock.sample(30_000, 35_040, 30_080);
    expect(clock.offsetMs).toBe(5_000);
    expect(clock.uncertaintyMs).toBe(40);
    expect(clock.now(40_000)).toBe(45_000);
  });

  it('[clock/recent] only recent samples count: a clock that changed since is followed', () => {
    const clock = new ServerClock();
    clock.sample(0, 5_000, 10); // a very quick trip, offset ≈ 4995
    for (let index = 1; index <= SAMPLES_KEPT; index++) {
      const sent = index * 1_000;
      clock.sample(sent, sent - 2_000 + 50, sent + 100); // the local clock jumped: offset −1950
    }
    expect(clock.offsetMs).toBe(-2_000);
  });

  it('[clock/ignores] a stepped-back local clock or a non-number is ignored', () => {
    const clock = new ServerClock();
    clock.sample(1_000, 5_000, 900);
    clock.sample(1_000, Number.NaN, 1_100);
    expect(clock.known).toBe(false);
  });
});
