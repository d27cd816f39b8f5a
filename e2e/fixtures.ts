/**
 * Test fixtures: one real server per worker, boards created through the REST API, and the
 * "two users on one board" fixture — two browser contexts (two people, separate storage and
 * IndexedDB) on the same board.
 */
import { type Browser, type BrowserContext, test as base, expect } from '@playwright/test';
import { BoardPage } from './board-page.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

export interface CreatedBoard {
  id: string;
  title: string;
  language: 'fr' | 'en';
  tokens: { facilitator: string; editor: string; viewer: string };
}

export interface BoardLinks {
  board: CreatedBoard;
  facilitator: string;
  editor: string;
  viewer: string;
}

export async function createBoard(
  serverUrl: string,
  input: { title?: string; language?: 'fr' | 'en'; template?: string } = {},
): Promise<BoardLinks> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'en', ...input }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /api/boards → ${response.status}: ${await response.text()}`);
  }
  const board = (await response.json()) as CreatedBoard;
  const link = (token: string) => `${serverUrl}/b/${board.id}?token=${encodeURIComponent(token)}`;
  return {
    board,
    facilitator: link(board.tokens.facilitator),
    editor: link(board.tokens.editor),
    viewer: link(board.tokens.viewer),
  };
}

export async function exportBoard(serverUrl: string, links: BoardLinks): Promise<unknown> {
  const response = await fetch(
    `${serverUrl}/api/boards/${links.board.id}/export?token=${encodeURIComponent(links.board.tokens.facilitator)}`,
  );
  if (!response.ok) throw new Error(`export → ${response.status}: ${await response.text()}`);
  return response.json();
}

/** A browser context for one named person (the name prompt is answered in advance). */
export async function personContext(browser: Browser, name: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript((person) => {
    if (!localStorage.getItem('ft-user-name')) localStorage.setItem('ft-user-name', person);
    if (!localStorage.getItem('ft-ui-language')) localStorage.setItem('ft-ui-language', 'en');
  }, name);
  return context;
}

export async function openBoard(context: BrowserContext, url: string): Promise<BoardPage> {
  const page = await context.newPage();
  const board = new BoardPage(page);
  await page.goto(url);
  await board.waitConnected();
  return board;
}

/**
 * One person on a new board (a template's, or an empty one): the board created through the
 * API, a browser context for that person, the page open and connected. Close the context after.
 */
export async function onNewBoard(
  browser: Browser,
  serverUrl: string,
  options: { template?: string; name?: string; role?: 'facilitator' | 'editor' } = {},
): Promise<{ links: BoardLinks; context: BrowserContext; board: BoardPage }> {
  const links = await createBoard(
    serverUrl,
    options.template ? { template: options.template } : {},
  );
  const context = await personContext(browser, options.name ?? 'Alice');
  const board = await openBoard(context, links[options.role ?? 'editor']);
  return { links, context, board };
}

interface TwoUsers {
  links: BoardLinks;
  a: BoardPage;
  b: BoardPage;
  contextA: BrowserContext;
  contextB: BrowserContext;
}

export const test = base.extend<
  { twoUsers: TwoUsers; onTemplate: BoardPage },
  { server: ServerProcess }
>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their first argument
    async ({}, use) => {
      const server = await startServerProcess();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  /** Alice, editor, on a new board made from the first English seed template. */
  onTemplate: async ({ browser, server }, use) => {
    const { context, board } = await onNewBoard(browser, server.url, {
      template: 'seed-001-rebrand-en',
    });
    await use(board);
    await context.close();
  },
  twoUsers: async ({ browser, server }, use) => {
    const links = await createBoard(server.url, { title: 'Two users' });
    const contextA = await personContext(browser, 'Alice');
    const contextB = await personContext(browser, 'Bob');
    const a = await openBoard(contextA, links.editor);
    const b = await openBoard(contextB, links.editor);
    await use({ links, a, b, contextA, contextB });
    await contextA.close();
    await contextB.close();
  },
});

export { expect };
