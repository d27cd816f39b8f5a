import { mkdirSync } from 'node:fs';
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
