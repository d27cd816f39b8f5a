/**
 * [S-LIMIT-10]: a board past its size limit (`FT_MAX_BOARD_BYTES`, stored bytes of snapshot +
 * log) refuses further growth with a close code the client can explain (4414, permanent, so
 * the stock client stops instead of resending the same change forever), instead of growing the
 * data directory without bound. Deleting is always allowed, and compaction gives room back.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addCard,
  CLOSE_CODES,
  cardsMap,
  cardText,
  deleteCard,
  describeClose,
  getCardMap,
  type Lane,
  LIMITS,
  readBoard,
  replaceBoard,
} from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  createBoard,
  docsConverged,
  getJson,
  sleep,
  type TestClient,
  type TestServer,
  useTestHarness,
  waitFor,
} from './helpers.ts';

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

/**
 * `bytes` of body text in one transaction, as cards within the shared limits (S-LIMIT-11: a card
 * body holds at most `LIMITS.cardBodyLength` characters): card `id`, then `id.2`, `id.3` … as
 * many as it takes. Through the text directly: the shared operations cut text to the card
 * limits, which the server cannot count on.
 */
function addBulkyCard(doc: Y.Doc, id: string, bytes: number, lane: Lane = 'tactic'): void {
  doc.transact(() => {
    for (let piece = 1, left = bytes; left > 0; piece++, left -= LIMITS.cardBodyLength) {
      const pieceId = piece === 1 ? id : `${id}.${piece}`;
      addCard(doc, { id: pieceId, lane, title: pieceId });
      const body = cardText(getCardMap(doc, pieceId)!, 'body');
      body.insert(0, 'z'.repeat(Math.min(left, LIMITS.cardBodyLength)));
    }
  });
}

/** The cards `addBulkyCard(doc, id, …)` made, deleted in one transaction. */
function deleteBulkyCard(doc: Y.Doc, id: string): void {
  doc.transact(() => {
    for (const cardId of [...cardsMap(doc).keys()]) {
      if (cardId === id || cardId.startsWith(`${id}.`)) deleteCard(doc, cardId);
    }
  });
}

/** Closes the stock client reported, and whether it gave up (`closed`: it will not reconnect). */
function watchCloses(client: TestClient) {
  const closes: { code: number; reason: string }[] = [];
  let gaveUp: { code: number; reason: string } | null = null;
  client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  client.provider.on('closed', (event: { code: number; reason: string }) => {
    gaveUp = event;
  });
  return { closes, gaveUp: () => gaveUp };
}

describe('board size limit', () => {
  const harness = useTestHarness();
  const { connect } = harness;
  let test: TestServer;

  it('[S-LIMIT-10] 25 legal 3.9 MiB updates no longer grow a board without bound: refused at the limit with 4414, and the stock client stops', async () => {
    test = await harness.start();
    const { server } = test;
    const board = await createBoard(server);
    const before = await directoryBytes(test.dataDir);
    const alice = connect(server, board.id, board.tokens.editor);
    await alice.synced;
    const watch = watchCloses(alice);
    // Each update 3.9 MiB of cards within the card limits (S-LIMIT-11).
    for (let index = 0; index < 25; index++) {
      addBulkyCard(alice.doc, `bulk-${index}`, Math.floor(3.9 * 1024 * 1024));
    }
    await waitFor(() => watch.gaveUp() !== null, { what: 'the client gave up', timeoutMs: 60_000 });
    expect(watch.gaveUp()).toEqual({
      code: CLOSE_CODES.BOARD_TOO_LARGE,
      reason: 'board at its size limit: 12 MiB',
    });
    expect(describeClose(CLOSE_CODES.BOARD_TOO_LARGE, 'en')).toMatch(/size limit/);
    await sleep(1000);
    expect(watch.closes).toHaveLength(1); // no reconnect loop
    expect(
      await metricValue(server.internals.metrics.writesRefused, { reason: 'board-too-large' }),
    ).toBe(1);
    const stored = (await server.internals.store.loadBoard(board.id))!;
    const storedBytes =
      (stored.snapshot?.length ?? 0) +
      stored.updates.reduce((total, update) => total + update.length, 0);
    expect(storedBytes).toBeLessThanOrEqual(LIMITS.boardBytes);
    await server.close();
    // The file too: a compaction reuses the pages the log frees (sqlite-store.ts).
    const grown = (await directoryBytes(test.dataDir)) - before;
    expect(grown).toBeLessThan(LIMITS.boardBytes + 1024 * 1024);
  });

  it('[S-LIMIT-10] at the limit, deleting still works and compaction gives the room back', async () => {
    test = await harness.start({ maxBoardBytes: 256 * 1024 });
    const { server } = test;
    const board = await createBoard(server);
    const alice = connect(server, board.id, board.tokens.editor);
    await alice.synced;
    const watch = watchCloses(alice);
    const big = 'big';
    addBulkyCard(alice.doc, big, 200 * 1024, 'plan');
    const watcher = connect(server, board.id, board.tokens.viewer);
    await waitFor(() => cardsMap(watcher.doc).size === cardsMap(alice.doc).size);
    addBulkyCard(alice.doc, 'too-much', 100 * 1024);
    await waitFor(() => watch.gaveUp()?.code === CLOSE_CODES.BOARD_TOO_LARGE);
    expect(cardsMap(watcher.doc).has('too-much')).toBe(false);

    // Someone else cleans up: a deletion is accepted at the limit…
    const bob = connect(server, board.id, board.tokens.editor);
    await bob.synced;
    deleteBulkyCard(bob.doc, big);
    await waitFor(() => cardsMap(watcher.doc).size === 0);
    // …and once merged, the deleted text no longer counts: the board grows again.
    addBulkyCard(bob.doc, 'fits-again', 100 * 1024);
    await waitFor(() => cardsMap(watcher.doc).has('fits-again'));
    await waitFor(() => docsConverged(bob.doc, watcher.doc));
    expect(bob.provider.wsconnected).toBe(true);
  });

  it('[S-LIMIT-10] an import replacing a board near its limit is taken — it frees what it replaces — and the board then grows again', async () => {
    test = await harness.start({ maxBoardBytes: 256 * 1024 });
    const { server } = test;
    const board = await createBoard(server);
    const facilitator = connect(server, board.id, board.tokens.facilitator);
    await facilitator.synced;
    addBulkyCard(facilitator.doc, 'old', 160 * 1024);
    const watcher = connect(server, board.id, board.tokens.viewer);
    await waitFor(() => cardsMap(watcher.doc).has('old'));
    const file = readBoard(facilitator.doc);
    // As many cards, each within the card limits (S-LIMIT-11), with new ids and text.
    const replacement = {
      ...file,
      cards: file.cards.map((card, index) => ({
        ...card,
        id: index === 0 ? 'new' : `new.${index + 1}`,
        body: 'n'.repeat(card.body.length),
      })),
    };
    replaceBoard(facilitator.doc, replacement, null, 1);
    await waitFor(() => cardsMap(watcher.doc).has('new') && !cardsMap(watcher.doc).has('old'));
    addBulkyCard(facilitator.doc, 'after', 40 * 1024);
    await waitFor(() => cardsMap(watcher.doc).has('after'));
    expect(facilitator.provider.wsconnected).toBe(true);
    expect(
      await metricValue(server.internals.metrics.writesRefused, { reason: 'board-too-large' }),
    ).toBe(0);
  });

  it('[S-LIMIT-10] a client reconnecting with offline edits that would pass the limit is refused once, not in a loop; imports into a full board answer 413', async () => {
    test = await harness.start({ maxBoardBytes: 128 * 1024 });
    const { server } = test;
    const board = await createBoard(server);
    const alice = connect(server, board.id, board.tokens.editor);
    await alice.synced;
    alice.provider.disconnect();
    addBulkyCard(alice.doc, 'offline', 150 * 1024);
    const watch = watchCloses(alice);
    alice.provider.connect();
    await waitFor(() => watch.gaveUp() !== null);
    expect(watch.gaveUp()!.code).toBe(CLOSE_CODES.BOARD_TOO_LARGE);
    await sleep(800);
    expect(watch.closes).toHaveLength(1);
    const watcher = connect(server, board.id, board.tokens.viewer);
    await watcher.synced;
    expect(cardsMap(watcher.doc).has('offline')).toBe(false);

    // A board already past its limit (say, the limit was lowered) takes no import either.
    const bob = connect(server, board.id, board.tokens.facilitator);
    await bob.synced;
    addBulkyCard(bob.doc, 'filler', 100 * 1024);
    await waitFor(() => cardsMap(watcher.doc).has('filler'));
    await server.close();
    const lowered = await harness.start({ maxBoardBytes: 64 * 1024 }, test.dataDir);
    const small = await createBoard(lowered.server, { title: 'Small' });
    const file = await getJson(
      `${lowered.server.url}/api/boards/${small.id}/export?token=${small.tokens.viewer}`,
    );
    expect(file.status).toBe(200);
    const imported = await getJson(
      `${lowered.server.url}/api/boards/${board.id}/import?token=${board.tokens.facilitator}`,
      { method: 'POST', body: JSON.stringify(file.body) },
    );
    expect(imported.status).toBe(413);
    expect(imported.body.error).toMatch(/size limit \(64 KiB stored\)/);
  });
});
