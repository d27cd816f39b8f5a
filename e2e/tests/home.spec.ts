import { expect, personContext, test } from '../fixtures.ts';

test('[E2E-14] the home page creates a board from a template and hands out the three links', async ({
  browser,
  server,
}) => {
  const context = await personContext(browser, 'Alice');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator('input[name="title"]').fill('Spring sprint');
  await page.locator('select[name="language"]').selectOption('en');
  const templates = page.locator('input[name="template"]');
  await expect(templates).not.toHaveCount(1);
  await templates.nth(1).check();
  await page.locator('.ft-create').click();

  for (const role of ['facilitator', 'editor', 'viewer']) {
    await expect(page.locator(`.ft-share--${role} input`)).toHaveValue(
      new RegExp(`^${server.url}/b/[\\w-]+\\?token=.+`),
    );
  }
  await page.locator('.ft-share--viewer .ft-copy').click();
  await expect(page.locator('.ft-share--viewer .ft-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.locator('.ft-share--viewer input').inputValue());

  await page.locator('.ft-open-board').click();
  await expect(page.locator('.ft-connection-state')).toHaveAttribute('data-state', 'connected');
  await expect(page.locator('.ft-card')).not.toHaveCount(0);
  await expect(page.locator('.ft-board__title')).toHaveText('Spring sprint');
  await context.close();
});

test('[E2E-15] the interface follows the browser language and can be switched', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.locator('.ft-create')).toHaveText('Créer un tableau');
  await page.locator('.ft-language-switch').click();
  await expect(page.locator('.ft-create')).toHaveText('Create a board');
  await page.reload();
  await expect(page.locator('.ft-create')).toHaveText('Create a board');
  await context.close();
});
