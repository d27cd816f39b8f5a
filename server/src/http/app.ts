/**
 * The HTTP side of the server as one Fastify app: security headers on every response, the REST
 * API under `/api`, `/healthz`, `/metrics` and the built client — plus the error and not-found
 * answers they share, and the request counter. The websocket upgrade is not here: it is the
 * Node server's `upgrade` event (`websocket/upgrade.ts`), which Fastify does not touch.
 */
import {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  fastify,
  LogController,
} from 'fastify';
import type { ServerConfig } from '../config.ts';
import { type ApiContext, apiRoutes } from './api-routes.ts';
import { clientFiles } from './client-files.ts';
import { type ProxyTrust, safeHost } from './proxy-trust.ts';
import { bodyTooLarge, HttpError, replyError, replyJson } from './replies.ts';
import { securityHeaders } from './security-headers.ts';

export interface HttpAppContext extends Omit<ApiContext, 'publicOrigin'> {
  trust: ProxyTrust;
  isShuttingDown: () => boolean;
}

/** The `route` label of `fire_triangle_http_requests_total`. */
function routeLabel(url: string): string {
  const path = url.split('?', 1)[0]!;
  if (path === '/api' || path.startsWith('/api/')) return 'api';
  if (path === '/healthz') return 'healthz';
  if (path === '/metrics') return 'metrics';
  return 'static';
}

function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return path === '/api' || path.startsWith('/api/');
}

/** Fastify's own refusals (body too large, bad Content-Length…) in the API's `{error}` shape. */
function asHttpError(
  error: Error & { code?: string; statusCode?: number },
  request: FastifyRequest,
) {
  if (error instanceof HttpError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return bodyTooLarge(request.routeOptions.bodyLimit ?? 0);
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new HttpError(status, error.message);
  }
  return null;
}

export async function buildHttpApp(
  config: ServerConfig,
  context: HttpAppContext,
): Promise<FastifyInstance> {
  const { metrics, registry, store, log } = context;
  const app = fastify({
    loggerInstance: log as FastifyBaseLogger,
    // Requests are counted in /metrics, not logged one line each.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: context.trust,
    requestTimeout: 60_000,
    // Node's own default, as before Fastify (whose 72 s suits a load balancer's 60 s idle).
    keepAliveTimeout: 5_000,
    // Our handlers answer while shutting down (healthz says so; rooms refuse with 503).
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    ajv: {
      // Bodies are checked as sent: no coercion, no silently dropped fields.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true },
    },
  });
  app.server.headersTimeout = 10_000;
  await securityHeaders(app, config.publicUrl);

  // Bodies are read raw whatever their Content-Type (`curl --data-binary`, `fetch` with a
  // string): each route decodes its own (JSON for create, a board file for import).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.inc({ route: routeLabel(request.url), status: String(reply.statusCode) });
  });

  app.setErrorHandler((error: Error, request, reply) => {
    const known = asHttpError(error, request);
    if (known) return replyError(reply, known);
    log.error({ err: error, path: request.url, method: request.method }, 'request failed');
    return replyError(reply, new HttpError(500, 'The server failed to handle this request.'));
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (isApiPath(request.url)) {
      return replyError(reply, new HttpError(404, `No API route ${request.url.split('?', 1)[0]}.`));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return replyError(
        reply,
        new HttpError(405, 'Only GET and HEAD are served here.', {}, { allow: 'GET, HEAD' }),
      );
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
  });

  const publicOrigin = (request: FastifyRequest): string => {
    if (config.publicUrl) return config.publicUrl;
    const host = safeHost(request.raw);
    const protocol = request.protocol === 'https' ? 'https' : 'http';
    if (host) return `${protocol}://${host}`;
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  };
  await app.register(apiRoutes({ ...context, publicOrigin }), { prefix: '/api' });

  app.get('/healthz', async (_request, reply) => {
    const shuttingDown = context.isShuttingDown();
    // A real write: a store that cannot be written is not `ok` (S-DUR-9).
    const storeHealth = await store.health();
    return replyJson(reply, shuttingDown || !storeHealth.ok ? 503 : 200, {
      status: shuttingDown ? 'shutting-down' : storeHealth.ok ? 'ok' : 'store-unavailable',
      ...(storeHealth.ok ? {} : { reason: storeHealth.reason }),
      rooms: registry.roomCount,
      connections: registry.connectionCount,
      store: store.kind,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.render();
    return reply
      .code(200)
      .headers({ 'content-type': metrics.contentType, 'cache-control': 'no-store' })
      .send(text);
  });

  await app.register(clientFiles(config.clientDist));
  return app;
}
