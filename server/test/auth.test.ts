/**
 * [S-AUTH-*]: share tokens at the websocket upgrade and on REST, roles, origins.
 */
import { addCard, cardsMap, readBoard } from '@fire-triangle/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../src/auth/tokens.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  connectClient,
  createBoard,
  docsConverged,
  expectUpgradeRefused,
  getJson,
  openRawSocket,
  sleep,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
  wsBase,
} from './helpers.ts';

describe('share tokens and roles', () => {
  let test: TestServer;
  const clients: TestClient[] = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };
  beforeEach(async () => {
    test = await startTestServer({ allowedOrigins: ['https://workshop.example.org'] });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await test.cleanup();
  });

  it('[S-AUTH-2] the upgrade is refused with 401/403 before anything is allocated', async () => {
    const board = await createBoard(test.server);
    const other = await createBoard(test.server);
    const { registry, metrics, store } = test.server.internals;
    const base = wsBase(test.server);
    const cases: [string, number, RegExp][] = [
      [`${base}/${board.id}`, 401, /needs a share token/],
      [`${base}/${board.id}?token=`, 401, /needs a share token/],
      [`${base}/${board.id}?token=not-a-token`, 403, /damaged/],
      [
        `${base}/${board.id}?token=${signToken('x'.repeat(40), { boardId: board.id, role: 'editor' })}`,
        403,
        /not issued by this server/,
      ],
      [`${base}/${board.id}?token=${other.tokens.editor}`, 403, /another board/],
      [`${base}/not.a.valid.id?token=${board.tokens.editor}`, 400, /board id/],
      [`${test.server.url.replace('http', 'ws')}/elsewhere/${board.id}`, 404, /\/ws\/<boardId>/],
    ];
    for (const [url, status, message] of cases) {
      const refusal = await expectUpgradeRefused(url);
      expect(refusal.status, url).toBe(status);
      expect(JSON.parse(refusal.body).error, url).toMatch(message);
    }
    // A token for a board that does not exist yet, but forged: no board gets created.
    const forgedNew = signToken('y'.repeat(40), { boardId: 'brand-new', role: 'editor' });
    expect((await expectUpgradeRefused(`${base}/brand-new?token=${forgedNew}`)).status).toBe(403);
    expect(await store.hasBoard('brand-new')).toBe(false);
    expect(registry.roomCount).toBe(0);
    expect(registry.connectionCount).toBe(0);
    expect(await metricValue(metrics.connectionsRefused, { reason: 'missing-token' })).toBe(2);
    expect(await metricValue(metrics.connectionsRefused, { reason: 'forbidden' })).toBe(4);
  });

  it('[S-AUTH-3] a viewer receives the board and presence; its writes are dropped, never stored or relayed, and counted', async () => {
    const board = await createBoard(test.server, { title: 'Read only' });
    const { metrics, store } = test.server.internals;
    const editor = connect(test.server, board.id, board.tokens.editor);
    await editor.synced;
    addCard(editor.doc, { lane: 'objective', title: 'Visible to viewers' });
    editor.provider.awareness.setLocalStateField('user', { name: 'Editor' });
    const viewer = connect(test.server, board.id, board.tokens.viewer);
    await viewer.synced;
    await waitFor(() => docsConverged(editor.doc, viewer.doc), { what: 'viewer has the board' });
    await waitFor(() => viewer.provider.awareness.getStates().has(editor.doc.clientID), {
      what: 'viewer sees presence',
    });
    expect(await metricValue(metrics.viewerWritesDropped)).toBe(0); // its empty sync step 2 is not a write
    const seqBefore = (await store.loadBoard(board.id))!.lastSeq;

    // A viewer's client that writes anyway (a modified page, a script).
    const sneaky = addCard(viewer.doc, { lane: 'tactic', title: 'Should never land' });
    await waitFor(async () => (await metricValue(metrics.viewerWritesDropped)) === 1, {
      what: 'the dropped write',
    });
    // A later editor edit reaches the viewer, so the viewer's earlier message was processed.
    const later = addCard(editor.doc, { lane: 'strategy', title: 'After the sneaky write' });
    await waitFor(() => cardsMap(viewer.doc).has(later));
    await sleep(50);
    expect(cardsMap(editor.doc).has(sneaky)).toBe(false);
    expect((await store.loadBoard(board.id))!.lastSeq).toBe(seqBefore + 1);
    const fresh = connect(test.server, board.id, board.tokens.editor);
    await fresh.synced;
    expect(readBoard(fresh.doc).cards.map((card) => card.title)).not.toContain('Should never land');
    const metricsText = await (await fetch(`${test.server.url}/metrics`)).text();
    expect(metricsText).toMatch(/^fire_triangle_viewer_writes_dropped_total 1$/m);
  });

  it('[S-AUTH-4] REST endpoints refuse a missing, forged or foreign token; only facilitators import', async () => {
    const board = await createBoard(test.server);
    const other = await createBoard(test.server);
    const paths = ['', '/export', '/report'];
    for (const path of paths) {
      const url = `${test.server.url}/api/boards/${board.id}${path}`;
      expect((await getJson(url)).status, url).toBe(401);
      expect((await getJson(`${url}?token=garbage`)).status, url).toBe(403);
      expect((await getJson(`${url}?token=${other.tokens.facilitator}`)).status, url).toBe(403);
      const ok = await getJson(url, {
        headers: { Authorization: `Bearer ${board.tokens.viewer}` },
      });
      expect(ok.status, url).toBe(200);
    }
    const noToken = await getJson(`${test.server.url}/api/boards/${board.id}/import`, {
      method: 'POST',
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    expect(noToken.body.error).toMatch(/share token/);
    for (const role of ['viewer', 'editor'] as const) {
      const refused = await getJson(
        `${test.server.url}/api/boards/${board.id}/import?token=${board.tokens[role]}`,
        { method: 'POST', body: '{}' },
      );
      expect(refused.status, role).toBe(403);
      expect(refused.body.error, role).toMatch(/facilitator/i);
    }
    const info = await getJson(
      `${test.server.url}/api/boards/${board.id}?token=${board.tokens.viewer}`,
    );
    expect(info.body).toMatchObject({ id: board.id, role: 'viewer' });
  });

  it('[S-AUTH-5] browsers may open boards only from allowed origins', async () => {
    const board = await createBoard(test.server);
    const url = `${wsBase(test.server)}/${board.id}?token=${board.tokens.editor}`;
    const refused = await expectUpgradeRefused(url, { Origin: 'https://evil.example' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error).toMatch(/evil\.example.*ALLOWED_ORIGINS/);
    const host = new URL(test.server.url).host;
    for (const origin of [
      `http://${host}`,
      'http://localhost:5173',
      'https://workshop.example.org',
    ]) {
      const raw = await openRawSocket(test.server, board.id, board.tokens.editor, {
        Origin: origin,
      });
      raw.ws.close();
    }
  });

  it('[S-AUTH-6] a valid token for a board the store does not have opens it as a new empty board', async () => {
    const token = signToken(test.server.internals.secret, {
      boardId: 'restored-board',
      role: 'editor',
    });
    expect(await test.server.internals.store.hasBoard('restored-board')).toBe(false);
    // A client that still holds the board (e.g. the data directory was lost) fills it again.
    const keeper = connect(test.server, 'restored-board', token);
    addCard(keeper.doc, { lane: 'objective', title: 'Kept in the browser' });
    await keeper.synced;
    const fresh = connect(test.server, 'restored-board', token);
    await fresh.synced;
    await waitFor(() => cardsMap(fresh.doc).size === 1, {
      what: 'the kept card reaches the server',
    });
    expect(await test.server.internals.store.hasBoard('restored-board')).toBe(true);
  });
});
