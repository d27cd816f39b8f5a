import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBoard, expect, openBoard, personContext, test } from '../fixtures.ts';

/** Collects every Content-Security-Policy violation the page reports, from its first script on. */
async function watchViolations(context: import('@playwright/test').BrowserContext) {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
}

test('[E2E-16] the board works under its Content-Security-Policy: nothing is blocked while editing, dragging, linking and exporting', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
  const context = await personContext(browser, 'Alice');
  await watchViolations(context);
  const consoleViolations: string[] = [];
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  const page = await openBoard(context, links.facilitator);
  const response = await page.page.request.get(links.facilitator);
  expect(response.headers()['content-security-policy']).toMatch(/script-src 'self'/);

  const objective = await page.addCard('objective', 'Win 40 schools by June');
  const strategy = await page.addCard('strategy', 'Partner with districts');
  await page.link(strategy, objective);
  await page.dragCardTo(strategy, { x: 0, y: 120 });
  await page.page.locator('.ft-export').click();
  const [png] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-png').click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await page.page.locator('.ft-export').click();
  const [svg] = await Promise.all([
    page.page.waitForEvent('download'),
    page.page.locator('.ft-export-svg').click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);

  const violations = await page.page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
  expect(consoleViolations).toEqual([]);
  await context.close();
});

test('[E2E-17] another site cannot frame a board link; the app itself may', async ({
  browser,
  server,
}) => {
  const links = await createBoard(server.url);
  // Another site: a page on another port of this machine, framing the board link.
  const framer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(
      `<!doctype html><iframe src="${links.facilitator}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    await expect.poll(() => page.frames().length).toBe(2);
    const foreign = page.frames()[1]!;
    await expect.poll(() => foreign.url()).toMatch(/^chrome-error:/);
    expect(await foreign.locator('#root').count()).toBe(0);
    // The control: the app's own origin may frame it.
    await page.goto(`${server.url}/api/templates`);
    await page.setContent(`<iframe src="${links.facilitator}" width="800" height="600"></iframe>`);
    await expect(page.frames()[1]!.locator('#root')).toHaveCount(1);
  } finally {
    await context.close();
    await new Promise((resolve) => framer.close(resolve));
  }
});
