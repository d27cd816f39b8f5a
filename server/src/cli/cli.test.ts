/**
 * The CLI's cases run in process through `runCli` (the same function the entry file calls), on
 * real files in a temp folder; test/cli.test.ts spawns the real command for the main paths.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoardFileV1, findTemplate, LIMITS } from '@fire-triangle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from './cli.ts';

let dir: string;

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const template = (id: string): BoardFileV1 => structuredClone(findTemplate(id)!.file);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fire-triangle-cli-unit-'));
  const warningsOnly = template('seed-001-launch-en');
  warningsOnly.cards.find((card) => card.lane === 'plan')!.kpi = '';
  await writeFile(join(dir, 'warnings.json'), JSON.stringify(warningsOnly));
  await writeFile(join(dir, 'clean-fr.json'), JSON.stringify(template('seed-001-rebrand-fr')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runCli', () => {
  it('[cli/exit-0] warnings alone do not fail the check', async () => {
    const result = await run(['check', 'warnings.json']);
    expect(result.code).toBe(EXIT.clean);
    expect(result.stdout).toContain('Warnings (1)');
    expect(result.stdout).toContain(
      '▲ card/plan-without-kpi — card "Go-to-market plan for the line"',
    );
    expect(result.stdout).not.toContain('Errors (');
  });

  it('[cli/lang] --lang overrides the board language in the text report', async () => {
    const french = await run(['check', 'clean-fr.json']);
    const english = await run(['check', 'clean-fr.json', '--lang', 'en']);
    expect(french.stdout).toContain('Alignement : 100 %');
    expect(english.stdout).toContain('Alignment: 100%');
    expect(english.stdout).toContain('(fr)');
  });

  it('[cli/exit-2] invalid JSON is refused naming the line and column', async () => {
    await writeFile(
      join(dir, 'syntax.json'),
      '{\n  "format": "fire-triangle/board",\n  "version": 1,,\n}\n',
    );
    const result = await run(['check', 'syntax.json']);
    expect(result.code).toBe(EXIT.unusable);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('fire-triangle: syntax.json is not a valid board file.');
    expect(result.stderr).toMatch(/invalid JSON: .* \(line 3, column \d+\)/);
  });

  it('[cli/exit-2] an oversized file is refused before it is read', async () => {
    await writeFile(join(dir, 'huge.json'), Buffer.alloc(LIMITS.fileBytes + 1, 32));
    const result = await run(['check', 'huge.json']);
    expect(result.code).toBe(EXIT.unusable);
    expect(result.stderr).toContain('the file is 16.0 MiB; a board file may be at most 16 MiB');
  });

  it('[cli/exit-2] a file that is not UTF-8, an empty file, a directory', async () => {
    await writeFile(join(dir, 'latin1.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
    await writeFile(join(dir, 'empty.json'), '');
    const [latin1, empty, folder] = await Promise.all([
      run(['check', 'latin1.json']),
      run(['check', 'empty.json']),
      run(['check', '.']),
    ]);
    expect(latin1.stderr).toContain('not UTF-8 text');
    expect(empty.stderr).toContain('the file is empty');
    expect(folder.stderr).toContain('it is a directory, not a board file');
    for (const result of [latin1, empty, folder]) expect(result.code).toBe(EXIT.unusable);
  });

  it('[cli/usage] bad command lines exit 2 with the reason and the usage on stderr', async () => {
    const cases: [string[], string][] = [
      [[], 'Usage: pnpm fire-triangle'],
      [['check'], 'check needs the board file to read'],
      [['check', 'a.json', 'b.json'], 'check reads one file; got 2'],
      [['check', 'a.json', '--lang', 'de'], "--lang must be fr or en, not 'de'"],
      [['check', 'a.json', '--format'], '--format needs a value'],
      [['check', 'a.json', '--format=xml'], "--format must be text or json, not 'xml'"],
      [['check', 'a.json', '-v'], "unknown option '-v'"],
      [['export', 'a.json'], "unknown command 'export'"],
    ];
    for (const [args, reason] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(EXIT.unusable);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toContain(reason);
      expect(result.stderr, args.join(' ')).toContain('Exit codes:');
    }
  });

  it('[cli/usage] help on stdout with exit 0, also as `check --help`', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['check', '--help']]) {
      const result = await run(args);
      expect(result.code).toBe(EXIT.clean);
      expect(result.stdout).toContain('Usage: pnpm fire-triangle check FILE.json');
      expect(result.stderr).toBe('');
    }
  });
});
