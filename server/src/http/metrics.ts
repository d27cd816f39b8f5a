/**
 * The server's metrics, rendered in the Prometheus text format at `GET /metrics`. A small
 * registry of counters, gauges and histograms written here rather than pulled in: the set is
 * fixed and the format is a few lines.
 */

type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/["\\\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`).join(',')}}`;
}

abstract class Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}
  abstract lines(): string[];
}

export class Counter extends Metric {
  private readonly values = new Map<string, number>();
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  lines(): string[] {
    if (this.values.size === 0) return [`${this.name} 0`];
    return [...this.values].map(([key, value]) => `${this.name}${key} ${value}`);
  }
}

export class Gauge extends Metric {
  constructor(
    name: string,
    help: string,
    private readonly read: () => number,
  ) {
    super(name, help, 'gauge');
  }
  lines(): string[] {
    return [`${this.name} ${this.read()}`];
  }
}

export class Histogram extends Metric {
  private readonly series = new Map<
    string,
    { counts: number[]; sum: number; count: number; labels: Labels }
  >();
  constructor(
    name: string,
    help: string,
    private readonly buckets: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(value: number, labels: Labels = {}): void {
    const key = labelKey(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { counts: this.buckets.map(() => 0), sum: 0, count: 0, labels };
      this.series.set(key, series);
    }
    for (let index = 0; index < this.buckets.length; index++) {
      if (value <= this.buckets[index]!) series.counts[index]! += 1;
    }
    series.sum += value;
    series.count += 1;
  }
  count(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.count ?? 0;
  }
  lines(): string[] {
    const lines: string[] = [];
    for (const series of this.series.values()) {
      this.buckets.forEach((bound, index) => {
        lines.push(
          `${this.name}_bucket${labelKey({ ...series.labels, le: String(bound) })} ${series.counts[index]}`,
        );
      });
      lines.push(
        `${this.name}_bucket${labelKey({ ...series.labels, le: '+Inf' })} ${series.count}`,
      );
      lines.push(`${this.name}_sum${labelKey(series.labels)} ${series.sum}`);
      lines.push(`${this.name}_count${labelKey(series.labels)} ${series.count}`);
    }
    return lines;
  }
}

/** Every metric the server exports. Names are prefixed `fire_triangle_`. */
export class ServerMetrics {
  private readonly all: Metric[] = [];
  private roomsLoaded = () => 0;
  private connectionsOpen = () => 0;

  readonly updatesApplied = this.add(
    new Counter('fire_triangle_updates_total', 'Board updates applied, stored and relayed'),
  );
  readonly viewerWritesDropped = this.add(
    new Counter(
      'fire_triangle_viewer_writes_dropped_total',
      'Updates sent by viewer connections and dropped unapplied',
    ),
  );
  readonly writesRefused = this.add(
    new Counter(
      'fire_triangle_writes_refused_total',
      'Client changes refused by the write policy or the board size limit, by reason',
    ),
  );
  readonly boardLoadFailures = this.add(
    new Counter(
      'fire_triangle_board_load_failures_total',
      'Boards that could not be loaded: damaged stored rows, or a store that failed to read',
    ),
  );
  readonly connectionsRefused = this.add(
    new Counter(
      'fire_triangle_connections_refused_total',
      'Websocket connections refused, by reason (at the upgrade or right after it)',
    ),
  );
  readonly connectionsClosed = this.add(
    new Counter(
      'fire_triangle_connections_closed_by_server_total',
      'Open connections the server closed, by reason',
    ),
  );
  readonly connectionsAccepted = this.add(
    new Counter('fire_triangle_connections_accepted_total', 'Websocket connections accepted'),
  );
  readonly messagesReceived = this.add(
    new Counter('fire_triangle_messages_received_total', 'Websocket messages received, by type'),
  );
  readonly awarenessBroadcasts = this.add(
    new Counter(
      'fire_triangle_awareness_broadcasts_total',
      'Batched presence messages sent to a board (one per board per batch window)',
    ),
  );
  readonly compactions = this.add(
    new Counter('fire_triangle_compactions_total', 'Update logs compacted into a snapshot'),
  );
  readonly roomLoads = this.add(new Counter('fire_triangle_board_loads_total', 'Boards loaded'));
  readonly roomUnloads = this.add(
    new Counter('fire_triangle_board_unloads_total', 'Boards unloaded from memory'),
  );
  readonly boardsCreated = this.add(
    new Counter('fire_triangle_boards_created_total', 'Boards created through the API'),
  );
  readonly storeSeconds = this.add(
    new Histogram(
      'fire_triangle_store_operation_seconds',
      'Latency of board store operations, by operation',
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    ),
  );
  readonly httpRequests = this.add(
    new Counter('fire_triangle_http_requests_total', 'HTTP requests, by route and status'),
  );

  constructor() {
    this.add(new Gauge('fire_triangle_rooms', 'Boards loaded in memory', () => this.roomsLoaded()));
    this.add(
      new Gauge('fire_triangle_connections', 'Open websocket connections', () =>
        this.connectionsOpen(),
      ),
    );
    this.add(
      new Gauge('fire_triangle_process_resident_memory_bytes', 'Resident memory', () =>
        process.memoryUsage.rss(),
      ),
    );
    this.add(
      new Gauge(
        'fire_triangle_process_heap_used_bytes',
        'V8 heap in use',
        () => process.memoryUsage().heapUsed,
      ),
    );
  }

  /** The live gauges read from the room registry. */
  observe(source: { rooms: () => number; connections: () => number }): void {
    this.roomsLoaded = source.rooms;
    this.connectionsOpen = source.connections;
  }

  private add<M extends Metric>(metric: M): M {
    this.all.push(metric);
    return metric;
  }

  render(): string {
    const out: string[] = [];
    for (const metric of this.all) {
      out.push(`# HELP ${metric.name} ${metric.help}`);
      out.push(`# TYPE ${metric.name} ${metric.type}`);
      out.push(...metric.lines());
    }
    return `${out.join('\n')}\n`;
  }
}
