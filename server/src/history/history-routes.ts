/**
 * The version history's REST routes (docs/server-spec.md S-HIST-*; bodies in
 * `shared/src/protocol/history.ts`), under `/api/boards/:boardId`. Every route needs the
 * board's token; naming and restoring need a facilitator's (403 with the reason otherwise) — the
 * only way to restore, so a stock y-websocket client, which can only edit, cannot.
 */
import {
  cleanName,
  fileOfSnapshot,
  LIMITS,
  type RestoreCardRequest,
  type RestoreVersionRequest,
  type VersionResponse,
} from '@fire-triangle/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as Y from 'yjs';
import type { AuthorizeBoard, RouteOptions } from '../http/api-routes.ts';
import { bodyJson, HttpError, replyBoardFile, replyJson } from '../http/replies.ts';
import { NamedVersionLimitError } from '../storage/history-store.ts';
import {
  CardNotInVersionError,
  type HistoryService,
  VersionNotFoundError,
  type WithRoom,
} from './history-service.ts';
import { VersionUnreadableError } from './version-state.ts';

/** Small JSON bodies (a name, a card id). */
const MAX_SMALL_BODY_BYTES = 16 * 1024;
/**
 * A restore's body carries the facilitator's `seen` snapshot: a state vector and a delete set,
 * a few KiB for a workshop board, a few hundred KiB for a 5,000-card board with a long history.
 */
export const MAX_RESTORE_BODY_BYTES = 4 * 1024 * 1024;
/** Longest name kept for the person restoring (the client draws 40 characters of one). */
const MAX_ACTOR_LENGTH = 80;
const ACTIVITY_DEFAULT_LIMIT = 50;
const ACTIVITY_MAX_LIMIT = 200;

const FACILITATOR_ONLY = {
  name: 'Only a facilitator link can name versions.',
  restore: 'Only a facilitator link can restore a version: ask the workshop’s facilitator.',
};

export interface HistoryRouteTools {
  authorize: AuthorizeBoard;
  route: (
    app: FastifyInstance,
    url: string,
    routes: Partial<Record<'GET' | 'POST' | 'PATCH', RouteOptions>>,
  ) => void;
  withRoom: WithRoom;
}

function boardIdOf(request: FastifyRequest): string {
  if (!request.board) throw new Error('board route without its onRequest check');
  return request.board.id;
}

function versionIdOf(request: FastifyRequest): number {
  const raw = (request.params as { versionId: string }).versionId;
  const id = Number(raw);
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(id)) {
    throw new HttpError(
      404,
      `No such version: a version id is a positive whole number, not "${raw}".`,
    );
  }
  return id;
}

/** The history's errors, said for people. */
function historyError(error: unknown): unknown {
  if (error instanceof VersionNotFoundError || error instanceof CardNotInVersionError) {
    return new HttpError(404, error.message);
  }
  if (error instanceof VersionUnreadableError) return new HttpError(422, error.message);
  if (error instanceof NamedVersionLimitError) return new HttpError(409, error.message);
  return error;
}

async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw historyError(error);
  }
}

function objectBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The body must be a JSON object.');
  }
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      `Unknown field(s): ${unknown.join(', ')}. Allowed: ${allowed.join(', ')}.`,
    );
  }
  return body as Record<string, unknown>;
}

/**
 * A version name: cleaned (`cleanName`: no control or bidi characters, S-NAME-1), 1–
 * `LIMITS.boardTitleLength` characters ('' only where `clearable`); longer is refused, as the
 * create route refuses a long title — the client's field stops there.
 */
function versionName(body: unknown, clearable: boolean): string | null {
  const { name } = objectBody(body, ['name']);
  if (typeof name !== 'string') throw new HttpError(400, '"name" must be a string.');
  const trimmed = cleanName(name, Number.POSITIVE_INFINITY);
  if (trimmed === '') {
    if (clearable) return null;
    throw new HttpError(400, '"name" must not be empty.');
  }
  if ([...trimmed].length > LIMITS.boardTitleLength) {
    throw new HttpError(400, `"name" is longer than ${LIMITS.boardTitleLength} characters.`);
  }
  return trimmed;
}

function actorName(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new HttpError(400, '"by" must be a string.');
  return cleanName(value, MAX_ACTOR_LENGTH);
}

/** The facilitator's `seen` snapshot, or a 400 saying why it is not one. */
function seenSnapshot(value: unknown): Y.Snapshot | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw new HttpError(400, '"seen" must be base64 of Y.encodeSnapshot(Y.snapshot(doc)).');
  }
  try {
    return Y.decodeSnapshot(Buffer.from(value, 'base64'));
  } catch {
    throw new HttpError(400, '"seen" does not decode as a Yjs snapshot.');
  }
}

function jsonBody(request: FastifyRequest): void {
  request.body = bodyJson(request.body);
}

/** Registers the history's routes on the API plugin (`app` is under `/api`). */
export function historyRoutes(
  app: FastifyInstance,
  history: HistoryService,
  tools: HistoryRouteTools,
): void {
  const { authorize, route, withRoom } = tools;
  const anyRole = authorize(false);
  const versions = '/boards/:boardId/versions';
  const version = `${versions}/:versionId`;

  route(app, versions, {
    GET: {
      onRequest: anyRole,
      handler: async (request, reply) =>
        replyJson(reply, 200, await history.list(boardIdOf(request))),
    },
    POST: {
      bodyLimit: MAX_SMALL_BODY_BYTES,
      onRequest: authorize(FACILITATOR_ONLY.name),
      preValidation: async (request) => jsonBody(request),
      handler: async (request, reply) => {
        const name = versionName(request.body, false) as string;
        const created = await answering(() => history.create(boardIdOf(request), name, withRoom));
        return replyJson(reply, 201, created);
      },
    },
  });

  route(app, version, {
    GET: {
      onRequest: anyRole,
      handler: async (request, reply) => {
        const opened = await answering(() =>
          history.open(boardIdOf(request), versionIdOf(request)),
        );
        const result: VersionResponse = {
          version: opened.version,
          board: fileOfSnapshot(opened.board),
        };
        return replyJson(reply, 200, result);
      },
    },
    PATCH: {
      bodyLimit: MAX_SMALL_BODY_BYTES,
      onRequest: authorize(FACILITATOR_ONLY.name),
      preValidation: async (request) => jsonBody(request),
      handler: async (request, reply) => {
        const name = versionName(request.body, true);
        const renamed = await answering(() =>
          history.rename(boardIdOf(request), versionIdOf(request), name),
        );
        return replyJson(reply, 200, renamed);
      },
    },
  });

  route(app, `${version}/export`, {
    GET: {
      onRequest: anyRole,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const boardId = boardIdOf(request);
        const id = versionIdOf(request);
        const { board } = await answering(() => history.open(boardId, id));
        return replyBoardFile(
          reply,
          `${boardId}-version-${id}.fire-triangle.json`,
          JSON.stringify(fileOfSnapshot(board), null, 2),
        );
      },
    },
  });

  route(app, `${version}/diff`, {
    GET: {
      onRequest: anyRole,
      handler: async (request, reply) => {
        const diff = await answering(() =>
          history.diff(boardIdOf(request), versionIdOf(request), withRoom),
        );
        return replyJson(reply, 200, diff);
      },
    },
  });

  /** `restore` (the whole board) and `restore-card` (one card): what differs is the body. */
  const restoreRoute = (
    read: (body: unknown) => { seen?: Y.Snapshot; by: string; cardId?: string },
    bodyLimit: number,
  ): RouteOptions => ({
    bodyLimit,
    onRequest: authorize(FACILITATOR_ONLY.restore),
    preValidation: async (request) => jsonBody(request),
    handler: async (request, reply) => {
      const options = read(request.body);
      const result = await answering(() =>
        history.restore(boardIdOf(request), versionIdOf(request), options, withRoom),
      );
      return replyJson(reply, 200, result);
    },
  });
  route(app, `${version}/restore`, {
    POST: restoreRoute((raw) => {
      const body = objectBody(raw, ['seen', 'by']) as Partial<RestoreVersionRequest>;
      return { seen: seenSnapshot(body.seen), by: actorName(body.by) };
    }, MAX_RESTORE_BODY_BYTES),
  });
  route(app, `${version}/restore-card`, {
    POST: restoreRoute((raw) => {
      const body = objectBody(raw, ['cardId', 'by']) as Partial<RestoreCardRequest>;
      if (typeof body.cardId !== 'string' || body.cardId === '') {
        throw new HttpError(400, '"cardId" must name a card of the version.');
      }
      return { cardId: body.cardId, by: actorName(body.by) };
    }, MAX_SMALL_BODY_BYTES),
  });

  route(app, '/boards/:boardId/cards/:cardId/activity', {
    GET: {
      onRequest: anyRole,
      handler: async (request, reply) => {
        const { cardId } = request.params as { cardId: string };
        const raw = (request.query as Record<string, unknown>).limit;
        const limit = raw === undefined ? ACTIVITY_DEFAULT_LIMIT : Number(raw);
        if (!Number.isInteger(limit) || limit < 1 || limit > ACTIVITY_MAX_LIMIT) {
          throw new HttpError(
            400,
            `"limit" must be a whole number from 1 to ${ACTIVITY_MAX_LIMIT}.`,
          );
        }
        return replyJson(reply, 200, await history.activity(boardIdOf(request), cardId, limit));
      },
    },
  });
}
