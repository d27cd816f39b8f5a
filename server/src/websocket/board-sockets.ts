/**
 * The board websockets of one server and each one's frame loop (the reference server's
 * `setupWSConnection` / `messageListener`, Hocuspocus's `Connection`): for every frame, in order
 *
 *   size (ws `maxPayload`, S-LIMIT-1 4413) → rate (token bucket, S-LIMIT-2 4429)
 *     → parse (`protocol/wire-codec.ts`, S-LIMIT-5 4400) → `BoardRoom.receive`
 *
 * plus heartbeats (a socket that misses a pong between two pings is cut) and closing them all
 * on shutdown. Who may connect was decided before, in `upgrade.ts`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CLOSE_CODES,
  type CloseCode,
  closeEvent,
  closeReason,
  type Role,
} from '@fire-triangle/shared';
import { WebSocket, WebSocketServer } from 'ws';
import type { ServerConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { MalformedMessageError, parseClientMessage } from '../protocol/wire-codec.ts';
import { BoardConnection } from '../rooms/board-connection.ts';
import type { BoardRoom } from '../rooms/board-room.ts';

export type SocketSettings = Pick<
  ServerConfig,
  'maxMessageBytes' | 'messagesPerSecond' | 'messageBurst' | 'maxBufferedBytes' | 'pingIntervalMs'
>;

/** The `reason` label a close code is counted under (the code itself for unlisted codes). */
function metricLabel(code: number): string {
  return closeEvent(code)?.metricLabel ?? String(code);
}

/**
 * A `ws` WebSocket whose "message too big" close (ws sends a bare 1009) carries our documented
 * code and a reason instead, so the client can tell the person why.
 */
function socketClassWithSizeLimit(maxMessageBytes: number): typeof WebSocket {
  return class FireTriangleSocket extends WebSocket {
    override close(code?: number, reason?: string | Buffer): void {
      if (code === 1009 && !reason) {
        super.close(
          CLOSE_CODES.MESSAGE_TOO_LARGE,
          closeReason(CLOSE_CODES.MESSAGE_TOO_LARGE, `over ${maxMessageBytes} bytes`),
        );
        return;
      }
      super.close(code, reason);
    }
  };
}

/** A websocket frame as `ws` hands it over, as one byte array. */
function frameBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export class BoardSockets {
  private readonly server: WebSocketServer;
  /** Whether each socket answered the last ping. */
  private readonly pinged = new WeakMap<WebSocket, boolean>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly settings: SocketSettings,
    private readonly metrics: ServerMetrics,
    private readonly log: Logger,
  ) {
    this.server = new WebSocketServer({
      noServer: true,
      // The size check: ws stops reading an oversized frame at its header.
      maxPayload: settings.maxMessageBytes,
      perMessageDeflate: false,
      WebSocket: socketClassWithSizeLimit(settings.maxMessageBytes),
    });
    // A connection that misses a pong between two pings is gone (laptop lid closed, Wi-Fi lost).
    this.heartbeat = setInterval(() => {
      for (const ws of this.server.clients) {
        if (this.pinged.get(ws) === false) {
          ws.terminate();
          continue;
        }
        this.pinged.set(ws, false);
        ws.ping();
      }
    }, settings.pingIntervalMs);
    this.heartbeat.unref();
  }

  /** Open websockets (attached or being refused). */
  get size(): number {
    return this.server.clients.size;
  }

  /** Completes the websocket handshake of an upgrade that passed every check. */
  handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<WebSocket> {
    return new Promise((resolve) => this.server.handleUpgrade(request, socket, head, resolve));
  }

  /** Closes a just-opened websocket the board cannot take (4409, 4500, 4503, 1001), counted. */
  refuse(ws: WebSocket, code: CloseCode, detail?: string): void {
    this.metrics.connectionsRefused.inc({ reason: metricLabel(code) });
    ws.close(code, closeReason(code, detail));
  }

  /** Joins the socket to its room and runs its frame loop until it closes. */
  attach(
    ws: WebSocket,
    room: BoardRoom,
    role: Role,
    address: string,
    participantId: string | null = null,
  ): void {
    const { settings, metrics, log } = this;
    const connection = new BoardConnection(ws, role, address, settings, (code) => {
      metrics.connectionsClosed.inc({ reason: metricLabel(code) });
    });
    // A private room's connection is the participant its address named (S-FAC-PRIV-1).
    connection.participantId = participantId;
    metrics.connectionsAccepted.inc();
    this.pinged.set(ws, true);
    ws.on('pong', () => this.pinged.set(ws, true));
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        metrics.connectionsClosed.inc({ reason: metricLabel(CLOSE_CODES.MESSAGE_TOO_LARGE) });
      }
      log.debug({ boardId: room.boardId, err: error }, 'websocket error');
    });
    ws.on('message', (data, isBinary) => {
      if (connection.closing) return;
      if (!isBinary) {
        connection.close(CLOSE_CODES.MALFORMED_MESSAGE, 'text frames are not part of the protocol');
        return;
      }
      if (!connection.takeMessageBudget()) {
        connection.close(
          CLOSE_CODES.RATE_LIMITED,
          `over ${settings.messagesPerSecond} messages per second`,
        );
        return;
      }
      let message: ReturnType<typeof parseClientMessage>;
      try {
        message = parseClientMessage(frameBytes(data));
      } catch (error) {
        if (!(error instanceof MalformedMessageError)) throw error;
        log.debug({ boardId: room.boardId, address, detail: error.detail }, 'malformed message');
        connection.close(CLOSE_CODES.MALFORMED_MESSAGE, error.detail);
        return;
      }
      try {
        room.receive(connection, message);
      } catch (error) {
        // Parsing should have caught everything a library can choke on; if it did not, this
        // connection goes, never the server.
        log.error({ boardId: room.boardId, address, err: error }, 'message handling failed');
        connection.close(CLOSE_CODES.MALFORMED_MESSAGE, 'message could not be handled');
      }
    });
    ws.on('close', (code) => {
      room.removeConnection(connection);
      log.debug({ boardId: room.boardId, role, address, code }, 'connection closed');
    });
    room.addConnection(connection);
    log.debug({ boardId: room.boardId, role, address }, 'connection opened');
  }

  /** Shutdown, first step: stops the heartbeat and sends every socket 1001. */
  closeAll(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.server.clients) {
      ws.close(CLOSE_CODES.SERVER_SHUTTING_DOWN, closeReason(CLOSE_CODES.SERVER_SHUTTING_DOWN));
    }
  }

  /** Shutdown, last step: waits up to `graceMs` for peers to answer, then cuts the rest. */
  async terminateAll(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.server.clients.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const ws of this.server.clients) ws.terminate();
    this.server.close();
  }
}
