import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_OPTIONS,
  ConfigError,
  configFromArgs,
  configFromEnv,
  defaultConfig,
  helpText,
  resolveConfig,
} from './config.ts';

describe('configuration', () => {
  it('[S-OPS-4] defaults work on a laptop: 127.0.0.1:4321, data in <repo>/data, SQLite', () => {
    const config = defaultConfig();
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4321, store: 'sqlite' });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.clientDist).toMatch(/\/client\/dist$/);
  });

  it('[S-OPS-4] flags override environment variables, which override defaults', () => {
    const fromEnv = configFromEnv({ PORT: '5000', HOST: '0.0.0.0', FT_MESSAGE_BURST: '9' });
    const { config: fromArgs, help } = configFromArgs([
      '--',
      '--port',
      '6000',
      '--data-dir=/tmp/x',
    ]);
    const config = resolveConfig({ ...fromEnv, ...fromArgs });
    expect(help).toBe(false);
    expect(config).toMatchObject({
      port: 6000,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      messageBurst: 9,
    });
    expect(
      configFromEnv({ ALLOWED_ORIGINS: 'https://a.example/, http://b:1' }).allowedOrigins,
    ).toEqual(['https://a.example', 'http://b:1']);
  });

  it('[S-OPS-4] bad values and unknown flags are refused with a clear message', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => configFromEnv({ PORT: '70000' })).toThrow(/≤ 65535/);
    expect(() => configFromEnv({ FT_STORE: 'mysql' })).toThrow(/sqlite, postgres, memory/);
    expect(() => configFromEnv({ FT_SECRET: 'short' })).toThrow(/32 characters/);
    expect(() => configFromEnv({ TRUST_PROXY: 'behind-the-sofa' })).toThrow(/TRUST_PROXY/);
    expect(configFromEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(configFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => configFromArgs(['--nope'])).toThrow(/unknown argument/);
    expect(() => configFromArgs(['--port', '1', 'stray'])).toThrow(/unknown argument "stray"/);
    expect(() => configFromArgs(['--port', '--host', 'x'])).toThrow(/--port needs a value/);
    expect(() => configFromArgs(['--port'])).toThrow(/needs a value/);
    expect(configFromArgs(['-h']).help).toBe(true);
  });

  it('[S-SCALE-1] several instances need PostgreSQL, a shared secret, and PostgreSQL needs its URL', () => {
    const secret = 'x'.repeat(32);
    expect(() => resolveConfig({ store: 'postgres' })).toThrow(/needs DATABASE_URL/);
    expect(() => resolveConfig({ redisUrl: 'redis://r', secret })).toThrow(
      /REDIS_URL .* needs FT_STORE=postgres: sqlite boards live in one process/,
    );
    expect(() =>
      resolveConfig({ store: 'postgres', databaseUrl: 'postgres://db/x', redisUrl: 'redis://r' }),
    ).toThrow(/needs FT_SECRET, the same on every instance/);
    expect(
      resolveConfig({
        store: 'postgres',
        databaseUrl: 'postgres://db/x',
        redisUrl: 'redis://r',
        secret,
      }),
    ).toMatchObject({ pgSchema: 'fire_triangle', redisPrefix: 'fire-triangle' });
    expect(() => configFromEnv({ FT_PG_SCHEMA: 'Bad-Name' })).toThrow(/lower-case name/);
  });

  it('[S-OPS-4] --help and docs/server-spec.md list every option with its variable and default', () => {
    const help = helpText();
    const spec = readFileSync(new URL('../../docs/server-spec.md', import.meta.url), 'utf8');
    for (const option of CONFIG_OPTIONS) {
      expect(help).toContain(option.env);
      expect(spec).toContain(`\`${option.env}\``);
      expect(spec).toContain(option.shownDefault);
      if (option.flag) {
        expect(help).toContain(`--${option.flag}`);
        expect(spec).toContain(`\`--${option.flag}\``);
      }
    }
  });
});
