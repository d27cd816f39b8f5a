import {
  CLOSE_CODES,
  type CloseCode,
  closeReason,
  encodeFrame,
  type Role,
  type ServerFrame,
  type ServerFrameType,
} from '@fire-triangle/shared';
import type { WebSocket } from 'ws';
import { TokenBucket } from '../limits/token-bucket.ts';

/** How long a closing peer has to answer the close frame before the socket is cut. */
const CLOSE_GRACE_MS = 3000;

export interface ConnectionLimits {
  messagesPerSecond: number;
  messageBurst: number;
  maxBufferedBytes: number;
}

/**
 * One participant's websocket in a board room: its role (signed in its token), its address,
 * its message budget and the presence (awareness) client ids it speaks for, so the room can
 * clear them when it leaves.
 */
export class BoardConnection {
  /** Awareness client ids this connection has set a state for. */
  readonly awarenessClientIds = new Set<number>();
  /** Server frames this client announced it reads (its `hello`, shared/src/protocol/frames.ts). */
  readonly acceptedFrames = new Set<ServerFrameType>();
  /**
   * The participant this connection is (S-FAC-ID-1): from its checked `hello`, or from the
   * private room's address; null until then (a stock client stays anonymous).
   */
  participantId: string | null = null;
  /** Set when the server decided to close it (it may still be closing). */
  closing = false;
  private readonly budget: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    readonly role: Role,
    readonly address: string,
    private readonly limits: ConnectionLimits,
    private readonly onServerClose: (code: CloseCode) => void = () => {},
  ) {
    this.budget = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
  }

  /** Spends one message from the rate budget; false when the connection is over its rate. */
  takeMessageBudget(): boolean {
    return this.budget.take();
  }

  send(message: Uint8Array): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    // A client that does not read (stalled tab, dead Wi-Fi not yet detected) would make the
    // server buffer the whole board's traffic for it; past the limit it is dropped instead and
    // resyncs when it reconnects.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE_CODES.TOO_SLOW);
      return;
    }
    this.socket.send(message, { binary: true }, () => {
      // Send errors surface as a 'close' on the socket; nothing to do per message.
    });
  }

  /**
   * Sends a Fire Triangle frame if this client accepted its type in `hello` (S-FAC-CMD-3: a
   * stock client never receives one). Returns whether it was sent.
   */
  sendFrame(frame: ServerFrame): boolean {
    if (!this.acceptedFrames.has(frame.type)) return false;
    this.send(encodeFrame(frame));
    return true;
  }

  /** Closes with a documented code and reason (see shared/src/protocol/close-codes.ts). */
  close(code: CloseCode, detail?: string): void {
    if (this.closing) return;
    this.closing = true;
    this.onServerClose(code);
    this.socket.close(code, closeReason(code, detail));
    // A peer that never answers the close frame (stalled, or gone without a FIN) would keep
    // its buffers for ws's 30 s close timeout; cut it sooner.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }
}
