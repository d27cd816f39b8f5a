/**
 * How the HTTP side answers: JSON replies (pretty-printed, `no-store`), errors meant for people
 * (`{error}`, docs/server-spec.md REST API), and request bodies decoded strictly (UTF-8, JSON).
 */
import type { ApiErrorResponse } from '@fire-triangle/shared';
import type { FastifyReply } from 'fastify';

/** A refusal with the status, the person-facing message and any extra body fields or headers. */
export class HttpError extends Error {
  /** The same status, under the name Fastify reads (schema validation passes errors through). */
  readonly statusCode: number;

  constructor(
    readonly status: number,
    message: string,
    readonly extra: Omit<ApiErrorResponse, 'error'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = status;
  }
}

/** Sends `body` as JSON (2-space indented, a final newline), never cached. */
export function replyJson(
  reply: FastifyReply,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(status)
    .headers({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    .send(`${JSON.stringify(body, null, 2)}\n`);
}

/** Sends a board file (JSON text, a final newline) as a download named `filename`, never cached. */
export function replyBoardFile(reply: FastifyReply, filename: string, json: string): FastifyReply {
  return reply
    .code(200)
    .headers({
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    })
    .send(json.endsWith('\n') ? json : `${json}\n`);
}

export function replyError(reply: FastifyReply, error: HttpError): FastifyReply {
  const body: ApiErrorResponse = { error: error.message, ...error.extra };
  return replyJson(reply, error.status, body, error.headers);
}

/** 413 for a body over `maxBytes`; the connection closes (the rest of the body is not read). */
export function bodyTooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    `The request body is larger than the ${formatBytes(maxBytes)} this server accepts.`,
    {},
    { connection: 'close' },
  );
}

/** A raw body as UTF-8 text (an absent body is empty); 400 for invalid UTF-8. */
export function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body as Uint8Array);
  } catch {
    throw new HttpError(400, 'The request body is not valid UTF-8 text.');
  }
}

/** A raw body parsed as JSON; an empty body reads as `{}`. 400 for invalid UTF-8 or JSON. */
export function bodyJson(body: unknown): unknown {
  const text = bodyText(body);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
