import { expect, test } from '../fixtures.ts';

test('[E2E-4] B edits offline, reloads while still offline, comes back: nothing lost, A sees the edits', async ({
  twoUsers,
}) => {
  const { a, b, contextB } = twoUsers;
  const shared = await a.addCard('strategy', 'Win mid-size retailers');
  await expect(b.card(shared)).toBeVisible({ timeout: 1_000 });
  // The service worker keeps the app itself available offline; wait until it controls the page.
  await b.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 10_000,
  });

  await contextB.setOffline(true);
  await expect(b.connectionState).toHaveAttribute('data-state', 'offline');
  const offlineCard = await b.addCard('tactic', 'Webinar written offline');
  await b.card(shared).dblclick();
  await b.page.locator('.ft-card-editor__body textarea').fill('Edited on the train');
  await b.page.keyboard.press('Escape');
  await expect(b.connectionState).toHaveAttribute('data-unsynced', /[1-9]/);
  await expect(a.card(offlineCard)).toHaveCount(0);

  await b.page.reload();
  await expect(b.card(offlineCard)).toBeVisible({ timeout: 10_000 });
  await expect(b.card(shared).locator('.ft-card__body')).toHaveText('Edited on the train');
  await expect(b.connectionState).toHaveAttribute('data-state', 'offline');
  await expect(b.connectionState).toHaveAttribute('data-unsynced', /[1-9]/);

  await contextB.setOffline(false);
  await b.waitConnected();
  await expect(a.card(offlineCard)).toBeVisible({ timeout: 5_000 });
  await expect(a.card(offlineCard).locator('.ft-card__title')).toHaveText(
    'Webinar written offline',
  );
  await expect(a.card(shared).locator('.ft-card__body')).toHaveText('Edited on the train');
  await expect(b.connectionState).toHaveAttribute('data-unsynced', '0');
});
