/**
 * A Fire Triangle client at the protocol level, for the facilitation tests: a raw websocket
 * that says `hello` (accepting every server frame), waits for its `welcome`, sends commands
 * and waits for their replies, and keeps every frame it received for inspection.
 */
import {
  encodeFrame,
  type FacilitationCommand,
  type ReplyFrame,
  SERVER_FRAME_TYPES,
  type ServerFrame,
  type ServerFrameType,
  type WelcomeFrame,
} from '@fire-triangle/shared';
import { fireTriangleFrames, type RawSocket, waitFor } from './helpers.ts';

export interface FtClient {
  raw: RawSocket;
  welcome: WelcomeFrame;
  /** Every Fire Triangle frame received so far. */
  frames(): ServerFrame[];
  /** The frames of one type received so far. */
  framesOf<Type extends ServerFrameType>(type: Type): Extract<ServerFrame, { type: Type }>[];
  /** Sends a command and waits for its reply. */
  command(command: FacilitationCommand): Promise<ReplyFrame>;
  /** Sends the raw bytes of a frame (an awareness update, a Yjs update…). */
  send(message: Uint8Array): void;
}

let nextRequestId = 1;

/** Says hello on an open raw socket (presenting `participant` if given) and waits for welcome. */
export async function sayHello(
  raw: RawSocket,
  options: { participant?: string; accepts?: ServerFrameType[] } = {},
): Promise<FtClient> {
  const accepts = options.accepts ?? [...SERVER_FRAME_TYPES];
  raw.send(
    encodeFrame({
      type: 'hello',
      accepts,
      ...(options.participant !== undefined ? { participant: options.participant } : {}),
    }),
  );
  const framesOf = <Type extends ServerFrameType>(type: Type) =>
    fireTriangleFrames(raw.messages).filter(
      (frame): frame is Extract<ServerFrame, { type: Type }> => frame.type === type,
    );
  let welcome: WelcomeFrame | undefined;
  if (accepts.includes('welcome')) {
    await waitFor(() => framesOf('welcome').length > 0, { what: 'welcome' });
    welcome = framesOf('welcome').at(-1);
  }
  return {
    raw,
    welcome: welcome as WelcomeFrame,
    frames: () => fireTriangleFrames(raw.messages),
    framesOf,
    send: (message) => raw.send(message),
    async command(command) {
      const id = nextRequestId++;
      raw.send(encodeFrame({ type: 'command', id, command }));
      let reply: ReplyFrame | undefined;
      await waitFor(
        () => {
          reply = framesOf('reply').find((frame) => frame.id === id);
          return reply !== undefined;
        },
        { what: `the reply to ${command.name}` },
      );
      return reply!;
    },
  };
}
