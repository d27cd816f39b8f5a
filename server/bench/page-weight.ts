/**
 * What loading the board page costs on the wire (issue 11 "The page": first visit ≤ 250 KB,
 * repeat visit ≤ 10 KB): `node --import tsx bench/page-weight.ts [--url URL] [--json FILE]`
 * from server/. Without `--url` it starts the real server on the built client (`pnpm build`
 * first) with a throwaway data directory and opens a fresh board's facilitator link.
 *
 * It fetches as a browser does, with raw `node:http` so the bytes counted are the bytes sent
 * (status line + headers + body as transferred, compressed or not):
 *
 * - first visit, empty cache: the page, every `/assets/…` it references (script, module
 *   preloads, stylesheets) and the service worker `/sw.js` the app registers;
 * - repeat visit: the page and `/sw.js` again, conditionally (`If-None-Match` — the browser
 *   revalidates `no-cache` files), and no request at all for the `immutable` assets.
 *
 * Each is measured with `Accept-Encoding: br, gzip` (what browsers send), `gzip` alone and
 * `identity` (no compression), so the table shows what compression saves.
 *
 * `--compare` also weighs the choice made in `src/http/client-files.ts` — files compressed once
 * at build time (`preCompressed`) against compressing each response on the fly
 * (`@fastify/compress`, its defaults) — in the same run, on the same files: bytes of a first
 * visit and the server's CPU time per page load (20 loads of the page's files, after a warm-up).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export interface Transfer {
  path: string;
  status: number;
  /** Status line, headers and body, as they crossed the wire. */
  bytes: number;
  bodyBytes: number;
  encoding: string | null;
  cacheControl: string | null;
  etag: string | null;
}

export interface PageWeight {
  acceptEncoding: string;
  firstVisit: { bytes: number; transfers: Transfer[] };
  repeatVisit: { bytes: number; transfers: Transfer[] };
}

function get(
  url: URL,
  headers: Record<string, string>,
): Promise<{ transfer: Transfer; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const raw = response.rawHeaders;
        let headerBytes =
          `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
        for (let index = 0; index < raw.length; index += 2) {
          headerBytes += Buffer.byteLength(`${raw[index]}: ${raw[index + 1]}\r\n`);
        }
        // Chunked bodies carry framing too; a few bytes per chunk, counted as the body.
        resolve({
          body,
          transfer: {
            path: url.pathname,
            status: response.statusCode ?? 0,
            bytes: headerBytes + body.length,
            bodyBytes: body.length,
            encoding: (response.headers['content-encoding'] as string | undefined) ?? null,
            cacheControl: (response.headers['cache-control'] as string | undefined) ?? null,
            etag: (response.headers.etag as string | undefined) ?? null,
          },
        });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The `/assets/…` URLs a page references (script src, link href), in order, once each. */
export function assetsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!))];
}

/** Loads `pageUrl` like a browser with an empty cache, then again with what it cached. */
export async function measurePageWeight(
  pageUrl: string,
  acceptEncoding: string,
): Promise<PageWeight> {
  const page = new URL(pageUrl);
  const headers = { 'accept-encoding': acceptEncoding };
  const first: Transfer[] = [];
  const html = await get(page, { ...headers, 'accept-encoding': 'identity' });
  const pageResponse = await get(page, headers);
  first.push(pageResponse.transfer);
  for (const asset of assetsOf(html.body.toString('utf8'))) {
    first.push((await get(new URL(asset, page), headers)).transfer);
  }
  first.push((await get(new URL('/sw.js', page), headers)).transfer);

  const repeat: Transfer[] = [];
  for (const earlier of first) {
    if (earlier.cacheControl?.includes('immutable')) continue; // fresh in the cache: no request
    const url = earlier.path === page.pathname ? page : new URL(earlier.path, page);
    const conditional: Record<string, string> = earlier.etag
      ? { 'if-none-match': earlier.etag }
      : {};
    repeat.push((await get(url, { ...headers, ...conditional })).transfer);
  }
  const total = (transfers: Transfer[]) => transfers.reduce((sum, each) => sum + each.bytes, 0);
  return {
    acceptEncoding,
    firstVisit: { bytes: total(first), transfers: first },
    repeatVisit: { bytes: total(repeat), transfers: repeat },
  };
}

/** Bytes and CPU per page load: precompressed files against `@fastify/compress`, same run. */
async function compareCompression(dist: string): Promise<string> {
  const { default: fastifyCompress } = await import('@fastify/compress');
  const { default: fastifyStatic } = await import('@fastify/static');
  const { fastify } = await import('fastify');
  const { cpSync } = await import('node:fs');
  // The on-the-fly server gets the same files without their .br/.gz siblings.
  const plain = mkdtempSync(path.join(tmpdir(), 'ft-page-plain-'));
  cpSync(dist, plain, {
    recursive: true,
    filter: (source) => !/\.(br|gz)$/.test(source),
  });
  const lines = [
    '| serving | first visit (br, gzip) | server CPU per page load | wall time per page load |',
    '|---|---|---|---|',
  ];
  const loads = 20;
  for (const kind of ['precompressed at build', 'compressed per request'] as const) {
    const app = fastify();
    if (kind === 'compressed per request') await app.register(fastifyCompress, { global: true });
    await app.register(fastifyStatic, {
      root: kind === 'compressed per request' ? plain : dist,
      preCompressed: kind === 'precompressed at build',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const weight = await measurePageWeight(`${base}/index.html`, 'br, gzip');
    const files = weight.firstVisit.transfers.map((transfer) => new URL(transfer.path, base));
    const headers = { 'accept-encoding': 'br, gzip' };
    for (const file of files) await get(file, headers);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let index = 0; index < loads; index++) {
      await Promise.all(files.map((file) => get(file, headers)));
    }
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - started;
    lines.push(
      `| ${kind} | ${kb(weight.firstVisit.bytes)} | ${((cpu.user + cpu.system) / 1000 / loads).toFixed(1)} ms | ${(wall / loads).toFixed(1)} ms |`,
    );
    await app.close();
  }
  rmSync(plain, { recursive: true, force: true });
  return lines.join('\n');
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

export function renderPageWeight(results: PageWeight[]): string {
  const lines = [
    '| Accept-Encoding | first visit | repeat visit | largest file on first visit |',
    '|---|---|---|---|',
  ];
  for (const { acceptEncoding, firstVisit, repeatVisit } of results) {
    const largest = [...firstVisit.transfers].sort((a, b) => b.bytes - a.bytes)[0];
    lines.push(
      `| ${acceptEncoding} | ${kb(firstVisit.bytes)} (${firstVisit.transfers.length} requests) | ${kb(repeatVisit.bytes)} (${repeatVisit.transfers.length} requests, ${repeatVisit.transfers.filter((t) => t.status === 304).length}× 304) | ${largest?.path} ${kb(largest?.bytes ?? 0)} (${largest?.encoding ?? 'identity'}) |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((argument) => argument !== '--'),
    options: {
      url: { type: 'string' },
      json: { type: 'string' },
      compare: { type: 'boolean', default: false },
    },
  });
  let pageUrl = values.url;
  let stop = async () => {};
  if (!pageUrl) {
    const { startServer } = await import('../src/server.ts');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ft-page-weight-'));
    const server = await startServer({ port: 0, dataDir, store: 'memory', logLevel: 'warn' });
    const created = await fetch(`${server.url}/api/boards`, { method: 'POST' });
    const board = (await created.json()) as { links: { facilitator: string } };
    pageUrl = board.links.facilitator;
    stop = async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  try {
    const results: PageWeight[] = [];
    for (const encoding of ['br, gzip', 'gzip', 'identity']) {
      results.push(await measurePageWeight(pageUrl, encoding));
    }
    console.log(`page: ${pageUrl.replace(/token=[^&]+/, 'token=…')}\n`);
    console.log(renderPageWeight(results));
    for (const { transfers } of [results[0]!.firstVisit, results[0]!.repeatVisit]) {
      console.log('');
      for (const t of transfers) {
        console.log(
          `  ${t.status} ${t.path} ${t.bytes} B ${t.encoding ?? ''} ${t.cacheControl ?? ''}`,
        );
      }
    }
    if (values.compare) {
      const dist = fileURLToPath(new URL('../../client/dist', import.meta.url));
      console.log(`\n${await compareCompression(dist)}`);
      console.log(
        `(the measuring client runs in this process too; load ${loadavg()[0]?.toFixed(2)})`,
      );
    }
    if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
