import { createBoard, expect, exportBoard, openBoard, personContext, test } from '../fixtures.ts';
import { startServerProcess } from '../server-process.ts';

test('[E2E-5] the server is killed and restarted during a session: nothing is lost after reconnecting', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  let server = await startServerProcess();
  try {
    const links = await createBoard(server.url, { title: 'Restart' });
    const contextA = await personContext(browser, 'Alice');
    const contextB = await personContext(browser, 'Bob');
    const a = await openBoard(contextA, links.editor);
    const b = await openBoard(contextB, links.editor);

    const before = [
      await a.addCard('objective', 'Grow revenue 15% by 2027'),
      await a.addCard('strategy', 'Win mid-size retailers'),
      await b.addCard('tactic', 'Trade show in Montreal'),
    ];
    for (const id of before) {
      await expect(a.card(id)).toBeVisible({ timeout: 1_000 });
      await expect(b.card(id)).toBeVisible({ timeout: 1_000 });
    }

    await server.kill();
    await expect(a.connectionState).not.toHaveAttribute('data-state', 'connected', {
      timeout: 10_000,
    });
    // Edits made while the server is down wait on the device.
    const during = await a.addCard('plan', 'Partner plan written during the outage');
    await expect(a.connectionState).toHaveAttribute('data-unsynced', /[1-9]/);

    server = await startServerProcess({ port: server.port, dataDir: server.dataDir });
    await a.waitConnected();
    await b.waitConnected();
    for (const id of [...before, during]) {
      await expect(b.card(id)).toBeVisible({ timeout: 10_000 });
      await expect(a.card(id)).toBeVisible();
    }
    await expect(a.connectionState).toHaveAttribute('data-unsynced', '0');

    // A newcomer loads everything from the restarted server's storage.
    const contextC = await personContext(browser, 'Chloé');
    const c = await openBoard(contextC, links.viewer);
    await expect(c.cards).toHaveCount(4);
    const file = (await exportBoard(server.url, links)) as { cards: { title: string }[] };
    expect(file.cards.map((card) => card.title).sort()).toEqual(
      [
        'Grow revenue 15% by 2027',
        'Partner plan written during the outage',
        'Trade show in Montreal',
        'Win mid-size retailers',
      ].sort(),
    );
    await Promise.all([contextA.close(), contextB.close(), contextC.close()]);
  } finally {
    await server.stop();
  }
});
