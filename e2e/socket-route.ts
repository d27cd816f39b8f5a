/**
 * A board's websocket routed through the test (Playwright's `page.routeWebSocket`): every
 * connection the page opens is counted and passed on to the real server, and the test can
 * *freeze* the line — frames stop in both directions without a close, like Wi-Fi dying with no
 * FIN — or have the "server" close each new connection with a given code once it has synced.
 */
import type { Page, WebSocketRoute } from '@playwright/test';

export interface SocketLine {
  /** Connections the page has opened so far. */
  readonly opened: number;
  /** Frames stop both ways (nothing is closed); new connections open but hear nothing. */
  freeze(): void;
  /** Frames flow again (for connections opened from now on: a frozen one stays dead). */
  thaw(): void;
  /**
   * From now on, each connection is closed with `code` and `reason` right after the server's
   * first sync step 2 reached the page (a server that loads the board, then fails), or
   * `null` to stop.
   */
  closeAfterSync(close: { code: number; reason: string } | null): void;
}

export async function routeBoardSocket(page: Page): Promise<SocketLine> {
  let opened = 0;
  let frozen = false;
  let closeWith: { code: number; reason: string } | null = null;
  await page.routeWebSocket(/\/ws\//, (ws: WebSocketRoute) => {
    opened++;
    if (frozen) return; // the page's socket opens and then nothing ever answers
    const server = ws.connectToServer();
    let dead = false;
    const closing = closeWith;
    ws.onMessage((message) => {
      if (frozen) dead = true;
      if (!dead) server.send(message);
    });
    server.onMessage((message) => {
      if (frozen) dead = true;
      if (dead) return;
      ws.send(message);
      // A sync step 2 is message type 0, sync step 1 (0, 1, …).
      if (closing && typeof message !== 'string' && message[0] === 0 && message[1] === 1) {
        dead = true;
        void ws.close({ code: closing.code, reason: closing.reason });
        void server.close();
      }
    });
    ws.onClose(() => void server.close());
    server.onClose((code, reason) => {
      if (!dead) void ws.close({ code, reason });
    });
  });
  return {
    get opened() {
      return opened;
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
    },
    closeAfterSync(close) {
      closeWith = close;
    },
  };
}
