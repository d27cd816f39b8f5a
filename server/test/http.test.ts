/**
 * [S-OPS-5] the built client compressed and cached, [S-SEC-1] security headers, [S-SEC-2] proxy
 * trust, [S-OPS-2] prom-client metrics — the HTTP side, against a real server.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measurePageWeight } from '../bench/page-weight.ts';
import type { ServerConfig } from '../src/config.ts';
import { IMMUTABLE } from '../src/http/client-files.ts';
import { precompressDirectory } from '../src/http/precompress.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  createBoard,
  expectUpgradeRefused,
  makeDataDir,
  openRawSocket,
  type RawSocket,
  startTestServer,
  type TestServer,
  wsBase,
} from './helpers.ts';

/** A raw GET: status, headers and the body exactly as sent (no decompression). */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, index) => `card-${index % 37}`))};\n`;
const PAGE = `<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script><link rel="stylesheet" href="/assets/app-4d5e6f.css"></head><body><div id="root"></div>${' '.repeat(300)}</body></html>`;
const STYLE = `.card { color: red; }\n`.repeat(40);

/** A built client like Vite's, precompressed like `pnpm build` does. */
async function builtClient(dir: string): Promise<string> {
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), PAGE);
  await writeFile(join(dist, 'assets', 'app-1a2b3c.js'), SCRIPT);
  await writeFile(join(dist, 'assets', 'app-4d5e6f.css'), STYLE);
  await writeFile(join(dist, 'sw.js'), `self.addEventListener('fetch', () => {});\n`.repeat(10));
  await precompressDirectory(dist);
  return dist;
}

describe('the HTTP side', () => {
  let test: TestServer | undefined;
  const sockets: RawSocket[] = [];
  const start = async (overrides: Partial<ServerConfig> = {}, withClient = false) => {
    const dataDir = await makeDataDir();
    const clientDist = withClient ? await builtClient(dataDir) : join(dataDir, 'no-client-dist');
    test = await startTestServer({ clientDist, ...overrides }, undefined, {});
    return test.server;
  };
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.ws.terminate();
    await test?.cleanup();
    test = undefined;
  });

  it('[S-OPS-5] serves the precompressed variant the browser accepts, with Vary, and the plain file otherwise', async () => {
    const server = await start({}, true);
    const url = `${server.url}/assets/app-1a2b3c.js`;
    const br = await rawGet(url, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 2);
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await rawGet(url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    // The page routes too: the single-page app's index.html, compressed.
    const page = await rawGet(`${server.url}/b/some-board?token=x`, { 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(page.body).toString()).toBe(PAGE);
  });

  it('[S-OPS-5] hashed assets are cached for a year; the page and sw.js revalidate by ETag (304)', async () => {
    const server = await start({}, true);
    const asset = await rawGet(`${server.url}/assets/app-4d5e6f.css`, { 'accept-encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    for (const path of ['/', '/b/board-1', '/sw.js']) {
      const first = await rawGet(`${server.url}${path}`, { 'accept-encoding': 'br, gzip' });
      expect(first.status, path).toBe(200);
      expect(first.headers['cache-control'], path).toBe('no-cache');
      const etag = first.headers.etag as string;
      expect(etag, path).toBeTruthy();
      const again = await rawGet(`${server.url}${path}`, {
        'accept-encoding': 'br, gzip',
        'if-none-match': etag,
      });
      expect(again.status, path).toBe(304);
      expect(again.body.length, path).toBe(0);
    }
  });

  it('[S-OPS-5] bench/page-weight.ts: a first visit fetches the page, its assets and sw.js; a repeat visit only revalidates', async () => {
    const server = await start({}, true);
    const weight = await measurePageWeight(`${server.url}/b/board-1?token=x`, 'br, gzip');
    expect(weight.firstVisit.transfers.map((transfer) => transfer.path)).toEqual([
      '/b/board-1',
      '/assets/app-1a2b3c.js',
      '/assets/app-4d5e6f.css',
      '/sw.js',
    ]);
    expect(weight.firstVisit.transfers.every((transfer) => transfer.encoding === 'br')).toBe(true);
    expect(
      weight.repeatVisit.transfers.map((transfer) => [transfer.path, transfer.status]),
    ).toEqual([
      ['/b/board-1', 304],
      ['/sw.js', 304],
    ]);
    expect(weight.repeatVisit.bytes).toBeLessThan(weight.firstVisit.bytes);
  });

  it('[S-SEC-1] pages, assets, API answers and errors carry the CSP, framing, nosniff and referrer headers', async () => {
    const server = await start({}, true);
    const board = await createBoard(server);
    const host = new URL(server.url).host;
    for (const path of [
      '/',
      `/b/${board.id}?token=${board.tokens.editor}`,
      '/assets/app-1a2b3c.js',
      `/api/boards/${board.id}?token=${board.tokens.editor}`,
      '/api/nothing',
      '/missing-file',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((directive) => {
          const [name, ...values] = directive.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('default-src'), path).toEqual(["'self'"]);
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(directives.get('style-src'), path).toEqual(["'self'"]);
      expect(directives.get('connect-src'), path).toEqual([
        "'self'",
        `ws://${host}`,
        `wss://${host}`,
      ]);
      expect(directives.get('frame-ancestors'), path).toEqual(["'self'"]);
      expect(directives.get('object-src'), path).toEqual(["'none'"]);
      expect(directives.has('upgrade-insecure-requests'), path).toBe(false);
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('[S-SEC-1] PUBLIC_URL’s host may be a websocket source too; a hostile Host header is not echoed', async () => {
    const server = await start({ publicUrl: 'https://ft.example.org' });
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(
      /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+ ws:\/\/ft\.example\.org wss:\/\/ft\.example\.org/,
    );
    const hostile = await rawGet(`${server.url}/`, { host: 'evil.example; script-src *' });
    const hostileCsp = String(hostile.headers['content-security-policy']);
    expect(hostileCsp).not.toContain('evil');
    expect(hostileCsp).toMatch(/script-src 'self';/);
  });

  it('[S-SEC-2] behind a trusted proxy, a forged leftmost X-Forwarded-For entry does not dodge the per-address limit', async () => {
    const server = await start({ trustProxy: ['loopback'], maxConnectionsPerAddress: 2 });
    const board = await createBoard(server);
    // The proxy (this loopback peer) appends the address it saw; the client wrote the rest.
    const via = (forged: string, real: string) => ({ 'X-Forwarded-For': `${forged}, ${real}` });
    sockets.push(
      await openRawSocket(server, board.id, board.tokens.editor, via('1.1.1.1', '203.0.113.7')),
    );
    sockets.push(
      await openRawSocket(server, board.id, board.tokens.editor, via('2.2.2.2', '203.0.113.7')),
    );
    const url = `${wsBase(server)}/${board.id}?token=${board.tokens.editor}`;
    const refused = await expectUpgradeRefused(url, via('3.3.3.3', '203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatch(/from 203\.0\.113\.7 /);
    // Another client behind the same proxy has its own slots.
    sockets.push(
      await openRawSocket(server, board.id, board.tokens.editor, via('3.3.3.3', '203.0.113.8')),
    );
    expect(
      await metricValue(server.internals.metrics.connectionsRefused, {
        reason: 'too-many-from-address',
      }),
    ).toBe(1);
  });

  it('[S-SEC-2] TRUST_PROXY=true trusts one hop; without it X-Forwarded-For is ignored; board creation is limited by the same address', async () => {
    let server = await start({
      trustProxy: true,
      maxConnectionsPerAddress: 1,
      boardCreationsPerMinute: 1,
    });
    let board = await createBoard(server);
    const url = () => `${wsBase(server)}/${board.id}?token=${board.tokens.editor}`;
    sockets.push(
      await openRawSocket(server, board.id, board.tokens.editor, {
        'X-Forwarded-For': '9.9.9.9, 198.51.100.1',
      }),
    );
    expect(
      (await expectUpgradeRefused(url(), { 'X-Forwarded-For': '8.8.8.8, 198.51.100.1' })).status,
    ).toBe(429);
    // The board creation above came from 127.0.0.1 (no header): another client's is its own.
    const created = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'X-Forwarded-For': '7.7.7.7, 198.51.100.1' },
    });
    expect(created.status).toBe(201);
    const forged = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'X-Forwarded-For': '6.6.6.6, 198.51.100.1' },
    });
    expect(forged.status).toBe(429);
    await test!.cleanup();
    for (const socket of sockets.splice(0)) socket.ws.terminate();

    server = await start({ trustProxy: false, maxConnectionsPerAddress: 1 });
    board = await createBoard(server);
    sockets.push(
      await openRawSocket(server, board.id, board.tokens.editor, {
        'X-Forwarded-For': '198.51.100.1',
      }),
    );
    const refused = await expectUpgradeRefused(url(), { 'X-Forwarded-For': '198.51.100.2' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatch(/from 127\.0\.0\.1 /);
  });

  it('[S-SEC-2] share links say https only when a trusted proxy says so', async () => {
    const trusted = await start({ trustProxy: 1 });
    const viaProxy = await fetch(`${trusted.url}/api/boards`, {
      method: 'POST',
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(((await viaProxy.json()) as { links: { editor: string } }).links.editor).toMatch(
      /^https:\/\//,
    );
    await test!.cleanup();
    const direct = await start({ trustProxy: false });
    const forged = await fetch(`${direct.url}/api/boards`, {
      method: 'POST',
      headers: { 'X-Forwarded-Proto': 'https' },
    });
    expect(((await forged.json()) as { links: { editor: string } }).links.editor).toMatch(
      /^http:\/\//,
    );
  });

  it('[S-OPS-2] /metrics adds prom-client’s process and event-loop metrics; two servers in one process count apart', async () => {
    const server = await start();
    const other = await startTestServer({});
    try {
      await createBoard(server);
      const text = await (await fetch(`${server.url}/metrics`)).text();
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
        'fire_triangle_boards_created_total',
      ]) {
        expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
      }
      expect(text).toMatch(/^fire_triangle_boards_created_total 1$/m);
      expect(await metricValue(other.server.internals.metrics.boardsCreated)).toBe(0);
    } finally {
      await other.cleanup();
    }
  });
});
