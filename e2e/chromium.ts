import type { LaunchOptions } from '@playwright/test';

/**
 * How every browser run here launches Debian's Chromium (installed by .ci/setup-chromium.sh;
 * `CHROMIUM_PATH` to use another): the browser tests (playwright.config.ts) and the browser
 * benchmarks (bench/bench-kit.ts) alike, headless and without the background work (updates,
 * sync, QUIC probes) that would add noise to a measure or reach the network.
 */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
