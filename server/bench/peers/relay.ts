/**
 * The floor: a websocket relay that forwards every binary message, undecoded, to every other
 * socket in the same room (the URL path). No Yjs, no state, no persistence — what a sync
 * server would cost if it did nothing but move bytes.
 */
import http from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import { listenAndAnnounce, parsePort } from './peer-process.ts';

const rooms = new Map<string, Set<WebSocket>>();
const websocketServer = new WebSocketServer({ noServer: true });

websocketServer.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
  const roomName = (request.url ?? '/').split('?')[0] ?? '/';
  let room = rooms.get(roomName);
  if (!room) {
    room = new Set();
    rooms.set(roomName, room);
  }
  const members = room;
  members.add(socket);
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    for (const other of members) {
      if (other !== socket && other.readyState === other.OPEN)
        other.send(data, { binary: isBinary });
    }
  });
  socket.on('close', () => {
    members.delete(socket);
    if (members.size === 0) rooms.delete(roomName);
  });
});

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  websocketServer.handleUpgrade(request, socket, head, (websocket) => {
    websocketServer.emit('connection', websocket, request);
  });
});

listenAndAnnounce('relay', server, parsePort(process.argv));
