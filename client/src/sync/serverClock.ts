/**
 * This tab's estimate of the server's clock (S-FAC-TIMER-1): every frame the server stamps with
 * its time (`welcome`, `reply`: `serverTime`) in answer to a frame this tab sent gives a sample
 * through the shared `estimateClockOffset` — error at most half the round trip. The estimate in
 * use is the sample with the shortest round trip among the last `SAMPLES_KEPT`: short trips are
 * the precise ones, and only recent samples count, so a laptop whose clock was changed or that
 * slept does not keep an old offset forever.
 *
 * Pure (times are passed in, epoch ms), so it is tested without a server.
 */
import { estimateClockOffset } from '@fire-triangle/shared';

/** How many recent samples the estimate is chosen from. */
export const SAMPLES_KEPT = 8;

interface Sample {
  offsetMs: number;
  roundTripMs: number;
}

export class ServerClock {
  private samples: Sample[] = [];
  private best: Sample | null = null;

  /**
   * One sample: a frame sent at `sentAt` (local epoch ms) answered with `serverTime` (server epoch
   * ms), received at `receivedAt` (local). A negative round trip (the local clock stepped back)
   * is ignored.
   */
  sample(sentAt: number, serverTime: number, receivedAt: number): void {
    if (!Number.isFinite(serverTime) || receivedAt < sentAt) return;
    this.samples.push(estimateClockOffset(sentAt, serverTime, receivedAt));
    if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
    this.best = this.samples.reduce((best, next) =>
      next.roundTripMs < best.roundTripMs ? next : best,
    );
  }

  /** Whether any sample was taken (until then the local clock stands in, offset 0). */
  get known(): boolean {
    return this.best !== null;
  }

  /** `serverNow − localNow`, ms (0 until a sample was taken). */
  get offsetMs(): number {
    return this.best?.offsetMs ?? 0;
  }

  /** The round trip of the sample in use (the estimate's error is at most half of it), ms. */
  get uncertaintyMs(): number {
    return this.best ? this.best.roundTripMs / 2 : Number.POSITIVE_INFINITY;
  }

  /** The server's time now, epoch ms, from the local time `localNow`. */
  now(localNow: number = Date.now()): number {
    return localNow + this.offsetMs;
  }
}
