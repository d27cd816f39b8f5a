/**
 * Test support: a `BoardSession` with the network switched off and no IndexedDB (Node has
 * neither), its browser pieces replaced by plain values. What a session does on its own —
 * actions, read model, undo, status, the unsynced count — runs for real; the websocket and
 * IndexedDB paths run in the browser tests (e2e/).
 */
import {
  BoardSession,
  type BoardSessionOptions,
  type SessionEnvironment,
} from '../sync/boardSession.ts';

export function offlineSession(
  saved = new Map<string, string>(),
  author = 'Alice',
  options: Partial<BoardSessionOptions> = {},
) {
  let network: ((online: boolean) => void) | null = null;
  const env: SessionEnvironment = {
    isOnline: () => false,
    onNetworkChange(listener) {
      network = listener;
      return () => {
        network = null;
      };
    },
    storage: {
      getItem: (key) => saved.get(key) ?? null,
      setItem: (key, value) => void saved.set(key, value),
      removeItem: (key) => void saved.delete(key),
    },
    openDeviceStorage: null,
    WebSocket: class {
      constructor() {
        throw new Error('this session is offline: nothing may open a websocket');
      }
    } as unknown as typeof WebSocket,
    defaultWebsocketUrl: () => 'ws://127.0.0.1:9/ws',
  };
  const session = new BoardSession({ boardId: 'b1', token: 't', author, ...options }, env);
  return { session, saved, network: () => network };
}
