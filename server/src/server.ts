/**
 * The Fire Triangle server: one HTTP server for the REST API, the built client, /healthz and
 * /metrics, whose `upgrade` event takes board websockets (the y-websocket reference server's
 * shape). Everything a connection is checked against — path, board id, origin, share token,
 * connections per address — is checked in the upgrade handler, before the websocket exists.
 *
 *   upgrade ─► auth/limits ─► RoomRegistry.acquire (load before first sync) ─► BoardRoom
 *                                                     └─► BoardStore (SQLite | memory)
 */
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  BoardVersionError,
  CLOSE_CODES,
  type CloseCode,
  closeReason,
  isValidBoardId,
  UPGRADE_REFUSALS,
  WS_PATH,
} from '@fire-triangle/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { isOriginAllowed } from './auth/origin.ts';
import { loadOrCreateSecret } from './auth/secret.ts';
import { tokenFromRequest, verifyToken } from './auth/tokens.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { type ApiContext, handleApi } from './http/api.ts';
import { HttpError, sendError, sendJson } from './http/http-utils.ts';
import { ServerMetrics } from './http/metrics.ts';
import { serveClient } from './http/static-files.ts';
import { AddressSlots } from './limits/address-slots.ts';
import { KeyedRateLimiter } from './limits/token-bucket.ts';
import { createLogger, type Logger } from './log.ts';
import { BoardConnection } from './rooms/board-connection.ts';
import { type BoardRoom, BoardUnavailableError } from './rooms/board-room.ts';
import { MalformedMessageError, parseClientMessage } from './rooms/client-message.ts';
import { RoomRegistry, ShuttingDownError } from './rooms/room-registry.ts';
import type { BoardStore } from './storage/board-store.ts';
import { InstrumentedBoardStore } from './storage/instrumented-store.ts';
import { openStorage } from './storage/open-storage.ts';

export type { ServerConfig } from './config.ts';

export interface RunningServer {
  /** `http://127.0.0.1:PORT` (or the configured host when it is not a wildcard). */
  url: string;
  port: number;
  /** Stops accepting, closes connections (1001), compacts and stores every board, closes the store. */
  close(): Promise<void>;
  /** For tests and operations: the live pieces. */
  readonly internals: {
    config: ServerConfig;
    registry: RoomRegistry;
    metrics: ServerMetrics;
    store: BoardStore;
    secret: string;
    log: Logger;
  };
}

type RefusalReason = keyof typeof UPGRADE_REFUSALS;

/** Metric labels for the codes an open connection is closed with. */
const CLOSED_BY_SERVER: Partial<Record<CloseCode, string>> = {
  4400: 'malformed',
  4413: 'message-too-large',
  4429: 'rate-limited',
  4500: 'board-unavailable',
  4504: 'too-slow',
};

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

const SAFE_HOST = /^[A-Za-z0-9.\-:[\]]{1,255}$/;

/** What a caller may plug in beyond the configuration (tests inject a failing store). */
export interface StartOptions {
  /** Use this store instead of opening the configured one; `close()` closes it. */
  store?: BoardStore;
}

export async function startServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = resolveConfig(overrides);
  const log = createLogger(config.logLevel);
  const metrics = new ServerMetrics();
  // One process per data directory, and a store that is really ours, before anything else.
  const storage = await openStorage(config, log, options.store);
  const {
    secret,
    source: secretSource,
    path: secretPath,
  } = loadOrCreateSecret(config.dataDir, config.secret);
  const store = new InstrumentedBoardStore(storage.store, metrics.storeSeconds);
  const registry = new RoomRegistry(store, metrics, log, {
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    awarenessBatchMs: config.awarenessBatchMs,
    maxBoardBytes: config.maxBoardBytes,
  });
  metrics.observe({ rooms: () => registry.roomCount, connections: () => registry.connectionCount });
  const addressSlots = new AddressSlots(config.maxConnectionsPerAddress);
  const boardCreations = new KeyedRateLimiter(
    config.boardCreationsPerMinute,
    config.boardCreationsPerMinute / 60,
  );
  const websockets = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    perMessageDeflate: false,
    WebSocket: socketClassWithSizeLimit(config.maxMessageBytes),
  });
  let shuttingDown = false;
  let listeningPort = config.port;

  const clientAddress = (request: IncomingMessage): string => {
    if (config.trustProxy) {
      const forwarded = request.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first) return first;
    }
    return request.socket.remoteAddress ?? 'unknown';
  };

  const publicOrigin = (request: IncomingMessage): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = request.headers.host;
    const forwardedProto = config.trustProxy ? request.headers['x-forwarded-proto'] : undefined;
    const protocol = forwardedProto === 'https' ? 'https' : 'http';
    if (host && SAFE_HOST.test(host)) return `${protocol}://${host}`;
    return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${listeningPort}`;
  };

  const apiContext: ApiContext = {
    config,
    secret,
    store,
    registry,
    metrics,
    log,
    boardCreations,
    clientAddress,
    publicOrigin,
  };

  // -------------------------------------------------------------------------------------------
  // HTTP

  const handleRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    let route = 'static';
    try {
      if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        route = 'api';
        await handleApi(apiContext, request, response, url);
      } else if (url.pathname === '/healthz') {
        route = 'healthz';
        const storeHealth = await store.health();
        sendJson(response, shuttingDown || !storeHealth.ok ? 503 : 200, {
          status: shuttingDown ? 'shutting-down' : storeHealth.ok ? 'ok' : 'store-unavailable',
          ...(storeHealth.ok ? {} : { reason: storeHealth.reason }),
          rooms: registry.roomCount,
          connections: registry.connectionCount,
          store: store.kind,
          uptimeSeconds: Math.round(process.uptime()),
        });
      } else if (url.pathname === '/metrics') {
        route = 'metrics';
        const text = metrics.render();
        response.writeHead(200, {
          'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        response.end(text);
      } else if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'Only GET and HEAD are served here.', {}, { Allow: 'GET, HEAD' });
      } else if (!(await serveClient(config.clientDist, request, response, url.pathname))) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
      }
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(response, error);
      } else {
        log.error({ err: error, path: url.pathname, method }, 'request failed');
        if (!response.headersSent) {
          sendError(response, new HttpError(500, 'The server failed to handle this request.'));
        } else {
          response.destroy();
        }
      }
    } finally {
      metrics.httpRequests.inc({ route, status: String(response.statusCode) });
    }
  };

  const server = createServer((request, response) => {
    void handleRequest(request, response);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  // -------------------------------------------------------------------------------------------
  // Websocket upgrade: every check before anything is allocated for the connection

  const refuseUpgrade = (socket: Duplex, reason: RefusalReason, message: string) => {
    const { status } = UPGRADE_REFUSALS[reason];
    metrics.connectionsRefused.inc({ reason: reason.toLowerCase().replaceAll('_', '-') });
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const pinged = new WeakMap<WebSocket, boolean>();

  const handleUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    if (shuttingDown) return refuseUpgrade(socket, 'SHUTTING_DOWN', 'The server is shutting down.');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const prefix = `${WS_PATH}/`;
    if (!url.pathname.startsWith(prefix)) {
      return refuseUpgrade(socket, 'BAD_PATH', `Websockets are served at ${WS_PATH}/<boardId>.`);
    }
    const boardId = url.pathname.slice(prefix.length);
    if (!isValidBoardId(boardId)) {
      return refuseUpgrade(
        socket,
        'BAD_BOARD_ID',
        'A board id is 1–64 letters, digits, "-" or "_".',
      );
    }
    const origin = request.headers.origin;
    if (!isOriginAllowed(origin, request.headers.host, config)) {
      return refuseUpgrade(
        socket,
        'ORIGIN_NOT_ALLOWED',
        `Pages from ${origin} may not open boards on this server (see ALLOWED_ORIGINS).`,
      );
    }
    const check = verifyToken(
      secret,
      tokenFromRequest(url, request.headers.authorization),
      boardId,
    );
    if (!check.ok) {
      return refuseUpgrade(
        socket,
        check.status === 401 ? 'MISSING_TOKEN' : 'FORBIDDEN',
        check.message,
      );
    }
    const address = clientAddress(request);
    const releaseAddress = addressSlots.tryAcquire(address);
    if (!releaseAddress) {
      return refuseUpgrade(
        socket,
        'TOO_MANY_FROM_ADDRESS',
        `Too many connections from ${address} (at most ${config.maxConnectionsPerAddress}).`,
      );
    }

    // Authenticated: from here on, whatever happens, the socket's end gives everything back.
    let room: BoardRoom | null = null;
    let released = false;
    const releaseAll = () => {
      if (released) return;
      released = true;
      releaseAddress();
      if (room) registry.release(room);
    };
    socket.once('close', releaseAll);

    let loadFailure: { code: CloseCode; detail: string } | undefined;
    try {
      room = await registry.acquire(boardId, { createIfMissing: true });
    } catch (error) {
      if (error instanceof BoardVersionError) {
        loadFailure = { code: CLOSE_CODES.BOARD_TOO_NEW, detail: `layout ${error.found}` };
      } else if (error instanceof ShuttingDownError) {
        loadFailure = { code: CLOSE_CODES.SERVER_SHUTTING_DOWN, detail: '' };
      } else if (error instanceof BoardUnavailableError) {
        // The room logged which rows and why (S-DUR-7).
        loadFailure = { code: CLOSE_CODES.BOARD_UNAVAILABLE, detail: error.closeDetail };
      } else {
        log.error({ boardId, err: error }, 'board failed to load');
        loadFailure = { code: CLOSE_CODES.BOARD_UNAVAILABLE, detail: 'could not load the board' };
      }
    }
    if (socket.destroyed || !socket.writable) {
      releaseAll();
      return;
    }
    websockets.handleUpgrade(request, socket, head, (ws) => {
      if (loadFailure || !room) {
        const code = loadFailure?.code ?? CLOSE_CODES.BOARD_UNAVAILABLE;
        metrics.connectionsRefused.inc({
          reason: code === 4409 ? 'board-too-new' : 'board-unavailable',
        });
        ws.close(code, closeReason(code, loadFailure?.detail || undefined));
        return;
      }
      if (room.failed || room.destroyed) {
        // Storage failed while this handshake was finishing: the next attempt reloads the board.
        metrics.connectionsRefused.inc({ reason: 'board-unavailable' });
        ws.close(CLOSE_CODES.BOARD_UNAVAILABLE, closeReason(CLOSE_CODES.BOARD_UNAVAILABLE));
        return;
      }
      if (room.connections.size >= config.maxConnectionsPerRoom) {
        metrics.connectionsRefused.inc({ reason: 'room-full' });
        ws.close(
          CLOSE_CODES.ROOM_FULL,
          closeReason(CLOSE_CODES.ROOM_FULL, `${config.maxConnectionsPerRoom} connections`),
        );
        return;
      }
      attachConnection(ws, room, check.claims.role, address);
    });
  };

  const attachConnection = (
    ws: WebSocket,
    room: BoardRoom,
    role: BoardConnection['role'],
    address: string,
  ) => {
    const connection = new BoardConnection(ws, role, address, config, (code) => {
      metrics.connectionsClosed.inc({ reason: CLOSED_BY_SERVER[code] ?? String(code) });
    });
    metrics.connectionsAccepted.inc();
    pinged.set(ws, true);
    ws.on('pong', () => pinged.set(ws, true));
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        metrics.connectionsClosed.inc({ reason: 'message-too-large' });
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
          `over ${config.messagesPerSecond} messages per second`,
        );
        return;
      }
      const frame = Array.isArray(data)
        ? Buffer.concat(data)
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : data;
      let message: ReturnType<typeof parseClientMessage>;
      try {
        message = parseClientMessage(frame);
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
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(request, socket, head).catch((error) => {
      log.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });

  // A connection that misses a pong between two pings is gone (laptop lid closed, Wi-Fi lost).
  const pingTimer = setInterval(() => {
    for (const ws of websockets.clients) {
      if (pinged.get(ws) === false) {
        ws.terminate();
        continue;
      }
      pinged.set(ws, false);
      ws.ping();
    }
  }, config.pingIntervalMs);
  pingTimer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  listeningPort = (server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${listeningPort}`;
  log.info(
    { url, dataDir: config.dataDir, store: store.kind, secret: secretSource, secretPath },
    'server started',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      clearInterval(pingTimer);
      // New HTTP requests are refused from here; idle keep-alive sockets are dropped.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const ws of websockets.clients) {
        ws.close(CLOSE_CODES.SERVER_SHUTTING_DOWN, closeReason(CLOSE_CODES.SERVER_SHUTTING_DOWN));
      }
      await registry.closeAll();
      await store.close();
      storage.lock.release();
      // Give clients a moment to answer the close frames, then cut whatever is left.
      await waitFor(() => websockets.clients.size === 0, 1000);
      for (const ws of websockets.clients) ws.terminate();
      websockets.close();
      server.closeAllConnections();
      await httpClosed;
      log.info('server stopped');
    })();
    return closing;
  };

  return {
    url,
    port: listeningPort,
    close,
    internals: { config, registry, metrics, store, secret, log },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
