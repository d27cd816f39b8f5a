/**
 * What a participant publishes in presence (y-protocols awareness) — one JSON state per
 * awareness client id, relayed by the server to everyone on the board in batches (S-PRES-2).
 *
 * What the server guarantees about it (S-FAC-PRES-*):
 * - a presence client id belongs to the connection that introduced it until that connection
 *   leaves: another connection's entry for that id is dropped, never relayed (the same device
 *   reconnecting — one participant id, `participant.ts` — takes its id over at once);
 * - `user.role` is stamped by the server with the role of the connection's share token, in
 *   every state it relays (`stampPresenceRole`): whatever a client writes there is replaced;
 * - `user.name` is what the connection itself declared, cleaned (`cleanName`, S-NAME-1).
 *
 * Everything else is the client's: the server relays it unread.
 *
 * @example
 * { user: { name: 'Ana', colour: '#1b998b', role: 'facilitator' },
 *   cursor: { x: 1520, y: 840 }, selection: ['c_3f9a…'],
 *   viewport: { centre: { x: 1600, y: 900 }, zoom: 0.8 }, following: null }
 */
import { cleanName } from '../board/text.ts';
import type { Point } from '../board/types.ts';
import { LIMITS } from '../limits.ts';
import type { Role } from './roles.ts';

/**
 * The part of the board a participant is looking at, as others need it to follow them: the
 * board point (board coordinates) at the centre of their screen, and their zoom (React Flow's
 * zoom: screen pixels per board unit). Screens differ in size, so a follower centres the same
 * point at the same zoom rather than copying a React Flow viewport transform.
 * @example { centre: { x: 1600, y: 900 }, zoom: 0.8 }
 */
export interface SharedViewport {
  centre: Point;
  zoom: number;
}

/** One participant's presence state. */
export interface PresenceState {
  user: {
    /** Display name, as the participant typed it (the client shows at most 40 characters). */
    name: string;
    /** `#rrggbb`. */
    colour: string;
    /** Stamped by the server from the connection's share token. */
    role: Role;
  };
  /** Pointer in board coordinates, or null when off the board. */
  cursor?: Point | null;
  /** Selected card ids. */
  selection?: string[];
  /** What this participant sees ("follow me"), published by every client. */
  viewport?: SharedViewport | null;
  /** The awareness client id this participant follows, or null. */
  following?: number | null;
}

/**
 * `state` with `user.role` set to `role` (a new object; `state` is not changed). A state that is
 * not an object (null: the participant left) is returned as it is; a state without a `user`
 * object gets one holding only the role.
 */
export function stampPresenceRole(state: unknown, role: Role): unknown {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state;
  const record = state as Record<string, unknown>;
  const user = record.user;
  if (typeof user !== 'object' || user === null || Array.isArray(user)) {
    return { ...record, user: { role } };
  }
  const stamped: Record<string, unknown> = { ...(user as Record<string, unknown>), role };
  if (typeof stamped.name === 'string') {
    stamped.name = cleanName(stamped.name, LIMITS.personNameLength);
  }
  return { ...record, user: stamped };
}

/**
 * Whether the server must rewrite `state` before relaying it: its `user.role` is not `role`, or
 * its `user.name` is not clean (S-FAC-PRES-2, S-NAME-1). Most states need nothing.
 */
export function presenceNeedsStamp(state: unknown, role: Role): boolean {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return false;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return true;
  const { role: stated, name } = user as { role?: unknown; name?: unknown };
  return (
    stated !== role ||
    (typeof name === 'string' && cleanName(name, LIMITS.personNameLength) !== name)
  );
}
