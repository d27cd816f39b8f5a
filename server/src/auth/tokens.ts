/**
 * Share tokens: what a link carries to let someone into one board with one role.
 *
 *   token = base64url(JSON {v: 1, b: boardId, r: role}) + "." + base64url(HMAC-SHA256(secret, first part))
 *
 * The payload is readable (the board id is in the URL anyway); the signature makes it
 * unforgeable without the server's secret. Tokens do not expire: a link works as long as the
 * secret does (rotate FT_SECRET or delete `<dataDir>/secret` to revoke every link at once).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRole, isValidBoardId, type Role } from '@fire-triangle/shared';

/** The token layout version, signed into every token. */
export const TOKEN_VERSION = 1;

/** Longer strings are refused before any hashing (a valid token is about 110 characters). */
export const MAX_TOKEN_LENGTH = 512;

export interface TokenClaims {
  boardId: string;
  role: Role;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | {
      ok: false;
      status: 401 | 403;
      reason: 'missing' | 'malformed' | 'forged' | 'other-board';
      message: string;
    };

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** `base64url(JSON claims) . base64url(signature of the first part)`. */
export function sealToken(claims: object, signature: (payload: string) => Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signature(payload).toString('base64url')}`;
}

/**
 * The claims of a token `sealToken` made with `signature`: the signature is compared in
 * constant time before the payload is even parsed, so a forged token learns nothing from the
 * timing or the error. Tokens longer than `maxLength` are refused before any hashing.
 */
export function openToken(
  token: string,
  maxLength: number,
  signature: (payload: string) => Buffer,
): { ok: true; claims: unknown } | { ok: false; reason: 'malformed' | 'forged' } {
  const parts = token.length <= maxLength ? token.split('.') : [];
  if (
    parts.length !== 2 ||
    !/^[A-Za-z0-9_-]+$/.test(parts[0]!) ||
    !/^[A-Za-z0-9_-]+$/.test(parts[1]!)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const [payload, given] = parts as [string, string];
  const expected = signature(payload);
  const givenBytes = Buffer.from(given, 'base64url');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) {
    return { ok: false, reason: 'forged' };
  }
  try {
    return { ok: true, claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

export function signToken(secret: string, claims: TokenClaims): string {
  return sealToken({ v: TOKEN_VERSION, b: claims.boardId, r: claims.role }, (payload) =>
    sign(secret, payload),
  );
}

/**
 * Checks a token for one board. The signature is compared in constant time before the payload
 * is even parsed, so a forged token learns nothing from the timing or the error.
 */
export function verifyToken(
  secret: string,
  token: string | null | undefined,
  boardId: string,
): TokenCheck {
  if (!token) {
    return {
      ok: false,
      status: 401,
      reason: 'missing',
      message: 'This board needs a share token: open the board with its full share link.',
    };
  }
  const refused = (
    reason: 'malformed' | 'forged' | 'other-board',
    message: string,
  ): TokenCheck => ({
    ok: false,
    status: 403,
    reason,
    message,
  });
  const opened = openToken(token, MAX_TOKEN_LENGTH, (payload) => sign(secret, payload));
  if (!opened.ok) {
    return opened.reason === 'forged'
      ? refused('forged', 'This share token was not issued by this server.')
      : refused('malformed', 'This share token is damaged: copy the whole share link again.');
  }
  const claims = opened.claims;
  const { v, b, r } = (claims ?? {}) as { v?: unknown; b?: unknown; r?: unknown };
  if (v !== TOKEN_VERSION || !isValidBoardId(b) || !isRole(r)) {
    return refused('malformed', 'This share token has an unknown format.');
  }
  if (b !== boardId) {
    return refused('other-board', 'This share token is for another board.');
  }
  return { ok: true, claims: { boardId: b, role: r } };
}

/** The token in `?token=` or `Authorization: Bearer …` (the query wins: it is what links carry). */
export function tokenFromRequest(url: URL, authorization: string | undefined): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match ? match[1]! : null;
}
