/**
 * The REST API (docs/server-spec.md, S-REST-*). Every board route needs a share token for that
 * board (`?token=` or `Authorization: Bearer`); changes go through the board's room, so people
 * connected to it see them live and they are stored like any other edit.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  alignmentScore,
  applyTemplate,
  BOARD_FILE_LIMITS,
  BoardImportError,
  type BoardInfoResponse,
  type BoardReportResponse,
  BoardVersionError,
  type CreateBoardResponse,
  canEditBoard,
  exportBoardJson,
  findTemplate,
  type ImportBoardResponse,
  importBoard,
  initBoard,
  isLanguage,
  isValidBoardId,
  type Language,
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
import * as Y from 'yjs';
import { signToken, type TokenClaims, tokenFromRequest, verifyToken } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import type { KeyedRateLimiter } from '../limits/token-bucket.ts';
import type { Logger } from '../log.ts';
import { type BoardRoom, ORIGINS, RoomFailedError } from '../rooms/board-room.ts';
import { type RoomRegistry, ShuttingDownError } from '../rooms/room-registry.ts';
import type { BoardStore } from '../storage/board-store.ts';
import { HttpError, readBodyText, readJsonBody, sendJson } from './http-utils.ts';
import type { ServerMetrics } from './metrics.ts';

/** Small JSON bodies (create a board). Board files have their own, larger limit. */
const MAX_SMALL_BODY_BYTES = 16 * 1024;

export interface ApiContext {
  config: ServerConfig;
  secret: string;
  store: BoardStore;
  registry: RoomRegistry;
  metrics: ServerMetrics;
  log: Logger;
  boardCreations: KeyedRateLimiter;
  clientAddress: (request: IncomingMessage) => string;
  /** The origin this request reached us by (PUBLIC_URL, else its Host). */
  publicOrigin: (request: IncomingMessage) => string;
}

/** A fresh board id: 16 URL-safe characters (96 random bits). */
export function newBoardId(): string {
  return randomBytes(12).toString('base64url');
}

function authorize(
  context: ApiContext,
  request: IncomingMessage,
  url: URL,
  boardId: string,
): TokenClaims {
  const check = verifyToken(
    context.secret,
    tokenFromRequest(url, request.headers.authorization),
    boardId,
  );
  if (!check.ok) throw new HttpError(check.status, check.message);
  return check.claims;
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
  return error;
}

function asOptionalString(value: unknown, field: string, maxLength: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `"${field}" must be a string.`);
  if ([...value].length > maxLength) {
    throw new HttpError(400, `"${field}" is longer than ${maxLength} characters.`);
  }
  return value;
}

async function createBoard(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!context.boardCreations.take(context.clientAddress(request))) {
    throw new HttpError(
      429,
      `Too many boards created from this address; at most ${context.config.boardCreationsPerMinute} a minute.`,
      {},
      { 'Retry-After': '60' },
    );
  }
  const body = await readJsonBody(request, MAX_SMALL_BODY_BYTES);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(
      400,
      'The body must be a JSON object like {"title": "…", "language": "fr"}.',
    );
  }
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).filter(
    (key) => !['title', 'language', 'template'].includes(key),
  );
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      `Unknown field(s): ${unknown.join(', ')}. Allowed: title, language, template.`,
    );
  }
  const title = asOptionalString(input.title, 'title', BOARD_FILE_LIMITS.maxBoardTitleLength);
  let language: Language | undefined;
  if (input.language !== undefined && input.language !== null) {
    if (!isLanguage(input.language)) throw new HttpError(400, '"language" must be "fr" or "en".');
    language = input.language;
  }
  const templateId = asOptionalString(input.template, 'template', 100);
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
  const result: CreateBoardResponse = {
    id,
    title: meta.title,
    language: meta.language,
    links,
    tokens,
  };
  sendJson(response, 201, result, { Location: `/api/boards/${id}` });
}

async function boardInfo(
  context: ApiContext,
  boardId: string,
  role: Role,
  response: ServerResponse,
) {
  const meta = await withRoom(context, boardId, (room) => room.read(readMeta));
  const result: BoardInfoResponse = {
    id: boardId,
    title: meta.title,
    language: meta.language,
    role,
  };
  sendJson(response, 200, result);
}

async function exportBoardFile(context: ApiContext, boardId: string, response: ServerResponse) {
  const json = await withRoom(context, boardId, (room) => room.read(exportBoardJson));
  const text = json.endsWith('\n') ? json : `${json}\n`;
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Content-Disposition': `attachment; filename="${boardId}.fire-triangle.json"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

async function importBoardFile(
  context: ApiContext,
  boardId: string,
  role: Role,
  request: IncomingMessage,
  response: ServerResponse,
) {
  if (!canEditBoard(role)) {
    throw new HttpError(
      403,
      'A viewer link cannot import a board; use an editor or facilitator link.',
    );
  }
  const text = await readBodyText(request, context.config.maxImportBytes);
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
  await withRoom(context, boardId, (room) =>
    room.change((doc) => importBoard(file, doc, ORIGINS.import), ORIGINS.import),
  );
  context.log.info(
    { boardId, cards: file.cards.length, links: file.links.length },
    'board imported',
  );
  const result: ImportBoardResponse = { cards: file.cards.length, links: file.links.length };
  sendJson(response, 200, result);
}

async function boardReport(
  context: ApiContext,
  boardId: string,
  url: URL,
  response: ServerResponse,
) {
  const requested = url.searchParams.get('lang');
  if (requested !== null && !isLanguage(requested)) {
    throw new HttpError(400, '"lang" must be "fr" or "en".');
  }
  const board = await withRoom(context, boardId, (room) => room.read(readBoard));
  const lang: Language = requested ?? board.meta.language;
  const findings = validateBoard(board).map((finding) => ({
    ...finding,
    text: finding.message[lang],
  }));
  const result: BoardReportResponse = { lang, findings, score: alignmentScore(board) };
  sendJson(response, 200, result);
}

function listTemplates(response: ServerResponse): void {
  const result: TemplateSummary[] = TEMPLATES.map(({ id, language, title, description }) => ({
    id,
    language,
    title,
    description,
  }));
  sendJson(response, 200, result, { 'Cache-Control': 'public, max-age=300' });
}

function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, `Use ${allowed.join(' or ')} here.`, {}, { Allow: allowed.join(', ') });
}

/** Routes `/api/*`. Returns after the response was sent; throws HttpError for refusals. */
export async function handleApi(
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  const segments = url.pathname.split('/').filter(Boolean).slice(1); // after 'api'
  if (segments.length === 1 && segments[0] === 'templates') {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET']);
    return listTemplates(response);
  }
  if (segments[0] !== 'boards') throw new HttpError(404, `No API route ${url.pathname}.`);
  if (segments.length === 1) {
    if (method !== 'POST') throw methodNotAllowed(['POST']);
    return createBoard(context, request, response);
  }
  const boardId = segments[1]!;
  if (!isValidBoardId(boardId)) {
    throw new HttpError(404, 'No such board: a board id is 1–64 letters, digits, "-" or "_".');
  }
  const action = segments.slice(2).join('/');
  const routes: Record<string, string> = {
    '': 'GET',
    export: 'GET',
    import: 'POST',
    report: 'GET',
  };
  const expected = routes[action];
  if (expected === undefined || segments.length > 3) {
    throw new HttpError(404, `No API route ${url.pathname}.`);
  }
  if (method !== expected && !(expected === 'GET' && method === 'HEAD')) {
    throw methodNotAllowed([expected]);
  }
  const { role } = authorize(context, request, url, boardId);
  switch (action) {
    case '':
      return boardInfo(context, boardId, role, response);
    case 'export':
      return exportBoardFile(context, boardId, response);
    case 'import':
      return importBoardFile(context, boardId, role, request, response);
    case 'report':
      return boardReport(context, boardId, url, response);
  }
}
