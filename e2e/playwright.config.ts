import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.ts';

const here = import.meta.dirname;

/**
 * Browser tests: Debian's Chromium (Playwright's own browser download does not work on these
 * machines) against the real server, which each worker starts as a child process on a free port
 * with a temporary data directory, serving the built client (`pnpm build` first).
 */
export default defineConfig({
  testDir: resolve(here, 'tests'),
  outputDir: resolve(here, 'artifacts/test-output'),
  // A whole workshop scenario (two browsers, a dozen steps) takes ~30 s on a quiet 2-core machine;
  // the limit leaves room for a loaded one. Speed is asserted per step, not by this limit.
  timeout: 150_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  // One retry on CI: a loaded machine can miss a one-second expectation once; a real bug fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    [
      'json',
      {
        outputFile:
          process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? resolve(here, 'artifacts/playwright.json'),
      },
    ],
  ],
  use: {
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
