/**
 * The server's configuration: one table of options, each with its environment variable, its
 * command-line flag (for the ones people change by hand) and a default that works on a laptop.
 * `--help` and docs/server-spec.md are written from the same table (a test keeps them in step).
 *
 * Precedence: flag > environment variable > default.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LIMITS } from '@fire-triangle/shared';
import { parseTrustProxy, type TrustProxy } from './http/proxy-trust.ts';

export type StoreKind = 'sqlite' | 'memory' | 'postgres';
export type SqliteSynchronous = 'normal' | 'full';
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface ServerConfig {
  host: string;
  port: number;
  /** Where the SQLite file and the generated secret live. */
  dataDir: string;
  /** The origin share links start with (e.g. `https://ft.example.org`); default: the request's. */
  publicUrl: string | undefined;
  /** The HMAC secret for share tokens; default: generated into `<dataDir>/secret`. */
  secret: string | undefined;
  /** Extra browser origins allowed to open websockets (the server's own host always is). */
  allowedOrigins: string[];
  /**
   * Which peers are reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` entries are
   * believed (`proxy-addr` semantics): false = none; a number = that many hops (true = 1); or
   * addresses, CIDR ranges and `loopback` / `linklocal` / `uniquelocal`.
   */
  trustProxy: TrustProxy;
  /** The built client to serve at `/` and `/b/*`. */
  clientDist: string;
  logLevel: LogLevel;
  store: StoreKind;
  sqliteSynchronous: SqliteSynchronous;
  /** PostgreSQL connection URL (`FT_STORE=postgres`). */
  databaseUrl: string | undefined;
  /** The PostgreSQL schema holding the store's tables. */
  pgSchema: string;
  /** Connections in the PostgreSQL pool. */
  pgPoolSize: number;
  /** Redis URL: set, this instance shares its live boards with the others (S-SCALE-*). */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel of this deployment. */
  redisPrefix: string;
  /** How often an instance checks PostgreSQL for updates Redis did not bring (ms). */
  catchUpIntervalMs: number;
  /** Largest websocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** Largest REST body (a board file import), in bytes. */
  maxImportBytes: number;
  /** Stored bytes (snapshot + log) past which a board refuses to grow (S-LIMIT-10). */
  maxBoardBytes: number;
  /** Sustained messages per second one connection may send (token bucket refill rate). */
  messagesPerSecond: number;
  /** Messages one connection may send in a burst (token bucket capacity). */
  messageBurst: number;
  maxConnectionsPerRoom: number;
  maxConnectionsPerAddress: number;
  /** Boards one address may create per minute. */
  boardCreationsPerMinute: number;
  /** How long a board with nobody connected stays in memory. */
  idleUnloadMs: number;
  /** Log length (updates) past which a board's log is compacted into its snapshot. */
  compactAfterUpdates: number;
  /** Presence (awareness) changes are gathered and sent once per this many ms per board. */
  awarenessBatchMs: number;
  /** Websocket ping interval; a connection that misses a pong is closed. */
  pingIntervalMs: number;
  /** A connection whose unsent data exceeds this many bytes is closed as too slow. */
  maxBufferedBytes: number;
  /** Quiet time after a change before the history takes an automatic version (ms). */
  autosaveQuietMs: number;
  /** Longest time between automatic versions while a board keeps changing (ms). */
  autosaveMaxIntervalMs: number;
  /** Automatic versions kept per board (every kind but named), newest first. */
  versionsKept: number;
  /** Named versions a board may keep. */
  namedVersionsKept: number;
  /** Card activity entries kept per board, newest first. */
  activityKept: number;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A board's size limit in storage (S-LIMIT-10): the shared table's `LIMITS.boardBytes`. */
export const DEFAULT_MAX_BOARD_BYTES = LIMITS.boardBytes;

function parseInteger(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const value = raw.toLowerCase();
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${raw}"`);
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

interface ConfigOption<K extends keyof ServerConfig = keyof ServerConfig> {
  key: K;
  env: string;
  /** Long flag without dashes, for the options worth a flag. */
  flag?: string;
  describe: string;
  /** The default as shown in --help and the spec. */
  shownDefault: string;
  parse(raw: string, name: string): ServerConfig[K];
}

function option<K extends keyof ServerConfig>(spec: ConfigOption<K>): ConfigOption {
  return spec as unknown as ConfigOption;
}

const integer = (min: number) => (raw: string, name: string) => parseInteger(name, raw, min);

/** Every option, in the order `--help` and the spec list them. */
export const CONFIG_OPTIONS: readonly ConfigOption[] = [
  option({
    key: 'port',
    env: 'PORT',
    flag: 'port',
    describe: 'TCP port for HTTP and websockets (0 = any free port)',
    shownDefault: '4321',
    parse: (raw, name) => {
      const port = parseInteger(name, raw, 0);
      if (port > 65535) throw new ConfigError(`${name} must be ≤ 65535, got "${raw}"`);
      return port;
    },
  }),
  option({
    key: 'host',
    env: 'HOST',
    flag: 'host',
    describe: 'interface to listen on; 0.0.0.0 to let a LAN workshop join',
    shownDefault: '127.0.0.1',
    parse: (raw) => raw,
  }),
  option({
    key: 'dataDir',
    env: 'DATA_DIR',
    flag: 'data-dir',
    describe: 'directory of the SQLite file and the generated token secret',
    shownDefault: '<repo>/data',
    parse: (raw) => raw,
  }),
  option({
    key: 'publicUrl',
    env: 'PUBLIC_URL',
    flag: 'public-url',
    describe: 'origin share links start with (default: the Host of the request)',
    shownDefault: '(request Host)',
    parse: (raw) => raw.replace(/\/+$/, ''),
  }),
  option({
    key: 'secret',
    env: 'FT_SECRET',
    describe:
      'HMAC secret for share tokens, ≥ 32 characters (default: generated into the data dir)',
    shownDefault: '(generated)',
    parse: (raw, name) => {
      if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters long`);
      return raw;
    },
  }),
  option({
    key: 'allowedOrigins',
    env: 'ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    describe:
      'comma-separated extra browser origins allowed to open websockets (same host and the Vite dev/preview ports on localhost always are)',
    shownDefault: '(none)',
    parse: (raw) =>
      raw
        .split(',')
        .map((origin) => origin.trim().replace(/\/+$/, ''))
        .filter(Boolean),
  }),
  option({
    key: 'trustProxy',
    env: 'TRUST_PROXY',
    describe:
      'reverse proxies whose X-Forwarded-For entries are believed: false; true (= 1 hop, the peer); a number of hops; or comma-separated addresses, CIDRs, loopback, linklocal, uniquelocal',
    shownDefault: 'false',
    parse: (raw, name) => {
      try {
        return parseTrustProxy(raw);
      } catch (error) {
        throw new ConfigError(`${name}: ${(error as Error).message}`);
      }
    },
  }),
  option({
    key: 'clientDist',
    env: 'CLIENT_DIST',
    describe: 'built client served at / and /b/*',
    shownDefault: '<repo>/client/dist',
    parse: (raw) => raw,
  }),
  option({
    key: 'logLevel',
    env: 'LOG_LEVEL',
    flag: 'log-level',
    describe: 'pino log level: trace, debug, info, warn, error, fatal, silent',
    shownDefault: 'info',
    parse: (raw, name) =>
      parseChoice(name, raw, ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
  }),
  option({
    key: 'store',
    env: 'FT_STORE',
    flag: 'store',
    describe:
      'board storage: sqlite (durable, one process), postgres (durable, shared by several instances; DATABASE_URL) or memory (lost on exit; for tests and demos)',
    shownDefault: 'sqlite',
    parse: (raw, name) => parseChoice(name, raw, ['sqlite', 'postgres', 'memory']),
  }),
  option({
    key: 'sqliteSynchronous',
    env: 'FT_SQLITE_SYNC',
    describe:
      'normal: every relayed update survives a crash of the process (kill -9); full: also a power cut, at the cost of one fsync per update',
    shownDefault: 'normal',
    parse: (raw, name) => parseChoice(name, raw, ['normal', 'full']),
  }),
  option({
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    describe:
      'PostgreSQL connection URL for FT_STORE=postgres, e.g. postgres://fire:PASSWORD@db:5432/fire (environment only: a flag would show the password in ps)',
    shownDefault: '(none)',
    parse: (raw) => raw,
  }),
  option({
    key: 'pgSchema',
    env: 'FT_PG_SCHEMA',
    describe: 'PostgreSQL schema of the store’s tables (created and migrated at start)',
    shownDefault: 'fire_triangle',
    parse: (raw, name) => {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
        throw new ConfigError(
          `${name} must be a lower-case name (letters, digits, _), got "${raw}"`,
        );
      }
      return raw;
    },
  }),
  option({
    key: 'pgPoolSize',
    env: 'FT_PG_POOL_SIZE',
    describe: 'PostgreSQL connections per instance (boards appending at the same moment)',
    shownDefault: '10',
    parse: integer(1),
  }),
  option({
    key: 'redisUrl',
    env: 'REDIS_URL',
    describe:
      'Redis URL (redis://[:PASSWORD@]host:6379): several instances share live boards, presence and limits through it; needs FT_STORE=postgres and FT_SECRET',
    shownDefault: '(none: one instance)',
    parse: (raw) => raw,
  }),
  option({
    key: 'redisPrefix',
    env: 'FT_REDIS_PREFIX',
    describe:
      'prefix of this deployment’s Redis keys and channels (one Redis, several deployments)',
    shownDefault: 'fire-triangle',
    parse: (raw, name) => {
      if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(raw)) {
        throw new ConfigError(`${name} must be 1–64 of A–Z a–z 0–9 _ . : -, got "${raw}"`);
      }
      return raw;
    },
  }),
  option({
    key: 'catchUpIntervalMs',
    env: 'FT_CATCH_UP_INTERVAL_MS',
    describe:
      'with REDIS_URL: how often an instance asks PostgreSQL whether its boards missed an update Redis did not bring (ms)',
    shownDefault: '1000',
    parse: integer(50),
  }),
  option({
    key: 'maxMessageBytes',
    env: 'FT_MAX_MESSAGE_BYTES',
    describe:
      'largest websocket message accepted (bytes; the shared LIMITS.messageBytes: an import or a restore sends a whole board in one update)',
    shownDefault: String(LIMITS.messageBytes),
    parse: integer(1024),
  }),
  option({
    key: 'maxImportBytes',
    env: 'FT_MAX_IMPORT_BYTES',
    describe:
      'largest board file accepted by POST /api/boards/:id/import (bytes; the board format’s own limit)',
    shownDefault: String(LIMITS.fileBytes),
    parse: integer(1024),
  }),
  option({
    key: 'maxBoardBytes',
    env: 'FT_MAX_BOARD_BYTES',
    describe:
      'stored bytes (snapshot + log) past which a board refuses to grow (the shared LIMITS.boardBytes; a board at the card and link limits takes 11.6 MiB)',
    shownDefault: String(DEFAULT_MAX_BOARD_BYTES),
    parse: integer(64 * 1024),
  }),
  option({
    key: 'messagesPerSecond',
    env: 'FT_MESSAGES_PER_SECOND',
    describe: 'sustained messages per second per connection',
    shownDefault: '200',
    parse: integer(1),
  }),
  option({
    key: 'messageBurst',
    env: 'FT_MESSAGE_BURST',
    describe: 'messages per connection allowed in a burst',
    shownDefault: '400',
    parse: integer(1),
  }),
  option({
    key: 'maxConnectionsPerRoom',
    env: 'FT_MAX_CONNECTIONS_PER_BOARD',
    describe: 'connections one board accepts',
    shownDefault: '200',
    parse: integer(1),
  }),
  option({
    key: 'maxConnectionsPerAddress',
    env: 'FT_MAX_CONNECTIONS_PER_ADDRESS',
    describe: 'connections one client address may hold (a workshop behind one NAT shares one)',
    shownDefault: '200',
    parse: integer(1),
  }),
  option({
    key: 'boardCreationsPerMinute',
    env: 'FT_BOARD_CREATIONS_PER_MINUTE',
    describe: 'boards one address may create per minute',
    shownDefault: '30',
    parse: integer(1),
  }),
  option({
    key: 'idleUnloadMs',
    env: 'FT_IDLE_UNLOAD_MS',
    describe: 'a board nobody is connected to leaves memory after this delay (ms)',
    shownDefault: '30000',
    parse: integer(0),
  }),
  option({
    key: 'compactAfterUpdates',
    env: 'FT_COMPACT_AFTER_UPDATES',
    describe: 'compact a board’s update log into its snapshot past this many updates',
    shownDefault: '500',
    parse: integer(1),
  }),
  option({
    key: 'awarenessBatchMs',
    env: 'FT_AWARENESS_BATCH_MS',
    describe: 'presence changes are sent once per this window per board (ms; 0 = next tick)',
    shownDefault: '50',
    parse: integer(0),
  }),
  option({
    key: 'pingIntervalMs',
    env: 'FT_PING_INTERVAL_MS',
    describe: 'websocket ping interval; no pong by the next ping closes the connection (ms)',
    shownDefault: '30000',
    parse: integer(100),
  }),
  option({
    key: 'maxBufferedBytes',
    env: 'FT_MAX_BUFFERED_BYTES',
    describe: 'a connection with more unsent bytes than this is closed as too slow',
    shownDefault: String(16 * 1024 * 1024),
    parse: integer(1024),
  }),
  option({
    key: 'autosaveQuietMs',
    env: 'FT_AUTOSAVE_QUIET_MS',
    describe: 'the history takes a version once a changed board has been quiet this long (ms)',
    shownDefault: '30000',
    parse: integer(100),
  }),
  option({
    key: 'autosaveMaxIntervalMs',
    env: 'FT_AUTOSAVE_MAX_INTERVAL_MS',
    describe: 'and at least this often while it keeps changing (ms)',
    shownDefault: '300000',
    parse: integer(100),
  }),
  option({
    key: 'versionsKept',
    env: 'FT_VERSIONS_KEPT',
    describe: 'automatic versions (every kind but named) each board keeps, newest first',
    shownDefault: '200',
    parse: integer(1),
  }),
  option({
    key: 'namedVersionsKept',
    env: 'FT_NAMED_VERSIONS_KEPT',
    describe: 'named versions a board may keep (naming one more is refused)',
    shownDefault: '100',
    parse: integer(0),
  }),
  option({
    key: 'activityKept',
    env: 'FT_ACTIVITY_KEPT',
    describe: 'card activity entries each board keeps, newest first',
    shownDefault: '5000',
    parse: integer(1),
  }),
];

export function defaultConfig(): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 4321,
    dataDir: `${repoRoot}data`,
    publicUrl: undefined,
    secret: undefined,
    allowedOrigins: [],
    trustProxy: false,
    clientDist: `${repoRoot}client/dist`,
    logLevel: 'info',
    store: 'sqlite',
    sqliteSynchronous: 'normal',
    databaseUrl: undefined,
    pgSchema: 'fire_triangle',
    pgPoolSize: 10,
    redisUrl: undefined,
    redisPrefix: 'fire-triangle',
    catchUpIntervalMs: 1000,
    maxMessageBytes: LIMITS.messageBytes,
    maxImportBytes: LIMITS.fileBytes,
    maxBoardBytes: DEFAULT_MAX_BOARD_BYTES,
    messagesPerSecond: 200,
    messageBurst: 400,
    maxConnectionsPerRoom: 200,
    maxConnectionsPerAddress: 200,
    boardCreationsPerMinute: 30,
    idleUnloadMs: 30_000,
    compactAfterUpdates: 500,
    awarenessBatchMs: 50,
    pingIntervalMs: 30_000,
    maxBufferedBytes: 16 * 1024 * 1024,
    autosaveQuietMs: 30_000,
    autosaveMaxIntervalMs: 300_000,
    versionsKept: 200,
    namedVersionsKept: 100,
    activityKept: 5000,
  };
}

/** The options set by environment variables (unset and empty ones are skipped). */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const config: Partial<Record<keyof ServerConfig, unknown>> = {};
  for (const spec of CONFIG_OPTIONS) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '') config[spec.key] = spec.parse(raw, spec.env);
  }
  return config as Partial<ServerConfig>;
}

export interface ParsedArgs {
  help: boolean;
  config: Partial<ServerConfig>;
}

/** The flags of the table, as `node:util` `parseArgs` options (every value is a string). */
function argOptions() {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const spec of CONFIG_OPTIONS) if (spec.flag) options[spec.flag] = { type: 'string' };
  return options;
}

/** What `parseArgs` throws, said the way --help users read it. */
function argumentError(error: Error & { code?: string }): ConfigError {
  const option = /'(?:-\w, )?(--[a-z-]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new ConfigError(
        option === '--help'
          ? '--help takes no value'
          : `${option ?? 'an option'} needs a value (see --help)`,
      );
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']+)'/.exec(error.message)?.[1] ?? '';
      return new ConfigError(`unknown argument "${argument}" (see --help)`);
    }
    default:
      return new ConfigError(error.message);
  }
}

/**
 * Parses `--port 4321`, `--port=4321`, `--host …`, `--help` / `-h` with `node:util` `parseArgs`;
 * refuses unknown flags and positional arguments (ConfigError). The last of a repeated flag wins.
 */
export function configFromArgs(argv: readonly string[]): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      // `pnpm start -- --port 0` passes the separator through; it means nothing here.
      args: argv.filter((arg) => arg !== '--'),
      options: argOptions(),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw argumentError(error as Error & { code?: string });
  }
  const config: Partial<Record<keyof ServerConfig, unknown>> = {};
  for (const spec of CONFIG_OPTIONS) {
    const raw = spec.flag ? values[spec.flag] : undefined;
    if (typeof raw === 'string') config[spec.key] = spec.parse(raw, `--${spec.flag}`);
  }
  return { help: values.help === true, config: config as Partial<ServerConfig> };
}

/** Defaults, then the given overrides (tests pass a partial config to `startServer`). */
export function resolveConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  const config = { ...defaultConfig() };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) (config as Record<string, unknown>)[key] = value;
  }
  if (config.messageBurst < 1 || config.messagesPerSecond < 1) {
    throw new ConfigError('rate limits must be at least 1');
  }
  if (config.store === 'postgres' && !config.databaseUrl) {
    throw new ConfigError(
      'FT_STORE=postgres needs DATABASE_URL (postgres://user:password@host:5432/database)',
    );
  }
  if (config.redisUrl && config.store !== 'postgres') {
    throw new ConfigError(
      `REDIS_URL (several instances) needs FT_STORE=postgres: ${config.store} boards live in one process, so other instances could not load them`,
    );
  }
  if (config.redisUrl && !config.secret) {
    throw new ConfigError(
      'REDIS_URL (several instances) needs FT_SECRET, the same on every instance: a generated secret is per instance, so a link made by one would be refused by the others',
    );
  }
  return config;
}

export function helpText(): string {
  const lines = [
    'Fire Triangle server — the board sync server, REST API and built client on one port.',
    '',
    'Usage: node --import tsx server/src/main.ts [options]',
    '       pnpm --filter @fire-triangle/server start -- [options]',
    '',
    'Options (flag, environment variable, default):',
  ];
  for (const spec of CONFIG_OPTIONS) {
    const flag = spec.flag ? `--${spec.flag} <value>` : '';
    lines.push(`  ${flag.padEnd(26)} ${spec.env.padEnd(32)} ${spec.shownDefault}`);
    lines.push(`      ${spec.describe}`);
  }
  lines.push('  --help, -h                  show this help');
  lines.push('');
  lines.push(
    'Share a board on a LAN: --host 0.0.0.0 (links use the Host people open, or PUBLIC_URL).',
  );
  return lines.join('\n');
}
