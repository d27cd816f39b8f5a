/**
 * Presence over the y-websocket awareness channel: who is here, where their pointer is (in board
 * coordinates, so it lands on the same card whatever their zoom), and what they have selected.
 * Cursor updates are throttled; remote changes re-render at most once per animation frame.
 */
import type { Point, SharedViewport } from '@fire-triangle/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoardSession } from './boardSession.ts';
import { createIntervalThrottle } from './frameThrottle.ts';
import {
  isParticipantState,
  type Participant,
  presenceColour,
  readParticipant,
} from './presence.ts';

export type { Participant } from './presence.ts';

export interface Presence {
  participants: Participant[];
  setCursor(point: Point | null): void;
  setSelection(ids: string[]): void;
  /** Tells the others which cards this person just deleted (names them in the others' notice). */
  setDeleted(ids: readonly string[]): void;
  /** What this tab looks at, for those who follow it (throttled to `VIEWPORT_EVERY_MS`). */
  setViewport(viewport: SharedViewport): void;
  /** Whom this tab follows (an awareness client id), or null. */
  setFollowing(clientId: number | null): void;
}

/** How often this tab's viewport goes out in presence while it pans or zooms (ms). */
export const VIEWPORT_EVERY_MS = 120;

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
        if (isParticipantState(state)) {
          list.push(readParticipant(clientId, state, awareness.clientID));
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
        const state = awareness.getLocalState() as {
          user?: unknown;
          selection?: unknown;
          following?: unknown;
        } | null;
        const key = JSON.stringify([state?.user, state?.selection, state?.following]);
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

  const sendViewport = useMemo(
    () =>
      createIntervalThrottle<SharedViewport>((viewport) => {
        awareness?.setLocalStateField('viewport', viewport);
      }, VIEWPORT_EVERY_MS),
    [awareness],
  );

  const setFollowing = useCallback(
    (clientId: number | null) => awareness?.setLocalStateField('following', clientId),
    [awareness],
  );

  return {
    participants,
    setCursor: sendCursor,
    setSelection,
    setViewport: sendViewport,
    setFollowing,
    setDeleted,
  };
}
