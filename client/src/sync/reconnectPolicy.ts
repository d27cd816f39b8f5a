/**
 * When to reconnect after a connection ended, and when not to. Pure, so the policy is tested
 * without sockets or clocks.
 *
 * The stock y-websocket provider waits 2^n × 100 ms (capped) and resets n as soon as a
 * connection syncs — so a server that accepts, syncs and then closes with 4500 (its storage
 * failing) is hit again every 200 ms by every client: a reconnect storm (issue #15: 66 closes
 * and 61 board loads in 8 s). Here:
 * - a *final* close (4400–4499: a refused token, a board too new or too large, a message
 *   refused; `isPermanentClose`) stops reconnecting, and the person is told why;
 * - a *try-again-later* close (4500–4599 storage or capacity, 1013) waits longer and grows
 *   faster than a *network* one (1006 dropped, 1001 server restarting, no answer to a ping);
 * - each wait is exponential with jitter (half fixed, half random: clients that lost the
 *   server together do not come back together);
 * - the failure count resets only after a connection stayed healthy for `HEALTHY_AFTER_MS`,
 *   not when it synced.
 */
import { isPermanentClose } from '@fire-triangle/shared';

export type CloseKind = 'final' | 'try-again-later' | 'network';

/** 1013 "Try Again Later" (RFC 6455 registry). */
const TRY_AGAIN_LATER = 1013;

/** How a close code is handled. `null` is a close this tab made (offline, a late ping). */
export function closeKind(code: number | null): CloseKind {
  if (code === null) return 'network';
  if (isPermanentClose(code)) return 'final';
  if (code === TRY_AGAIN_LATER || (code >= 4500 && code < 4600)) return 'try-again-later';
  return 'network';
}

/** First wait and longest wait per kind (ms). */
export const RECONNECT_DELAYS: Readonly<
  Record<Exclude<CloseKind, 'final'>, { first: number; max: number }>
> = {
  network: { first: 500, max: 15_000 },
  'try-again-later': { first: 2_000, max: 60_000 },
};

/** A connection that stayed open and answered this long resets the failure count (ms). */
export const HEALTHY_AFTER_MS = 20_000;

/**
 * How long to wait before attempt number `failures + 1` (ms), or null for a final close.
 * @param failures connections that failed or ended since the last healthy one (≥ 1)
 * @param random a number in [0, 1) (Math.random; tests pass their own)
 * @example reconnectDelay(1, 'network', () => 0.5) // 375: half of 500 fixed, half jittered
 */
export function reconnectDelay(
  failures: number,
  kind: CloseKind,
  random: () => number = Math.random,
): number | null {
  if (kind === 'final') return null;
  const { first, max } = RECONNECT_DELAYS[kind];
  const ceiling = Math.min(max, first * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
