/**
 * Reading other participants' presence (y-protocols awareness states). Everything here comes
 * from other clients — a stock y-websocket client, or a hostile one, can put any JSON there — so
 * each field is checked and an unknown value falls back to something harmless: a role that is
 * not one of `ROLES` reads as none, a name is cut to `PRESENCE_NAME_LENGTH` characters, a colour
 * that is not `#rrggbb` becomes the participant's palette colour, a cursor must be two finite
 * numbers within `CURSOR_BOUND` board units, a selection (and the cards just deleted) at most
 * `PRESENCE_SELECTION_MAX` ids, a viewport a point of that kind and a zoom within `VIEWPORT_ZOOM`.
 */
import {
  cleanName,
  isRole,
  LIMITS,
  type Point,
  type Role,
  type SharedViewport,
} from '@fire-triangle/shared';

export interface Participant {
  clientId: number;
  name: string;
  colour: string;
  /** The role this participant says it has ('' when it sent none we know). Shown, never trusted:
   * the server decides what a connection may do from its token. */
  role: Role | '';
  cursor: Point | null;
  selection: string[];
  /** Cards this participant deleted last (to name them to someone who had one open, #14). */
  deleted: string[];
  /** What they look at ("follow me", shared `presence.ts`), or null. */
  viewport: SharedViewport | null;
  /** The participant (awareness client id) they follow, or null. */
  following: number | null;
  isSelf: boolean;
}

/** The longest name shown (characters); the name prompt stops there too. */
export const PRESENCE_NAME_LENGTH = 40;
/** Most selected ids read from one participant. */
export const PRESENCE_SELECTION_MAX = 200;
/** A cursor further than this from the origin (board units) is not on the board. */
export const CURSOR_BOUND = 100_000;

export const PRESENCE_COLOURS = [
  '#d7263d',
  '#1b998b',
  '#2e86ab',
  '#c73e1d',
  '#6a4c93',
  '#0f7173',
  '#e07a5f',
  '#3d5a80',
  '#8f2d56',
  '#2a9d8f',
] as const;

/** A stable colour per participant (by client id), from a palette readable on white. */
export function presenceColour(clientId: number): string {
  return PRESENCE_COLOURS[Math.abs(clientId) % PRESENCE_COLOURS.length]!;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPoint(value: unknown): Point | null {
  if (!isRecord(value)) return null;
  const { x, y } = value;
  if (typeof x !== 'number' || typeof y !== 'number') return null;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (Math.abs(x) > CURSOR_BOUND || Math.abs(y) > CURSOR_BOUND) return null;
  return { x, y };
}

function readName(value: unknown): string {
  if (typeof value !== 'string') return '?';
  // Control and bidi characters have no place in a one-line label (S-NAME-1).
  const name = cleanName(value, PRESENCE_NAME_LENGTH);
  return name || '?';
}

/** A list of card ids from another client: at most `PRESENCE_SELECTION_MAX`, each a valid id. */
function readIds(value: unknown): string[] {
  return Array.isArray(value)
    ? value
        .slice(0, PRESENCE_SELECTION_MAX)
        .filter(
          (id): id is string =>
            typeof id === 'string' && id.length > 0 && id.length <= LIMITS.idLength,
        )
    : [];
}

/** The zoom range a followed viewport may have (React Flow's minZoom/maxZoom on the board). */
export const VIEWPORT_ZOOM = { min: 0.05, max: 2.5 } as const;

function readViewport(value: unknown): SharedViewport | null {
  if (!isRecord(value)) return null;
  const centre = readPoint(value.centre);
  const { zoom } = value;
  if (!centre || typeof zoom !== 'number' || !Number.isFinite(zoom)) return null;
  return {
    centre,
    zoom: Math.min(VIEWPORT_ZOOM.max, Math.max(VIEWPORT_ZOOM.min, zoom)),
  };
}

/** Whether an awareness state describes a participant (has a `user` entry). */
export function isParticipantState(state: unknown): state is Record<string, unknown> {
  return isRecord(state) && 'user' in state;
}

/** Reads one awareness state defensively: it comes from other clients. */
export function readParticipant(clientId: number, state: unknown, self: number): Participant {
  const record = isRecord(state) ? state : {};
  const user = isRecord(record.user) ? record.user : {};
  const colour = user.colour;
  return {
    clientId,
    name: readName(user.name),
    colour:
      typeof colour === 'string' && /^#[0-9a-f]{6}$/i.test(colour)
        ? colour
        : presenceColour(clientId),
    role: isRole(user.role) ? user.role : '',
    cursor: readPoint(record.cursor),
    selection: readIds(record.selection),
    deleted: readIds(record.deleted),
    viewport: readViewport(record.viewport),
    following:
      typeof record.following === 'number' && Number.isSafeInteger(record.following)
        ? record.following
        : null,
    isSelf: clientId === self,
  };
}
