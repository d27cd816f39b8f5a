/**
 * Serves the built client (client/dist) with `@fastify/static` (S-OPS-3, S-OPS-5): files by
 * path, and `index.html` for `/` and every `/b/*` route (the single-page app reads the board id
 * and token from the URL). Caching follows Vite's output: everything under `/assets/` has a
 * content hash in its name and is cached for a year (`immutable`); the rest (`index.html`,
 * `sw.js`, …) is `no-cache` — revalidated each time, a 304 when its ETag still matches.
 * Compression is done once, at `pnpm build` (`server/scripts/precompress-client.ts` writes
 * `.br` and `.gz` beside each text file); this serves the variant the browser accepts, with
 * `Vary: Accept-Encoding`, and the plain file otherwise. Before `pnpm build` has run, the page
 * routes get a short page saying so.
 */
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { mime } from '@fastify/send';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Cache-Control of Vite's content-hashed files. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of everything else: keep it, but ask (ETag → 304) before each use. */
export const REVALIDATE = 'no-cache';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fire Triangle</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>Fire Triangle server is running</h1>
<p>The web client has not been built yet. Run <code>pnpm build</code> in the repository, then
reload this page (or run <code>pnpm dev</code> and open the Vite dev server).</p>
<p>Le client web n’est pas encore construit : lancez <code>pnpm build</code>, puis rechargez la page.</p>
</body></html>
`;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// JavaScript is `text/javascript` (RFC 9239, and what browsers and this server always sent);
// the `mime` table `@fastify/static` serves by still says `application/javascript`.
mime.define({ 'text/javascript': ['js', 'mjs'] }, true);

/** The single-page app's routes: they all get `index.html`. */
const PAGE_ROUTES = ['/', '/index.html', '/b', '/b/*'];

export function clientFiles(clientDist: string) {
  return async (app: FastifyInstance): Promise<void> => {
    const assets = join(clientDist, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: clientDist,
      // Files added by a later build are served too: the wildcard route reads the disk.
      wildcard: true,
      index: false,
      preCompressed: true,
      cacheControl: false,
      etag: true,
      lastModified: true,
      dotfiles: 'ignore',
      setHeaders: (reply, path) => {
        const immutable = path.startsWith(assets) && !relative(assets, path).startsWith('..');
        reply.header('cache-control', immutable ? IMMUTABLE : REVALIDATE);
      },
    });

    const sendPage = async (reply: FastifyReply) => {
      if (await isFile(join(clientDist, 'index.html'))) return reply.sendFile('index.html');
      return reply
        .code(200)
        .headers({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .send(NOT_BUILT_PAGE);
    };
    for (const url of PAGE_ROUTES) {
      app.get(url, (_request, reply) => sendPage(reply));
    }
  };
}
