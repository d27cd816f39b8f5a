/**
 * [S-REST-*] and [S-OPS-1..3]: the REST API, health, metrics and the built client.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreatedBoard } from '@fire-triangle/shared';
import {
  addCard,
  BOARD_FILE_FORMAT,
  cardsMap,
  exportBoardJson,
  findTemplate,
  linkCards,
  readBoard,
  TEMPLATES,
} from '@fire-triangle/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verifyToken } from '../src/auth/tokens.ts';
import { metricValue } from '../src/metrics/server-metrics.ts';
import {
  connectClient,
  createBoard,
  getJson,
  type JsonBody,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from './helpers.ts';

describe('REST API', () => {
  let test: TestServer;
  const clients: TestClient[] = [];
  const connect = (...args: Parameters<typeof connectClient>) => {
    const client = connectClient(...args);
    clients.push(client);
    return client;
  };
  const api = (path: string) => `${test.server.url}/api${path}`;
  beforeEach(async () => {
    test = await startTestServer({ boardCreationsPerMinute: 20 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await test.cleanup();
  });

  it('[S-REST-1] POST /api/boards creates a board and returns signed links for the three roles', async () => {
    const response = await fetch(api('/boards'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Plan 2026', language: 'en' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as CreatedBoard;
    expect(body).toMatchObject({ title: 'Plan 2026', language: 'en' });
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(response.headers.get('location')).toBe(`/api/boards/${body.id}`);
    const origin = test.server.url; // fetch sends Host: 127.0.0.1:PORT
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      expect(body.links[role]).toBe(
        `${origin}/b/${body.id}?token=${encodeURIComponent(body.tokens[role])}`,
      );
      expect(verifyToken(test.server.internals.secret, body.tokens[role], body.id)).toEqual({
        ok: true,
        claims: { boardId: body.id, role },
      });
    }
    expect(await test.server.internals.store.hasBoard(body.id)).toBe(true);
    // An empty body is fine: French, untitled.
    const plain = await getJson(api('/boards'), { method: 'POST' });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ title: '', language: 'fr' });
  });

  it('[S-REST-1] a template fills the new board; the title and language given win', async () => {
    const template = TEMPLATES[0]!;
    const board = await createBoard(test.server, { template: template.id });
    expect(board).toMatchObject({ title: template.title, language: template.language });
    const client = connect(test.server, board.id, board.tokens.viewer);
    await client.synced;
    expect(readBoard(client.doc).cards).toHaveLength(findTemplate(template.id)!.file.cards.length);
    const renamed = await createBoard(test.server, {
      template: template.id,
      title: 'Ours',
      language: 'en',
    });
    expect(renamed).toMatchObject({ title: 'Ours', language: 'en' });
  });

  it('[S-REST-1] bad requests are refused with a clear JSON error', async () => {
    const cases: [unknown, RegExp][] = [
      [{ language: 'de' }, /"language" must be "fr" or "en"/],
      [{ template: 'nope' }, /Unknown template "nope". Known: seed-001/],
      [{ title: 42 }, /"title" must be a string/],
      [{ title: 'x'.repeat(201) }, /longer than 200/],
      [{ colour: 'red' }, /Unknown field\(s\): colour/],
      [[1, 2], /must be a JSON object/],
    ];
    for (const [body, error] of cases) {
      const response = await getJson(api('/boards'), {
        method: 'POST',
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatch(error);
    }
    expect((await getJson(api('/boards'))).status).toBe(405);
    expect((await getJson(api('/nothing'))).status).toBe(404);
  });

  it('[S-REST-1] links use PUBLIC_URL when set; board creation is rate-limited per address', async () => {
    await test.cleanup();
    test = await startTestServer({
      publicUrl: 'https://ft.example.org',
      boardCreationsPerMinute: 3,
    });
    const board = await createBoard(test.server);
    expect(board.links.editor).toMatch(/^https:\/\/ft\.example\.org\/b\//);
    await createBoard(test.server);
    await createBoard(test.server);
    const limited = await getJson(api('/boards'), { method: 'POST' });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/at most 3 a minute/);
  });

  it('[S-REST-2] GET /api/boards/:id tells the board and the token’s role', async () => {
    const board = await createBoard(test.server, { title: 'Roles', language: 'en' });
    for (const role of ['facilitator', 'editor', 'viewer'] as const) {
      const info = await getJson(`${api(`/boards/${board.id}`)}?token=${board.tokens[role]}`);
      expect(info).toEqual({
        status: 200,
        body: { id: board.id, title: 'Roles', language: 'en', role },
      });
    }
  });

  it('[S-REST-3] export gives the board file; import replaces the board live, stored, in one step', async () => {
    const board = await createBoard(test.server, { title: 'Before import' });
    const editor = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([editor.synced, watcher.synced]);
    const objective = addCard(editor.doc, {
      lane: 'objective',
      title: 'Win 50 schools by June 2026',
    });
    const strategy = addCard(editor.doc, { lane: 'strategy', title: 'Partner with districts' });
    linkCards(editor.doc, strategy, objective);
    await waitFor(() => cardsMap(watcher.doc).size === 2);

    const exported = await fetch(
      `${api(`/boards/${board.id}/export`)}?token=${board.tokens.viewer}`,
    );
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="${board.id}.fire-triangle.json"`,
    );
    const file = (await exported.json()) as JsonBody;
    expect(file).toMatchObject({
      format: BOARD_FILE_FORMAT,
      version: 1,
      meta: { title: 'Before import' },
    });
    expect(file.cards).toHaveLength(2);
    expect(file.links).toHaveLength(1);

    // Import another board's file into this one.
    const source = new Y.Doc();
    const template = TEMPLATES[0]!;
    const { importBoard } = await import('@fire-triangle/shared');
    importBoard(template.file, source);
    const text = exportBoardJson(source);
    const seqBefore = (await test.server.internals.store.loadBoard(board.id))!.lastSeq;
    const imported = await getJson(
      `${api(`/boards/${board.id}/import`)}?token=${board.tokens.facilitator}`,
      {
        method: 'POST',
        body: text,
      },
    );
    expect(imported).toEqual({
      status: 200,
      body: { cards: template.file.cards.length, links: template.file.links.length },
    });
    // Live for everyone connected…
    await waitFor(() => cardsMap(watcher.doc).size === template.file.cards.length, {
      what: 'live import',
    });
    expect(readBoard(watcher.doc).meta.title).toBe(template.file.meta.title);
    // …stored as exactly one update…
    expect((await test.server.internals.store.loadBoard(board.id))!.lastSeq).toBe(seqBefore + 1);
    // …and what export gives back is the imported file.
    const again = await fetch(`${api(`/boards/${board.id}/export`)}?token=${board.tokens.viewer}`);
    expect(await again.text()).toBe(`${text.trimEnd()}\n`);
  });

  it('[S-REST-3] a bad file is refused with issues naming field and line; nothing is imported', async () => {
    const board = await createBoard(test.server, { title: 'Keep me' });
    const before = await getJson(
      `${api(`/boards/${board.id}/export`)}?token=${board.tokens.viewer}`,
    );
    const bad = JSON.stringify(
      {
        format: BOARD_FILE_FORMAT,
        version: 1,
        meta: { title: 'Bad', language: 'fr', focusLimit: 3 },
        cards: [{ id: 'c1', lane: 'tactique', title: 'x', position: { x: 0, y: 0 } }],
        links: [],
      },
      null,
      2,
    );
    const refused = await getJson(
      `${api(`/boards/${board.id}/import`)}?token=${board.tokens.facilitator}`,
      {
        method: 'POST',
        body: bad,
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/cannot be imported/);
    const laneIssue = refused.body.issues.find(
      (issue: { path: string }) => issue.path === 'cards[0].lane',
    );
    expect(laneIssue).toMatchObject({ path: 'cards[0].lane', line: expect.any(Number) });
    const broken = await getJson(
      `${api(`/boards/${board.id}/import`)}?token=${board.tokens.facilitator}`,
      {
        method: 'POST',
        body: '{\n  "format": ',
      },
    );
    expect(broken.status).toBe(400);
    expect(broken.body.issues[0].line).toBeGreaterThanOrEqual(1);
    const after = await getJson(
      `${api(`/boards/${board.id}/export`)}?token=${board.tokens.viewer}`,
    );
    expect(after.body).toEqual(before.body);
  });

  it('[S-REST-4] the report runs the validator on the stored board, in the language asked', async () => {
    const board = await createBoard(test.server, { title: 'Report', language: 'fr' });
    const editor = connect(test.server, board.id, board.tokens.editor);
    await editor.synced;
    addCard(editor.doc, { lane: 'strategy', title: 'Faire plus de salons professionnels' });
    addCard(editor.doc, { lane: 'tactic', title: 'Newsletter mensuelle' });
    await waitFor(
      async () => (await test.server.internals.store.loadBoard(board.id))!.lastSeq >= 2,
    );
    const french = await getJson(
      `${api(`/boards/${board.id}/report`)}?token=${board.tokens.viewer}`,
    );
    expect(french.status).toBe(200);
    expect(french.body.lang).toBe('fr');
    expect(french.body.findings.length).toBeGreaterThan(0);
    for (const finding of french.body.findings) {
      expect(finding.text).toBe(finding.message.fr);
      expect(finding.rule).toMatch(/^[a-z]+\/[a-z-]+$/);
    }
    expect(french.body.score).toMatchObject({ tacticsTotal: 1 });
    const english = await getJson(
      `${api(`/boards/${board.id}/report`)}?lang=en&token=${board.tokens.viewer}`,
    );
    expect(
      english.body.findings.map((f: { text: string; message: { en: string } }) => f.text),
    ).toEqual(english.body.findings.map((f: { message: { en: string } }) => f.message.en));
    const badLang = await getJson(
      `${api(`/boards/${board.id}/report`)}?lang=de&token=${board.tokens.viewer}`,
    );
    expect(badLang.status).toBe(400);
  });

  it('[S-REST-5] GET /api/templates lists every template without its content', async () => {
    const templates = await getJson(api('/templates'));
    expect(templates.status).toBe(200);
    expect(templates.body).toEqual(
      TEMPLATES.map(({ id, language, title, description }) => ({
        id,
        language,
        title,
        description,
      })),
    );
  });

  it('[S-OPS-1] /healthz says ok with rooms and connections; [S-OPS-2] /metrics is Prometheus text', async () => {
    const board = await createBoard(test.server);
    const client = connect(test.server, board.id, board.tokens.editor);
    await client.synced;
    addCard(client.doc, { lane: 'tactic', title: 'counted' });
    await waitFor(
      async () => (await metricValue(test.server.internals.metrics.updatesApplied)) === 1,
    );
    const health = await getJson(`${test.server.url}/healthz`);
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', rooms: 1, connections: 1, store: 'sqlite' },
    });
    const response = await fetch(`${test.server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const line of [
      /^# TYPE fire_triangle_rooms gauge$/m,
      /^fire_triangle_rooms 1$/m,
      /^fire_triangle_connections 1$/m,
      /^fire_triangle_updates_total 1$/m,
      /^fire_triangle_viewer_writes_dropped_total 0$/m,
      /^# TYPE fire_triangle_connections_refused_total counter$/m,
      /^fire_triangle_store_operation_seconds_bucket\{le="\+Inf",operation="append",store="sqlite"\} 1$/m,
      /^fire_triangle_store_operation_seconds_count\{operation="append",store="sqlite"\} 1$/m,
    ]) {
      expect(text).toMatch(line);
    }
    // Every sample line is `name{labels} value` (prom-client writes NaN as `Nan`).
    for (const sample of text.split('\n').filter((row) => row && !row.startsWith('#'))) {
      expect(sample).toMatch(/^[a-z_][a-z0-9_]*(\{[^}]*\})? ([0-9.e+-]+|NaN|Nan|[+-]Inf)$/);
    }
  });

  it('[S-OPS-3] serves the built client at / and /b/*, assets by path, and nothing outside it', async () => {
    const dist = join(test.dataDir, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    await writeFile(join(test.dataDir, 'outside.txt'), 'secret');
    await test.server.close();
    test = await startTestServer({ clientDist: dist }, test.dataDir);
    for (const path of ['/', '/b/abc', '/b/abc?token=x']) {
      const response = await fetch(`${test.server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await response.text()).toContain('<div id="root">');
    }
    const asset = await fetch(`${test.server.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/missing.js',
      '/secret',
    ]) {
      expect((await fetch(`${test.server.url}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${test.server.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('[S-OPS-3] before `pnpm build`, / says how to build the client', async () => {
    const response = await fetch(`${test.server.url}/b/some-board`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('pnpm build');
  });
});
