/**
 * Helpers for the facilitation browser tests (issue #13): a workshop of three people on one board
 * (facilitator, editor, viewer — three browser contexts), the facilitator's panel, what a page
 * looks at (its shared viewport, read from React Flow's transform), and a probe counting the
 * beeps the page plays through Web Audio.
 */
import type { Browser, BrowserContext, Locator } from '@playwright/test';
import type { BoardPage } from './board-page.ts';
import { type BoardLinks, createBoard, expect, openBoard, personContext } from './fixtures.ts';

export interface Workshop {
  links: BoardLinks;
  facilitator: BoardPage;
  editor: BoardPage;
  viewer: BoardPage;
  contexts: BrowserContext[];
  close(): Promise<void>;
}

/** Counts the oscillators the page starts (each beep of the timer's chime is one). */
export async function probeAudio(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const started = { count: 0 };
    (window as unknown as { __ftBeeps: typeof started }).__ftBeeps = started;
    const original = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function start(...args: [number?]) {
      started.count++;
      return original.apply(this, args);
    };
  });
}

export async function beeps(page: BoardPage): Promise<number> {
  return page.page.evaluate(
    () => (window as unknown as { __ftBeeps?: { count: number } }).__ftBeeps?.count ?? 0,
  );
}

/** A facilitator (Fran), an editor (Eddie) and a viewer (Vic) on a new board. */
export async function openWorkshop(
  browser: Browser,
  serverUrl: string,
  input: { title?: string; template?: string } = {},
): Promise<Workshop> {
  const links = await createBoard(serverUrl, { title: 'Workshop', ...input });
  const contexts = await Promise.all(
    ['Fran', 'Eddie', 'Vic'].map((name) => personContext(browser, name)),
  );
  for (const context of contexts) await probeAudio(context);
  const [facilitator, editor, viewer] = await Promise.all([
    openBoard(contexts[0]!, links.facilitator),
    openBoard(contexts[1]!, links.editor),
    openBoard(contexts[2]!, links.viewer),
  ]);
  return {
    links,
    facilitator: facilitator!,
    editor: editor!,
    viewer: viewer!,
    contexts,
    async close() {
      await Promise.all(contexts.map((context) => context.close()));
    },
  };
}

/** Opens the facilitator's panel (once) and returns it. */
export async function facilitatorPanel(page: BoardPage): Promise<Locator> {
  const panel = page.page.locator('.ft-facilitator-panel');
  if (!(await panel.isVisible())) await page.page.locator('.ft-facilitate-toggle').click();
  await expect(panel).toBeVisible();
  return panel;
}

/** What a page looks at: the board point at the centre of its canvas, and its zoom. */
export async function viewportOf(
  page: BoardPage,
): Promise<{ centre: { x: number; y: number }; zoom: number }> {
  return page.page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const container = document.querySelector<HTMLElement>('.react-flow')!;
    const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
    const zoom = matrix.a;
    return {
      centre: {
        x: (container.clientWidth / 2 - matrix.e) / zoom,
        y: (container.clientHeight / 2 - matrix.f) / zoom,
      },
      zoom,
    };
  });
}

/** Seconds shown by a page's timer (`data-remaining`), or null when it shows none. */
export async function timerSeconds(page: BoardPage): Promise<number | null> {
  const timer = page.page.locator('.ft-timer');
  if ((await timer.count()) === 0) return null;
  return Number(await timer.getAttribute('data-remaining'));
}
