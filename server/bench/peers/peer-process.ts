/** What every benchmark peer process shares: `--port N`, and one "listening on" line when ready. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

export function parsePort(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? Number(argv[index + 1]) : 0;
  if (!Number.isInteger(value) || value < 0) throw new Error(`bad --port: ${argv[index + 1]}`);
  return value;
}

/** Listens on loopback and prints the line the benchmark waits for; exits cleanly on SIGTERM. */
export function listenAndAnnounce(name: string, server: http.Server, port: number): void {
  server.listen(port, '127.0.0.1', () => {
    const { port: actualPort } = server.address() as AddressInfo;
    console.log(`${name} listening on http://127.0.0.1:${actualPort}`);
  });
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}
