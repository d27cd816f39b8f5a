/**
 * The security headers of every HTTP response (docs/server-spec.md S-SEC-1), set by
 * `@fastify/helmet` (helmet's well-kept defaults, with the policy below):
 *
 * - `Content-Security-Policy`: the page runs only its own scripts and styles (no inline script,
 *   no eval, no inline `<style>`), talks only to its own server — `connect-src 'self'` plus
 *   `ws://` and `wss://` of the host it was loaded from, since not every browser lets `'self'`
 *   cover websockets — shows images of its own plus `data:` (the favicon) and `blob:` (the PNG
 *   export draws the SVG through a blob URL), and may be framed only by itself
 *   (`frame-ancestors 'self'`). No `upgrade-insecure-requests`: a LAN workshop runs on plain
 *   http.
 * - `X-Frame-Options: SAMEORIGIN` for browsers older than `frame-ancestors`.
 * - `X-Content-Type-Options: nosniff`.
 * - `Referrer-Policy: no-referrer`: a share link carries its token in the URL; no other site
 *   ever sees it as a Referer.
 * - No `Strict-Transport-Security`: HTTPS is the reverse proxy's business, and a laptop server
 *   on a LAN address must stay reachable over http.
 */
import type { IncomingMessage } from 'node:http';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { safeHost } from './proxy-trust.ts';

/** The hosts a page may open websockets to: the one it was loaded from, and PUBLIC_URL's. */
function websocketSources(request: IncomingMessage, publicUrl: string | undefined): string {
  const hosts = new Set<string>();
  const host = safeHost(request);
  if (host) hosts.add(host.toLowerCase());
  if (publicUrl) {
    try {
      hosts.add(new URL(publicUrl).host);
    } catch {
      // A PUBLIC_URL that is not a URL adds nothing.
    }
  }
  return [...hosts].flatMap((each) => [`ws://${each}`, `wss://${each}`]).join(' ');
}

export function securityHeadersOptions(publicUrl: string | undefined): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': [
          "'self'",
          (request) => websocketSources(request as IncomingMessage, publicUrl),
        ],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'self'"],
      },
    },
    xFrameOptions: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  };
}

/** Registers the headers on every response of `app`. */
export async function securityHeaders(
  app: FastifyInstance,
  publicUrl: string | undefined,
): Promise<void> {
  await app.register(fastifyHelmet, securityHeadersOptions(publicUrl));
}
