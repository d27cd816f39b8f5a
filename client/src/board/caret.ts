/**
 * Keeping the caret where the user left it while someone else types in the same card.
 */
/**
 * Where the caret goes when the text changes under it from `previous` to `next`:
 * an insertion or deletion before the caret moves it by the length difference.
 */
export function shiftCaret(previous: string, next: string, caret: number): number {
  let prefix = 0;
  const max = Math.min(previous.length, next.length);
  while (prefix < max && previous.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  if (prefix >= caret) return Math.min(caret, next.length);
  return Math.max(0, Math.min(next.length, caret + next.length - previous.length));
}
