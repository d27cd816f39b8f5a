/**
 * Hocuspocus 3.4.4 (the newest release that runs on Node 20; 4.x needs Node 22) with its
 * defaults: no extensions, so documents live in memory and unload when their last
 * connection leaves. It stops itself on SIGTERM (`stopOnSignals`).
 */
import { Server } from '@hocuspocus/server';
import { parsePort } from './peer-process.ts';

const server = new Server({ port: parsePort(process.argv), address: '127.0.0.1', quiet: true });
await server.listen();
console.log(`hocuspocus listening on http://127.0.0.1:${server.address.port}`);
