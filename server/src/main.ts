/**
 * `node --import tsx server/src/main.ts [--port N] [--host H] [--data-dir DIR] [--help]`
 *
 * Reads the configuration (flags over environment variables over defaults, see --help), starts
 * the server and prints `Fire Triangle listening on http://HOST:PORT`. SIGINT or SIGTERM stops
 * it cleanly: connections are closed with 1001, every loaded board is compacted and stored,
 * the database is checkpointed and closed. A second signal exits at once.
 */
import { ConfigError, configFromArgs, configFromEnv, helpText } from './config.ts';
import { startServer } from './server.ts';
import { StoreUnusableError } from './storage/board-store.ts';

async function main(): Promise<void> {
  let parsed: ReturnType<typeof configFromArgs>;
  let fromEnv: ReturnType<typeof configFromEnv>;
  try {
    parsed = configFromArgs(process.argv.slice(2));
    fromEnv = configFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`fire-triangle: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed.help) {
    console.log(helpText());
    return;
  }
  const server = await startServer({ ...fromEnv, ...parsed.config });
  const { config } = server.internals;
  // The host as configured (0.0.0.0 says "every interface"), IPv6 in brackets as in a URL.
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Fire Triangle listening on http://${shownHost}:${server.port}`);
  if (config.host === '127.0.0.1' || config.host === 'localhost') {
    console.log(
      '  (this machine only; start with --host 0.0.0.0 to let a workshop on your network join)',
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`fire-triangle: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`fire-triangle: ${signal} received, storing boards and stopping…`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error('fire-triangle: failed to stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(`fire-triangle: ${error.message}`);
  else {
    console.error(
      'fire-triangle: could not start:',
      error instanceof Error ? error.message : error,
    );
  }
  // 2: the configuration or the data directory cannot be used as it is (S-DUR-8, S-DUR-9,
  // S-SCALE-1) — retrying will not help.
  process.exit(error instanceof StoreUnusableError || error instanceof ConfigError ? 2 : 1);
});
