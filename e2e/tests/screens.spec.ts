import { mkdirSync } from 'node:fs';
import { bigBoard } from '../bench/big-board.ts';
import { LANE_CENTRE_Y } from '../board-page.ts';
import { createBoard, expect, openBoard, personContext, test } from '../fixtures.ts';

mkdirSync(`${import.meta.dirname}/../artifacts/screenshots`, { recursive: true });

test('[E2E-13] screenshots: empty board, seed template, broken links', async ({
  browser,
  server,
}) => {
  const context = await personContext(browser, 'Alice');

  const empty = await createBoard(server.url, { title: 'Q3 workshop' });
  const emptyPage = await openBoard(context, empty.facilitator);
  await expect(emptyPage.page.locator('.ft-triangle__band')).toHaveCount(4);
  await emptyPage.page.waitForTimeout(400);
  await test.info().attach('empty-board', {
    body: await emptyPage.screenshot('empty-board'),
    contentType: 'image/png',
  });

  const seeded = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const seedPage = await openBoard(context, seeded.facilitator);
  await expect(seedPage.cards).not.toHaveCount(0);
  await expect(seedPage.brokenLinks).toHaveCount(0);
  await seedPage.page.waitForTimeout(400);
  await test.info().attach('seed-template', {
    body: await seedPage.screenshot('seed-template'),
    contentType: 'image/png',
  });

  // Closer: select the strategy to show its chain, zoom in twice.
  const strategy = (await seedPage.page
    .locator('.ft-card--strategy')
    .first()
    .getAttribute('data-card-id'))!;
  await seedPage.selectCard(strategy);
  await seedPage.page.locator('.react-flow__controls-zoomin').click();
  await seedPage.page.locator('.react-flow__controls-zoomin').click();
  await seedPage.page.waitForTimeout(600);
  await test.info().attach('seed-template-chain', {
    body: await seedPage.screenshot('seed-template-chain'),
    contentType: 'image/png',
  });
  await seedPage.page.locator('.ft-fit').click();
  await seedPage.page.keyboard.press('Escape');
  await seedPage.page.waitForTimeout(400);

  // Re-level a tactic into the strategy lane: its links break.
  const tactic = (await seedPage.page
    .locator('.ft-card--tactic')
    .first()
    .getAttribute('data-card-id'))!;
  await seedPage.dragCardTo(tactic, { x: 1450, y: LANE_CENTRE_Y.strategy + 40 });
  await expect(seedPage.brokenLinks).not.toHaveCount(0);
  await seedPage.page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
  await seedPage.page.waitForTimeout(400);
  await test.info().attach('broken-links', {
    body: await seedPage.screenshot('broken-links'),
    contentType: 'image/png',
  });
  await context.close();
});

const SCREENS = [
  { name: 'laptop-1440', width: 1440, height: 900 },
  { name: 'laptop-1280', width: 1280, height: 720 },
  { name: 'tablet-1024', width: 1024, height: 768 },
  { name: 'phone-390', width: 390, height: 844 },
] as const;

test('[E2E-60] every screen: no sideways scroll, the canvas and its zoom buttons in view, titles readable as the board opens; screenshots', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const big = await createBoard(server.url, { title: 'Three hundred cards' });
  const imported = await fetch(`${server.url}/api/boards/${big.board.id}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${big.board.tokens.facilitator}`,
    },
    body: JSON.stringify(bigBoard(300, 400)),
  });
  expect(imported.status).toBe(200);
  const boards = [
    ['empty', await createBoard(server.url, { title: 'Q3 workshop' })],
    ['template', await createBoard(server.url, { template: 'seed-001-rebrand-en' })],
    ['300-cards', big],
  ] as const;
  for (const screen of SCREENS) {
    const context = await browser.newContext({
      viewport: { width: screen.width, height: screen.height },
    });
    await context.addInitScript(() => {
      localStorage.setItem('ft-user-name', 'Alice');
      localStorage.setItem('ft-ui-language', 'en');
    });
    for (const [name, links] of boards) {
      const board = await openBoard(context, links.facilitator);
      const page = board.page;
      await page.waitForTimeout(800);
      const layout = await page.evaluate(`(() => {
        const flow = document.querySelector('.react-flow').getBoundingClientRect();
        const controls = document.querySelector('.react-flow__controls').getBoundingClientRect();
        const viewport = document.querySelector('.react-flow__viewport');
        const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
        const title = document.querySelector('.ft-card__title');
        return {
          scrollWidth: document.documentElement.scrollWidth,
          scrollHeight: document.documentElement.scrollHeight,
          flowWidth: flow.width,
          controlsBottom: controls.bottom,
          titlePx: title ? parseFloat(getComputedStyle(title).fontSize) * zoom : null,
        };
      })()`);
      const measured = layout as {
        scrollWidth: number;
        scrollHeight: number;
        flowWidth: number;
        controlsBottom: number;
        titlePx: number | null;
      };
      const where = `${screen.name} ${name}`;
      expect(measured.scrollWidth, where).toBeLessThanOrEqual(screen.width);
      expect(measured.scrollHeight, where).toBeLessThanOrEqual(screen.height);
      expect(measured.controlsBottom, where).toBeLessThanOrEqual(screen.height);
      if (screen.width < 700) expect(measured.flowWidth, where).toBe(screen.width);
      if (measured.titlePx !== null) {
        expect(measured.titlePx, where).toBeGreaterThanOrEqual(12);
      }
      await test.info().attach(`${name}-${screen.name}`, {
        body: await board.screenshot(`${name}-${screen.name}`),
        contentType: 'image/png',
      });
      await page.close();
    }
    // Offline on a small laptop: the banner above the board must not push the zoom buttons off.
    if (screen.name === 'laptop-1280') {
      const board = await openBoard(context, boards[1][1].facilitator);
      await board.page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
      await context.setOffline(true);
      await board.page.reload();
      await expect(board.page.locator('.ft-offline-info')).toBeVisible({ timeout: 10_000 });
      const bottom = await board.page
        .locator('.react-flow__controls')
        .evaluate((element) => element.getBoundingClientRect().bottom);
      expect(bottom).toBeLessThanOrEqual(screen.height);
      await test.info().attach('offline-laptop-1280', {
        body: await board.screenshot('offline-laptop-1280'),
        contentType: 'image/png',
      });
      await context.setOffline(false);
      await board.page.close();
    }
    await context.close();
  }
});
