import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { BoardPage } from '../board-page.ts';
import { createBoard, expect, openBoard, personContext, test } from '../fixtures.ts';

/** WCAG 2.1 A and AA rules, as axe-core tags them. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(' | ')}`,
  );
  expect(summary, where).toEqual([]);
}

test.describe('panels, people and screens', () => {
  test('[E2E-69] the findings panel hides and shows; a presentation shows the board alone until Escape', async ({
    onTemplate: board,
  }) => {
    const page = board.page;
    const canvasWidth = () =>
      page.locator('.react-flow').evaluate((element) => element.getBoundingClientRect().width);
    await expect(page.locator('.ft-findings')).toBeVisible();
    const withPanel = await canvasWidth();
    await page.locator('.ft-findings-toggle').click();
    await expect(page.locator('.ft-findings')).toHaveCount(0);
    expect(await canvasWidth()).toBeGreaterThan(withPanel + 200);
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 200 } });
    await page.keyboard.press('Control+\\');
    await expect(page.locator('.ft-findings')).toBeVisible();

    await page.locator('.ft-present').click();
    for (const hidden of ['.ft-board__header', '.ft-toolbar', '.ft-side', '.ft-minimap']) {
      await expect(page.locator(hidden), hidden).toBeHidden();
    }
    const size = page.viewportSize()!;
    const flow = (await page.locator('.react-flow').boundingBox())!;
    expect(flow.width).toBe(size.width);
    expect(flow.height).toBe(size.height);
    await page.keyboard.press('Escape');
    await expect(page.locator('.ft-board__header')).toBeVisible();
    await expect(page.locator('.ft-toolbar')).toBeVisible();
    // P toggles it from the keyboard; the exit button leaves it too.
    await page.keyboard.press('p');
    await expect(page.locator('.ft-present-exit')).toBeVisible();
    await page.locator('.ft-present-exit').click();
    await expect(page.locator('.ft-board__header')).toBeVisible();
  });

  test('[E2E-70] renaming yourself shows the new name to the others at once; the home page lists the boards opened here', async ({
    twoUsers,
    server,
  }) => {
    const { a, b, links } = twoUsers;
    await a.page.locator('.ft-self-name').click();
    await a.page.locator('.ft-self-name__input').fill('Alice Tremblay');
    await a.page.keyboard.press('Enter');
    await expect(a.page.locator('.ft-self-name')).toContainText('Alice Tremblay');
    await expect(b.page.locator('.ft-presence__item[data-name="Alice Tremblay"]')).toBeVisible({
      timeout: 2_000,
    });
    const pointer = await a.screenPoint({ x: 1600, y: 1500 });
    await a.page.mouse.move(pointer.x, pointer.y, { steps: 3 });
    await expect(b.page.locator('.ft-cursor[data-name="Alice Tremblay"]')).toBeVisible({
      timeout: 2_000,
    });
    // The name is the author of the next cards, and is remembered on the device.
    const id = await a.addCard('tactic', 'Podcast');
    await b.openCard(id);
    await expect(b.page.locator('.ft-inspector__author')).toHaveText('Added by Alice Tremblay');
    await a.page.reload();
    await a.waitConnected();
    await expect(a.page.locator('.ft-self-name')).toContainText('Alice Tremblay');

    // Home: the boards this device opened, newest first, each opening the board again.
    const other = await createBoard(server.url, { title: 'Second board' });
    const second = new BoardPage(await a.page.context().newPage());
    await second.page.goto(other.facilitator);
    await second.waitConnected();
    await second.page.goto(server.url);
    const recent = second.page.locator('.ft-recent');
    await expect(recent).toHaveCount(2);
    await expect(recent.first()).toContainText('Second board');
    await expect(recent.first()).toContainText('as facilitator');
    await expect(recent.nth(1)).toHaveAttribute('data-board-id', links.board.id);
    await recent.nth(1).locator('.ft-recent__link').click();
    await second.waitConnected();
    await expect(second.page.locator('.ft-board__title')).toHaveText('Two users');
    await second.page.goto(server.url);
    await second.page.locator('.ft-recent__forget').first().click();
    await expect(recent).toHaveCount(1);
  });

  test('[E2E-71] on a touch tablet a tap selects a card and opens it at the zoom the board opened with', async ({
    browser,
    server,
  }) => {
    const links = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
    });
    await context.addInitScript(() => {
      localStorage.setItem('ft-user-name', 'Tina');
      localStorage.setItem('ft-ui-language', 'en');
    });
    const board = await openBoard(context, links.editor);
    const page = board.page;
    await page.waitForTimeout(500);
    const opening = await board.zoom();
    expect(opening).toBeGreaterThanOrEqual(0.55);
    const strategy = (await page.locator('.ft-card--strategy').getAttribute('data-card-id'))!;
    const box = (await page.locator(`.react-flow__node[data-id="${strategy}"]`).boundingBox())!;
    // A finger-sized target at the opening zoom.
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height * 0.6);
    await expect(board.card(strategy)).toHaveClass(/ft-card--selected/);
    await expect(board.inspector).toHaveAttribute('data-card-id', strategy);
    expect(await board.zoom()).toBeCloseTo(opening, 5);
    // The page never scrolls sideways, and the inspector floats over the canvas.
    const widths = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(widths).toBeLessThanOrEqual(1024);
    await test.info().attach('tablet-inspector', {
      body: await board.screenshot('inspector-tablet-1024'),
      contentType: 'image/png',
    });
    await context.close();
  });

  test('[E2E-72] accessibility: no WCAG 2.1 AA violation (axe) on the home page, the board, the inspector, the search and a phone; every control reachable by keyboard', async ({
    browser,
    server,
  }) => {
    const links = await createBoard(server.url, { template: 'seed-001-rebrand-en' });
    const context = await personContext(browser, 'Alice');
    const page = await context.newPage();
    await page.goto(`${links.facilitator}`);
    const board = new BoardPage(page);
    await board.waitConnected();
    await page.goto(server.url);
    await expect(page.locator('.ft-recent')).toHaveCount(1);
    await expectNoViolations(page, 'home page');
    await page.locator('.ft-create').click();
    await expect(page.locator('.ft-share--viewer input')).toBeVisible();
    await expectNoViolations(page, 'home page with share links');

    await page.goto(links.facilitator);
    await board.waitConnected();
    await expectNoViolations(page, 'board');
    const plan = (await page.locator('.ft-card--plan').getAttribute('data-card-id'))!;
    await board.openCard(plan);
    await expectNoViolations(page, 'board with the inspector');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+f');
    await page.locator('.ft-search__input').fill('brand');
    await expectNoViolations(page, 'board with the search');
    await page.keyboard.press('Escape');

    // Every toolbar and header control can be reached with Tab, and shows the focus (undo and
    // redo are disabled with nothing to undo, hence out of the tab order).
    await page.locator('.ft-board__home').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        // Past the last control the focus goes back to the page itself.
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return {
          key: element.className || element.tagName,
          outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
        };
      });
      if (!focused) continue;
      expect(focused.outline, focused.key).toBe(true);
      reached.add(focused.key);
    }
    for (const control of [
      'ft-new-card',
      'ft-fit',
      'ft-export',
      'ft-import',
      'ft-search-toggle',
      'ft-findings-toggle',
      'ft-present',
      'ft-self-name',
      'react-flow',
      'react-flow__controls-zoomin',
    ]) {
      expect(
        [...reached].some((key) => key.includes(control)),
        control,
      ).toBe(true);
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await expectNoViolations(page, 'board on a phone');
    await board.openCard(plan);
    await expectNoViolations(page, 'inspector as a sheet on a phone');
    await test.info().attach('phone-inspector', {
      body: await board.screenshot('inspector-phone-390'),
      contentType: 'image/png',
    });
    await context.close();
  });
});
