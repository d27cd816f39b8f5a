/**
 * [E2E-89] Screenshots of the facilitation tools at a desktop (1440×900) and a phone (390×844)
 * size, for people to look at: the facilitator's panel, a running timer, a vote before and after
 * the reveal, a locked lane, a private round, who is here.
 */
import { mkdirSync } from 'node:fs';
import type { BoardPage } from '../board-page.ts';
import { facilitatorPanel, openWorkshop } from '../facilitation.ts';
import { expect, test } from '../fixtures.ts';
import { rawClient } from '../raw-client.ts';

mkdirSync(`${import.meta.dirname}/../artifacts/screenshots`, { recursive: true });

async function shoot(page: BoardPage, name: string, fit = true): Promise<void> {
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.page.setViewportSize(viewport);
    if (fit) await page.page.locator('.ft-fit').click();
    await page.page.waitForTimeout(500);
    await test.info().attach(`${name}-${viewport.width}`, {
      body: await page.screenshot(`${name}-${viewport.width}`),
      contentType: 'image/png',
    });
  }
  await page.page.setViewportSize({ width: 1400, height: 860 });
}

test('[E2E-89] screenshots: facilitator panel, timer, vote before and after the reveal, locked lane, private round, who is here', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const workshop = await openWorkshop(browser, server.url, {
    template: 'seed-001-rebrand-en',
  });
  const { facilitator, editor, links } = workshop;
  const raws = await Promise.all(
    [
      'Ana Lima',
      'Benoît Tremblay',
      'Chloé',
      'Dmitri Alexandrovich Konstantinopolsky',
      'Eve',
      'Farid',
      'Gwen',
      'Hiroshi',
    ].map(async (name, index) => {
      const raw = await rawClient(server.url, links.board.id, links.board.tokens.editor);
      raw.provider.awareness.setLocalStateField('user', {
        name,
        colour: ['#d7263d', '#1b998b', '#2e86ab', '#6a4c93'][index % 4],
      });
      return raw;
    }),
  );
  const panel = await facilitatorPanel(facilitator);
  await panel.locator('.ft-timer-preset[data-minutes="10"]').click();
  await panel.locator('.ft-stage-button[data-lane="strategy"]').click();
  await expect(editor.page.locator('.ft-timer[data-phase="running"]')).toBeVisible();
  await shoot(facilitator, 'fac-panel-timer');
  await shoot(editor, 'fac-locked-stage');

  await panel.locator('.ft-stage-end').click();
  await panel.locator('.ft-lock-lane[data-lane="objective"]').click();
  await shoot(editor, 'fac-locked-lane');
  await panel.locator('.ft-lock-lane[data-lane="objective"]').click();

  // A vote on the strategy and tactic lanes, 3 dots each, several per card.
  await panel.locator('.ft-vote-lane[data-lane="tactic"]').click();
  await panel.locator('.ft-vote-several').click();
  await panel.locator('.ft-vote-start').click();
  const adds = editor.page.locator('.ft-vote__add');
  await expect(adds.first()).toBeVisible();
  await adds.nth(0).click();
  await adds.nth(0).click();
  await adds.nth(2).click();
  await expect(editor.page.locator('.ft-vote-status__left')).toHaveAttribute('data-remaining', '0');
  await facilitator.page.locator('.ft-vote__add').nth(2).click();
  await shoot(editor, 'fac-vote-before');
  await panel.locator('.ft-vote-reveal').click();
  await expect(editor.page.locator('.ft-vote-result').first()).toBeVisible();
  await shoot(editor, 'fac-vote-after');

  await panel.locator('.ft-vote-clear').click();
  await panel.locator('.ft-private-start').click();
  await expect(editor.page.locator('.ft-private-status')).toBeVisible();
  await editor.addCard('tactic', 'Podcast with our best retailers');
  await editor.addCard('strategy', 'Own the after-sales service');
  await shoot(editor, 'fac-private-round');

  await editor.page.locator('.ft-presence__faces').click();
  await expect(editor.page.locator('.ft-people__row')).toHaveCount(11);
  await shoot(editor, 'fac-presence', false);
  for (const raw of raws) raw.close();
  await workshop.close();
});
