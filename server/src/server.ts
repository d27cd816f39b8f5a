/**
 * The Fire Triangle server's composition root (the reference y-websocket server's `server.js`):
 * one HTTP server on one port — the Fastify app (REST API, built client, /healthz, /metrics) for
 * requests, and its `upgrade` event for board websockets — wired to the room registry and the
 * store. The work is in the modules it names:
 *
 *   request ─► http/app.ts (Fastify) ─► http/api-routes.ts ─► RoomRegistry ─► BoardRoom
 *   upgrade ─► websocket/upgrade.ts (checks, then load) ─► websocket/board-sockets.ts (frames)
 *                                                            └─► BoardRoom ─► BoardStore
 *   other instances (REDIS_URL) ◄─► scale/instances.ts ◄─► BoardRoom (replication), limits
 */
import type { AddressInfo } from 'node:net';
import { loadOrCreateSecret } from './auth/secret.ts';
import { type Clock, systemClock } from './clock.ts';
import { resolveConfig, type ServerConfig } from './config.ts';
import { Facilitation } from './facilitation/facilitation.ts';
import { openVoteStore } from './facilitation/open-vote-store.ts';
import { parsePrivateRoomId } from './facilitation/private-rounds.ts';
import type { VoteStore } from './facilitation/vote-store.ts';
import { HistoryService } from './history/history-service.ts';
import { type HistorySettings, historyExtension } from './history/room-history.ts';
import { buildHttpApp } from './http/app.ts';
import { proxyTrust } from './http/proxy-trust.ts';
import { createLogger, type Logger } from './log.ts';
import { ServerMetrics } from './metrics/server-metrics.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import { connectInstances, type Instances } from './scale/instances.ts';
import type { BoardStore } from './storage/board-store.ts';
import type { HistoryStores } from './storage/history-store.ts';
import { InstrumentedBoardStore } from './storage/instrumented-store.ts';
import { openStorage } from './storage/open-storage.ts';
import { BoardSockets } from './websocket/board-sockets.ts';
import { createUpgradeHandler } from './websocket/upgrade.ts';

export type { ServerConfig } from './config.ts';

export interface RunningServer {
  /** `http://127.0.0.1:PORT` (or the configured host when it is not a wildcard). */
  url: string;
  port: number;
  /** Stops accepting, closes connections (1001), compacts and stores every board, closes the store. */
  close(): Promise<void>;
  /** For tests and operations: the live pieces. */
  readonly internals: {
    config: ServerConfig;
    registry: RoomRegistry;
    metrics: ServerMetrics;
    store: BoardStore;
    votes: VoteStore;
    facilitation: Facilitation;
    history: HistoryStores;
    secret: string;
    log: Logger;
    /** How this instance coordinates with others (S-SCALE-*; none when alone). */
    instances: Instances;
  };
}

/** What a caller may plug in beyond the configuration (tests inject a failing store). */
export interface StartOptions {
  /** Use this store instead of opening the configured one; `close()` closes it. */
  store?: BoardStore;
  /** Use these history stores instead of the ones beside the board store (tests). */
  history?: HistoryStores;
  /** The server's clock (facilitation's timers, the history's autosaves; tests advance a manual one). */
  clock?: Clock;
}

/** How long a card's activity entry stays open to the same person's next edit (ms). */
const ACTIVITY_COALESCE_MS = 60_000;
/** How often waiting card activity is stored (ms). */
const ACTIVITY_FLUSH_MS = 5_000;

function historySettings(config: ServerConfig): HistorySettings {
  return {
    autosaveQuietMs: config.autosaveQuietMs,
    autosaveMaxIntervalMs: config.autosaveMaxIntervalMs,
    budget: { unnamed: config.versionsKept, named: config.namedVersionsKept },
    activityEntriesKept: config.activityKept,
    activityCoalesceMs: ACTIVITY_COALESCE_MS,
    activityFlushMs: ACTIVITY_FLUSH_MS,
  };
}

/** How long closing websockets get to answer the close frame on shutdown. */
const SHUTDOWN_GRACE_MS = 1000;

export async function startServer(
  overrides: Partial<ServerConfig> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = resolveConfig(overrides);
  const log = createLogger(config.logLevel);
  const metrics = new ServerMetrics();
  // One process per data directory, and a store that is really ours, before anything else.
  const storage = await openStorage(config, log, options.store);
  const secret = loadOrCreateSecret(config.dataDir, config.secret);
  const store = new InstrumentedBoardStore(storage.store, metrics.storeSeconds);
  let instances: Instances;
  let votes: VoteStore;
  try {
    votes = openVoteStore(config, storage.store);
    instances = await connectInstances(config, storage.store, metrics, log);
  } catch (error) {
    await storage.store.close();
    storage.lock?.release();
    throw error;
  }
  const clock = options.clock ?? systemClock;
  const facilitation: Facilitation = new Facilitation(
    { secret: secret.secret, votes, metrics, log, now: () => clock.now() },
    (): RoomRegistry => registry,
    store,
  );
  const historyStores = options.history ?? storage.history;
  const settings = historySettings(config);
  // Boards only: a private doc's versions would keep its cards, and who wrote them, after the
  // round published them (authors hidden or not), where no route reaches them (S-HIST-1).
  const boardHistory = historyExtension({
    stores: historyStores,
    boardStore: store,
    clock,
    settings,
    metrics,
    log,
  });
  const registry: RoomRegistry = new RoomRegistry(
    store,
    metrics,
    log,
    {
      idleUnloadMs: config.idleUnloadMs,
      compactAfterUpdates: config.compactAfterUpdates,
      awarenessBatchMs: config.awarenessBatchMs,
      maxBoardBytes: config.maxBoardBytes,
    },
    [facilitation.forRoom, (room) => (parsePrivateRoomId(room.boardId) ? {} : boardHistory(room))],
    instances.replication,
  );
  const history = new HistoryService({ stores: historyStores, registry, settings, metrics, log });
  metrics.observe({ rooms: () => registry.roomCount, connections: () => registry.connectionCount });
  const trust = proxyTrust(config.trustProxy);
  let shuttingDown = false;
  const isShuttingDown = () => shuttingDown;

  const app = await buildHttpApp(config, {
    config,
    secret: secret.secret,
    store,
    registry,
    metrics,
    log,
    trust,
    isShuttingDown,
    history,
    boardCreations: instances.boardCreations,
  });
  const sockets = new BoardSockets(config, metrics, log);
  app.server.on(
    'upgrade',
    createUpgradeHandler({
      config,
      secret: secret.secret,
      trust,
      addressSlots: instances.addressSlots,
      boardSlots: instances.boardSlots,
      registry,
      privateRounds: facilitation.privateRounds,
      sockets,
      metrics,
      log,
      isShuttingDown,
    }),
  );

  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as AddressInfo).port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;
  log.info(
    {
      url,
      dataDir: config.dataDir,
      store: store.kind,
      instance: instances.instanceId ?? 'single',
      secret: secret.source,
      secretPath: secret.path,
    },
    'server started',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      // New HTTP connections are refused from here; idle keep-alive sockets are dropped.
      const httpClosed = app.close();
      sockets.closeAll();
      await registry.closeAll();
      await instances.close();
      await store.close();
      await votes.close();
      storage.lock?.release();
      // Give clients a moment to answer the close frames, then cut whatever is left.
      await sockets.terminateAll(SHUTDOWN_GRACE_MS);
      app.server.closeAllConnections();
      await httpClosed;
      log.info('server stopped');
    })();
    return closing;
  };

  return {
    url,
    port,
    close,
    internals: {
      config,
      registry,
      metrics,
      store,
      votes,
      facilitation,
      history: historyStores,
      secret: secret.secret,
      log,
      instances,
    },
  };
}
