/**
 * The history panel's state and actions (issue #9): the list of versions, the version opened
 * read-only over the live board, the restore being confirmed and the last restore (to undo it).
 * The REST calls are `api/history.ts`; the words `historyText.ts`; what a restore will change is
 * computed here from the version and the live board (shared `diffBoards`), frozen when the
 * facilitator asks, with the snapshot of what they saw (`seen`) that the server keeps edits
 * made after.
 */
import {
  type BoardFileV1,
  type BoardSnapshot,
  diffBoards,
  type RestoreResponse,
  type Role,
  snapshotOfFile,
  type VersionSummary,
} from '@fire-triangle/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/boards.ts';
import { type HistoryApi, historyApi } from '../api/history.ts';
import type { BoardUi } from '../board/boardUi.ts';
import type { BoardSession } from '../sync/boardSession.ts';
import { restorePreview, restoreResult, type Translate } from './historyText.ts';

/** How often the open panel asks for new versions (ms): autosaves arrive on their own. */
const REFRESH_MS = 20_000;

export interface OpenedVersion {
  version: VersionSummary;
  board: BoardSnapshot;
  file: BoardFileV1;
}

export interface PendingRestore {
  version: VersionSummary;
  /** What the restore will do, one line each (from the board as it was when asked). */
  preview: string[];
  /** The live board as the facilitator saw it then (`BoardSession.seenSnapshot`). */
  seen: string;
}

export interface VersionHistory {
  canRestore: boolean;
  panelOpen: boolean;
  versions: VersionSummary[] | null;
  listError: string | null;
  opened: OpenedVersion | null;
  openingId: number | null;
  openError: string | null;
  pendingRestore: PendingRestore | null;
  working: boolean;
  /** The last restore this tab made, until dismissed (its `before` version undoes it). */
  lastRestore: { response: RestoreResponse; text: string } | null;
  togglePanel(): void;
  closePanel(): void;
  refresh(): void;
  openVersion(version: VersionSummary): void;
  /** Closes the opened version; false when none was open. */
  closeVersion(): boolean;
  nameVersion(name: string): Promise<boolean>;
  renameVersion(version: VersionSummary, name: string): void;
  askRestore(version: VersionSummary): void;
  cancelRestore(): void;
  confirmRestore(): void;
  restoreCard(version: VersionSummary, cardId: string, title: string): void;
  undoRestore(): void;
  dismissRestore(): void;
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export function useVersionHistory(input: {
  session: BoardSession;
  role: Role;
  userName: string;
  ui: BoardUi;
  t: Translate;
}): VersionHistory {
  const { session, role, userName, ui, t } = input;
  const api: HistoryApi = useMemo(
    () => historyApi(session.boardId, session.token),
    [session.boardId, session.token],
  );
  const canRestore = role === 'facilitator';
  const [panelOpen, setPanelOpen] = useState(false);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [opened, setOpened] = useState<OpenedVersion | null>(null);
  const [openingId, setOpeningId] = useState<number | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [pendingRestore, setPendingRestore] = useState<PendingRestore | null>(null);
  const [working, setWorking] = useState(false);
  const [lastRestore, setLastRestore] = useState<VersionHistory['lastRestore']>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const refresh = useCallback(() => {
    api.list().then(
      (answer) => {
        if (!alive.current) return;
        setVersions(answer.versions);
        setListError(null);
      },
      (error: unknown) => alive.current && setListError(messageOf(error)),
    );
  }, [api]);

  useEffect(() => {
    if (!panelOpen) return;
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [panelOpen, refresh]);

  /** Loads a version's board (the one opened, or another for a restore from the list). */
  const load = useCallback(
    async (version: VersionSummary): Promise<OpenedVersion> => {
      if (opened?.version.id === version.id) return opened;
      const answer = await api.open(version.id);
      return { version: answer.version, board: snapshotOfFile(answer.board), file: answer.board };
    },
    [api, opened],
  );

  const openVersion = useCallback(
    (version: VersionSummary) => {
      setOpeningId(version.id);
      setOpenError(null);
      load(version).then(
        (loaded) => {
          if (!alive.current) return;
          setOpened(loaded);
          setOpeningId(null);
        },
        (error: unknown) => {
          if (!alive.current) return;
          setOpeningId(null);
          setOpenError(t('version.error', { error: messageOf(error) }));
        },
      );
    },
    [load, t],
  );

  const closeVersion = useCallback(() => {
    const wasOpen = opened !== null || openError !== null;
    setOpened(null);
    setOpenError(null);
    setPendingRestore(null);
    return wasOpen;
  }, [opened, openError]);

  const nameVersion = useCallback(
    async (name: string) => {
      try {
        await api.name(name);
        ui.getState().notify(t('history.named', { name }));
        refresh();
        return true;
      } catch (error) {
        ui.getState().notify(messageOf(error));
        return false;
      }
    },
    [api, refresh, t, ui],
  );

  const renameVersion = useCallback(
    (version: VersionSummary, name: string) => {
      api.rename(version.id, name).then(refresh, (error: unknown) => {
        ui.getState().notify(messageOf(error));
      });
    },
    [api, refresh, ui],
  );

  const askRestore = useCallback(
    (version: VersionSummary) => {
      if (!canRestore) return;
      setWorking(true);
      load(version).then(
        (loaded) => {
          if (!alive.current) return;
          setWorking(false);
          // Frozen here: the facilitator confirms what they read; what others change after
          // `seen` is kept by the server.
          const diff = diffBoards(loaded.board, session.readModel.snapshot());
          setPendingRestore({
            version: loaded.version,
            preview: restorePreview(diff, t),
            seen: session.seenSnapshot(),
          });
        },
        (error: unknown) => {
          if (!alive.current) return;
          setWorking(false);
          ui.getState().notify(t('version.error', { error: messageOf(error) }));
        },
      );
    },
    [canRestore, load, session, t, ui],
  );

  const finishRestore = useCallback(
    (response: RestoreResponse, text: string) => {
      setLastRestore({ response, text });
      ui.getState().notify(text);
      setOpened(null);
      refresh();
    },
    [refresh, ui],
  );

  const confirmRestore = useCallback(() => {
    const pending = pendingRestore;
    if (!pending) return;
    setWorking(true);
    api.restore(pending.version.id, { seen: pending.seen, by: userName }).then(
      (response) => {
        if (!alive.current) return;
        setWorking(false);
        setPendingRestore(null);
        finishRestore(response, restoreResult(response.summary, t));
      },
      (error: unknown) => {
        if (!alive.current) return;
        setWorking(false);
        setPendingRestore(null);
        ui.getState().notify(t('restore.failed', { error: messageOf(error) }));
      },
    );
  }, [api, finishRestore, pendingRestore, t, ui, userName]);

  const restoreCard = useCallback(
    (version: VersionSummary, cardId: string, title: string) => {
      if (!canRestore) return;
      setWorking(true);
      api.restoreCard(version.id, { cardId, by: userName }).then(
        (response) => {
          if (!alive.current) return;
          setWorking(false);
          finishRestore(response, t('restore.cardDone', { card: title || t('card.untitled') }));
        },
        (error: unknown) => {
          if (!alive.current) return;
          setWorking(false);
          ui.getState().notify(t('restore.failed', { error: messageOf(error) }));
        },
      );
    },
    [api, canRestore, finishRestore, t, ui, userName],
  );

  const undoRestore = useCallback(() => {
    const last = lastRestore;
    if (!last) return;
    setWorking(true);
    // Undo = restore the version taken just before, with the board as the restore left it for
    // `seen`: what the restore changed goes back, what anyone wrote since is kept.
    api.restore(last.response.before.id, { seen: last.response.undoSeen, by: userName }).then(
      () => {
        if (!alive.current) return;
        setWorking(false);
        setLastRestore(null);
        ui.getState().notify(t('restore.undone'));
        refresh();
      },
      (error: unknown) => {
        if (!alive.current) return;
        setWorking(false);
        ui.getState().notify(t('restore.failed', { error: messageOf(error) }));
      },
    );
  }, [api, lastRestore, refresh, t, ui, userName]);

  return {
    canRestore,
    panelOpen,
    versions,
    listError,
    opened,
    openingId,
    openError,
    pendingRestore,
    working,
    lastRestore,
    togglePanel: useCallback(() => setPanelOpen((open) => !open), []),
    closePanel: useCallback(() => setPanelOpen(false), []),
    refresh,
    openVersion,
    closeVersion,
    nameVersion,
    renameVersion,
    askRestore,
    cancelRestore: useCallback(() => setPendingRestore(null), []),
    confirmRestore,
    restoreCard,
    undoRestore,
    dismissRestore: useCallback(() => setLastRestore(null), []),
  };
}
