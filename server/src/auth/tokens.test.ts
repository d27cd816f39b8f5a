import { createHmac } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin.ts';
import { loadOrCreateSecret } from './secret.ts';
import { signToken, tokenFromRequest, verifyToken } from './tokens.ts';

const SECRET = 'a'.repeat(64);

describe('share tokens', () => {
  it('[S-AUTH-1] a signed token verifies for its board and carries its role', () => {
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      const token = signToken(SECRET, { boardId: 'board_1', role });
      expect(verifyToken(SECRET, token, 'board_1')).toEqual({
        ok: true,
        claims: { boardId: 'board_1', role },
      });
    }
  });

  it('[S-AUTH-1] the payload is {v, b, r} in base64url JSON, signed with HMAC-SHA256', () => {
    const token = signToken(SECRET, { boardId: 'b', role: 'editor' });
    const [payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      v: 1,
      b: 'b',
      r: 'editor',
    });
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(32);
  });

  it('[S-AUTH-2] refuses a missing, forged, tampered, foreign-secret or other-board token', () => {
    const token = signToken(SECRET, { boardId: 'board_1', role: 'viewer' });
    expect(verifyToken(SECRET, undefined, 'board_1')).toMatchObject({
      ok: false,
      status: 401,
      reason: 'missing',
    });
    expect(verifyToken(SECRET, '', 'board_1')).toMatchObject({ ok: false, status: 401 });
    expect(verifyToken('b'.repeat(64), token, 'board_1')).toMatchObject({
      ok: false,
      status: 403,
      reason: 'forged',
    });
    expect(verifyToken(SECRET, token, 'board_2')).toMatchObject({
      ok: false,
      status: 403,
      reason: 'other-board',
    });
    // Upgrade the role in the payload, keep the signature: forged.
    const [, signature] = token.split('.');
    const promoted = Buffer.from(JSON.stringify({ v: 1, b: 'board_1', r: 'editor' })).toString(
      'base64url',
    );
    expect(verifyToken(SECRET, `${promoted}.${signature}`, 'board_1')).toMatchObject({
      reason: 'forged',
    });
    for (const garbage of ['x', 'a.b.c', `${token}.`, '..', `${'A'.repeat(600)}.sig`, 'é.é']) {
      expect(verifyToken(SECRET, garbage, 'board_1')).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('[S-AUTH-1] a correctly signed payload of another version or role is refused', () => {
    const forge = (claims: unknown) => {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;
    };
    expect(verifyToken(SECRET, forge({ v: 2, b: 'b', r: 'editor' }), 'b')).toMatchObject({
      ok: false,
    });
    expect(verifyToken(SECRET, forge({ v: 1, b: 'b', r: 'admin' }), 'b')).toMatchObject({
      ok: false,
    });
    expect(verifyToken(SECRET, forge({ v: 1, b: 'b', r: 'editor' }), 'b')).toMatchObject({
      ok: true,
    });
  });

  it('[S-AUTH-4] reads the token from ?token= first, then Authorization: Bearer', () => {
    expect(tokenFromRequest(new URL('http://x/?token=abc'), 'Bearer def')).toBe('abc');
    expect(tokenFromRequest(new URL('http://x/'), 'Bearer def')).toBe('def');
    expect(tokenFromRequest(new URL('http://x/'), 'Basic def')).toBeNull();
    expect(tokenFromRequest(new URL('http://x/'), undefined)).toBeNull();
  });
});

describe('token secret', () => {
  it('[S-AUTH-1] is generated once into the data dir with mode 0600, then read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-secret-'));
    try {
      const first = loadOrCreateSecret(dir, undefined);
      expect(first.source).toBe('generated');
      expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
      expect((await stat(join(dir, 'secret'))).mode & 0o777).toBe(0o600);
      const second = loadOrCreateSecret(dir, undefined);
      expect(second).toMatchObject({ source: 'file', secret: first.secret });
      expect((await readFile(join(dir, 'secret'), 'utf8')).trim()).toBe(first.secret);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('[S-AUTH-1] FT_SECRET wins and writes nothing; a loose file mode is tightened; a short file is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ft-secret-'));
    try {
      expect(loadOrCreateSecret(dir, SECRET)).toEqual({ secret: SECRET, source: 'env' });
      await expect(stat(join(dir, 'secret'))).rejects.toThrow();
      await writeFile(join(dir, 'secret'), `${'c'.repeat(64)}\n`);
      await chmod(join(dir, 'secret'), 0o644);
      expect(loadOrCreateSecret(dir, undefined).secret).toBe('c'.repeat(64));
      expect((await stat(join(dir, 'secret'))).mode & 0o777).toBe(0o600);
      await writeFile(join(dir, 'secret'), 'short');
      expect(() => loadOrCreateSecret(dir, undefined)).toThrow(/shorter than 32/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('origin check', () => {
  const policy = { allowedOrigins: ['https://workshop.example.org'], publicUrl: undefined };
  it('[S-AUTH-5] allows no Origin, the same host, the Vite dev ports and the allow-list', () => {
    expect(isOriginAllowed(undefined, 'localhost:4321', policy)).toBe(true);
    expect(isOriginAllowed('http://192.168.1.20:4321', '192.168.1.20:4321', policy)).toBe(true);
    expect(isOriginAllowed('http://localhost:5173', 'localhost:4321', policy)).toBe(true);
    expect(isOriginAllowed('https://workshop.example.org', 'ft.internal:4321', policy)).toBe(true);
  });
  it('[S-AUTH-5] refuses other sites and garbage', () => {
    expect(isOriginAllowed('https://evil.example', 'localhost:4321', policy)).toBe(false);
    expect(isOriginAllowed('http://localhost:4322', 'localhost:4321', policy)).toBe(false);
    expect(isOriginAllowed('null', 'localhost:4321', policy)).toBe(false);
    expect(
      isOriginAllowed('https://ft.example', 'x:1', {
        allowedOrigins: [],
        publicUrl: 'https://ft.example/',
      }),
    ).toBe(true);
  });
});
