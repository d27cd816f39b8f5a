/**
 * What the integration tests share: a real server on port 0 in a temporary data directory,
 * stock `y-websocket` clients in Node (with `ws`), raw websockets for hand-made frames, and
 * small waiting helpers. No mocks: real SQLite, real sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreatedBoard, Role, ServerFrame } from '@fire-triangle/shared';
import {
  addCard,
  cardText,
  checkServerFrame,
  getCardMap,
  MESSAGE_TYPES,
  readFramePayload,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerConfig } from '../src/config.ts';
import { defineBoardTypes } from '../src/rooms/write-policy.ts';
import { type RunningServer, type StartOptions, startServer } from '../src/server.ts';
import type { BoardStore } from '../src/storage/board-store.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  /** Closes the server (if still open) and deletes its data directory. */
  cleanup(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ft-server-'));
}

export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  dataDir?: string,
  options: StartOptions = {},
): Promise<TestServer> {
  const dir = dataDir ?? (await makeDataDir());
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      secret: TEST_SECRET,
      logLevel: 'silent',
      clientDist: join(dir, 'no-client-dist'),
      ...overrides,
    },
    options,
  );
  return {
    server,
    dataDir: dir,
    cleanup: async () => {
      await server.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function wsBase(server: { url: string }): string {
  return `${server.url.replace(/^http/, 'ws')}/ws`;
}

export async function createBoard(
  server: { url: string },
  body: Record<string, unknown> = {},
): Promise<CreatedBoard> {
  const response = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) {
    throw new Error(`create board: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as CreatedBoard;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every websocket message this client received, as received (across reconnects). */
  received: Uint8Array[];
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  destroy(): void;
}

/** A stock y-websocket client, exactly as the browser client builds it (minus the browser). */
export function connectClient(
  server: { url: string },
  boardId: string,
  token: string,
  options: { doc?: Y.Doc; base?: string; params?: Record<string, string> } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc();
  const received: Uint8Array[] = [];
  // The stock provider with a socket that records what it receives (the secrecy tests read it).
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    }
  }
  const provider = new WebsocketProvider(options.base ?? wsBase(server), boardId, doc, {
    params: { token, ...options.params },
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    // Node has BroadcastChannel: without this, clients in one process would sync through it
    // and a test could pass without the server relaying anything.
    disableBc: true,
    maxBackoffTime: 300,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (state: boolean) => state && resolve());
  });
  return {
    doc,
    provider,
    received,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * What a test opens — test servers, stock clients, raw sockets — closed after each test (the
 * `afterEach` is registered here: call it inside a `describe`). `closeConnections` closes the
 * clients earlier, when a test needs everyone gone (e.g. to let a board unload).
 */
export function useTestHarness() {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  const raws: RawSocket[] = [];
  const closeConnections = () => {
    for (const socket of raws.splice(0)) socket.ws.terminate();
    for (const client of clients.splice(0)) client.destroy();
  };
  afterEach(async () => {
    closeConnections();
    for (const server of servers.splice(0).reverse()) await server.cleanup();
  });
  return {
    async start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
      const server = await startTestServer(...args);
      servers.push(server);
      return server;
    },
    connect(...args: Parameters<typeof connectClient>): TestClient {
      const client = connectClient(...args);
      clients.push(client);
      return client;
    },
    async raw(...args: Parameters<typeof openRawSocket>): Promise<RawSocket> {
      const socket = await openRawSocket(...args);
      raws.push(socket);
      return socket;
    },
    closeConnections,
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The full content of a doc as canonical JSON (map keys sorted: Y.Map order is local). */
export function stateOf(doc: Y.Doc): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  // toJSON only lists the top-level types this doc has touched; touch the board's, as the
  // server's room does.
  defineBoardTypes(doc);
  return JSON.stringify(canonical(doc.toJSON()));
}

export function docsConverged(...docs: Y.Doc[]): boolean {
  const first = stateOf(docs[0]!);
  const vector = Buffer.from(Y.encodeStateVector(docs[0]!)).toString('hex');
  return docs.every(
    (doc) =>
      stateOf(doc) === first && Buffer.from(Y.encodeStateVector(doc)).toString('hex') === vector,
  );
}

// ---------------------------------------------------------------------------------------------
// Raw websockets

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): void;
}

/** A plain `ws` socket to the board (no y-websocket), recording what the server sends. */
export async function openRawSocket(
  server: { url: string },
  boardId: string,
  token: string,
  headers: Record<string, string> = {},
  query = '',
): Promise<RawSocket> {
  const ws = new WebSocket(
    `${wsBase(server)}/${boardId}?token=${encodeURIComponent(token)}${query}`,
    { headers },
  );
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    ws.once('close', () => reject(new Error('closed before open')));
  });
  return {
    ws,
    messages,
    closed,
    send: (frame) => ws.send(frame, { binary: true }),
  };
}

/** Opens a websocket expecting the upgrade to be refused; returns the HTTP status and body. */
export function expectUpgradeRefused(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('error', () => {});
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
  });
}

/** The Fire Triangle frames among what a socket received, checked as the client checks them. */
export function fireTriangleFrames(messages: readonly Uint8Array[]): ServerFrame[] {
  const frames: ServerFrame[] = [];
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.fireTriangle) continue;
    frames.push(checkServerFrame(readFramePayload(decoder)));
  }
  return frames;
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Finds (deterministically) a mutation of a real update that decodes but fails to apply to `doc`. */
export function updateThatDecodesButFails(doc: Y.Doc): Uint8Array {
  const generator = prng.create(42);
  const source = new Y.Doc();
  Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
  const captured: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => captured.push(update));
  for (let index = 0; index < 20; index++) {
    const id = addCard(source, { lane: 'plan', title: `mutant ${index}` });
    cardText(getCardMap(source, id)!, 'body').insert(0, 'body text');
  }
  for (let attempt = 0; attempt < 200_000; attempt++) {
    const base = captured[attempt % captured.length]!;
    const mutated = Uint8Array.from(base);
    const flips = prng.int32(generator, 1, 3);
    for (let flip = 0; flip < flips; flip++) {
      mutated[prng.int32(generator, 0, mutated.length - 1)] = prng.int32(generator, 0, 255);
    }
    try {
      Y.decodeUpdate(mutated);
    } catch {
      continue;
    }
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    try {
      Y.applyUpdate(scratch, mutated);
    } catch {
      return mutated;
    } finally {
      scratch.destroy();
    }
  }
  throw new Error('no failing mutation found');
}

export function tokenFor(board: CreatedBoard, role: Role): string {
  return board.tokens[role];
}

/** A JSON response body, inspected loosely by tests (`expect` checks its shape). */
// biome-ignore lint/suspicious/noExplicitAny: tests read fields of arbitrary JSON replies.
export type JsonBody = any;

/** GETs a JSON endpoint and returns status and parsed body. */
export async function getJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body };
}

/**
 * The board as the store holds it (snapshot + log), built into a doc. Tests wait on this, not
 * on row counts: updates that reach the server in one turn are one row (S-PERF-2).
 */
export async function storedDoc(
  store: Pick<BoardStore, 'loadBoard'>,
  boardId: string,
): Promise<Y.Doc> {
  const stored = (await store.loadBoard(boardId))!;
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** The board as the server stores it: a fresh client syncs it and returns its doc. */
export async function fetchServerDoc(
  server: { url: string },
  boardId: string,
  token: string,
): Promise<Y.Doc> {
  const client = connectClient(server, boardId, token);
  await client.synced;
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return copy;
}

// ---------------------------------------------------------------------------------------------
// The server as a child process (what `pnpm start` runs), for kill -9 and signal tests

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Who the server process runs as (tests running as root use it to make permissions bite). */
export interface SpawnAs {
  uid?: number;
  gid?: number;
}

function spawnMain(args: string[], env: Record<string, string>, as: SpawnAs): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, FT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...as,
  });
}

/** Everything a child process prints, stdout and stderr interleaved as they arrive. */
function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return () => output;
}

/** Runs the server expecting it to refuse to start: its exit code and everything it printed. */
export async function runServerUntilExit(
  args: string[],
  env: Record<string, string> = {},
  as: SpawnAs = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawnMain(args, env, as);
  const output = collectOutput(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, output: output() };
}

export async function spawnServer(
  args: string[],
  env: Record<string, string> = {},
  as: SpawnAs = {},
): Promise<ServerProcess> {
  const child = spawnMain(args, env, as);
  const output = collectOutput(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output()}`)), 30_000);
    const check = () => {
      const match = /Fire Triangle listening on http:\/\/[^\s]+:(\d+)/.exec(output());
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output()}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, port, output, exited };
}
