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
import {
  canEditBoard,
  cardsMap,
  LIMITS,
  linksMap,
  MESSAGE_TYPES,
  type Role,
  SYNC_STEPS,
  websocketBase,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type BoardActions, createBoardActions } from './boardActions.ts';
import { BoardReadModel } from './boardReadModel.ts';
import {
  type ConnectionSignals,
  type ConnectionStatus,
  connectionPhase,
  type ServerClose,
} from './connectionState.ts';
import { DeviceMirror } from './deviceMirror.ts';
import { FacilitationClient, NO_DRAFT } from './facilitation.ts';
import { MergedHistory } from './mergedHistory.ts';
import { OwnUndo, type UndoOutcome } from './ownUndo.ts';
import { openDraftKey, PrivateDraft } from './privateDraft.ts';
import { closeKind, HEALTHY_AFTER_MS, reconnectDelay } from './reconnectPolicy.ts';
import { routeActions } from './routedActions.ts';
import {
  decodeServerFrame,
  FIRE_TRIANGLE_MESSAGE_TYPE,
  noticeOfFrame,
  type SessionNotice,
} from './serverNotices.ts';
import { SyncAcks } from './syncAcks.ts';

export interface BoardSessionOptions {
  boardId: string;
  /** The share token from the link (`?token=`); the server checks it on the upgrade. */
  token: string;
  /** Display name written as the author of new cards (`setAuthor` changes it). */
  author: string;
  /** Websocket base URL (y-websocket appends `/<boardId>`); default: this origin's `/ws`. */
  websocketUrl?: string;
  /** The board size (bytes of Yjs state) past which this tab stops adding to the board; default
   * `LIMITS.boardBytes`, the server's cap. Tests pass a small one. */
  boardBytesLimit?: number;
  /** The role of the share token (`BoardInfo.role`): a viewer writes no private cards. Default
   * `editor`; the server decides anyway. */
  role?: Role;
}

/** The device storage a session binds its device copy to (y-indexeddb's `IndexeddbPersistence`). */
export interface DeviceStorage {
  /** Resolves once what the device held has been loaded. */
  whenSynced: Promise<unknown>;
  destroy(): unknown;
  /** Deletes what is stored and closes (y-indexeddb's `clearData`); absent: `destroy` only. */
  clearData?(): Promise<unknown>;
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

/** This user's undo and redo (never another participant's edits; see `ownUndo.ts`). */
export interface BoardHistory {
  /** Undoes one step of this user's; what it did (kept cards, nothing left to undo), or null
   * when there was nothing to undo. */
  undo(): UndoOutcome | null;
  redo(): UndoOutcome | null;
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
  /** The board's size as this tab last measured it (bytes of Yjs state; an upper bound between
   * measurements), and whether it has reached the limit — then this tab adds nothing more. */
  boardBytes: { size: number; limit: number; full: boolean };
}

const unsyncedKey = (boardId: string) => `ft-unsynced:${boardId}`;

/** How long after sending edits the acknowledging sync step 1 goes out (ms): edits made in that
 * time share one round trip. */
export const PROBE_DELAY_MS = 150;
/** A sync step 1 not answered in this long (with nothing left to upload) means the connection
 * is dead even if the socket says open (Wi-Fi gone, no FIN): reconnect (ms). */
export const ACK_TIMEOUT_MS = 6_000;
/** An idle open connection is checked this often with a sync step 1 (ms). */
export const KEEPALIVE_MS = 15_000;
/** A socket still connecting after this long is given up and retried (ms). */
export const CONNECT_TIMEOUT_MS = 10_000;
/** How often the liveness of the connection is checked (ms). */
const LIVENESS_TICK_MS = 1_000;
/** Past this share of the limit, the board's size is measured exactly (at most every 2 s). */
const MEASURE_FROM = 0.9;
const MEASURE_EVERY_MS = 2_000;

/** What the tab's WebSocket reports of each frame it sends. */
type FrameSent = 'probe' | 'update' | 'step2' | 'other';

function frameKind(data: unknown): FrameSent {
  if (!(data instanceof Uint8Array) && !(data instanceof ArrayBuffer)) return 'other';
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // One-byte varuints: message type 0 (sync), then the sync step.
  if (bytes.length < 2 || bytes[0] !== MESSAGE_TYPES.sync) return 'other';
  if (bytes[1] === SYNC_STEPS.step1) return 'probe';
  if (bytes[1] === SYNC_STEPS.update) return 'update';
  if (bytes[1] === SYNC_STEPS.step2) {
    // An empty step 2 (no structs, no deletions) carries nothing: still a frame the server
    // stores nothing for, but harmless to count.
    return 'step2';
  }
  return 'other';
}

export class BoardSession {
  readonly boardId: string;
  /** The share link's token: the REST calls about this board (its history) carry it too. */
  readonly token: string;
  readonly readModel: BoardReadModel;
  readonly actions: BoardActions;
  readonly awareness: Awareness;
  /** This tab's id among the participants (awareness client id). */
  readonly clientId: number;
  readonly history: BoardHistory;
  /** The workshop: timer, locks, stage, votes, commands, the server's clock (`facilitation.ts`). */
  readonly facilitation: FacilitationClient;

  private readonly doc = new Y.Doc();
  /** This tab's edits carry this origin: the UndoManager tracks it, the server never echoes it. */
  private readonly localOrigin: object;
  private readonly undo: OwnUndo;
  private readonly provider: WebsocketProvider;
  private readonly mirror: DeviceMirror | null;
  private readonly deviceStorage: DeviceStorage | null;
  private readonly listeners = new Set<() => void>();
  private readonly noticeListeners = new Set<(notice: SessionNotice) => void>();
  private readonly stopNetworkEvents: () => void;
  private author: string;
  private signals: ConnectionSignals;
  private readonly acks: SyncAcks;
  /** The undo step of the transaction being dispatched (set by the undo manager's events, which
   * fire just before the doc's `update`): the operation an update belongs to. */
  private currentOperation: object | null = null;
  /** The data frame the provider sent for the update being dispatched, if any. */
  private frameOfCurrentUpdate: number | null = null;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private healthyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly livenessTimer: ReturnType<typeof setInterval>;
  private failures = 0;
  private socketOpenedAt = 0;
  private lastReceivedAt = 0;
  private lastClose: ServerClose | null = null;
  private readonly bytesLimit: number;
  private boardBytes = 0;
  private measuredAt = 0;
  private loadedFromDevice = false;
  private state: SessionState;
  private destroyed = false;
  private readonly role: Role;
  private readonly websocketUrl: string;
  /** This participant's private doc during a private writing round, or null. */
  private draft: PrivateDraft | null = null;
  private readonly mergedHistory: MergedHistory;

  constructor(
    options: BoardSessionOptions,
    private readonly env: SessionEnvironment = browserEnvironment(),
  ) {
    const { boardId } = options;
    this.boardId = boardId;
    this.token = options.token;
    this.author = options.author;
    this.localOrigin = { source: 'local', boardId };
    const doc = this.doc;
    this.undo = new OwnUndo(doc, this.localOrigin);
    const undoManager = this.undo.manager;
    // The undo step of each local transaction, learnt just before its update is dispatched.
    const rememberOperation = ({ stackItem }: { stackItem: object }) => {
      this.currentOperation = stackItem;
    };
    undoManager.on('stack-item-added', rememberOperation);
    undoManager.on('stack-item-updated', rememberOperation);
    this.readModel = new BoardReadModel(doc);
    this.bytesLimit = options.boardBytesLimit ?? LIMITS.boardBytes;

    const openDeviceStorage = env.openDeviceStorage;
    this.mirror = openDeviceStorage ? new DeviceMirror(doc) : null;
    this.deviceStorage =
      openDeviceStorage && this.mirror
        ? openDeviceStorage(`fire-triangle/${boardId}`, this.mirror.doc)
        : null;
    const mirror = this.mirror;
    const boardActions = createBoardActions(
      doc,
      this.localOrigin,
      undoManager,
      () => this.author,
      undefined,
      {
        onDragStart: () => mirror?.hold(),
        onDragEnd: () => mirror?.release(),
        boardFull: () => this.state.boardBytes.full,
        onRefused: (limit) => this.emitNotice({ kind: 'limit', limit }),
      },
    );
    this.actions = routeActions(boardActions, () => this.draft);
    this.role = options.role ?? 'editor';
    this.websocketUrl = options.websocketUrl ?? env.defaultWebsocketUrl();

    this.mergedHistory = new MergedHistory(this.undo);
    const merged = this.mergedHistory;
    this.history = {
      undo: merged.undo,
      redo: merged.redo,
      canUndo: merged.canUndo,
      canRedo: merged.canRedo,
      subscribe: merged.subscribe,
    };
    this.facilitation = new FacilitationClient(doc, {
      boardId,
      storage: env.storage,
      send: (message) => {
        const ws = this.provider?.ws;
        if (!ws || ws.readyState !== ws.OPEN || !this.provider.wsconnected) return false;
        ws.send(message);
        return true;
      },
    });

    this.signals = {
      browserOnline: env.isOnline(),
      socketOpen: false,
      synced: false,
      everSynced: false,
      closed: null,
    };
    const restored = Number(env.storage?.getItem(unsyncedKey(boardId)) ?? '0');
    this.acks = new SyncAcks(Number.isInteger(restored) && restored > 0 ? restored : 0);
    this.state = this.readState();

    this.provider = new WebsocketProvider(this.websocketUrl, boardId, doc, {
      params: { token: options.token },
      connect: this.signals.browserOnline,
      // Tabs of one browser sync through the server like everyone else; the cross-tab channel
      // would post every drag frame to every other tab of the board.
      disableBc: true,
      WebSocketPolyfill: this.observedWebSocket(env.WebSocket),
      // Every close the server makes comes here: this session decides whether and when to
      // reconnect (`reconnectPolicy.ts`); the stock backoff resets too early.
      shouldReconnect: (event) => {
        this.onServerClose({ code: event.code, reason: event.reason });
        return false;
      },
    });
    this.awareness = this.provider.awareness;
    this.clientId = doc.clientID;
    // A selection drag is drawn while its dragger is here (awareness ids are Yjs client ids).
    const awareness = this.awareness;
    this.readModel.setPresence(
      (clientId) => clientId === doc.clientID || awareness.getStates().has(clientId),
    );
    awareness.on('change', this.onPresenceChange);
    this.observeIncomingFrames();

    doc.on('update', this.onUpdate);
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.facilitation.subscribe(this.syncDraft);
    this.syncDraft();
    this.livenessTimer = setInterval(this.checkLiveness, LIVENESS_TICK_MS);
    void this.deviceStorage?.whenSynced.then(() => {
      if (this.destroyed) return;
      this.loadedFromDevice = true;
      this.changed();
    });
    // Chromium keeps an open websocket alive when the network goes away (and test tools emulate
    // offline the same way), so the browser's own offline signal closes it: edits then go to
    // IndexedDB only, and the badge says "offline" at once instead of after a timeout.
    this.stopNetworkEvents = env.onNetworkChange((online) => {
      this.cancelReconnect();
      if (online) {
        this.failures = 0;
        this.setSignals({ browserOnline: true });
        if (this.signals.closed === null) this.provider.connect();
      } else {
        this.provider.disconnect();
        this.draft?.disconnect();
        this.setSignals({ browserOnline: false, socketOpen: false, synced: false });
      }
      this.syncDraft();
    });
  }

  /** Tells `listener` about refused writes and refused limits; returns the unsubscribe. */
  onNotice(listener: (notice: SessionNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
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
  /**
   * The board as this tab sees it now, as a Yjs snapshot (state vector and deletions), base64:
   * what a restore sends as `seen`, so the server keeps whatever others change after it
   * (docs/server-spec.md S-HIST-4).
   */
  seenSnapshot(): string {
    const bytes = Y.encodeSnapshot(Y.snapshot(this.doc));
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopNetworkEvents();
    this.awareness.off('change', this.onPresenceChange);
    this.cancelReconnect();
    clearInterval(this.livenessTimer);
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    if (this.healthyTimer !== null) clearTimeout(this.healthyTimer);
    this.doc.off('update', this.onUpdate);
    this.facilitation.destroy();
    // The device copy of a private round stays: a reload during the round finds it.
    this.draft?.destroy({ clear: false });
    this.draft = null;
    this.provider.destroy();
    // A drag still in progress reaches the device copy before the storage closes.
    this.mirror?.release();
    void this.deviceStorage?.destroy();
    this.mirror?.destroy();
    this.undo.destroy();
    this.readModel.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.noticeListeners.clear();
  }

  private readState(): SessionState {
    const phase = connectionPhase(this.signals);
    return {
      status: {
        phase,
        unsyncedEdits: this.acks.unsynced,
        closed: this.signals.closed,
        lastClose: phase === 'reconnecting' || phase === 'connecting' ? this.lastClose : null,
      },
      loadedFromDevice: this.loadedFromDevice,
      boardBytes: {
        size: this.boardBytes,
        limit: this.bytesLimit,
        full: this.boardBytes >= this.bytesLimit,
      },
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

  private emitNotice(notice: SessionNotice): void {
    if (this.destroyed) return;
    for (const listener of [...this.noticeListeners]) listener(notice);
  }

  /** Keeps the unsynced count where a reload finds it (edits wait in the device copy). */
  private saveUnsynced(): void {
    const key = unsyncedKey(this.boardId);
    const count = this.acks.unsynced;
    if (count === 0) this.env.storage?.removeItem(key);
    else this.env.storage?.setItem(key, String(count));
    this.changed();
  }

  // -------------------------------------------------------------------------------------------
  // The wire: what is sent and answered (acknowledgements, liveness)

  /** The WebSocket class the provider opens, reporting each frame it sends to this session. */
  private observedWebSocket(Base: typeof WebSocket): typeof WebSocket {
    const session = this;
    return class ObservedWebSocket extends Base {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        super.send(data);
        session.onFrameSent(frameKind(data));
      }
    } as typeof WebSocket;
  }

  private onFrameSent(kind: FrameSent): void {
    if (this.destroyed) return;
    if (kind === 'probe') {
      this.acks.probeSent(Date.now());
    } else if (kind === 'update') {
      this.frameOfCurrentUpdate = this.acks.dataSent('update');
    } else if (kind === 'step2') {
      this.acks.dataSent('step2');
      this.scheduleProbe();
    }
  }

  /** Wraps the provider's handler of sync messages to see every sync step 2 that arrives (an
   * acknowledgement) and registers the handler of Fire Triangle's notice frames. */
  private observeIncomingFrames(): void {
    const handlers = this.provider.messageHandlers;
    const handleSync = handlers[MESSAGE_TYPES.sync]!;
    handlers[MESSAGE_TYPES.sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      this.lastReceivedAt = Date.now();
      const step = decoding.readVarUint(decoding.clone(decoder));
      handleSync(encoder, decoder, provider, emitSynced, messageType);
      if (step === SYNC_STEPS.step2 && this.acks.step2Received()) this.saveUnsynced();
      if (step === SYNC_STEPS.step2) this.scheduleProbe();
    };
    for (const type of [MESSAGE_TYPES.awareness, MESSAGE_TYPES.queryAwareness] as const) {
      const handle = handlers[type];
      if (!handle) continue;
      handlers[type] = (...args) => {
        this.lastReceivedAt = Date.now();
        handle(...args);
      };
    }
    handlers[FIRE_TRIANGLE_MESSAGE_TYPE] = (_encoder, decoder) => {
      this.lastReceivedAt = Date.now();
      const frame = decodeServerFrame(decoder);
      const notice = noticeOfFrame(frame);
      if (frame && !notice) {
        this.facilitation.receive(frame);
        if (frame.type === 'welcome') this.syncDraft();
      }
      if (!notice) return;
      this.emitNotice(notice);
      // A change the server could not attribute: start over with a full exchange.
      if (notice.kind === 'write-refused' && notice.reasons.includes('unattributable')) {
        this.provider.disconnect();
        this.provider.connect();
      }
    };
  }

  /** Sends a sync step 1 soon if edits went out that no step 1 in flight covers. */
  private scheduleProbe(): void {
    if (this.probeTimer !== null || this.destroyed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      // One probe in flight at a time: its answer schedules the next one if needed.
      if (this.acks.oldestProbe() === null && this.acks.needsProbe()) this.sendProbe();
    }, PROBE_DELAY_MS);
  }

  private sendProbe(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== ws.OPEN || !this.provider.wsconnected) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_TYPES.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
  }

  /** Once a second: a step 1 unanswered too long, or a socket stuck connecting, is a dead
   * connection; an idle one is checked now and then. */
  private readonly checkLiveness = (): void => {
    if (this.destroyed) return;
    const ws = this.provider.ws;
    const now = Date.now();
    if (!ws) return;
    if (ws.readyState === ws.CONNECTING) {
      if (this.socketOpenedAt > 0 && now - this.socketOpenedAt > CONNECT_TIMEOUT_MS) {
        this.dropConnection(null);
      }
      return;
    }
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > 0) this.acks.uploading(now);
    const probe = this.acks.oldestProbe();
    if (probe && now - probe.since > ACK_TIMEOUT_MS) {
      this.dropConnection(null);
    } else if (!probe && now - this.lastReceivedAt > KEEPALIVE_MS) {
      this.sendProbe();
    }
  };

  private readonly onPresenceChange = (changes: { added: number[]; removed: number[] }): void => {
    if (changes.added.length > 0 || changes.removed.length > 0) this.readModel.refreshDrags();
  };

  /** Closes a connection this tab gave up on, and reconnects after the policy's wait. */
  private dropConnection(close: ServerClose | null): void {
    this.provider.disconnect();
    this.onConnectionEnded(close);
  }

  private onServerClose(close: ServerClose): void {
    // The provider stops on its own (we answered shouldReconnect with false) and reports it.
    queueMicrotask(() => this.onConnectionEnded(close));
  }

  private onConnectionEnded(close: ServerClose | null): void {
    if (this.destroyed) return;
    this.acks.socketClosed();
    if (this.healthyTimer !== null) clearTimeout(this.healthyTimer);
    this.healthyTimer = null;
    const kind = closeKind(close?.code ?? null);
    if (kind === 'final' && close) {
      this.cancelReconnect();
      this.setSignals({ closed: close, socketOpen: false, synced: false });
      return;
    }
    this.lastClose = kind === 'try-again-later' ? close : null;
    this.failures++;
    this.cancelReconnect();
    if (!this.signals.browserOnline) return;
    const delay = reconnectDelay(this.failures, kind) ?? 0;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.destroyed && this.signals.browserOnline && this.signals.closed === null) {
        this.provider.connect();
      }
    }, delay);
    this.setSignals({ socketOpen: false, synced: false });
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  // -------------------------------------------------------------------------------------------
  // The doc and the provider

  private readonly onUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    const operation = this.currentOperation;
    const frame = this.frameOfCurrentUpdate;
    this.currentOperation = null;
    this.frameOfCurrentUpdate = null;
    this.growBy(update.byteLength);
    // The undo manager replays this tab's own edits with itself as origin.
    if (origin === this.localOrigin || origin === this.undo.manager) {
      this.acks.localEdit(operation ?? transaction, frame);
      this.saveUnsynced();
      if (frame !== null) this.scheduleProbe();
    }
  };

  /** Follows the board's size: an upper bound from the updates applied, measured exactly once
   * it nears the limit (encoding a big board takes tens of ms; small boards never pay it). */
  private growBy(bytes: number): void {
    const wasFull = this.state.boardBytes.full;
    this.boardBytes += bytes;
    const now = Date.now();
    if (
      this.boardBytes >= this.bytesLimit * MEASURE_FROM &&
      now - this.measuredAt > MEASURE_EVERY_MS
    ) {
      this.measureBoard(now);
    }
    if (this.boardBytes >= this.bytesLimit !== wasFull) this.changed();
  }

  /**
   * The board's size as the server and the device copy store it. This tab's doc keeps what its
   * undo steps may restore (deleted text in full), so near the limit the size is taken from a
   * garbage-collected copy — what a deletion really frees.
   */
  private measureBoard(now = Date.now()): void {
    this.measuredAt = now;
    const state = Y.encodeStateAsUpdate(this.doc);
    if (state.byteLength < this.bytesLimit * MEASURE_FROM) {
      this.boardBytes = state.byteLength;
      return;
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, state);
    this.boardBytes = Y.encodeStateAsUpdate(stored).byteLength;
    stored.destroy();
  }

  /** The board's size measured now (after deletions, to lift the limit when there is room). */
  remeasureBoard(): void {
    this.measureBoard();
    this.changed();
  }

  private readonly onStatus = ({ status }: { status: string }): void => {
    const open = status === 'connected';
    if (status === 'connecting') this.socketOpenedAt = Date.now();
    if (open) {
      this.lastReceivedAt = Date.now();
      this.provider.ws?.send(this.facilitation.hello());
    }
    if (status === 'disconnected') {
      this.acks.socketClosed();
      this.facilitation.connectionLost();
    }
    // On reconnect the stock provider resends our presence with an unchanged clock, which the
    // server (like every y-protocols peer) ignores as old news until the ~15 s renewal: bump
    // the clock so others see us again at once.
    const presence = this.awareness.getLocalState();
    if (open && presence !== null) this.awareness.setLocalState(presence);
    this.setSignals({ socketOpen: open, synced: open ? this.signals.synced : false });
  };

  private readonly onSync = (isSynced: boolean): void => {
    if (isSynced) {
      this.lastClose = null;
      this.measureBoard();
      // The failure count resets once a connection has proved itself for a while, not at sync:
      // a server that syncs and then closes (4500) must still be backed off.
      if (this.healthyTimer !== null) clearTimeout(this.healthyTimer);
      this.healthyTimer = setTimeout(() => {
        this.healthyTimer = null;
        this.failures = 0;
      }, HEALTHY_AFTER_MS);
    }
    this.setSignals({ synced: isSynced, everSynced: this.signals.everSynced || isSynced });
    this.syncDraft();
  };

  // -------------------------------------------------------------------------------------------
  // The private writing round (privateDraft.ts)

  /**
   * Opens, connects or ends this participant's private doc to follow the board: a round running
   * (and this link may write) opens its draft — from the device first, then the private room
   * once the participant token is known; a draft this device still holds for a round the synced
   * board no longer runs is over: its cards not on the board are leftovers to decide about.
   */
  private readonly syncDraft = (): void => {
    if (this.destroyed || !canEditBoard(this.role)) return;
    const round = this.facilitation.getState().workshop.privateRound;
    const storage = this.env.storage;
    if (!this.draft) {
      const remembered = storage?.getItem(openDraftKey(this.boardId)) ?? null;
      const roundId = round?.id ?? remembered;
      if (!roundId) return;
      this.openDraft(roundId);
    }
    const draft = this.draft;
    if (!draft) return;
    const over = this.signals.synced && round?.id !== draft.roundId;
    draft.open = !over;
    if (!over) {
      const participant = this.facilitation.participantToken();
      if (participant && this.signals.browserOnline) draft.connect(participant);
    } else if (draft.connection !== 'off' && draft.connection !== 'closed') {
      draft.disconnect();
    }
    if (over) void this.settleDraft(draft);
    this.publishDraft();
  };

  private openDraft(roundId: string): void {
    const draft = new PrivateDraft({
      boardId: this.boardId,
      roundId,
      token: this.token,
      websocketUrl: this.websocketUrl,
      env: this.env,
      boardDoc: this.doc,
      author: () => this.author,
      onNotice: (notice) => this.emitNotice(notice),
      onChange: () => this.publishDraft(),
    });
    this.draft = draft;
    draft.readModel.subscribe(() => this.publishDraft());
    this.env.storage?.setItem(openDraftKey(this.boardId), roundId);
    this.readModel.setDraft(draft.readModel);
    this.mergedHistory.attach(draft.undo);
  }

  /** The round of `draft` is over: once its device copy is loaded, keep it only for leftovers. */
  private async settleDraft(draft: PrivateDraft): Promise<void> {
    await draft.loaded;
    if (this.draft !== draft || this.destroyed) return;
    if (draft.leftovers((id) => this.boardHasCard(id)).length === 0) this.closeDraft();
    else this.publishDraft();
  }

  private boardHasCard(id: string): boolean {
    return this.readModel.hasCard(id) && !this.readModel.isDraft(id);
  }

  /** Ends the draft here and forgets its device copy. */
  private closeDraft(): void {
    const draft = this.draft;
    if (!draft) return;
    this.draft = null;
    this.readModel.setDraft(null);
    this.mergedHistory.attach(null);
    this.env.storage?.removeItem(openDraftKey(this.boardId));
    draft.destroy({ clear: true });
    this.publishDraft();
    // A new round may have started meanwhile.
    this.syncDraft();
  }

  private publishDraft(): void {
    const draft = this.draft;
    if (!draft) {
      this.facilitation.setDraft(NO_DRAFT);
      return;
    }
    const round = this.facilitation.getState().workshop.privateRound;
    const over = this.signals.synced && round?.id !== draft.roundId;
    this.facilitation.setDraft({
      roundId: draft.roundId,
      connection: draft.connection,
      cards: draft.readModel.cardList().length,
      leftovers: over ? draft.leftovers((id) => this.boardHasCard(id)).length : 0,
    });
  }

  /**
   * After a round ended with private cards that are not on the board (written offline, or no
   * room for them at the end, S-FAC-PRIV-5): `publish` copies those that fit the board's limits
   * onto it now (one undo step) — what does not fit stays a leftover, `keptCards` says how many
   * — otherwise they are dropped.
   */
  settleLeftovers(publish: boolean): { cards: number; links: number; keptCards: number } {
    const draft = this.draft;
    if (!draft) return { cards: 0, links: 0, keptCards: 0 };
    if (!publish) {
      this.closeDraft();
      return { cards: 0, links: 0, keptCards: 0 };
    }
    // `boardBytes` is an upper bound of the board's size: what is left is never overstated.
    const room = {
      cards: LIMITS.cards - cardsMap(this.doc).size,
      links: LIMITS.links - linksMap(this.doc).size,
      bytes: Math.max(0, this.bytesLimit - this.boardBytes),
    };
    this.undo.manager.stopCapturing();
    const { cards, links, keptCards } = draft.publishLeftovers(this.doc, this.localOrigin, room);
    this.undo.manager.stopCapturing();
    if (keptCards === 0) this.closeDraft();
    else this.publishDraft();
    return { cards, links, keptCards };
  }
}
