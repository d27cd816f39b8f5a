/**
 * The board CLI, run for real: `node --import tsx server/src/cli/fire-triangle.ts …` on board
 * files written to a temp folder, checking exit codes, stdout and stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type BoardFileV1,
  findTemplate,
  snapshotOfFile,
  validateBoard,
} from '@fire-triangle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = 'server/src/cli/fire-triangle.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repo root, as `pnpm fire-triangle` does, with INIT_CWD = the temp dir. */
function runCli(args: string[], initCwd: string): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, INIT_CWD: initCwd }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
const template = (id: string): BoardFileV1 => structuredClone(findTemplate(id)!.file);

/** A French board with one error (a dangling link) and one warning (a plan without KPI). */
function brokenBoard(): BoardFileV1 {
  const file = template('seed-001-growth-fr');
  file.links.push({ id: 'l-ghost', from: 'c-growth-tactic-1', to: 'c-deleted' });
  file.cards.find((card) => card.lane === 'plan')!.kpi = '';
  return file;
}

async function writeBoard(name: string, content: BoardFileV1 | string): Promise<string> {
  await writeFile(
    join(dir, name),
    typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
  );
  return name;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fire-triangle-cli-'));
  await writeBoard('clean.json', template('seed-001-rebrand-en'));
  await writeBoard('broken.json', brokenBoard());
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fire-triangle check: exit codes', () => {
  it('[cli/exit-0] a clean board exits 0, text lists the board and the alignment score', async () => {
    const run = await runCli(['check', 'clean.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      'Board "Fire triangle — example 1: rebrand for a modern audience" (en)',
    );
    expect(run.stdout).toContain('Alignment: 100% (5/5 tactics trace up to an objective');
    expect(run.stdout).toContain('No findings');
    expect(run.stdout.trimEnd().endsWith('0 errors, 0 warnings, 0 infos')).toBe(true);
  });

  it('[cli/exit-1] an error-severity finding exits 1; text groups by severity with card titles, in the board’s language', async () => {
    const run = await runCli(['check', 'broken.json'], dir);
    expect(run.code).toBe(1);
    const errors = run.stdout.indexOf('Erreurs (1)');
    const warnings = run.stdout.indexOf('Avertissements (1)');
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(errors);
    expect(run.stdout).toContain(
      'link/dangling — lien « Cibler les mots-clés pertinents dans les pages du site (SEO) » → carte disparue c-deleted',
    );
    expect(run.stdout).toContain(
      "card/plan-without-kpi — carte « Plan d'acquisition entrante 2027 »",
    );
    expect(run.stdout).toContain('1 erreur, 1 avertissement, 0 information');
  });

  it('[cli/exit-2] a missing file exits 2 with the reason on stderr and nothing on stdout', async () => {
    const run = await runCli(['check', 'nope.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `fire-triangle: cannot read nope.json (${join(dir, 'nope.json')}): no such file\n`,
    );
  });

  it('[cli/exit-2] a file that is not a valid board exits 2 naming the field and its line', async () => {
    const file = template('seed-001-rebrand-en');
    (file.cards[0] as { lane: string }).lane = 'tactique';
    const text = `${JSON.stringify(file, null, 2)}\n`;
    await writeBoard('bad-lane.json', text);
    const line = text.slice(0, text.indexOf('"tactique"')).split('\n').length;
    const run = await runCli(['check', 'bad-lane.json', '--format', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `cards[0].lane: 'tactique' is not a lane; expected one of objective, strategy, plan, tactic (did you mean 'tactic'?) (line ${line})`,
    );
  });
});

describe('fire-triangle check: JSON output', () => {
  it('[cli/json] prints exactly the validator’s findings, messages in the chosen language, and the score', async () => {
    const [english, french] = await Promise.all([
      runCli(['check', 'broken.json', '--format', 'json', '--lang', 'en'], dir),
      runCli(['check', '--format=json', 'broken.json'], dir),
    ]);
    expect(english.code).toBe(1);
    expect(french.code).toBe(1);
    const expected = validateBoard(snapshotOfFile(brokenBoard()));
    const report = JSON.parse(english.stdout) as {
      findings: Record<string, unknown>[];
      score: Record<string, number>;
    };
    expect(Object.keys(report)).toEqual(['findings', 'score']);
    expect(report.findings).toEqual(
      expected.map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        target: { kind: finding.target.kind, id: finding.target.id },
        message: finding.message.en,
      })),
    );
    expect(report.findings.map((finding) => finding.rule)).toEqual([
      'link/dangling',
      'card/plan-without-kpi',
    ]);
    expect(report.score).toMatchObject({ tacticsTotal: 5, objectivesTotal: 1 });
    // Default language is the board's (French here).
    const frenchReport = JSON.parse(french.stdout) as { findings: { message: string }[] };
    expect(frenchReport.findings.map((finding) => finding.message)).toEqual(
      expected.map((finding) => finding.message.fr),
    );
  });

  it('[cli/json] a clean board gives an empty list and exit 0', async () => {
    const run = await runCli(['check', 'clean.json', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; score: { overall: number } };
    expect(report.findings).toEqual([]);
    expect(report.score.overall).toBe(1);
  });
});

describe('fire-triangle: usage', () => {
  it('[cli/usage] --help prints the usage on stdout and exits 0', async () => {
    const run = await runCli(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: pnpm fire-triangle check FILE.json');
    expect(run.stdout).toContain('Exit codes:');
  });

  it('[cli/usage] an unknown command or flag exits 2 with the usage on stderr (more cases in src/cli/cli.test.ts)', async () => {
    const runs = await Promise.all([
      runCli(['lint', 'clean.json'], dir),
      runCli(['check', 'clean.json', '--verbose'], dir),
    ]);
    const reasons = ["unknown command 'lint'", "unknown option '--verbose'"];
    runs.forEach((run, index) => {
      expect(run.code, reasons[index]).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(reasons[index]);
      expect(run.stderr).toContain('Usage: pnpm fire-triangle check FILE.json');
    });
  });

  it('[cli/pnpm] `pnpm -s fire-triangle check` from the repo root runs the same CLI and passes its exit code through', async () => {
    const pnpm = await new Promise<Run>((done) => {
      execFile(
        'pnpm',
        ['-s', 'fire-triangle', 'check', join(dir, 'broken.json'), '--format', 'json'],
        { cwd: REPO_ROOT, encoding: 'utf8' },
        (error, stdout, stderr) => {
          done({ code: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
    expect(pnpm.code).toBe(1);
    expect((JSON.parse(pnpm.stdout) as { findings: { rule: string }[] }).findings[0]!.rule).toBe(
      'link/dangling',
    );
  });
});
