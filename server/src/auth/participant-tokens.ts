/**
 * Participant tokens: who a device is on one board (S-FAC-ID-*; the format is described for
 * the client in `shared/src/protocol/participant.ts`).
 *
 *   token = base64url(JSON {v: 1, b: boardId, p: participantId}) + "." +
 *           base64url(HMAC-SHA256(secret, "participant." + first part))
 *
 * Signed with the server's secret like share tokens (`tokens.ts`), with a prefix in the signed
 * text so that neither kind of token ever passes as the other. The participant id is 128 random
 * bits (22 base64url characters). Replacing the secret gives every device a new participant id
 * on its next `hello` (their dots and private cards stay under the old one).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isValidBoardId, MAX_PARTICIPANT_TOKEN_LENGTH } from '@fire-triangle/shared';
import { openToken, sealToken } from './tokens.ts';

const VERSION = 1;
const PARTICIPANT_ID = /^[A-Za-z0-9_-]{22}$/;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`participant.${payload}`).digest();
}

/** A new participant id: 128 random bits, base64url. */
export function newParticipantId(): string {
  return randomBytes(16).toString('base64url');
}

export function signParticipantToken(
  secret: string,
  boardId: string,
  participantId: string,
): string {
  return sealToken({ v: VERSION, b: boardId, p: participantId }, (payload) =>
    sign(secret, payload),
  );
}

/**
 * The participant id a token names on `boardId`, or null when the token is missing, damaged,
 * not signed by this server's secret, or for another board (`openToken`: constant-time
 * signature check before the payload is parsed).
 */
export function verifyParticipantToken(
  secret: string,
  token: string | null | undefined,
  boardId: string,
): string | null {
  if (!token) return null;
  const opened = openToken(token, MAX_PARTICIPANT_TOKEN_LENGTH, (payload) => sign(secret, payload));
  if (!opened.ok) return null;
  const { v, b, p } = (opened.claims ?? {}) as { v?: unknown; b?: unknown; p?: unknown };
  if (v !== VERSION || !isValidBoardId(b) || b !== boardId) return null;
  return typeof p === 'string' && PARTICIPANT_ID.test(p) ? p : null;
}
