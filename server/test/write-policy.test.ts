/**
 * [S-WRITE-*]: one participant cannot break the board for the others. What only the server
 * writes (the layout version) and what only a facilitator writes (board settings, the import
 * marker) are refused in any client update — reverted for everyone, counted, the sender told —
 * while every allowed edit is kept. Also [S-DUR-5]: a board too new to open still exports.
 */
import {
  addCard,
  CLOSE_CODES,
  cardsMap,
  cardText,
  deleteCard,
  encodeFrame,
  getCardMap,
  IMPORT_MARKER_KEY,
  LIMITS,
  MESSAGE_TYPES,
  metaMap,
  moveCard,
  readBoard,
  SCHEMA_VERSION,
} from '@fire-triangle/shared';
import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signToken } from '../src/auth/tokens.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  createBoard,
  docsConverged,
  fireTriangleFrames,
  getJson,
  sleep,
  stateOf,
  type TestServer,
  updateFrame,
  useTestHarness,
  waitFor,
} from './helpers.ts';

const HELLO = encodeFrame({ type: 'hello', accepts: ['write-refused'] });

/** The update `change` makes on a copy of `base` (what a client of that board would send). */
function updateOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  copy.on('update', (update: Uint8Array) => updates.push(update));
  copy.transact(() => change(copy));
  copy.destroy();
  return Y.mergeUpdates(updates);
}

describe('write policy', () => {
  const harness = useTestHarness();
  const { connect, raw } = harness;
  let test: TestServer;
  const refused = (reason: string) =>
    metricValue(test.server.internals.metrics.writesRefused, { reason });

  it('[S-WRITE-1] an editor’s stock client writing a newer meta.schemaVersion is reverted: after the next unload the board still opens and exports', async () => {
    test = await harness.start({ idleUnloadMs: 20 });
    const { server } = test;
    const board = await createBoard(server, { title: 'Keep me open' });
    const mallory = connect(server, board.id, board.tokens.editor);
    const bob = connect(server, board.id, board.tokens.editor);
    await Promise.all([mallory.synced, bob.synced]);
    const seen: unknown[] = [];
    metaMap(bob.doc).observe(() => seen.push(metaMap(bob.doc).get('schemaVersion')));
    metaMap(mallory.doc).set('schemaVersion', SCHEMA_VERSION + 1);
    // Mallory's own doc rolls back by itself: it receives the revert.
    await waitFor(() => metaMap(mallory.doc).get('schemaVersion') === SCHEMA_VERSION, {
      what: 'the revert reached the sender',
    });
    await waitFor(() => docsConverged(mallory.doc, bob.doc));
    // Bob's doc received the update and its revert as one: the value never changed for him.
    expect(seen.every((value) => value === SCHEMA_VERSION)).toBe(true);
    expect(await refused('server-only')).toBe(1);
    harness.closeConnections();
    await waitFor(() => server.internals.registry.loaded(board.id) === undefined, {
      what: 'the board unloaded',
    });
    const later = connect(server, board.id, board.tokens.viewer);
    await later.synced;
    expect(later.provider.wsconnected).toBe(true);
    expect(readBoard(later.doc).meta).toMatchObject({
      title: 'Keep me open',
      schemaVersion: SCHEMA_VERSION,
    });
    for (const path of ['', '/export', '/report']) {
      const reply = await getJson(
        `${server.url}/api/boards/${board.id}${path}?token=${board.tokens.viewer}`,
      );
      expect(reply.status, path).toBe(200);
    }
  });

  it('[S-WRITE-1] even a facilitator cannot change or delete the layout version; writing the value it already has is no change', async () => {
    test = await harness.start();
    const board = await createBoard(test.server);
    const facilitator = connect(test.server, board.id, board.tokens.facilitator);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([facilitator.synced, watcher.synced]);
    metaMap(facilitator.doc).delete('schemaVersion');
    await waitFor(() => metaMap(facilitator.doc).get('schemaVersion') === SCHEMA_VERSION);
    metaMap(facilitator.doc).set('schemaVersion', '1');
    await waitFor(() => metaMap(facilitator.doc).get('schemaVersion') === SCHEMA_VERSION);
    expect(await refused('server-only')).toBe(2);
    // An import writes schemaVersion again with the same value, alongside its cards: allowed.
    facilitator.doc.transact(() => {
      metaMap(facilitator.doc).set('schemaVersion', SCHEMA_VERSION);
      addCard(facilitator.doc, { id: 'imported', lane: 'objective', title: 'Imported' });
    });
    await waitFor(() => cardsMap(watcher.doc).has('imported'));
    expect(await refused('server-only')).toBe(2);
    await waitFor(() => docsConverged(facilitator.doc, watcher.doc));
  });

  it('[S-WRITE-2] board settings and the import marker are facilitator-only; an editor’s import is refused whole', async () => {
    test = await harness.start();
    const board = await createBoard(test.server, { title: 'Settings', language: 'en' });
    const editor = connect(test.server, board.id, board.tokens.editor);
    const facilitator = connect(test.server, board.id, board.tokens.facilitator);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([editor.synced, facilitator.synced, watcher.synced]);
    addCard(editor.doc, { id: 'kept', lane: 'strategy', title: 'Editors may add cards' });
    await waitFor(() => cardsMap(watcher.doc).has('kept'));
    const before = stateOf(watcher.doc);
    const titles: unknown[] = [];
    metaMap(watcher.doc).observe(() => titles.push(metaMap(watcher.doc).toJSON()));
    const metaBefore = metaMap(watcher.doc).toJSON();

    const settings: [string, unknown][] = [
      ['title', 'Hijacked'],
      ['language', 'fr'],
      ['focusLimit', 12],
      [IMPORT_MARKER_KEY, { at: 1, by: 'editor' }],
    ];
    for (const [key, value] of settings) {
      metaMap(editor.doc).set(key, value);
      await waitFor(() => stateOf(editor.doc) === before, { what: `${key} reverted` });
    }
    // An import as the client does it: one transaction replacing cards and settings.
    editor.doc.transact(() => {
      cardsMap(editor.doc).clear();
      addCard(editor.doc, { id: 'from-file', lane: 'objective', title: 'From the file' });
      metaMap(editor.doc).set('title', 'Imported board');
      metaMap(editor.doc).set(IMPORT_MARKER_KEY, { at: 2, by: 'editor' });
    });
    await waitFor(() => stateOf(editor.doc) === before, { what: 'the import reverted' });
    expect(cardsMap(editor.doc).has('kept')).toBe(true);
    expect(cardsMap(editor.doc).has('from-file')).toBe(false);
    expect(await refused('facilitator-only')).toBe(settings.length + 1);
    // The others received each refused update merged with its revert: no value ever changed.
    expect(titles.length).toBeGreaterThan(0);
    for (const meta of titles) expect(meta).toEqual(metaBefore);

    // The facilitator may do all of it.
    facilitator.doc.transact(() => {
      cardsMap(facilitator.doc).clear();
      addCard(facilitator.doc, { id: 'from-file', lane: 'objective', title: 'From the file' });
      metaMap(facilitator.doc).set('title', 'Imported board');
      metaMap(facilitator.doc).set(IMPORT_MARKER_KEY, { at: 3, by: 'facilitator' });
    });
    await waitFor(() => readBoard(watcher.doc).meta.title === 'Imported board');
    expect(cardsMap(watcher.doc).has('from-file')).toBe(true);
    expect(cardsMap(watcher.doc).has('kept')).toBe(false);
    expect(await refused('facilitator-only')).toBe(settings.length + 1);
    await waitFor(() => docsConverged(editor.doc, facilitator.doc, watcher.doc));
  });

  it('[S-WRITE-3] the sender gets the revert then a write-refused frame, only if it said hello; others get one merged update; one row is stored', async () => {
    test = await harness.start();
    const { server } = test;
    const board = await createBoard(server, { title: 'Frames' });
    const reference = connect(server, board.id, board.tokens.viewer);
    await reference.synced;
    const store = server.internals.store;
    const seqBefore = (await store.loadBoard(board.id))!.lastSeq;

    const modern = await raw(server, board.id, board.tokens.editor);
    modern.send(HELLO);
    const stock = await raw(server, board.id, board.tokens.editor);
    const othersBefore = reference.doc.store.clients.size;
    const forbidden = updateOf(reference.doc, (doc) => {
      metaMap(doc).set('title', 'Mine now');
      addCard(doc, { id: 'riding-along', lane: 'plan', title: 'In the same transaction' });
    });
    modern.send(updateFrame(forbidden));
    await waitFor(() => fireTriangleFrames(modern.messages).length === 1, { what: 'the notice' });
    expect(fireTriangleFrames(modern.messages)).toEqual([
      { type: 'write-refused', refusals: [{ reason: 'facilitator-only', path: 'meta.title' }] },
    ]);
    // The revert came first: applying what the sender received undoes its update.
    const senderView = new Y.Doc();
    Y.applyUpdate(senderView, Y.encodeStateAsUpdate(reference.doc));
    Y.applyUpdate(senderView, forbidden);
    const noticeAt = modern.messages.findIndex((message) => message[0] === 100);
    for (const message of modern.messages.slice(0, noticeAt)) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.sync) continue;
      if (decoding.readVarUint(decoder) === 0) continue; // the greeting's sync step 1
      Y.applyUpdate(senderView, decoding.readVarUint8Array(decoder));
    }
    expect(stateOf(senderView)).toBe(stateOf(reference.doc));
    expect(readBoard(senderView).meta.title).toBe('Frames');

    // A stock client gets the revert, never a frame it cannot read.
    stock.send(updateFrame(updateOf(reference.doc, (doc) => metaMap(doc).set('focusLimit', 9))));
    await waitFor(async () => (await refused('facilitator-only')) === 2);
    await sleep(100);
    expect(stock.messages.some((message) => message[0] === MESSAGE_TYPES.fireTriangle)).toBe(false);
    // The others: no visible change, and the refused update and its revert are one stored row.
    expect(readBoard(reference.doc).meta).toMatchObject({ title: 'Frames', focusLimit: 3 });
    expect(cardsMap(reference.doc).has('riding-along')).toBe(false);
    expect(reference.doc.store.clients.size).toBeGreaterThan(othersBefore);
    expect((await store.loadBoard(board.id))!.lastSeq).toBe(seqBefore + 2);
  });

  it('[S-WRITE-3] allowed edits in the sender’s other updates are kept, before and after a refused one', async () => {
    test = await harness.start();
    const board = await createBoard(test.server);
    const alice = connect(test.server, board.id, board.tokens.editor);
    const bob = connect(test.server, board.id, board.tokens.editor);
    await Promise.all([alice.synced, bob.synced]);
    const first = addCard(alice.doc, { lane: 'objective', title: 'First' });
    alice.doc.transact(() => {
      addCard(alice.doc, { id: 'refused-card', lane: 'plan', title: 'Refused' });
      metaMap(alice.doc).set('language', 'en');
    });
    cardText(getCardMap(alice.doc, first)!, 'title').insert(5, ' and kept');
    const third = addCard(alice.doc, { lane: 'tactic', title: 'Third' });
    await waitFor(() => cardsMap(bob.doc).has(third) && docsConverged(alice.doc, bob.doc), {
      what: 'convergence',
    });
    expect(
      readBoard(bob.doc)
        .cards.map((card) => card.title)
        .sort(),
    ).toEqual(['First and kept', 'Third']);
    expect(readBoard(bob.doc).meta.language).toBe('fr');
    expect(await refused('facilitator-only')).toBe(1);
  });

  it('[S-WRITE-3] a refused deletion comes back whole, and the board keeps one copy of the deleted content, not two', async () => {
    test = await harness.start({ idleUnloadMs: 20 });
    const { server } = test;
    const board = await createBoard(server);
    const alice = connect(server, board.id, board.tokens.editor);
    await alice.synced;
    const id = addCard(alice.doc, { lane: 'plan', title: 'Long read' });
    const body = 'w'.repeat(LIMITS.cardBodyLength);
    cardText(getCardMap(alice.doc, id)!, 'body').insert(0, body);
    const watcher = connect(server, board.id, board.tokens.viewer);
    await waitFor(() => docsConverged(alice.doc, watcher.doc));
    alice.doc.transact(() => {
      deleteCard(alice.doc, id);
      metaMap(alice.doc).set('title', 'Gone with it');
    });
    await waitFor(async () => (await refused('facilitator-only')) === 1);
    await waitFor(() => docsConverged(alice.doc, watcher.doc));
    expect(readBoard(watcher.doc).cards).toEqual([
      expect.objectContaining({ id, title: 'Long read', body }),
    ]);
    harness.closeConnections();
    await waitFor(() => server.internals.registry.loaded(board.id) === undefined);
    const stored = (await server.internals.store.loadBoard(board.id))!;
    expect(stored.updates).toHaveLength(0);
    // The refused transaction deleted the original: Yjs collects it once the copy exists.
    expect(stored.snapshot!.length).toBeLessThan(body.length * 1.5);
  });

  it('[S-WRITE-4] an update that depends on changes the server lacks is not applied; the sender is asked to resync and, once it does, all of it lands', async () => {
    test = await harness.start();
    const board = await createBoard(test.server);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await watcher.synced;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(watcher.doc));
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const id = addCard(local, { lane: 'objective', title: 'Base' });
    cardText(getCardMap(local, id)!, 'title').insert(4, ' + more');
    const socket = await raw(test.server, board.id, board.tokens.editor);
    const greeting = socket.messages.length;
    socket.send(updateFrame(updates[1]!)); // without the update it builds on
    await waitFor(async () => (await refused('unattributable')) === 1);
    await sleep(50);
    expect(cardsMap(watcher.doc).size).toBe(0);
    // The server asked for what it lacks: a second sync step 1 after the greeting.
    const steps1 = socket.messages
      .slice(greeting)
      .filter((message) => message[0] === 0 && message[1] === 0);
    expect(steps1).toHaveLength(1);
    // What a stock client answers (its sync step 2) brings both, and both apply.
    socket.send(updateFrame(Y.encodeStateAsUpdate(local, Y.encodeStateVector(watcher.doc))));
    await waitFor(() => readBoard(watcher.doc).cards[0]?.title === 'Base + more');
    await waitFor(() => stateOf(watcher.doc) === stateOf(local));
  });

  it('[S-WRITE-5] a blank board (restored after its data was lost, S-AUTH-6) takes an editor’s copy, settings included — but never a layout change', async () => {
    test = await harness.start();
    const { server } = test;
    const token = signToken(server.internals.secret, { boardId: 'lost-board', role: 'editor' });
    // The editor's browser still holds the board the server lost.
    const copy = new Y.Doc();
    metaMap(copy).set('schemaVersion', SCHEMA_VERSION);
    metaMap(copy).set('title', 'Our strategy');
    metaMap(copy).set('language', 'en');
    addCard(copy, { id: 'survivor', lane: 'objective', title: 'Survived the loss' });
    const restorer = connect(server, 'lost-board', token, { doc: copy });
    await restorer.synced;
    const viewer = connect(server, 'lost-board', token);
    await waitFor(() => cardsMap(viewer.doc).has('survivor'));
    expect(readBoard(viewer.doc).meta).toMatchObject({ title: 'Our strategy', language: 'en' });
    expect(await refused('facilitator-only')).toBe(0);
    // From now on the board is not blank: the settings are the facilitator's again.
    metaMap(restorer.doc).set('title', 'Renamed by an editor');
    await waitFor(async () => (await refused('facilitator-only')) === 1);
    await waitFor(() => readBoard(restorer.doc).meta.title === 'Our strategy');

    const newerToken = signToken(server.internals.secret, { boardId: 'lost-2', role: 'editor' });
    const newer = new Y.Doc();
    // The highest client id wins a concurrent Y.Map write: this copy's layout version would
    // replace the one the server wrote when it created the blank board — so it is refused.
    newer.clientID = 2 ** 32 - 1;
    metaMap(newer).set('schemaVersion', SCHEMA_VERSION + 1);
    const restorer2 = connect(server, 'lost-2', newerToken, { doc: newer });
    await restorer2.synced;
    await waitFor(() => metaMap(newer).get('schemaVersion') === SCHEMA_VERSION);
    expect(await refused('server-only')).toBe(1);
  });

  it('[S-LIMIT-11] a stock client cannot grow a card past the shared limits or write a field of the wrong kind; shortening is allowed; export of what stays imports again', async () => {
    test = await harness.start();
    const board = await createBoard(test.server, { title: 'Limits', language: 'en' });
    const mallory = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([mallory.synced, watcher.synced]);
    addCard(mallory.doc, { id: 'c1', lane: 'plan', title: 'Launch plan' });
    await waitFor(() => cardsMap(watcher.doc).has('c1'));
    const before = stateOf(watcher.doc);
    const card = getCardMap(mallory.doc, 'c1')!;
    const title = card.get('title') as Y.Text;
    // « Launch plan » is 11 characters: one past the limit, the last one an emoji (one code
    // point, two UTF-16 units).
    const attempts: [string, () => void][] = [
      ['title', () => title.insert(title.length, `${'a'.repeat(LIMITS.cardTitleLength - 11)}😀`)],
      ['kpi', () => card.set('kpi', 'k'.repeat(LIMITS.cardFieldLength + 1))],
      ['dueDate', () => card.set('dueDate', 'next week')],
      ['lane', () => card.set('lane', 'admin')],
      ['position', () => card.set('position', 'nope')],
      ['new card', () => cardsMap(mallory.doc).set('junk', 'not a card' as never)],
      [
        'new long card',
        () => {
          addCard(mallory.doc, { id: 'c2', lane: 'tactic', title: 'x' });
          const body = getCardMap(mallory.doc, 'c2')!.get('body') as Y.Text;
          body.insert(0, 'b'.repeat(LIMITS.cardBodyLength + 1));
        },
      ],
    ];
    for (const [what, attempt] of attempts) {
      mallory.doc.transact(attempt);
      await waitFor(() => stateOf(mallory.doc) === before, { what: `${what} reverted` });
    }
    expect(await refused('over-limit')).toBe(attempts.length);
    // Up to the limit, counted in code points (an emoji is one), is fine.
    title.insert(title.length, `${'a'.repeat(LIMITS.cardTitleLength - 12)}😀`);
    const watchedTitle = () => getCardMap(watcher.doc, 'c1')?.get('title')?.toString() ?? '';
    await waitFor(() => watchedTitle().length === LIMITS.cardTitleLength + 1);
    // Shortening is always allowed (a card stored past a limit before it was enforced).
    title.delete(0, 10);
    await waitFor(() => docsConverged(mallory.doc, watcher.doc));
    expect(await refused('over-limit')).toBe(attempts.length);
    const api = `${test.server.url}/api/boards/${board.id}`;
    const token = `token=${board.tokens.facilitator}`;
    const exported = await getJson(`${api}/export?${token}`);
    expect(exported.status).toBe(200);
    const imported = await getJson(`${api}/import?${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported.body),
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });

  it('[S-WRITE-6] a stock client’s top-level map outside the board’s layout is rolled back for it and never reaches anyone', async () => {
    test = await harness.start();
    const board = await createBoard(test.server, { title: 'Layout' });
    const mallory = connect(test.server, board.id, board.tokens.facilitator);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([mallory.synced, watcher.synced]);
    mallory.doc.getMap('hidden').set('payload', 'x'.repeat(1000));
    await waitFor(() => mallory.doc.getMap('hidden').size === 0, { what: 'the revert' });
    addCard(mallory.doc, { id: 'after', lane: 'plan', title: 'Still works' });
    await waitFor(() => cardsMap(watcher.doc).has('after'));
    expect(watcher.doc.getMap('hidden').size).toBe(0);
    expect(await refused('server-only')).toBe(1);
  });

  it('[S-WRITE-3] malformed Fire Triangle frames close that connection with 4400 and say why', async () => {
    test = await harness.start();
    const board = await createBoard(test.server);
    const payload = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      return new Uint8Array([MESSAGE_TYPES.fireTriangle, bytes.length, ...bytes]);
    };
    const cases: [string, Uint8Array, RegExp][] = [
      ['no payload', new Uint8Array([MESSAGE_TYPES.fireTriangle]), /not a length-prefixed/],
      ['not JSON', payload('{hello'), /not JSON/],
      ['not an object', payload('[1,2]'), /not a JSON object/],
      ['unknown type', payload('{"type":"vote"}'), /unknown client frame type vote/],
      ['accepts not a list', payload('{"type":"hello","accepts":"all"}'), /not a list/],
      ['accepts not names', payload('{"type":"hello","accepts":[1]}'), /frame type names/],
      ['trailing bytes', new Uint8Array([...HELLO, 0]), /trailing bytes/],
    ];
    for (const [name, frame, reason] of cases) {
      const socket = await raw(test.server, board.id, board.tokens.viewer);
      socket.send(frame);
      const closed = await socket.closed;
      expect(closed.code, name).toBe(CLOSE_CODES.MALFORMED_MESSAGE);
      expect(closed.reason, name).toMatch(reason);
    }
    // Unknown frame names in a hello are ignored (a newer client), not refused.
    const newer = await raw(test.server, board.id, board.tokens.viewer);
    newer.send(payload('{"type":"hello","accepts":["timer","write-refused"]}'));
    await sleep(50);
    expect(newer.ws.readyState).toBe(newer.ws.OPEN);
  });

  it('[S-WRITE-3] seeded random mixes of allowed and refused transactions from several clients: all converge with the server, nothing refused shows, every allowed edit is kept', async () => {
    const seed = Number(process.env.FT_POLICY_SEED ?? 7);
    const steps = Number(process.env.FT_POLICY_STEPS ?? 160);
    const generator = prng.create(seed);
    test = await harness.start();
    const { server } = test;
    const board = await createBoard(server, { title: 'Random', language: 'fr' });
    const roles = ['facilitator', 'editor', 'editor', 'editor'] as const;
    const people = roles.map((role) => ({
      role,
      client: connect(server, board.id, board.tokens[role]),
    }));
    await Promise.all(people.map(({ client }) => client.synced));
    const serverDoc = () => server.internals.registry.loaded(board.id)!.doc;
    const allConverged = () =>
      docsConverged(serverDoc(), ...people.map(({ client }) => client.doc));
    const barrier = () => waitFor(allConverged, { what: `convergence (seed ${seed})` });

    const keptTokens = new Map<string, string[]>(); // allowed card → tokens its title must hold
    const goneCards = new Set<string>(); // cards only refused transactions created
    const goneTokens: string[] = []; // tokens only refused transactions wrote
    const deletedCards = new Set<string>(); // allowed deletions
    let expectedTitle = 'Random';
    let refusedCount = 0;
    const lanes = ['objective', 'strategy', 'plan', 'tactic'] as const;
    const knownCards = (doc: Y.Doc) =>
      [...keptTokens.keys()].filter((id) => getCardMap(doc, id) && !deletedCards.has(id));

    for (let step = 0; step < steps; step++) {
      const person = people[prng.int32(generator, 0, people.length - 1)]!;
      const { doc } = person.client;
      const roll = prng.int32(generator, 0, 99);
      const cards = knownCards(doc);
      if (roll < 35 || cards.length === 0) {
        const id = addCard(doc, { lane: prng.oneOf(generator, [...lanes]), title: `a${step}` });
        keptTokens.set(id, [`a${step}`]);
      } else if (roll < 60) {
        const id = prng.oneOf(generator, cards);
        const title = cardText(getCardMap(doc, id)!, 'title');
        title.insert(title.length, ` t${step}`);
        keptTokens.get(id)!.push(`t${step}`);
      } else if (roll < 70) {
        moveCard(doc, prng.oneOf(generator, cards), {
          x: prng.int32(generator, 600, 2400),
          y: prng.int32(generator, 200, 1600),
        });
      } else if (roll < 73 && person.role === 'editor') {
        const id = prng.oneOf(generator, cards);
        deleteCard(doc, id);
        deletedCards.add(id);
        keptTokens.delete(id);
      } else if (roll < 78 && person.role === 'facilitator') {
        // An allowed settings change; settings changes never race each other here (see below).
        await barrier();
        expectedTitle = `F${step}`;
        metaMap(doc).set('title', expectedTitle);
      } else {
        // A refused transaction: a forbidden key for this role, plus a card change riding along.
        // Each starts from a converged board: two concurrent writes of one meta key race like
        // any two Y.Map writes (one wins), which this test does not model.
        await barrier();
        const forbidden: [string, unknown][] =
          person.role === 'facilitator'
            ? [['schemaVersion', SCHEMA_VERSION + 1 + step]]
            : [
                ['title', `E${step}`],
                ['language', readBoard(doc).meta.language === 'fr' ? 'en' : 'fr'],
                ['focusLimit', 100 + step],
                [IMPORT_MARKER_KEY, { step }],
                ['schemaVersion', SCHEMA_VERSION + 1 + step],
              ];
        const [key, value] = prng.oneOf(generator, forbidden);
        const ride = prng.int32(generator, 0, 2);
        const target = knownCards(doc).length > 0 ? prng.oneOf(generator, knownCards(doc)) : null;
        doc.transact(() => {
          metaMap(doc).set(key, value);
          if (ride === 0 || !target) {
            const id = addCard(doc, { lane: 'tactic', title: `x${step}` });
            goneCards.add(id);
          } else if (ride === 1) {
            const title = cardText(getCardMap(doc, target)!, 'title');
            title.insert(title.length, ` x${step}`);
            goneTokens.push(`x${step}`);
          } else {
            deleteCard(doc, target);
          }
        });
        refusedCount += 1;
        // A refused deletion is restored as a copy: edits others make to the original while the
        // deletion is in flight would go with it (documented), so let the revert land first.
        if (ride === 2) await barrier();
      }
      if (prng.int32(generator, 0, 9) === 0) await sleep(prng.int32(generator, 0, 15));
    }
    await barrier();
    console.info(
      `[S-WRITE-3] seed ${seed}: ${steps} steps, ${refusedCount} refused transactions, ${keptTokens.size} cards kept with ${[...keptTokens.values()].flat().length} edits, ${goneCards.size} refused cards and ${goneTokens.length} refused edits gone`,
    );

    expect((await refused('facilitator-only')) + (await refused('server-only'))).toBe(refusedCount);
    for (const { client } of people) {
      const view = readBoard(client.doc);
      expect(view.meta).toEqual({
        title: expectedTitle,
        language: 'fr',
        focusLimit: 3,
        schemaVersion: SCHEMA_VERSION,
      });
      expect(metaMap(client.doc).has(IMPORT_MARKER_KEY)).toBe(false);
      const titles = new Map(view.cards.map((card) => [card.id, card.title]));
      for (const [id, tokens] of keptTokens) {
        expect(titles.has(id), `card ${id} (seed ${seed})`).toBe(true);
        for (const token of tokens) expect(titles.get(id)!.split(' ')).toContain(token);
      }
      for (const id of [...goneCards, ...deletedCards]) expect(titles.has(id)).toBe(false);
      const words = [...titles.values()].join(' ').split(' ');
      for (const token of goneTokens) expect(words).not.toContain(token);
      expect(view.cards).toHaveLength(keptTokens.size);
    }
  });

  it('[S-DUR-5] a board too new to open for editing (4409, 409) still exports what is stored', async () => {
    test = await harness.start();
    const { server } = test;
    const future = new Y.Doc();
    metaMap(future).set('schemaVersion', SCHEMA_VERSION + 1);
    metaMap(future).set('title', 'From the future');
    addCard(future, { id: 'c1', lane: 'objective', title: 'Still readable' });
    await server.internals.store.createBoard('future', Y.encodeStateAsUpdate(future));
    const token = signToken(server.internals.secret, { boardId: 'future', role: 'viewer' });
    const socket = await raw(server, 'future', token);
    expect((await socket.closed).code).toBe(CLOSE_CODES.BOARD_TOO_NEW);
    expect((await getJson(`${server.url}/api/boards/future?token=${token}`)).status).toBe(409);
    const exported = await getJson(`${server.url}/api/boards/future/export?token=${token}`);
    expect(exported.status).toBe(200);
    expect(exported.body.meta.title).toBe('From the future');
    expect(exported.body.cards).toEqual([
      expect.objectContaining({ id: 'c1', title: 'Still readable' }),
    ]);
    expect((await server.internals.store.loadBoard('future'))!.lastSeq).toBe(0);
  });
});
