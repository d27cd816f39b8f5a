/**
 * A stock y-websocket client in the test process — what anyone can run against a board with a
 * share link, bypassing the app's interface: it can set any presence and write anything into the
 * doc that the server lets through.
 */
import { websocketBase } from '@fire-triangle/shared';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface RawClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

export async function rawClient(
  serverUrl: string,
  boardId: string,
  token: string,
): Promise<RawClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(websocketBase(serverUrl), boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the raw client did not sync in 10 s')),
      10_000,
    );
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    doc,
    provider,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}
