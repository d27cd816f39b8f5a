/**
 * Presence over the y-websocket awareness channel: who is here, where their pointer is (in board
 * coordinates, so it lands on the same card whatever their zoom), and what they have selected.
 * Cursor updates are throttled; remote changes re-render at most once per animation frame.
 */
import type { Point } from '@fire-triangle/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoardSession } from './boardSession.ts';
import { createIntervalThrottle } from './frameThrottle.ts';

export interface Participant {
  clientId: number;
  name: string;
  colour: string;
  role: string;
  cursor: Point | null;
  selection: string[];
  /** Cards this participant deleted last (to name them to someone who had one open). */
  deleted: string[];
  isSelf: boolean;
}

interface PresenceState {
  user?: { name?: unknown; colour?: unknown; role?: unknown };
  cursor?: unknown;
  selection?: unknown;
  deleted?: unknown;
}

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

function isPoint(value: unknown): value is Point {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Point).x === 'number' &&
    typeof (value as Point).y === 'number'
  );
}

function idList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((id): id is string => typeof id === 'string').slice(0, 200)
    : [];
}

/** Reads one awareness state defensively: it comes from other clients. */
export function readParticipant(clientId: number, state: PresenceState, self: number): Participant {
  const user = state.user ?? {};
  return {
    clientId,
    name: typeof user.name === 'string' && user.name ? user.name.slice(0, 40) : '?',
    colour:
      typeof user.colour === 'string' && /^#[0-9a-f]{6}$/i.test(user.colour)
        ? user.colour
        : presenceColour(clientId),
    role: typeof user.role === 'string' ? user.role : '',
    cursor: isPoint(state.cursor) ? state.cursor : null,
    selection: idList(state.selection),
    deleted: idList(state.deleted),
    isSelf: clientId === self,
  };
}

export interface Presence {
  participants: Participant[];
  setCursor(point: Point | null): void;
  setSelection(ids: string[]): void;
  /** Tells the others which cards this person just deleted (names them in the others' notice). */
  setDeleted(ids: readonly string[]): void;
}

export function useAwareness(
  session: BoardSession | null,
  user: { name: string; role: string },
): Presence {
  const awareness = session?.awareness;
  const [participants, setParticipants] = useState<Participant[]>([]);

  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalStateField('user', {
      name: user.name,
      colour: presenceColour(awareness.clientID),
      role: user.role,
    });
  }, [awareness, user.name, user.role]);

  useEffect(() => {
    if (!awareness) return;
    let frame: number | null = null;
    const read = () => {
      frame = null;
      const list: Participant[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (state && typeof state === 'object' && 'user' in state) {
          list.push(readParticipant(clientId, state as PresenceState, awareness.clientID));
        }
      });
      list.sort((a, b) => (a.isSelf ? -1 : b.isSelf ? 1 : a.name.localeCompare(b.name)));
      setParticipants(list);
    };
    let selfKey = '';
    const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
      // This tab's own cursor moves on every pointer move; only re-read when someone else
      // changed, or when this tab's name or selection did.
      const onlySelf =
        changes.added.length === 0 &&
        changes.removed.length === 0 &&
        changes.updated.every((clientId) => clientId === awareness.clientID);
      if (onlySelf) {
        const state = awareness.getLocalState() as PresenceState | null;
        const key = JSON.stringify([state?.user, state?.selection]);
        if (key === selfKey) return;
        selfKey = key;
      }
      frame ??= requestAnimationFrame(read);
    };
    awareness.on('change', onChange);
    read();
    return () => {
      awareness.off('change', onChange);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [awareness]);

  const sendCursor = useMemo(
    () =>
      createIntervalThrottle<Point | null>((point) => {
        awareness?.setLocalStateField('cursor', point);
      }, 40),
    [awareness],
  );

  const setSelection = useCallback(
    (ids: string[]) => awareness?.setLocalStateField('selection', ids),
    [awareness],
  );

  const setDeleted = useCallback(
    (ids: readonly string[]) => awareness?.setLocalStateField('deleted', ids.slice(0, 200)),
    [awareness],
  );

  return { participants, setCursor: sendCursor, setSelection, setDeleted };
}
