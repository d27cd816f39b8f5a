/**
 * Text at input, within the board's limits (`LIMITS` in shared: the same numbers the server,
 * export and import use). The editor stops at the limit and says so — a counter once the text
 * nears it, a notice when pasted text was cut — instead of cutting silently later on the way to
 * the doc. Characters are counted as the limits count them (code points: an emoji is one).
 */
import { characterCount, cutToLength } from '@fire-triangle/shared';

/** The counter shows from this share of the limit on. */
export const COUNTER_FROM = 0.8;

export interface LimitedText {
  /** The text, cut to `max` characters when longer. */
  value: string;
  /** Whether characters were dropped. */
  cut: boolean;
  /** Its length in characters. */
  count: number;
}

/** `value` within `max` characters (never cutting through an emoji). */
export function limitText(value: string, max: number): LimitedText {
  const count = characterCount(value);
  if (count <= max) return { value, cut: false, count };
  return { value: cutToLength(value, max), cut: true, count: max };
}

/** How close `count` is to `max`: the counter is hidden below `COUNTER_FROM`. */
export function limitLevel(count: number, max: number): 'far' | 'near' | 'reached' {
  if (count >= max) return 'reached';
  return count >= max * COUNTER_FROM ? 'near' : 'far';
}
