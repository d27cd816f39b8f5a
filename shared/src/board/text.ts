import type * as Y from 'yjs';
import { cutToLength } from '../limits.ts';

/**
 * Turns `text` into `next` with the smallest single splice (common prefix and suffix kept).
 * Editing through a splice rather than "delete all, insert all" is what lets two people typing
 * in the same card merge character by character instead of one overwriting the other.
 */
export function replaceText(text: Y.Text, nextText: string): void {
  const next = wellFormedText(nextText);
  const current = text.toString();
  if (current === next) return;
  let prefix = 0;
  const maxPrefix = Math.min(current.length, next.length);
  while (prefix < maxPrefix && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  // Never cut through a surrogate pair (an emoji is two UTF-16 units): Yjs turns each half of a
  // split pair into U+FFFD, so '😀' → '😁' would come out as '\uFFFD…'. Step back to the pair's start.
  if (prefix > 0 && isHighSurrogate(current.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const maxSuffix = maxPrefix - prefix;
  while (
    suffix < maxSuffix &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(current.charCodeAt(current.length - suffix))) suffix--;
  const deleteCount = current.length - prefix - suffix;
  if (deleteCount > 0) text.delete(prefix, deleteCount);
  const inserted = next.slice(prefix, next.length - suffix);
  if (inserted.length > 0) text.insert(prefix, inserted);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces each half of a broken surrogate pair with U+FFFD. Yjs rewrites a lone surrogate
 * that ends up at a split point on the peer that splits, but not on the others, so text holding
 * one can differ between peers forever; everything written into a Y.Text goes through this.
 */
export function wellFormedText(text: string): string {
  // ES2024's native check and fix (Node 20, current browsers) are several times faster than the
  // regex, which stays for older engines; both turn each lone half into U+FFFD.
  const native = text as string & { isWellFormed?(): boolean; toWellFormed?(): string };
  if (native.isWellFormed !== undefined && native.toWellFormed !== undefined) {
    return native.isWellFormed() ? text : native.toWellFormed();
  }
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The bidirectional formatting characters (Unicode UAX #9): the Arabic letter mark U+061C, the
 * marks U+200E/U+200F, the embeddings and overrides U+202A–U+202E and the isolates
 * U+2066–U+2069. Invisible, and they reorder whatever follows them — an override makes
 * "Q3 plan\u202Etxt.exe" read "Q3 planexe.txt" (the "Trojan Source" trick, CVE-2021-42574) and
 * runs on into the text drawn after the name — so a name never keeps one (`cleanName`).
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const EVERY_BIDI_CONTROL = new RegExp(BIDI_CONTROLS.source, 'g');

/** `text` without bidi controls (`BIDI_CONTROLS`), for setting it inside other text: one left
 * open would reorder whatever follows it on the line — a finding's message, a report line. */
export function withoutBidiControls(text: string): string {
  return BIDI_CONTROLS.test(text) ? text.replace(EVERY_BIDI_CONTROL, '') : text;
}

/** Control characters (C0, DEL, C1) and the line and paragraph separators: each run → a space. */
const NAME_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;
/** Runs of white space (tabs became spaces above; no-break spaces too) → one space. */
const SPACE_RUNS = /\s{2,}/gu;

/**
 * The one rule for every short one-line name a person types — a board's title (create and
 * settings), a version's name, a participant's name (S-NAME-1): bidi controls are removed,
 * control characters and line breaks become a space, runs of spaces one, the ends are trimmed,
 * lone surrogates become U+FFFD, and the result is cut to `maxLength` characters (code points).
 * Cleaned rather than refused: what the person can see of the name is kept (a name pasted with
 * a trailing newline, or from a right-to-left document with a mark in it, is still their name),
 * and the same rule runs where a name is written (REST, shared operations, the server's presence
 * stamp) and where it is read, so a name that reached the doc another way is drawn clean too.
 * Returns '' for a name of nothing visible.
 */
export function cleanName(text: string, maxLength: number): string {
  const cleaned = wellFormedText(text)
    .replace(EVERY_BIDI_CONTROL, '')
    .replace(NAME_BREAKS, ' ')
    .replace(SPACE_RUNS, ' ')
    .trim();
  return cutToLength(cleaned, maxLength).trimEnd();
}
