/**
 * One board's session in this tab, framework-free: the Y.Doc, the stock y-websocket provider
 * against our server, the device copy in IndexedDB (offline edits survive a reload), this user's
 * UndoManager, the read model the canvas renders (`BoardReadModel`), the actions it writes with
 * (`BoardActions`) and the connection status the badge shows. Created with `new`, ended with
 * `destroy()`; `useBoardSession` only ties that life to a React component (as xyflow's `XYDrag`
 * and `useDrag`). The canvas gets plain objects from here and never touches Yjs.
 *
 * Not to be confused with the server's `BoardConnection` (one websocket in a room).
 */
import { cardsMap, linksMap, websocketBase } from '@fire-triangle/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type BoardActions, createBoardActions } from './boardActions.ts';
import { BoardReadModel } from './boardReadModel.ts';
import {
  type ConnectionSignals,
  type ConnectionStatus,
  connectionPhase,
  nextUnsyncedCount,
} from './connectionState.ts';
import { DeviceMirror } from './deviceMirror.ts';

export interface BoardSessionOptions {
  boardId: string;
  /** The share token from the link (`?token=`); the server checks it on the upgrade. */
  token: string;
  /** Display name written as the author of new cards (`setAuthor` changes it). */
  author: string;
  /** Websocket base URL (y-websocket appends `/<boardId>`); default: this origin's `/ws`. */
  websocketUrl?: string;
}

/** The device storage a session binds its device copy to (y-indexeddb's `IndexeddbPersistence`). */
export interface DeviceStorage {
  /** Resolves once what the device held has been loaded. */
  whenSynced: Promise<unknown>;
  destroy(): unknown;
}

/** What a session takes from the browser; tests run one offline, without IndexedDB. */
export interface SessionEnvironment {
  /** `navigator.onLine`. */
  isOnline(): boolean;
  /** The window's `online`/`offline` events; returns the unsubscribe. */
  onNetworkChange(listener: (online: boolean) => void): () => void;
  /** Where the unsynced-edit count survives a reload (`localStorage`). */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Opens the device storage named `name` on `doc`; null for none. */
  openDeviceStorage: ((name: string, doc: Y.Doc) => DeviceStorage) | null;
  /** The WebSocket class y-websocket opens the connection with. */
  WebSocket: typeof WebSocket;
  /** The websocket base URL when the options give none. */
  defaultWebsocketUrl(): string;
}

export function browserEnvironment(): SessionEnvironment {
  return {
    isOnline: () => navigator.onLine,
    onNetworkChange(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
    storage: localStorage,
    openDeviceStorage: (name, doc) => new IndexeddbPersistence(name, doc),
    WebSocket,
    defaultWebsocketUrl: () => websocketBase(location.origin),
  };
}

/** This user's undo and redo (never another participant's edits). */
export interface BoardHistory {
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Called whenever `canUndo`/`canRedo` may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** What changes over a session's life, read with `getState` (same object until it changes). */
export interface SessionState {
  status: ConnectionStatus;
  /** True once the device copy has been loaded (the board shows what this device knew). */
  loadedFromDevice: boolean;
}

const unsyncedKey = (boardId: string) => `ft-unsynced:${boardId}`;
const HISTORY_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

export class BoardSession {
  readonly boardId: string;
  readonly readModel: BoardReadModel;
  readonly actions: BoardActions;
  readonly awareness: Awareness;
  /** This tab's id among the participants (awareness client id). */
  readonly clientId: number;
  readonly history: BoardHistory;

  private readonly doc = new Y.Doc();
  /** This tab's edits carry this origin: the UndoManager tracks it, the server never echoes it. */
  private readonly localOrigin: object;
  private readonly undoManager: Y.UndoManager;
  private readonly provider: WebsocketProvider;
  private readonly mirror: DeviceMirror | null;
  private readonly deviceStorage: DeviceStorage | null;
  private readonly listeners = new Set<() => void>();
  private readonly stopNetworkEvents: () => void;
  private author: string;
  private signals: ConnectionSignals;
  private unsynced: number;
  private loadedFromDevice = false;
  private state: SessionState;
  private destroyed = false;

  constructor(
    options: BoardSessionOptions,
    private readonly env: SessionEnvironment = browserEnvironment(),
  ) {
    const { boardId } = options;
    this.boardId = boardId;
    this.author = options.author;
    this.localOrigin = { source: 'local', boardId };
    const doc = this.doc;
    this.undoManager = new Y.UndoManager([cardsMap(doc), linksMap(doc)], {
      trackedOrigins: new Set([this.localOrigin]),
      captureTimeout: 500,
    });
    this.readModel = new BoardReadModel(doc);

    const openDeviceStorage = env.openDeviceStorage;
    this.mirror = openDeviceStorage ? new DeviceMirror(doc) : null;
    this.deviceStorage =
      openDeviceStorage && this.mirror
        ? openDeviceStorage(`fire-triangle/${boardId}`, this.mirror.doc)
        : null;
    const mirror = this.mirror;
    this.actions = createBoardActions(
      doc,
      this.localOrigin,
      this.undoManager,
      () => this.author,
      undefined,
      { onDragStart: () => mirror?.hold(), onDragEnd: () => mirror?.release() },
    );

    const undoManager = this.undoManager;
    this.history = {
      undo: () => undoManager.undo(),
      redo: () => undoManager.redo(),
      canUndo: () => undoManager.canUndo(),
      canRedo: () => undoManager.canRedo(),
      subscribe(listener) {
        for (const event of HISTORY_EVENTS) undoManager.on(event, listener);
        return () => {
          for (const event of HISTORY_EVENTS) undoManager.off(event, listener);
        };
      },
    };

    this.signals = {
      browserOnline: env.isOnline(),
      socketOpen: false,
      synced: false,
      everSynced: false,
      closed: null,
    };
    this.unsynced = Number(env.storage?.getItem(unsyncedKey(boardId)) ?? '0') || 0;
    this.state = this.readState();

    this.provider = new WebsocketProvider(
      options.websocketUrl ?? env.defaultWebsocketUrl(),
      boardId,
      doc,
      {
        params: { token: options.token },
        connect: this.signals.browserOnline,
        maxBackoffTime: 2000,
        // Tabs of one browser sync through the server like everyone else; the cross-tab channel
        // would post every drag frame to every other tab of the board.
        disableBc: true,
        WebSocketPolyfill: env.WebSocket,
      },
    );
    this.awareness = this.provider.awareness;
    this.clientId = doc.clientID;
    // A selection drag is drawn while its dragger is here (awareness ids are Yjs client ids).
    const awareness = this.awareness;
    this.readModel.setPresence(
      (clientId) => clientId === doc.clientID || awareness.getStates().has(clientId),
    );
    awareness.on('change', this.onPresenceChange);

    doc.on('update', this.onUpdate);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('closed', this.onClosed);
    void this.deviceStorage?.whenSynced.then(() => {
      if (this.destroyed) return;
      this.loadedFromDevice = true;
      this.changed();
    });
    // Chromium keeps an open websocket alive when the network goes away (and test tools emulate
    // offline the same way), so the browser's own offline signal closes it: edits then go to
    // IndexedDB only, and the badge says "offline" at once instead of after a timeout.
    this.stopNetworkEvents = env.onNetworkChange((online) => {
      if (online) {
        this.setSignals({ browserOnline: true });
        this.provider.connect();
      } else {
        this.provider.disconnect();
        this.setSignals({ browserOnline: false, socketOpen: false, synced: false });
      }
    });
  }

  /** The status and device state; the same object until something changed. */
  getState = (): SessionState => this.state;

  /** Called after every change of `getState()`; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The display name written as the author of the cards this user creates from now on. */
  setAuthor(name: string): void {
    this.author = name;
  }

  /** Closes the websocket, flushes and closes the device copy, frees the docs. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopNetworkEvents();
    this.awareness.off('change', this.onPresenceChange);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    // A drag still in progress reaches the device copy before the storage closes.
    this.mirror?.release();
    void this.deviceStorage?.destroy();
    this.mirror?.destroy();
    this.undoManager.destroy();
    this.readModel.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private readState(): SessionState {
    return {
      status: {
        phase: connectionPhase(this.signals),
        unsyncedEdits: this.unsynced,
        closed: this.signals.closed,
      },
      loadedFromDevice: this.loadedFromDevice,
    };
  }

  private changed(): void {
    // The provider still reports its last status while being destroyed: nobody listens then.
    if (this.destroyed) return;
    this.state = this.readState();
    for (const listener of [...this.listeners]) listener();
  }

  private setSignals(change: Partial<ConnectionSignals>): void {
    this.signals = { ...this.signals, ...change };
    this.changed();
  }

  private saveUnsynced(next: number): void {
    if (next === this.unsynced) return;
    this.unsynced = next;
    const key = unsyncedKey(this.boardId);
    if (next === 0) this.env.storage?.removeItem(key);
    else this.env.storage?.setItem(key, String(next));
    this.changed();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // The undo manager replays this tab's own edits with itself as origin.
    if (origin === this.localOrigin || origin === this.undoManager) {
      this.saveUnsynced(
        nextUnsyncedCount(this.unsynced, { kind: 'local-edit', synced: this.signals.synced }),
      );
    }
  };

  private readonly onPresenceChange = (changes: { added: number[]; removed: number[] }): void => {
    if (changes.added.length > 0 || changes.removed.length > 0) this.readModel.refreshDrags();
  };

  private readonly onStatus = ({ status }: { status: string }): void => {
    const open = status === 'connected';
    // On reconnect the stock provider resends our presence with an unchanged clock, which the
    // server (like every y-protocols peer) ignores as old news until the ~15 s renewal: bump
    // the clock so others see us again at once.
    const presence = this.awareness.getLocalState();
    if (open && presence !== null) this.awareness.setLocalState(presence);
    this.setSignals({ socketOpen: open, synced: open ? this.signals.synced : false });
  };

  private readonly onSync = (isSynced: boolean): void => {
    if (isSynced) this.saveUnsynced(nextUnsyncedCount(this.unsynced, { kind: 'synced' }));
    this.setSignals({ synced: isSynced, everSynced: this.signals.everSynced || isSynced });
  };

  private readonly onClosed = ({ code, reason }: { code: number; reason: string }): void => {
    this.setSignals({ closed: { code, reason } });
  };
}
