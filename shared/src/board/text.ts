import type * as Y from 'yjs';

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
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). One left open in a
 * card's text reorders whatever follows it on the same line when the text is set inside other
 * text — a finding's message, a report line (« ‮abc » ne remonte … shows reversed). Right-to-left
 * letters themselves need none of them.
 */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidi controls (`BIDI_CONTROLS`), for setting it inside other text. */
export function withoutBidiControls(text: string): string {
  BIDI_CONTROLS.lastIndex = 0;
  return BIDI_CONTROLS.test(text) ? text.replace(BIDI_CONTROLS, '') : text;
}
