/**
 * The REST API (docs/server-spec.md, S-REST-*), as Fastify routes. Every board route needs a
 * share token for that board (`?token=` or `Authorization: Bearer`), checked in `onRequest`
 * before the body is read; changes go through the board's room, so people connected to it see
 * them live and they are stored like any other edit. Bodies are read raw (any content type —
 * `app.ts`) and limited per route; the create-board body is checked by JSON Schema.
 */
import { randomBytes } from 'node:crypto';
import {
  alignmentScore,
  applyTemplate,
  BoardImportError,
  type BoardInfo,
  type BoardReportResponse,
  BoardVersionError,
  type CreateBoardRequest,
  type CreatedBoard,
  exportBoardJson,
  findTemplate,
  type ImportBoardResponse,
  importBoard,
  initBoard,
  isLanguage,
  isValidBoardId,
  type Language,
  LIMITS,
  parseBoardFile,
  ROLES,
  type Role,
  readBoard,
  readMeta,
  shareLink,
  TEMPLATES,
  type TemplateSummary,
  validateBoard,
  writeMeta,
} from '@fire-triangle/shared';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
  HTTPMethods,
} from 'fastify';
import * as Y from 'yjs';
import { signToken, tokenFromRequest, verifyToken } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import { historyRoutes } from '../history/history-routes.ts';
import type { HistoryService } from '../history/history-service.ts';
import type { RateLimit } from '../limits/token-bucket.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import {
  type BoardRoom,
  BoardTooLargeError,
  BoardUnavailableError,
  ORIGINS,
  RoomFailedError,
} from '../rooms/board-room.ts';
import { type RoomRegistry, ShuttingDownError } from '../rooms/room-registry.ts';
import type { BoardStore } from '../storage/board-store.ts';
import { bodyJson, bodyText, HttpError, replyBoardFile, replyJson } from './replies.ts';

/** Small JSON bodies (create a board). Board files have their own, larger limit. */
export const MAX_SMALL_BODY_BYTES = 16 * 1024;

export interface ApiContext {
  config: ServerConfig;
  secret: string;
  store: BoardStore;
  registry: RoomRegistry;
  metrics: ServerMetrics;
  log: Logger;
  /** Board creations per address (S-REST-1): this process's buckets, or every instance's. */
  boardCreations: RateLimit;
  /** The origin share links start with: PUBLIC_URL, else the request's protocol and Host. */
  publicOrigin: (request: FastifyRequest) => string;
  /** The version history's routes (S-HIST-*), when the server keeps one. */
  history?: HistoryService;
}

/** A fresh board id: 16 URL-safe characters (96 random bits). */
export function newBoardId(): string {
  return randomBytes(12).toString('base64url');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The board route's id and the token's role, set by `onRequest` once both are checked. */
    board?: { id: string; role: Role };
  }
}

function boardOf(request: FastifyRequest): { id: string; role: Role } {
  if (!request.board) throw new Error('board route without its onRequest check');
  return request.board;
}

/** Runs `use` with the board's room held (loaded, or created empty for a valid token). */
async function withRoom<T>(
  context: ApiContext,
  boardId: string,
  use: (room: BoardRoom) => Promise<T>,
): Promise<T> {
  let room: BoardRoom | null;
  try {
    room = await context.registry.acquire(boardId, { createIfMissing: true });
  } catch (error) {
    throw boardError(error);
  }
  if (!room) throw new HttpError(404, 'No such board.');
  try {
    return await use(room);
  } catch (error) {
    throw boardError(error);
  } finally {
    context.registry.release(room);
  }
}

function boardError(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof BoardVersionError) return new HttpError(409, error.message);
  if (error instanceof ShuttingDownError) return new HttpError(503, 'The server is shutting down.');
  if (error instanceof RoomFailedError) {
    return new HttpError(503, 'The board could not be saved; try again in a moment.');
  }
  if (error instanceof BoardUnavailableError) return new HttpError(503, error.message);
  if (error instanceof BoardTooLargeError) return new HttpError(413, error.message);
  return error;
}

// ---------------------------------------------------------------------------------------------
// POST /api/boards

const CREATE_FIELDS = ['title', 'language', 'template'] as const;

/** The create-board body (S-REST-1); `null` reads as absent, as it always has. */
const createBoardSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    title: { type: ['string', 'null'], maxLength: LIMITS.boardTitleLength },
    language: { enum: ['fr', 'en', null] },
    template: { type: ['string', 'null'], maxLength: 100 },
  },
} as const;

/** Ajv's findings on the create-board body, said as the API always said them. */
function createBoardBodyError(errors: FastifySchemaValidationError[]): HttpError {
  const unknown = errors
    .filter((error) => error.keyword === 'additionalProperties')
    .map((error) => String(error.params.additionalProperty));
  const byField = (field: string) => errors.find((error) => error.instancePath === `/${field}`);
  if (errors.some((error) => error.instancePath === '' && error.keyword === 'type')) {
    return new HttpError(
      400,
      'The body must be a JSON object like {"title": "…", "language": "fr"}.',
    );
  }
  if (unknown.length > 0) {
    return new HttpError(
      400,
      `Unknown field(s): ${unknown.join(', ')}. Allowed: ${CREATE_FIELDS.join(', ')}.`,
    );
  }
  for (const field of CREATE_FIELDS) {
    const error = byField(field);
    if (!error) continue;
    if (field === 'language') return new HttpError(400, '"language" must be "fr" or "en".');
    if (error.keyword === 'maxLength') {
      return new HttpError(
        400,
        `"${field}" is longer than ${String(error.params.limit)} characters.`,
      );
    }
    return new HttpError(400, `"${field}" must be a string.`);
  }
  return new HttpError(400, errors[0]?.message ?? 'The body is not a valid board request.');
}

async function createBoard(
  context: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const input = request.body as CreateBoardRequest;
  const title = input.title ?? undefined;
  const language: Language | undefined = input.language ?? undefined;
  const templateId = input.template ?? undefined;
  if (templateId !== undefined && !findTemplate(templateId)) {
    throw new HttpError(
      400,
      `Unknown template "${templateId}". Known: ${TEMPLATES.map((template) => template.id).join(', ')}.`,
    );
  }

  const doc = new Y.Doc();
  if (templateId !== undefined) {
    applyTemplate(doc, templateId, ORIGINS.server);
    writeMeta(doc, { title, language });
  } else {
    initBoard(doc, { title: title ?? '', language: language ?? 'fr' }, ORIGINS.server);
  }
  const meta = readMeta(doc);
  let id = newBoardId();
  while (!(await context.store.createBoard(id, Y.encodeStateAsUpdate(doc)))) id = newBoardId();
  doc.destroy();
  context.metrics.boardsCreated.inc();
  context.log.info({ boardId: id, template: templateId }, 'board created');

  const origin = context.publicOrigin(request);
  const tokens = Object.fromEntries(
    ROLES.map((role) => [role, signToken(context.secret, { boardId: id, role })]),
  ) as Record<Role, string>;
  const links = Object.fromEntries(
    ROLES.map((role) => [role, shareLink(origin, id, tokens[role])]),
  ) as Record<Role, string>;
  const result: CreatedBoard = { id, title: meta.title, language: meta.language, links, tokens };
  return replyJson(reply, 201, result, { location: `/api/boards/${id}` });
}

// ---------------------------------------------------------------------------------------------
// Board routes

async function boardInfo(context: ApiContext, request: FastifyRequest, reply: FastifyReply) {
  const { id, role } = boardOf(request);
  const meta = await withRoom(context, id, (room) => room.read(readMeta));
  const result: BoardInfo = { id, title: meta.title, language: meta.language, role };
  return replyJson(reply, 200, result);
}

async function exportBoardFile(context: ApiContext, request: FastifyRequest, reply: FastifyReply) {
  const { id } = boardOf(request);
  let json: string;
  try {
    json = await withRoom(context, id, (room) => room.read(exportBoardJson));
  } catch (error) {
    // S-DUR-5: a board this version cannot open for editing is still exported, as stored.
    if (!(error instanceof HttpError && error.status === 409)) throw error;
    const stored = await context.registry
      .readStored(id, exportBoardJson)
      .catch((failure: unknown) => Promise.reject(boardError(failure)));
    if (stored === null) throw new HttpError(404, 'No such board.');
    json = stored;
  }
  return replyBoardFile(reply, `${id}.fire-triangle.json`, json);
}

async function importBoardFile(context: ApiContext, request: FastifyRequest, reply: FastifyReply) {
  const { id } = boardOf(request);
  const text = bodyText(request.body);
  let file: ReturnType<typeof parseBoardFile>;
  try {
    file = parseBoardFile(text);
  } catch (error) {
    if (error instanceof BoardImportError) {
      throw new HttpError(400, error.message, { issues: error.issues });
    }
    throw error;
  }
  // One transaction in the room: stored as one update, relayed live to everyone connected.
  await withRoom(context, id, (room) =>
    room.change((doc) => importBoard(file, doc, ORIGINS.import), ORIGINS.import),
  );
  context.log.info(
    { boardId: id, cards: file.cards.length, links: file.links.length },
    'board imported',
  );
  const result: ImportBoardResponse = { cards: file.cards.length, links: file.links.length };
  return replyJson(reply, 200, result);
}

async function boardReport(context: ApiContext, request: FastifyRequest, reply: FastifyReply) {
  const { id } = boardOf(request);
  const requested = (request.query as Record<string, unknown>).lang;
  if (requested !== undefined && !isLanguage(requested)) {
    throw new HttpError(400, '"lang" must be "fr" or "en".');
  }
  const board = await withRoom(context, id, (room) => room.read(readBoard));
  const lang: Language = requested ?? board.meta.language;
  const findings = validateBoard(board).map((finding) => ({
    ...finding,
    text: finding.message[lang],
  }));
  const result: BoardReportResponse = { lang, findings, score: alignmentScore(board) };
  return replyJson(reply, 200, result);
}

function listTemplates(reply: FastifyReply) {
  const result: TemplateSummary[] = TEMPLATES.map(({ id, language, title, description }) => ({
    id,
    language,
    title,
    description,
  }));
  return replyJson(reply, 200, result, { 'cache-control': 'public, max-age=300' });
}

// ---------------------------------------------------------------------------------------------
// Routing

/** Methods answered with 405 (and `Allow`) on a route that takes others. */
const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The 404 for a board route whose id cannot be a board id (before anything else is said). */
function checkBoardId(request: FastifyRequest): string {
  const { boardId } = request.params as { boardId: string };
  if (!isValidBoardId(boardId)) {
    throw new HttpError(404, 'No such board: a board id is 1–64 letters, digits, "-" or "_".');
  }
  return boardId;
}

export type RouteOptions = Omit<Parameters<FastifyInstance['route']>[0], 'method' | 'url'>;

/** Registers each of `routes` on `url`, and a 405 naming them for every other method. */
function routeMethods(
  app: FastifyInstance,
  url: string,
  routes: Partial<Record<'GET' | 'POST' | 'PATCH', RouteOptions>>,
): void {
  const taken: string[] = [];
  for (const [method, options] of Object.entries(routes)) {
    app.route({ ...options, method, url });
    taken.push(method, ...(method === 'GET' ? ['HEAD'] : []));
  }
  const allow = Object.keys(routes).join(', ');
  app.route({
    method: METHODS.filter((other) => !taken.includes(other)),
    url,
    handler: async (request) => {
      if (url.includes(':boardId')) checkBoardId(request);
      throw new HttpError(405, `Use ${allow} here.`, {}, { allow });
    },
  });
}

/** Registers `method url` and a 405 naming it for every other method on that path. */
function routeWithAllow(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  options: RouteOptions,
): void {
  routeMethods(app, url, { [method]: options });
}

/** A board route's check of its token, before its body is read (see `apiRoutes`). */
export type AuthorizeBoard = (
  facilitatorOnly: false | string,
) => (request: FastifyRequest) => Promise<void>;

/** The REST routes, under `/api`. Unknown `/api` paths get the app's 404 (`No API route …`). */
export function apiRoutes(context: ApiContext) {
  return async (app: FastifyInstance): Promise<void> => {
    /**
     * The board route's checks, before its body is read: id (404), token (401/403), role — a
     * facilitator-only route gives its refusal (403) as `facilitatorOnly`.
     */
    const authorizeBoard: AuthorizeBoard = (facilitatorOnly) => async (request) => {
      const boardId = checkBoardId(request);
      const url = new URL(request.url, 'http://localhost');
      const check = verifyToken(
        context.secret,
        tokenFromRequest(url, request.headers.authorization),
        boardId,
      );
      if (!check.ok) throw new HttpError(check.status, check.message);
      if (facilitatorOnly !== false && check.claims.role !== 'facilitator') {
        throw new HttpError(403, facilitatorOnly);
      }
      request.board = { id: boardId, role: check.claims.role };
    };

    routeWithAllow(app, 'GET', '/templates', {
      handler: (_request, reply) => listTemplates(reply),
    });

    routeWithAllow(app, 'POST', '/boards', {
      bodyLimit: MAX_SMALL_BODY_BYTES,
      schema: { body: createBoardSchema },
      schemaErrorFormatter: (errors) => createBoardBodyError(errors),
      // Counted before the body is read: a flood of creations costs no parsing.
      onRequest: async (request) => {
        if (!(await context.boardCreations.take(request.ip))) {
          throw new HttpError(
            429,
            `Too many boards created from this address; at most ${context.config.boardCreationsPerMinute} a minute.`,
            {},
            { 'retry-after': '60' },
          );
        }
      },
      preValidation: async (request) => {
        request.body = bodyJson(request.body);
      },
      handler: (request, reply) => createBoard(context, request, reply),
    });

    routeWithAllow(app, 'GET', '/boards/:boardId', {
      onRequest: authorizeBoard(false),
      handler: (request, reply) => boardInfo(context, request, reply),
    });
    routeWithAllow(app, 'GET', '/boards/:boardId/export', {
      onRequest: authorizeBoard(false),
      handler: (request, reply) => exportBoardFile(context, request, reply),
    });
    routeWithAllow(app, 'GET', '/boards/:boardId/report', {
      onRequest: authorizeBoard(false),
      handler: (request, reply) => boardReport(context, request, reply),
    });
    routeWithAllow(app, 'POST', '/boards/:boardId/import', {
      bodyLimit: context.config.maxImportBytes,
      // An import replaces the board's settings too: facilitator-only (S-WRITE-2).
      onRequest: authorizeBoard('Only a facilitator link can import a board.'),
      handler: (request, reply) => importBoardFile(context, request, reply),
    });

    if (context.history) {
      historyRoutes(app, context.history, {
        authorize: authorizeBoard,
        route: routeMethods,
        withRoom: (boardId, use) => withRoom(context, boardId, use),
      });
    }
  };
}
