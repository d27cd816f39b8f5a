/**
 * A lean sync client that speaks exactly what the stock providers put on the wire, so every
 * peer is driven by the same client code and the differences measured are the servers'.
 *
 * Three dialects:
 * - `y-websocket`: the y-protocols framing of the stock `y-websocket` WebsocketProvider
 *   (reference server and ours): `[messageType][payload]`, sync step 1 on open.
 * - `hocuspocus`: the framing of `@hocuspocus/provider` 3.x: every message starts with the
 *   document name; the provider sends an auth message (token) before its sync step 1.
 * - `relay`: y-websocket framing without the sync handshake — a relay holds no document, so
 *   clients only exchange updates and presence through it.
 *
 * Awareness messages are counted, not applied: a watcher's job here is to receive them (the
 * server pays for the fan-out either way) while the load generator stays cheap enough not to
 * be the bottleneck on a 2-core machine.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export type Dialect = 'y-websocket' | 'hocuspocus' | 'relay';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;
/** Hocuspocus: a sync message that must not trigger another sync step 1. */
const HOCUSPOCUS_SYNC_REPLY = 4;
/** Hocuspocus: the server's acknowledgement of an applied update. */
const HOCUSPOCUS_SYNC_STATUS = 8;
const HOCUSPOCUS_AUTH_TOKEN = 0;
const HOCUSPOCUS_AUTH_DENIED = 1;

/** Where and how to connect: one room (board) of one server. */
export interface RoomAddress {
  /** Full websocket URL, with the token in the query for ours. */
  url: string;
  /**
   * Several instances of one server (bench:scale): the same room's URL on each; client i of an
   * edit run connects to `spreadUrls[i % length]`, as a round-robin load balancer would.
   */
  spreadUrls?: string[];
  dialect: Dialect;
  /** Hocuspocus document name (the room); unused by the other dialects. */
  docName: string;
  token: string;
}

export interface ClientOptions {
  /**
   * Apply the server's document (sync step 2 and updates) to `doc`. A join-storm client turns
   * this off: it only needs to know the whole board arrived, not to decode it.
   */
  applyDocument: boolean;
  /** Called with every transaction applied from the network (after the client is synced). */
  onRemoteTransaction?: (transaction: Y.Transaction) => void;
  /** A fixed Yjs client id, so receivers can attribute a writer's updates from clocks alone. */
  clientId?: number;
}

export interface ClientCounters {
  messagesIn: number;
  bytesIn: number;
  awarenessIn: number;
  updatesOut: number;
  awarenessOut: number;
  /** Size of the server's sync step 2 (the whole board as the server sent it). */
  syncStep2Bytes: number;
}

export class ConnectionClosedError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`connection closed: ${code} ${reason}`);
  }
}

const REMOTE = Symbol('remote');

export class BenchClient {
  readonly doc: Y.Doc;
  readonly counters: ClientCounters = {
    messagesIn: 0,
    bytesIn: 0,
    awarenessIn: 0,
    updatesOut: 0,
    awarenessOut: 0,
    syncStep2Bytes: 0,
  };
  /** Set when the socket closed; a run that lost a client reports it instead of hiding it. */
  closed: { code: number; reason: string } | null = null;
  synced = false;
  private socket: WebSocket | null = null;
  private awarenessClock = 0;
  private resolveSynced: (() => void) | null = null;
  private rejectSynced: ((error: Error) => void) | null = null;

  constructor(
    readonly address: RoomAddress,
    readonly options: ClientOptions,
  ) {
    this.doc = new Y.Doc();
    if (options.clientId !== undefined) this.doc.clientID = options.clientId;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.sendUpdate(update);
    });
    if (options.onRemoteTransaction) {
      const onRemote = options.onRemoteTransaction;
      this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.origin === REMOTE && this.synced) onRemote(transaction);
      });
    }
  }

  /** Opens the socket; resolves once the server's whole document has arrived (or at open, for the relay). */
  connect(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not synced after ${timeoutMs} ms: ${this.address.url}`)),
        timeoutMs,
      );
      this.resolveSynced = () => {
        clearTimeout(timer);
        resolve();
      };
      this.rejectSynced = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      const socket = new WebSocket(this.address.url, { perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      this.socket = socket;
      socket.on('open', () => this.onOpen());
      socket.on('message', (data: Buffer) => this.onMessage(data));
      socket.on('error', (error) => this.rejectSynced?.(error));
      socket.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        this.rejectSynced?.(new ConnectionClosedError(code, reason.toString()));
      });
    });
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends one awareness update (a cursor move) for this client, as y-protocols encodes it. */
  sendCursor(x: number, y: number, name: string): void {
    this.awarenessClock += 1;
    const state = JSON.stringify({ user: { name, colour: '#d9480f' }, cursor: { x, y } });
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, this.awarenessClock);
    encoding.writeVarString(update, state);
    const encoder = this.startMessage(MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    this.send(encoding.toUint8Array(encoder));
    this.counters.awarenessOut += 1;
  }

  close(): void {
    this.socket?.close();
  }

  /** Drops the socket without a closing handshake (a vanished tab). */
  terminate(): void {
    this.socket?.terminate();
  }

  private sendUpdate(update: Uint8Array): void {
    const encoder = this.startMessage(MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
    this.counters.updatesOut += 1;
  }

  private onOpen(): void {
    const { dialect } = this.address;
    if (dialect === 'relay') {
      this.markSynced();
      return;
    }
    if (dialect === 'hocuspocus') {
      const auth = this.startMessage(MESSAGE_AUTH);
      encoding.writeVarUint(auth, HOCUSPOCUS_AUTH_TOKEN);
      encoding.writeVarString(auth, this.address.token);
      this.send(encoding.toUint8Array(auth));
    }
    const encoder = this.startMessage(MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  private onMessage(data: Buffer): void {
    this.counters.messagesIn += 1;
    this.counters.bytesIn += data.byteLength;
    const decoder = decoding.createDecoder(data);
    if (this.address.dialect === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
      case HOCUSPOCUS_SYNC_REPLY:
        this.onSyncMessage(decoder, data.byteLength);
        break;
      case MESSAGE_AWARENESS:
        this.counters.awarenessIn += 1;
        break;
      case MESSAGE_AUTH:
        if (this.address.dialect === 'hocuspocus') {
          if (decoding.readVarUint(decoder) === HOCUSPOCUS_AUTH_DENIED) {
            this.rejectSynced?.(new Error(`permission denied: ${decoding.readVarString(decoder)}`));
            this.close();
          }
        } else {
          // y-protocols auth: 0 = permission denied, followed by a reason.
          if (decoding.readVarUint(decoder) === 0) {
            this.rejectSynced?.(new Error(`permission denied: ${decoding.readVarString(decoder)}`));
          }
        }
        break;
      case MESSAGE_QUERY_AWARENESS:
      case HOCUSPOCUS_SYNC_STATUS:
        break;
      default:
        break;
    }
  }

  private onSyncMessage(decoder: decoding.Decoder, size: number): void {
    if (this.address.dialect === 'relay') {
      // Only updates travel through a relay; a stray handshake is not answered (it would be
      // fanned out to the whole room).
      const subType = decoding.readVarUint(decoder);
      if (subType === syncProtocol.messageYjsUpdate && this.options.applyDocument) {
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE);
      }
      return;
    }
    if (!this.options.applyDocument) {
      const subType = decoding.readVarUint(decoder);
      if (subType === syncProtocol.messageYjsSyncStep1) {
        // Answer with our (empty) state so the server's handshake completes.
        const reply = this.startMessage(MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(reply, this.doc, decoding.readVarUint8Array(decoder));
        this.send(encoding.toUint8Array(reply));
      } else if (subType === syncProtocol.messageYjsSyncStep2) {
        this.counters.syncStep2Bytes = size;
        this.markSynced();
      }
      return;
    }
    const reply = this.startMessage(MESSAGE_SYNC);
    const replyHeaderLength = encoding.length(reply);
    const subType = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
    if (encoding.length(reply) > replyHeaderLength) this.send(encoding.toUint8Array(reply));
    if (subType === syncProtocol.messageYjsSyncStep2) {
      this.counters.syncStep2Bytes = size;
      this.markSynced();
    }
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    this.resolveSynced?.();
    this.resolveSynced = null;
    this.rejectSynced = null;
  }

  private startMessage(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    if (this.address.dialect === 'hocuspocus')
      encoding.writeVarString(encoder, this.address.docName);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  private send(message: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(message);
  }
}
