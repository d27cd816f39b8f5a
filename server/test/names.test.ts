/**
 * [S-NAME-1]: every short one-line name a person types — a board's title (create, settings),
 * a version's name, a participant's name (presence) — is cleaned by the one shared rule
 * (`cleanName`): no bidi controls, no control characters or line breaks. Real server, real
 * websockets, stock y-websocket clients.
 */
import { readMeta, writeMeta } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import { createBoard, getJson, type TestServer, useTestHarness, waitFor } from './helpers.ts';

/** A right-to-left override hiding a file name's real extension, a newline and a bell. */
const SPOOF = 'Q3\u0007 plan\n\u202Etxt.exe\u202C';
const CLEAN = 'Q3 plan txt.exe';

describe('names people type', () => {
  const harness = useTestHarness();
  const { connect } = harness;

  async function api(test: TestServer, path: string, token: string, method: string, body: unknown) {
    return getJson(`${test.server.url}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('[S-NAME-1] a board title given at creation is cleaned in the reply, the doc and the board info', async () => {
    const test = await harness.start();
    const board = await createBoard(test.server, { title: SPOOF, language: 'en' });
    expect(board.title).toBe(CLEAN);
    const client = connect(test.server, board.id, board.tokens.viewer);
    await client.synced;
    expect(client.doc.getMap('meta').get('title')).toBe(CLEAN);
    const info = await getJson(`${test.server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${board.tokens.viewer}` },
    });
    expect(info.body.title).toBe(CLEAN);
  });

  it('[S-NAME-1] a title a facilitator saves in the settings (writeMeta) is cleaned; one written raw reads clean', async () => {
    const test = await harness.start();
    const board = await createBoard(test.server, { title: 'Plain' });
    const facilitator = connect(test.server, board.id, board.tokens.facilitator);
    await facilitator.synced;
    writeMeta(facilitator.doc, { title: SPOOF });
    expect(facilitator.doc.getMap('meta').get('title')).toBe(CLEAN);
    // A stock client writing the key itself: stored as written, read (drawn, exported) clean.
    facilitator.doc.getMap('meta').set('title', `\u202E${CLEAN}`);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await watcher.synced;
    await waitFor(() => watcher.doc.getMap('meta').get('title') === `\u202E${CLEAN}`);
    expect(readMeta(watcher.doc).title).toBe(CLEAN);
  });

  it('[S-NAME-1] version names are cleaned; a name of nothing visible is refused as empty', async () => {
    const test = await harness.start();
    const board = await createBoard(test.server, { title: 'Workshop' });
    const path = `/boards/${board.id}/versions`;
    const created = await api(test, path, board.tokens.facilitator, 'POST', { name: SPOOF });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(CLEAN);
    const renamed = await api(
      test,
      `${path}/${created.body.id}`,
      board.tokens.facilitator,
      'PATCH',
      { name: '\u2067Final\u2069\t\tcut' },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Final cut');
    const invisible = await api(test, path, board.tokens.facilitator, 'POST', {
      name: '\u202E\u200F\n',
    });
    expect(invisible).toMatchObject({ status: 400, body: { error: '"name" must not be empty.' } });
  });

  it('[S-NAME-1] a participant’s name in presence reaches everyone cleaned by the server', async () => {
    const test = await harness.start();
    const board = await createBoard(test.server, { title: 'Workshop' });
    const poser = connect(test.server, board.id, board.tokens.editor);
    const watcher = connect(test.server, board.id, board.tokens.viewer);
    await Promise.all([poser.synced, watcher.synced]);
    poser.provider.awareness.setLocalStateField('user', { name: `Ana\u202E\r\nnimda` });
    const seen = () =>
      (
        watcher.provider.awareness.getStates().get(poser.provider.awareness.clientID) as
          | { user?: { name?: string; role?: string } }
          | undefined
      )?.user;
    await waitFor(() => seen() !== undefined);
    expect(seen()).toMatchObject({ name: 'Ana nimda', role: 'editor' });
  });
});
