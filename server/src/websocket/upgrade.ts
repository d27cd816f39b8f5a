/**
 * The websocket upgrade (the reference server's `server.on('upgrade')`, Hocuspocus's
 * `onAuthenticate`): every check a board connection must pass — path, board id, origin, share
 * token, a slot for its client address — runs on the bare HTTP request, before the websocket,
 * its room or any buffer exists (S-AUTH-2, S-AUTH-5, S-LIMIT-4). A refusal is a plain HTTP
 * response with a JSON `{error}` (`UPGRADE_REFUSALS`). Only then is the board loaded (S-PROTO-3:
 * before the handshake completes, so the first sync already holds it), and the socket handed to
 * `BoardSockets`, which runs its frame loop.
 */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  BoardVersionError,
  boardIdFromWebsocketPath,
  CLOSE_CODES,
  type CloseCode,
  canEditBoard,
  isValidBoardId,
  PRIVATE_ROOM_PARAM,
  type Role,
  UPGRADE_REFUSALS,
  type UpgradeRefusal,
  WS_PATH,
} from '@fire-triangle/shared';
import { isOriginAllowed } from '../auth/origin.ts';
import { verifyParticipantToken } from '../auth/participant-tokens.ts';
import { tokenFromRequest, verifyToken } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import {
  type HeldRoom,
  NoPrivateRoundError,
  type PrivateRounds,
} from '../facilitation/private-rounds.ts';
import { clientAddress, type ProxyTrust } from '../http/proxy-trust.ts';
import type { ConnectionSlots, ReleaseSlot } from '../limits/address-slots.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import { type BoardRoom, BoardUnavailableError } from '../rooms/board-room.ts';
import { type RoomRegistry, ShuttingDownError } from '../rooms/room-registry.ts';
import type { BoardSockets } from './board-sockets.ts';

export interface UpgradeContext {
  config: Pick<
    ServerConfig,
    'allowedOrigins' | 'publicUrl' | 'maxConnectionsPerAddress' | 'maxConnectionsPerRoom'
  >;
  secret: string;
  trust: ProxyTrust;
  /** Connections per client address (S-LIMIT-4): this process's, or every instance's. */
  addressSlots: ConnectionSlots;
  /** Connections per board (S-LIMIT-3): this process's, or every instance's. */
  boardSlots: ConnectionSlots;
  registry: RoomRegistry;
  /** Private writing rounds: a participant's private room is held through them. */
  privateRounds?: PrivateRounds;
  sockets: BoardSockets;
  metrics: ServerMetrics;
  log: Logger;
  isShuttingDown: () => boolean;
}

/** A request that passed every check, holding its address slot until `releaseAddress()`. */
export interface AdmittedUpgrade {
  ok: true;
  boardId: string;
  role: Role;
  address: string;
  /**
   * For a participant's private room (`?private=<participant token>`, S-FAC-PRIV-1): the
   * participant its token names; absent for the board itself.
   */
  participantId?: string;
  releaseAddress: ReleaseSlot;
}

export interface RefusedUpgrade {
  ok: false;
  refusal: UpgradeRefusal;
  /** Said to a person: what is wrong and what to do. */
  message: string;
}

/**
 * The checks, in order, on the request alone: nothing is allocated unless every one passes (the
 * address slot is taken last, and only then).
 */
export async function checkUpgrade(
  request: IncomingMessage,
  context: Omit<
    UpgradeContext,
    'registry' | 'privateRounds' | 'sockets' | 'metrics' | 'log' | 'boardSlots'
  >,
): Promise<AdmittedUpgrade | RefusedUpgrade> {
  const refuse = (refusal: UpgradeRefusal, message: string): RefusedUpgrade => ({
    ok: false,
    refusal,
    message,
  });
  if (context.isShuttingDown()) return refuse('SHUTTING_DOWN', 'The server is shutting down.');
  const url = new URL(request.url ?? '/', 'http://localhost');
  const boardId = boardIdFromWebsocketPath(url.pathname);
  if (boardId === null) {
    return refuse('BAD_PATH', `Websockets are served at ${WS_PATH}/<boardId>.`);
  }
  if (!isValidBoardId(boardId)) {
    return refuse('BAD_BOARD_ID', 'A board id is 1–64 letters, digits, "-" or "_".');
  }
  const origin = request.headers.origin;
  if (!isOriginAllowed(origin, request.headers.host, context.config)) {
    return refuse(
      'ORIGIN_NOT_ALLOWED',
      `Pages from ${origin} may not open boards on this server (see ALLOWED_ORIGINS).`,
    );
  }
  const token = verifyToken(
    context.secret,
    tokenFromRequest(url, request.headers.authorization),
    boardId,
  );
  if (!token.ok) {
    return refuse(token.status === 401 ? 'MISSING_TOKEN' : 'FORBIDDEN', token.message);
  }
  let participantId: string | undefined;
  const privateKey = url.searchParams.get(PRIVATE_ROOM_PARAM);
  if (privateKey !== null) {
    if (!canEditBoard(token.claims.role)) {
      return refuse('FORBIDDEN', 'A viewer link does not write private cards.');
    }
    participantId = verifyParticipantToken(context.secret, privateKey, boardId) ?? undefined;
    if (!participantId) {
      return refuse(
        'FORBIDDEN',
        'This private room’s key was not issued by this server for this board.',
      );
    }
  }
  const address = clientAddress(request, context.trust);
  const releaseAddress = await context.addressSlots.tryAcquire(address);
  if (!releaseAddress) {
    return refuse(
      'TOO_MANY_FROM_ADDRESS',
      `Too many connections from ${address} (at most ${context.config.maxConnectionsPerAddress}).`,
    );
  }
  return {
    ok: true,
    boardId,
    role: token.claims.role,
    address,
    ...(participantId ? { participantId } : {}),
    releaseAddress,
  };
}

/** Answers the upgrade with an HTTP status and a JSON `{error}`, and counts it. */
function refuseUpgrade(socket: Duplex, refused: RefusedUpgrade, metrics: ServerMetrics): void {
  const { status, metricLabel } = UPGRADE_REFUSALS[refused.refusal];
  metrics.connectionsRefused.inc({ reason: metricLabel });
  const body = JSON.stringify({ error: refused.message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The close code for a board that could not be loaded (S-DUR-5 4409, S-DUR-6/7 4500). */
function loadFailure(
  error: unknown,
  boardId: string,
  log: Logger,
): { code: CloseCode; detail?: string } {
  if (error instanceof BoardVersionError) {
    return { code: CLOSE_CODES.BOARD_TOO_NEW, detail: `layout ${error.found}` };
  }
  if (error instanceof ShuttingDownError) return { code: CLOSE_CODES.SERVER_SHUTTING_DOWN };
  if (error instanceof NoPrivateRoundError) return { code: CLOSE_CODES.PRIVATE_ROUND_OVER };
  if (error instanceof BoardUnavailableError) {
    // The room logged which rows and why (S-DUR-7).
    return { code: CLOSE_CODES.BOARD_UNAVAILABLE, detail: error.closeDetail };
  }
  log.error({ boardId, err: error }, 'board failed to load');
  return { code: CLOSE_CODES.BOARD_UNAVAILABLE, detail: 'could not load the board' };
}

/**
 * The `upgrade` listener for the Node HTTP server: checks, then loads the board, completes the
 * handshake and attaches the socket to the room — or closes it at once with 4409 / 4500 / 4503
 * / 1001 when the board cannot take it.
 */
export function createUpgradeHandler(
  context: UpgradeContext,
): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { registry, sockets, metrics, log } = context;

  const upgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    const admitted = await checkUpgrade(request, context);
    if (!admitted.ok) return refuseUpgrade(socket, admitted, metrics);

    // Admitted: from here on, whatever happens, the socket's end gives everything back.
    let room: BoardRoom | null = null;
    let held: HeldRoom | null = null;
    let releaseBoardSlot: ReleaseSlot | null = null;
    let released = false;
    const releaseAll = () => {
      if (released) return;
      released = true;
      admitted.releaseAddress();
      releaseBoardSlot?.();
      held?.release();
    };
    socket.once('close', releaseAll);

    let failure: { code: CloseCode; detail?: string } | undefined;
    let full = false;
    try {
      held = await acquireRoom(admitted);
      room = held?.room ?? null;
      // Before the handshake: once the websocket is open the client sends at once, and nothing
      // may be awaited between the handshake and `attach` (its first messages would be lost).
      releaseBoardSlot = room ? await context.boardSlots.tryAcquire(admitted.boardId) : null;
      full = room !== null && releaseBoardSlot === null;
      if (released) held?.release();
    } catch (error) {
      failure = loadFailure(error, admitted.boardId, log);
    }
    if (released) {
      // The socket closed while the board was loading or its slot being taken.
      releaseBoardSlot?.();
      return;
    }
    if (socket.destroyed || !socket.writable) {
      releaseAll();
      return;
    }
    const ws = await sockets.handshake(request, socket, head);
    if (failure || !room) {
      const { code, detail } = failure ?? { code: CLOSE_CODES.BOARD_UNAVAILABLE };
      return sockets.refuse(ws, code, detail);
    }
    if (room.failed || room.destroyed) {
      // Storage failed while this handshake was finishing: the next attempt reloads the board.
      return sockets.refuse(ws, CLOSE_CODES.BOARD_UNAVAILABLE);
    }
    if (full) {
      return sockets.refuse(
        ws,
        CLOSE_CODES.ROOM_FULL,
        `${context.config.maxConnectionsPerRoom} connections`,
      );
    }
    sockets.attach(ws, room, admitted.role, admitted.address, admitted.participantId ?? null);
  };

  /** The board's room — or a participant's private room, held with its board's. */
  const acquireRoom = async (admitted: AdmittedUpgrade): Promise<HeldRoom | null> => {
    if (admitted.participantId !== undefined) {
      if (!context.privateRounds) throw new NoPrivateRoundError(admitted.boardId);
      return context.privateRounds.acquire(admitted.boardId, admitted.participantId);
    }
    const room = await registry.acquire(admitted.boardId, { createIfMissing: true });
    return room ? { room, release: () => registry.release(room) } : null;
  };

  return (request, socket, head) => {
    upgrade(request, socket, head).catch((error) => {
      log.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  };
}
