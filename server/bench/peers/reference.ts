/**
 * The reference peer: `@y/websocket-server@0.1.1` (the y-websocket server, last release on Yjs
 * 13) in its default in-memory setup — exactly its own `server.js`, with the port taken from
 * `--port` (0 = any free port) so several benchmark servers can run side by side.
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { listenAndAnnounce, parsePort } from './peer-process.ts';

const websocketServer = new WebSocketServer({ noServer: true });
websocketServer.on('connection', setupWSConnection);

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  websocketServer.handleUpgrade(request, socket, head, (websocket) => {
    websocketServer.emit('connection', websocket, request);
  });
});

listenAndAnnounce('reference', server, parsePort(process.argv));
