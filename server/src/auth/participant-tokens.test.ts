import { describe, expect, it } from 'vitest';
import {
  newParticipantId,
  signParticipantToken,
  verifyParticipantToken,
} from './participant-tokens.ts';
import { signToken, verifyToken } from './tokens.ts';

const SECRET = 'participant-secret-0123456789abcdef0123456789';

describe('participant tokens', () => {
  it('[S-FAC-ID-1] a token names its participant on its board only; forged, damaged and share tokens are refused', () => {
    const id = newParticipantId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const token = signParticipantToken(SECRET, 'board-1', id);
    expect(verifyParticipantToken(SECRET, token, 'board-1')).toBe(id);
    expect(verifyParticipantToken(SECRET, token, 'board-2')).toBeNull();
    expect(
      verifyParticipantToken('another-secret-0123456789abcdef012345', token, 'board-1'),
    ).toBeNull();
    const [payload, signature] = token.split('.') as [string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ v: 1, b: 'board-1', p: newParticipantId() }),
    ).toString('base64url');
    expect(verifyParticipantToken(SECRET, `${forgedPayload}.${signature}`, 'board-1')).toBeNull();
    expect(
      verifyParticipantToken(SECRET, `${payload}.${signature.slice(1)}`, 'board-1'),
    ).toBeNull();
    for (const bad of [null, '', 'x', 'a.b.c', `${payload}.`, 'é.é', 'a'.repeat(600)]) {
      expect(verifyParticipantToken(SECRET, bad, 'board-1')).toBeNull();
    }
    // Neither kind of token passes as the other.
    const share = signToken(SECRET, { boardId: 'board-1', role: 'facilitator' });
    expect(verifyParticipantToken(SECRET, share, 'board-1')).toBeNull();
    expect(verifyToken(SECRET, token, 'board-1').ok).toBe(false);
  });
});
