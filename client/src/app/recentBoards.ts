/**
 * The boards opened on this device, for the home page ("Recently opened"): kept in localStorage,
 * newest first, at most `MAX_RECENT_BOARDS`. Each entry keeps the link it was opened with (its
 * share token): that link is what reopens the board with the same role, and it never leaves the
 * device. Pure over a `Storage`, so it is tested without a browser.
 */
import type { Role } from '@fire-triangle/shared';

export const RECENT_BOARDS_KEY = 'ft-recent-boards';
export const MAX_RECENT_BOARDS = 12;

export interface RecentBoard {
  id: string;
  title: string;
  /** The share link it was opened with (path and query: `/b/<id>?token=…`). */
  link: string;
  role: Role;
  /** When it was last opened (ms since the epoch). */
  openedAt: number;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function isRecentBoard(value: unknown): value is RecentBoard {
  const entry = value as Partial<RecentBoard> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.link === 'string' &&
    entry.link.startsWith('/b/') &&
    typeof entry.role === 'string' &&
    typeof entry.openedAt === 'number'
  );
}

/** The boards opened here, newest first (a damaged entry is skipped, never thrown on). */
export function recentBoards(storage: Store = localStorage): RecentBoard[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENT_BOARDS_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecentBoard) : [];
  } catch {
    return [];
  }
}

/**
 * Records that a board was opened now (moving it to the top). A board opened with another
 * link (another role) replaces its entry: the latest link is the one the person uses.
 */
export function rememberBoard(
  board: Omit<RecentBoard, 'openedAt'>,
  now = Date.now(),
  storage: Store = localStorage,
): void {
  const others = recentBoards(storage).filter((entry) => entry.id !== board.id);
  const next = [{ ...board, openedAt: now }, ...others].slice(0, MAX_RECENT_BOARDS);
  try {
    storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(next));
  } catch {
    // Storage full or refused (private mode): the list is a convenience, the board still opens.
  }
}

/** Removes a board from the list. */
export function forgetBoard(id: string, storage: Store = localStorage): void {
  const next = recentBoards(storage).filter((entry) => entry.id !== id);
  try {
    storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(next));
  } catch {
    // As above.
  }
}
