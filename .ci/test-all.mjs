#!/usr/bin/env node
// `pnpm test`: typecheck, lint, every package's unit and integration tests (Vitest — the server's
// against real PostgreSQL and Redis it starts and stops itself), then the browser tests (Playwright in Debian's Chromium). It ends with one plain line
// `N passed, N failed` counted from the runners' JSON reports, so a run that executed no test
// shows as `0 passed` rather than as a silent success.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';
function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

const failedSteps = [];
const step = (title, command, args, env) => {
  if (!run(title, command, args, env)) failedSteps.push(title);
};

step('typecheck', pnpm, ['run', '--silent', 'typecheck']);
step('lint', pnpm, ['run', '--silent', 'lint']);

// The server's PostgreSQL and Redis tests start their own throwaway servers (vitest global
// setup); this only makes sure the binaries are here, installing Redis from Debian if missing.
step('PostgreSQL and Redis for the server tests', 'bash', [join(root, '.ci', 'setup-services.sh')]);

const vitestReport = join(reports, 'vitest.json');
step('unit and integration tests (vitest)', pnpm, [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);

const playwrightReport = join(reports, 'playwright.json');
const hasBrowserTests = existsSync(join(root, 'e2e', 'playwright.config.ts'));
if (hasBrowserTests && process.env.SKIP_E2E !== '1') {
  if (run('chromium for browser tests', 'bash', [join(root, '.ci', 'setup-chromium.sh')])) {
    step('build the client', pnpm, ['run', '--silent', 'build']);
    step(
      'browser tests (playwright)',
      pnpm,
      ['exec', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'],
      {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
      },
    );
  } else {
    failedSteps.push('chromium for browser tests');
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else {
  failedSteps.push('vitest report missing');
}
if (existsSync(playwrightReport)) {
  const stats = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
}

if (failedSteps.length > 0) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length > 0 || failed > 0 || passed === 0 ? 1 : 0);
