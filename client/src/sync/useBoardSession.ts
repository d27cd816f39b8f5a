/**
 * The React binding of a `BoardSession`: one session per (board, token, server) for as long as
 * the component is mounted, and hooks that read what changes (status, undo/redo, the read
 * model's versions) through `useSyncExternalStore`. Everything else is in `boardSession.ts`.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { BoardReadModel } from './boardReadModel.ts';
import { BoardSession, type BoardSessionOptions, type SessionState } from './boardSession.ts';

/** The session for these options, or null while there is none (no options, or not yet made). */
export function useBoardSession(options: BoardSessionOptions | null): BoardSession | null {
  const { boardId, token, websocketUrl, role } = options ?? {};
  const author = options?.author ?? '';
  const [session, setSession] = useState<BoardSession | null>(null);
  // A new name changes the author of the next cards; it must not reconnect.
  const authorRef = useRef(author);
  authorRef.current = author;

  useEffect(() => {
    if (!boardId || token === undefined) return;
    const created = new BoardSession({
      boardId,
      token,
      websocketUrl,
      role,
      author: authorRef.current,
    });
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
  }, [boardId, token, websocketUrl, role]);

  useEffect(() => session?.setAuthor(author), [session, author]);
  return session;
}

/** The session's connection status and device state; re-renders when they change. */
export function useSessionState(session: BoardSession): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** Undo/redo for this user only, with whether each is possible right now. */
export function useBoardHistory(session: BoardSession) {
  const { history } = session;
  const canUndo = useSyncExternalStore(history.subscribe, history.canUndo);
  const canRedo = useSyncExternalStore(history.subscribe, history.canRedo);
  return { undo: history.undo, redo: history.redo, canUndo, canRedo };
}

/** Re-renders only when something the validator reads changed (not on a drag frame). */
export function useStructureVersion(readModel: BoardReadModel): number {
  return useSyncExternalStore(readModel.subscribe, () => readModel.structureVersion);
}

/** Re-renders when the board changes; returns the read model's change counter. */
export function useBoardVersion(readModel: BoardReadModel): number {
  return useSyncExternalStore(readModel.subscribe, readModel.getVersion);
}
