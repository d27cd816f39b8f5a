/**
 * Where the board page reports an error it survived (a part that failed to draw, an export that
 * failed): the browser console, with one recognisable prefix and the React component stack, so
 * a person who sends a screenshot of the console — or a monitoring script that reads it — has
 * what a developer needs. Kept apart so a later reporter (a server endpoint) is one change.
 */
export const ERROR_REPORT_PREFIX = '[fire-triangle]';

/** The same failure is reported once per this many ms (a part retried on every change of the
 * board would otherwise fill the console). */
const REPEAT_AFTER_MS = 10_000;
const lastReported = new Map<string, number>();

/** What failed, in a few words ('findings part', 'board page', 'PNG export'). */
export function reportError(where: string, error: unknown, componentStack?: string | null): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const key = `${where}\n${errorSummary(error)}`;
  const now = Date.now();
  if (now - (lastReported.get(key) ?? Number.NEGATIVE_INFINITY) < REPEAT_AFTER_MS) return;
  lastReported.set(key, now);
  if (lastReported.size > 100) lastReported.delete(lastReported.keys().next().value!);
  console.error(
    `${ERROR_REPORT_PREFIX} ${where} failed: ${detail}${componentStack ? `\n${componentStack}` : ''}`,
  );
}

/** A short, one-line description of an error for a person. */
export function errorSummary(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0]!.slice(0, 300);
  return String(error).slice(0, 300);
}
