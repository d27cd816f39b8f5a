/**
 * The server's Prometheus metrics (`GET /metrics`, docs/server-spec.md S-OPS-2), on `prom-client`.
 *
 * Two registries: the process's (prom-client's default metrics — CPU, resident memory, heap,
 * event-loop lag, GC — collected once per process, since they describe the process and tests
 * start many servers in one) and one per server for everything `fire_triangle_*`, so two
 * servers in one process never count into each other. `/metrics` renders both.
 *
 * Names and labels are part of the spec (S-OPS-2) and read by `server/bench`: keep them.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/** prom-client's default process and Node metrics, registered once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Where the live gauges read from (the room registry). */
export interface LiveCounts {
  rooms: () => number;
  connections: () => number;
}

/** Every `fire_triangle_*` metric of one server. */
export class ServerMetrics {
  readonly registry = new Registry();
  private live: LiveCounts = { rooms: () => 0, connections: () => 0 };

  readonly updatesApplied = this.counter(
    'fire_triangle_updates_total',
    'Board updates applied, stored and relayed',
  );
  readonly viewerWritesDropped = this.counter(
    'fire_triangle_viewer_writes_dropped_total',
    'Updates sent by viewer connections and dropped unapplied',
  );
  /**
   * `reason`: a `WRITE_REFUSAL_REASONS` entry (server-only, facilitator-only, unattributable) or
   * board-too-large (S-WRITE-3, S-LIMIT-10).
   */
  readonly writesRefused = this.counter(
    'fire_triangle_writes_refused_total',
    'Client changes refused by the write policy or the board size limit, by reason',
    ['reason'],
  );
  /** `reason`: damaged (stored rows fail their checks), unreadable (the store failed), S-DUR-7. */
  readonly boardLoadFailures = this.counter(
    'fire_triangle_board_load_failures_total',
    'Boards that could not be loaded: damaged stored rows, or a store that failed to read',
    ['reason'],
  );
  /** `reason`: an `UPGRADE_REFUSALS` or `CLOSE_EVENTS` metric label. */
  readonly connectionsRefused = this.counter(
    'fire_triangle_connections_refused_total',
    'Websocket connections refused, by reason (at the upgrade or right after it)',
    ['reason'],
  );
  /** `reason`: a `CLOSE_EVENTS` metric label. */
  readonly connectionsClosed = this.counter(
    'fire_triangle_connections_closed_by_server_total',
    'Open connections the server closed, by reason',
    ['reason'],
  );
  readonly connectionsAccepted = this.counter(
    'fire_triangle_connections_accepted_total',
    'Websocket connections accepted',
  );
  /** `type`: a `ClientMessage` kind (sync-step-1, sync-step-2, update, awareness, query-awareness). */
  readonly messagesReceived = this.counter(
    'fire_triangle_messages_received_total',
    'Websocket messages received, by type',
    ['type'],
  );
  /** S-FAC-PRES-1: presence entries for an id another connection owns (would have changed it). */
  readonly presenceEntriesDropped = this.counter(
    'fire_triangle_presence_entries_dropped_total',
    'Presence entries dropped: sent for a presence id another connection owns',
  );
  /** `command`: a facilitation command name (S-FAC-CMD-*). */
  readonly commands = this.counter(
    'fire_triangle_commands_total',
    'Facilitation commands received, by command',
    ['command'],
  );
  /** `reason`: a `COMMAND_ERRORS` entry (facilitator-only, read-only, no-dots-left…). */
  readonly commandsRefused = this.counter(
    'fire_triangle_commands_refused_total',
    'Facilitation commands refused, by reason',
    ['reason'],
  );
  /** S-FAC-ID-1: a `hello` presented a participant token this server did not sign for the board. */
  readonly participantTokensRefused = this.counter(
    'fire_triangle_participant_tokens_refused_total',
    'Participant tokens refused (forged, damaged or for another board); a new one was issued',
  );
  readonly awarenessBroadcasts = this.counter(
    'fire_triangle_awareness_broadcasts_total',
    'Batched presence messages sent to a board (one per board per batch window)',
  );
  readonly compactions = this.counter(
    'fire_triangle_compactions_total',
    'Update logs compacted into a snapshot',
  );
  readonly roomLoads = this.counter('fire_triangle_board_loads_total', 'Boards loaded');
  readonly roomUnloads = this.counter(
    'fire_triangle_board_unloads_total',
    'Boards unloaded from memory',
  );
  readonly boardsCreated = this.counter(
    'fire_triangle_boards_created_total',
    'Boards created through the API',
  );
  /** `kind`: a `VERSION_KINDS` entry (auto, named, before-import, before-restore, restore). */
  readonly versionsSaved = this.counter(
    'fire_triangle_versions_saved_total',
    'Board versions stored in the history, by kind',
    ['kind'],
  );
  /** `scope`: board (a whole version) or card (one card of a version). */
  readonly restores = this.counter(
    'fire_triangle_restores_total',
    'Restores from the version history, by scope',
    ['scope'],
  );
  /**
   * `operation`: autosave, before-import, activity (storing card activity), read (a stored
   * version that cannot be read). The history never stops the board: a failure is logged and
   * counted here.
   */
  readonly historyFailures = this.counter(
    'fire_triangle_history_failures_total',
    'Version history work that failed (the board carried on), by operation',
    ['operation'],
  );
  /** Seconds; `operation`: create, has, load, append, compact, list, health; `store`: sqlite, postgres, memory. */
  readonly storeSeconds = new Histogram({
    name: 'fire_triangle_store_operation_seconds',
    help: 'Latency of board store operations, by operation',
    labelNames: ['operation', 'store'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  /**
   * Several instances (S-SCALE-*): `direction` published | received, `kind` update, awareness,
   * awareness-query, frame, compacted.
   */
  readonly replicaMessages = this.counter(
    'fire_triangle_replica_messages_total',
    'Messages exchanged with other instances through Redis, by direction and kind',
    ['direction', 'kind'],
  );
  readonly replicaPublishFailures = this.counter(
    'fire_triangle_replica_publish_failures_total',
    'Messages that could not be published on Redis (other instances catch up from PostgreSQL)',
  );
  /** `reason`: gap (a seq missing), sweep (the periodic check), reconnect (Redis came back). */
  readonly replicaCatchUps = this.counter(
    'fire_triangle_replica_catch_ups_total',
    'Reads of updates from PostgreSQL that Redis did not bring, by reason',
    ['reason'],
  );
  /** `limit`: address, board, creations — shared limits checked while Redis did not answer. */
  readonly sharedLimitsUnavailable = this.counter(
    'fire_triangle_shared_limits_unavailable_total',
    'Shared limit checks let through because Redis did not answer in time, by limit',
    ['limit'],
  );
  /** `route`: api, healthz, metrics, static; `status`: the HTTP status. */
  readonly httpRequests = this.counter(
    'fire_triangle_http_requests_total',
    'HTTP requests, by route and status',
    ['route', 'status'],
  );

  constructor() {
    const live = () => this.live;
    new Gauge({
      name: 'fire_triangle_rooms',
      help: 'Boards loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(live().rooms());
      },
    });
    new Gauge({
      name: 'fire_triangle_connections',
      help: 'Open websocket connections',
      registers: [this.registry],
      collect() {
        this.set(live().connections());
      },
    });
  }

  /** The live gauges read from the room registry. */
  observe(source: LiveCounts): void {
    this.live = source;
  }

  /** The Prometheus text exposition (`text/plain; version=0.0.4`). */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }

  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  private counter<L extends string = never>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
  ): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }
}

/**
 * The current value of one counter or gauge series (0 when it has none yet) — for tests and
 * operations that read a metric without parsing the text format.
 */
export async function metricValue(
  metric: Counter<string> | Gauge<string>,
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  const wanted = Object.entries(labels);
  const series = values.find(
    (value) =>
      Object.keys(value.labels).length === wanted.length &&
      wanted.every(([key, label]) => String(value.labels[key]) === label),
  );
  return series?.value ?? 0;
}
