/**
 * One board's live connection: the Y.Doc, the websocket provider (stock y-websocket against our
 * server), the IndexedDB copy that keeps offline edits across reloads, the per-user
 * UndoManager, and the connection state the badge shows. The canvas receives plain objects from
 * here (a `BoardStore` to read, `BoardActions` to write) and never touches Yjs itself.
 */
import { cardsMap, linksMap } from '@fire-triangle/shared';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type BoardActions, createBoardActions } from './boardActions.ts';
import { BoardStore } from './boardStore.ts';
import {
  type ConnectionSignals,
  type ConnectionStatus,
  connectionPhase,
  nextUnsyncedCount,
} from './connectionState.ts';

export interface BoardHistory {
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

export interface BoardConnection {
  boardId: string;
  store: BoardStore;
  actions: BoardActions;
  awareness: Awareness;
  /** This tab's id among the participants (awareness client id). */
  clientId: number;
  undoManager: {
    undo(): void;
    redo(): void;
    canUndo(): boolean;
    canRedo(): boolean;
    subscribe(listener: () => void): () => void;
  };
  status: ConnectionStatus;
  /** True once the IndexedDB copy has been loaded (the board shows what this device knew). */
  loadedFromDevice: boolean;
}

export interface BoardConnectionOptions {
  boardId: string;
  token: string;
  /** Display name used as card author. */
  author: string;
  /** Websocket base URL; defaults to this origin's `/ws`. */
  websocketUrl?: string;
}

function defaultWebsocketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}

const unsyncedKey = (boardId: string) => `ft-unsynced:${boardId}`;

interface Live {
  doc: Y.Doc;
  store: BoardStore;
  actions: BoardActions;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence;
  undoManager: Y.UndoManager;
}

export function useBoardConnection(options: BoardConnectionOptions | null): BoardConnection | null {
  const { boardId, token, websocketUrl } = options ?? {};
  const [live, setLive] = useState<Live | null>(null);
  const [signals, setSignals] = useState<ConnectionSignals>(() => ({
    browserOnline: navigator.onLine,
    socketOpen: false,
    synced: false,
    everSynced: false,
    closedReason: null,
  }));
  const [unsynced, setUnsynced] = useState(0);
  const [loadedFromDevice, setLoadedFromDevice] = useState(false);
  const authorRef = useLatest(options?.author ?? '');

  useEffect(() => {
    if (!boardId || token === undefined) return;
    const doc = new Y.Doc();
    // This tab's edits carry this origin: the UndoManager tracks it, the server never echoes it.
    const localOrigin = { source: 'local', boardId };
    const undoManager = new Y.UndoManager([cardsMap(doc), linksMap(doc)], {
      trackedOrigins: new Set([localOrigin]),
      captureTimeout: 500,
    });
    const store = new BoardStore(doc);
    const persistence = new IndexeddbPersistence(`fire-triangle/${boardId}`, doc);
    const dragWrites = deferDragWrites(doc, persistence);
    const actions = createBoardActions(
      doc,
      localOrigin,
      undoManager,
      () => authorRef.current,
      undefined,
      { onDragStart: dragWrites.pause, onDragEnd: dragWrites.resume },
    );
    const provider = new WebsocketProvider(websocketUrl ?? defaultWebsocketUrl(), boardId, doc, {
      params: { token },
      connect: navigator.onLine,
      maxBackoffTime: 2000,
      // Tabs of one browser sync through the server like everyone else; the cross-tab channel
      // would post every drag frame to every other tab of the board.
      disableBc: true,
    });

    let synced = false;
    let pending = Number(localStorage.getItem(unsyncedKey(boardId)) ?? '0') || 0;
    setUnsynced(pending);
    const savePending = (next: number) => {
      if (next === pending) return;
      pending = next;
      if (next === 0) localStorage.removeItem(unsyncedKey(boardId));
      else localStorage.setItem(unsyncedKey(boardId), String(next));
      setUnsynced(next);
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // The undo manager replays this tab's own edits with itself as origin.
      if (origin === localOrigin || origin === undoManager) {
        savePending(nextUnsyncedCount(pending, { kind: 'local-edit', synced }));
      }
    };
    doc.on('update', onUpdate);

    provider.on('status', ({ status }) => {
      const open = status === 'connected';
      if (!open) synced = false;
      // On reconnect the stock provider resends our presence with an unchanged clock, which the
      // server (like every y-protocols peer) ignores as old news until the ~15 s renewal: bump
      // the clock so others see us again at once.
      if (open && provider.awareness.getLocalState() !== null) {
        provider.awareness.setLocalState(provider.awareness.getLocalState());
      }
      setSignals((s) => ({ ...s, socketOpen: open, synced: open ? s.synced : false }));
    });
    provider.on('sync', (isSynced: boolean) => {
      synced = isSynced;
      if (isSynced) savePending(nextUnsyncedCount(pending, { kind: 'synced' }));
      setSignals((s) => ({ ...s, synced: isSynced, everSynced: s.everSynced || isSynced }));
    });
    provider.on('closed', ({ code, reason }) => {
      setSignals((s) => ({ ...s, closedReason: reason || `closed (${code})` }));
    });
    persistence.on('synced', () => setLoadedFromDevice(true));

    // Chromium keeps an open websocket alive when the network goes away (and test tools emulate
    // offline the same way), so the browser's own offline signal closes it: edits then go to
    // IndexedDB only, and the badge says "offline" at once instead of after a timeout.
    const goOffline = () => {
      provider.disconnect();
      setSignals((s) => ({ ...s, browserOnline: false, socketOpen: false, synced: false }));
    };
    const goOnline = () => {
      setSignals((s) => ({ ...s, browserOnline: true }));
      provider.connect();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);

    setLive({ doc, store, actions, provider, persistence, undoManager });
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('update', onUpdate);
      dragWrites.resume();
      provider.destroy();
      void persistence.destroy();
      undoManager.destroy();
      store.destroy();
      doc.destroy();
      setLive(null);
      setLoadedFromDevice(false);
      setSignals((s) => ({ ...s, socketOpen: false, synced: false, closedReason: null }));
    };
  }, [boardId, token, websocketUrl, authorRef]);

  const status = useMemo<ConnectionStatus>(
    () => ({
      phase: connectionPhase(signals),
      unsyncedEdits: unsynced,
      closedReason: signals.closedReason,
    }),
    [signals, unsynced],
  );

  return useMemo((): BoardConnection | null => {
    if (!live || !boardId) return null;
    const { undoManager } = live;
    return {
      boardId,
      store: live.store,
      actions: live.actions,
      awareness: live.provider.awareness,
      clientId: live.doc.clientID,
      undoManager: {
        undo: () => undoManager.undo(),
        redo: () => undoManager.redo(),
        subscribe(listener: () => void) {
          const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
          for (const event of events) undoManager.on(event, listener);
          return () => {
            for (const event of events) undoManager.off(event, listener);
          };
        },
        canUndo: () => undoManager.canUndo(),
        canRedo: () => undoManager.canRedo(),
      },
      status,
      loadedFromDevice,
    };
  }, [live, boardId, status, loadedFromDevice]);
}

/** Undo/redo for this user only, with whether each is possible right now. */
export function useBoardHistory(connection: BoardConnection | null): BoardHistory {
  const manager = connection?.undoManager;
  const subscribe = useMemo(
    () => (listener: () => void) => manager?.subscribe(listener) ?? (() => {}),
    [manager],
  );
  const canUndo = useSyncExternalStore(subscribe, () => manager?.canUndo() ?? false);
  const canRedo = useSyncExternalStore(subscribe, () => manager?.canRedo() ?? false);
  return {
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
    canUndo,
    canRedo,
  };
}

/**
 * During a drag, positions change every frame. They go to the server live, but IndexedDB gets
 * them as one merged update on drop: sixty IndexedDB writes a second (and y-indexeddb's full-doc
 * compaction every 500 of them) would cost the drag frames on a big board. A drag cut short by
 * closing the tab loses only that drag's positions locally — the server has them already.
 */
function deferDragWrites(doc: Y.Doc, persistence: IndexeddbPersistence) {
  let buffer: Uint8Array[] = [];
  let paused = false;
  const collect = (update: Uint8Array, origin: unknown) => {
    if (origin !== persistence) buffer.push(update);
  };
  return {
    pause() {
      if (paused) return;
      paused = true;
      doc.off('update', persistence._storeUpdate);
      doc.on('update', collect);
    },
    resume() {
      if (!paused) return;
      paused = false;
      doc.off('update', collect);
      doc.on('update', persistence._storeUpdate);
      if (buffer.length > 0) persistence._storeUpdate(Y.mergeUpdates(buffer), null);
      buffer = [];
    },
  };
}

/** A ref that always holds the latest value, for callbacks created once. */
function useLatest<T>(value: T): { readonly current: T } {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
