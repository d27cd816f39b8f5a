/**
 * Several instances as separate processes (what `pnpm start` runs, S-SCALE-6): kill -9 of one
 * instance in the middle of a stream of edits, an instance dying while the others keep
 * serving, instances restarting in turn. Stock y-websocket clients are spread over the
 * instances; a client whose instance died is moved to another one, as a load balancer would.
 *
 * "Nothing any client had received is lost": each writer appends numbers to its own card's
 * text, every client records the numbers it holds when an instance dies, and the board stored
 * in PostgreSQL afterwards must hold all of them.
 */
import { addCard, cardsMap, cardText, getCardMap } from '@fire-triangle/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { PostgresBoardStore } from '../src/storage/postgres-store.ts';
import { decodeStoredBoard } from '../src/storage/stored-board.ts';
import {
  connectClient,
  createBoard,
  docsConverged,
  type ServerProcess,
  sleep,
  spawnServer,
  type TestClient,
  waitFor,
} from './helpers.ts';
import { dropSchema, sql, testDatabaseUrl, testRedisUrl, uniqueName } from './services.ts';

interface Deployment {
  schema: string;
  env: Record<string, string>;
}

const processes: ServerProcess[] = [];
const clients: TestClient[] = [];
const schemas: string[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of processes.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

function deployment(extra: Record<string, string> = {}): Deployment {
  const schema = uniqueName();
  schemas.push(schema);
  return {
    schema,
    env: {
      FT_STORE: 'postgres',
      DATABASE_URL: testDatabaseUrl(),
      FT_PG_SCHEMA: schema,
      REDIS_URL: testRedisUrl(),
      FT_REDIS_PREFIX: uniqueName(),
      FT_CATCH_UP_INTERVAL_MS: '200',
      FT_AWARENESS_BATCH_MS: '0',
      ...extra,
    },
  };
}

async function startInstance(target: Deployment, port = 0): Promise<ServerProcess> {
  const server = await spawnServer(['--port', String(port)], target.env);
  processes.push(server);
  return server;
}

function connect(server: { url: string }, boardId: string, token: string, doc?: Y.Doc) {
  const client = connectClient(server, boardId, token, doc ? { doc } : {});
  clients.push(client);
  return client;
}

/** Moves a client to another instance (what a load balancer does after its instance died). */
function moveClient(client: TestClient, to: { url: string }, boardId: string, token: string) {
  const doc = client.doc;
  client.provider.destroy();
  clients.splice(clients.indexOf(client), 1);
  return connect(to, boardId, token, doc);
}

/** The numbers writer `cardId` appended, as a doc holds them. */
function numbersIn(doc: Y.Doc, cardId: string): Set<string> {
  const card = getCardMap(doc, cardId);
  if (!card) return new Set();
  return new Set(cardText(card, 'body').toString().split(',').filter(Boolean));
}

async function storedDoc(target: Deployment, boardId: string): Promise<Y.Doc> {
  const store = await PostgresBoardStore.open({
    connectionString: testDatabaseUrl(),
    schema: target.schema,
  });
  try {
    return decodeStoredBoard(boardId, (await store.loadBoard(boardId))!);
  } finally {
    await store.close();
  }
}

/** Appends `${n},` to the writer's card every few ms until stopped. */
function startWriting(client: TestClient, cardId: string, name: string) {
  let n = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      const text = cardText(getCardMap(client.doc, cardId)!, 'body');
      text.insert(text.length, `${name}${n++},`);
      await sleep(8);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

/** The names in the presence a client sees (its own included). */
function names(client: TestClient): string[] {
  return [...client.provider.awareness.getStates().values()]
    .map((state) => (state.user as { name?: string } | undefined)?.name)
    .filter((name): name is string => typeof name === 'string')
    .sort();
}

describe('several instances in separate processes', () => {
  it('[S-SCALE-3] [S-SCALE-4] two, then three instances: stock clients spread over them converge and see everyone’s presence', async () => {
    const target = deployment();
    const instances = [await startInstance(target), await startInstance(target)];
    const board = await createBoard(instances[0]!);
    const everyone: TestClient[] = [];
    const join = async (server: ServerProcess, name: string) => {
      const client = connect(server, board.id, board.tokens.editor);
      await client.synced;
      client.provider.awareness.setLocalStateField('user', { name });
      everyone.push(client);
      return client;
    };
    const edit = (round: number) =>
      everyone.forEach((client, index) => {
        addCard(client.doc, { lane: 'plan', title: `${names(client).length}:${index}:${round}` });
      });
    for (const [index, server] of [...instances, ...instances].entries()) {
      await join(server, `p${index}`);
    }
    edit(0);
    const allNames = () => everyone.map((_, index) => `p${index}`).sort();
    await waitFor(
      () =>
        docsConverged(...everyone.map((client) => client.doc)) &&
        everyone.every((client) => names(client).join() === allNames().join()),
      { what: 'four clients on two instances to converge and see each other', timeoutMs: 15_000 },
    );
    expect(cardsMap(everyone[0]!.doc).size).toBe(4);
    // A third instance joins the deployment; two more clients land on it.
    instances.push(await startInstance(target));
    await join(instances[2]!, 'p4');
    await join(instances[2]!, 'p5');
    edit(1);
    await waitFor(
      () =>
        docsConverged(...everyone.map((client) => client.doc)) &&
        everyone.every((client) => names(client).join() === allNames().join()),
      { what: 'six clients on three instances to converge and see each other', timeoutMs: 15_000 },
    );
    expect(cardsMap(everyone[0]!.doc).size).toBe(4 + 6);
    const stored = await storedDoc(target, board.id);
    expect(docsConverged(stored, everyone[0]!.doc)).toBe(true);
    // One leaves: its presence leaves every instance's clients.
    everyone[5]!.provider.disconnect();
    await waitFor(() => everyone.slice(0, 5).every((client) => !names(client).includes('p5')), {
      what: 'p5 to leave every screen',
    });
  });

  it('[S-SCALE-6] [S-SCALE-7] kill -9 of an instance mid-stream (compacting as it goes): every edit any client had received is stored, the others keep serving, and everyone converges on them', async () => {
    // Every 40 updates a compaction, so instances compete for the lock while the stream runs
    // and one may die holding it (it expires; the others compact after).
    const target = deployment({ FT_COMPACT_AFTER_UPDATES: '40' });
    const instances = [
      await startInstance(target),
      await startInstance(target),
      await startInstance(target),
    ];
    const board = await createBoard(instances[0]!);
    const token = board.tokens.editor;
    // Two clients per instance: a writer and a watcher.
    const writers = instances.map((server) => connect(server, board.id, token));
    const watchers = instances.map((server) => connect(server, board.id, token));
    await Promise.all([...writers, ...watchers].map((client) => client.synced));
    const cardIds = writers.map((writer, index) =>
      addCard(writer.doc, { lane: 'tactic', title: `writer ${index}` }),
    );
    await waitFor(() => watchers.every((watcher) => cardsMap(watcher.doc).size === 3), {
      what: 'every card on every watcher',
    });
    const streams = writers.map((writer, index) =>
      startWriting(writer, cardIds[index]!, `w${index}-`),
    );
    await sleep(600);
    // The instance of writer 0 dies: no goodbye, no compaction, no flush.
    instances[0]!.child.kill('SIGKILL');
    await instances[0]!.exited;
    const received = [...writers, ...watchers].map((client) =>
      cardIds.map((cardId) => numbersIn(client.doc, cardId)),
    );
    // The others keep serving while it is gone: the watchers on them still get both streams.
    const heldBy = (client: TestClient, index: number) =>
      numbersIn(client.doc, cardIds[index]!).size;
    const before = [1, 2].map((index) => heldBy(watchers[3 - index]!, index));
    await waitFor(
      () => [1, 2].every((index, at) => heldBy(watchers[3 - index]!, index) > before[at]! + 5),
      { what: 'the instances left to keep relaying the streams' },
    );
    for (const stream of streams) await stream.stop();
    // Its clients come back through another instance (their unsent edits go up with them).
    writers[0] = moveClient(writers[0]!, instances[1]!, board.id, token);
    watchers[0] = moveClient(watchers[0]!, instances[2]!, board.id, token);
    const everyone = [...writers, ...watchers];
    await waitFor(() => docsConverged(...everyone.map((client) => client.doc)), {
      what: 'every client, moved ones included, to converge',
      timeoutMs: 20_000,
    });
    const stored = await storedDoc(target, board.id);
    let receivedCount = 0;
    cardIds.forEach((cardId, cardIndex) => {
      const inStore = numbersIn(stored, cardId);
      for (const held of received) {
        for (const number of held[cardIndex]!) {
          receivedCount += 1;
          expect(inStore.has(number), `${number} was received by a client but not stored`).toBe(
            true,
          );
        }
      }
      // And every edit a writer made reached the store once its client had reconnected.
      for (const number of numbersIn(writers[cardIndex]!.doc, cardId)) {
        expect(inStore.has(number)).toBe(true);
      }
    });
    expect(receivedCount).toBeGreaterThan(50);
    const [row] = await sql<{ snapshot_seq: string }>(
      `SELECT snapshot_seq FROM "${target.schema}".boards WHERE id = $1`,
      [board.id],
    );
    expect(Number(row!.snapshot_seq), 'compactions ran during the stream').toBeGreaterThan(0);
  });

  it('[S-SCALE-6] instances restart in turn (SIGTERM, then kill -9) on their ports while clients edit: nothing is lost, everyone converges', async () => {
    const target = deployment();
    const first = await startInstance(target);
    const second = await startInstance(target);
    const board = await createBoard(first);
    const token = board.tokens.editor;
    const onFirst = connect(first, board.id, token);
    const onSecond = connect(second, board.id, token);
    await Promise.all([onFirst.synced, onSecond.synced]);
    const cards = [
      addCard(onFirst.doc, { lane: 'plan', title: 'first' }),
      addCard(onSecond.doc, { lane: 'plan', title: 'second' }),
    ];
    await waitFor(() => cardsMap(onSecond.doc).size === 2 && cardsMap(onFirst.doc).size === 2, {
      what: 'both cards everywhere',
    });
    const streams = [startWriting(onFirst, cards[0]!, 'a'), startWriting(onSecond, cards[1]!, 'b')];
    // First restarts cleanly on its port (its clients reconnect by themselves)…
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    const firstAgain = await startInstance(target, first.port);
    await sleep(400);
    // …then the second dies and comes back.
    second.child.kill('SIGKILL');
    await second.exited;
    await sleep(200);
    const secondAgain = await startInstance(target, second.port);
    await sleep(400);
    for (const stream of streams) await stream.stop();
    await waitFor(() => onFirst.provider.synced && onSecond.provider.synced, {
      what: 'both clients back',
      timeoutMs: 20_000,
    });
    await waitFor(() => docsConverged(onFirst.doc, onSecond.doc), {
      what: 'the two clients to converge after both restarts',
      timeoutMs: 20_000,
    });
    const stored = await storedDoc(target, board.id);
    cards.forEach((cardId, index) => {
      const mine = numbersIn([onFirst, onSecond][index]!.doc, cardId);
      expect(mine.size).toBeGreaterThan(10);
      expect([...mine].filter((number) => !numbersIn(stored, cardId).has(number))).toEqual([]);
    });
    expect(firstAgain.port).toBe(first.port);
    expect(secondAgain.port).toBe(second.port);
  });
});
