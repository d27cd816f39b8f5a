/**
 * Serves the built client (client/dist): files by path, and `index.html` for `/` and every
 * `/b/*` route (the single-page app reads the board id and token from the URL). Before
 * `pnpm build` has run, those routes get a short page saying so.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Share links carry the token in the URL: never send it on to other sites as a Referer. */
const PAGE_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fire Triangle</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Fire Triangle server is running</h1>
<p>The web client has not been built yet. Run <code>pnpm build</code> in the repository, then
reload this page (or run <code>pnpm dev</code> and open the Vite dev server).</p>
<p>Le client web n’est pas encore construit : lancez <code>pnpm build</code>, puis rechargez la page.</p>
</body></html>
`;

function isSpaRoute(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/index.html' ||
    pathname === '/b' ||
    pathname.startsWith('/b/')
  );
}

async function fileInfo(path: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size } : null;
  } catch {
    return null;
  }
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  size: number,
  cacheControl: string,
): void {
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': cacheControl,
    ...PAGE_HEADERS,
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

/** Serves GET/HEAD requests outside /api; returns false when nothing matched (caller 404s). */
export async function serveClient(
  clientDist: string,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const root = normalize(clientDist + sep);
  const index = join(root, 'index.html');
  if (isSpaRoute(pathname)) {
    const info = await fileInfo(index);
    if (info) {
      sendFile(request, response, index, info.size, 'no-cache');
    } else {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...PAGE_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
    }
    return true;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const path = normalize(join(root, decoded));
  if (!path.startsWith(root)) return false; // ../ out of the client directory
  const info = await fileInfo(path);
  if (!info) return false;
  // Vite fingerprints everything under assets/: cache it for good.
  const immutable = decoded.startsWith('/assets/');
  sendFile(
    request,
    response,
    path,
    info.size,
    immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  return true;
}
