/**
 * The facilitation part of one loaded board room (a `RoomExtension`, `rooms/board-room.ts`):
 * answers `hello` with a `welcome` (the server's clock, the participant token), runs commands
 * one at a time per board and answers each with a `reply`, keeps the timer's and the vote's
 * deadlines, and hands dot voting to `BoardVotes`.
 *
 * Who may send a command is decided here, from the connection's role (its share token), before
 * the command's handler runs (S-FAC-CMD-2); everything a command changes that others see is a
 * server-origin transaction on the board's `session` map, through the room's own serial queue
 * (`BoardRoom.change`: applied, stored, then relayed).
 */
import { randomBytes } from 'node:crypto';
import {
  type ClientFrame,
  COMMANDS,
  type CommandFrame,
  type CommandName,
  canEditBoard,
  type HelloFrame,
  readSession,
  sessionMap,
  writeSession,
} from '@fire-triangle/shared';
import type * as Y from 'yjs';
import {
  newParticipantId,
  signParticipantToken,
  verifyParticipantToken,
} from '../auth/participant-tokens.ts';
import type { Logger } from '../log.ts';
import type { ServerMetrics } from '../metrics/server-metrics.ts';
import type { BoardConnection } from '../rooms/board-connection.ts';
import type { ReplicaSignal } from '../rooms/board-replication.ts';
import { type BoardRoom, ORIGINS, type RoomExtension } from '../rooms/board-room.ts';
import { BoardVotes, DOTS_SIGNAL } from './board-votes.ts';
import { COMMAND_HANDLERS, type Outcome, refused } from './commands.ts';
import type { PrivateRounds } from './private-rounds.ts';
import type { VoteStore } from './vote-store.ts';

/** What the facilitation module needs from the server. */
export interface FacilitationDeps {
  /** The server's secret (participant tokens are signed with it, like share tokens). */
  secret: string;
  votes: VoteStore;
  metrics: ServerMetrics;
  log: Logger;
  /** The server's clock, epoch ms (tests may pass another). */
  now: () => number;
}

/**
 * Several instances (S-SCALE-9): a deadline armed because another instance changed the session
 * waits this much longer (ms), so the instance that started the timer or vote writes its end —
 * once — and the others write it only when that instance died meanwhile.
 */
export const FOLLOWER_DEADLINE_GRACE_MS = 2_000;

/** Longest delay Node's timers take (about 24.8 days); longer waits are re-armed. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Answers a `hello` (S-FAC-ID-1): checks or issues the participant, sends `welcome`. */
export function welcome(
  connection: BoardConnection,
  boardId: string,
  hello: HelloFrame,
  deps: FacilitationDeps,
): void {
  if (connection.participantId === null) {
    const presented = verifyParticipantToken(deps.secret, hello.participant, boardId);
    if (hello.participant !== undefined && presented === null) {
      deps.metrics.participantTokensRefused.inc();
    }
    connection.participantId = presented ?? newParticipantId();
  }
  connection.sendFrame({
    type: 'welcome',
    serverTime: deps.now(),
    role: connection.role,
    participant: {
      id: connection.participantId,
      token: signParticipantToken(deps.secret, boardId, connection.participantId),
    },
  });
}

export class BoardFacilitation implements RoomExtension {
  readonly votes = new BoardVotes(this);
  private queueTail: Promise<unknown> = Promise.resolve();
  private timerDeadline: NodeJS.Timeout | undefined;
  private voteDeadline: NodeJS.Timeout | undefined;
  private destroyed = false;
  /** Extra wait before a deadline another instance armed (`FOLLOWER_DEADLINE_GRACE_MS`). */
  private deadlineGraceMs = 0;
  private followedDoc: Y.Doc | null = null;

  constructor(
    readonly room: BoardRoom,
    readonly deps: FacilitationDeps,
    readonly privateRounds: PrivateRounds,
  ) {
    // A timer or vote whose end passed while the board was unloaded (or the server down) is
    // written as finished / closed at once (S-FAC-TIMER-2).
    this.scheduleDeadlines();
  }

  now(): number {
    return this.deps.now();
  }

  /** `r_…`, `v_…`: 64 random bits, hex. */
  newId(prefix: 'r' | 'v'): string {
    return `${prefix}_${randomBytes(8).toString('hex')}`;
  }

  onFrame(connection: BoardConnection, frame: ClientFrame): void {
    if (frame.type === 'hello') {
      welcome(connection, this.room.boardId, frame, this.deps);
      void this.enqueue(() => this.votes.greet(connection)).catch((error) =>
        this.deps.log.error({ boardId: this.room.boardId, err: error }, 'vote greeting failed'),
      );
      return;
    }
    void this.run(connection, frame);
  }

  onConnectionRemoved(): void {}

  /**
   * Several instances: the session changes on another instance reach this doc as replica
   * updates; the deadlines and the vote follow them here too (S-SCALE-9).
   */
  onDocAttached(doc: Y.Doc): void {
    this.followedDoc = doc;
    sessionMap(doc).observe(this.onSessionChange);
  }

  onDocDetached(doc: Y.Doc): void {
    sessionMap(doc).unobserve(this.onSessionChange);
    if (this.followedDoc === doc) this.followedDoc = null;
  }

  private readonly onSessionChange = (event: Y.YMapEvent<unknown>): void => {
    if (event.transaction.origin !== ORIGINS.replica || this.destroyed) return;
    this.deadlineGraceMs = FOLLOWER_DEADLINE_GRACE_MS;
    this.scheduleDeadlines();
    void this.enqueue(() => this.votes.followSession()).catch((error) =>
      this.deps.log.error({ boardId: this.room.boardId, err: error }, 'following the vote failed'),
    );
  };

  onReplicaSignal(signal: ReplicaSignal): void {
    if (signal.topic !== DOTS_SIGNAL || this.destroyed) return;
    void this.enqueue(() => this.votes.applyRemoteDots(signal.body)).catch((error) =>
      this.deps.log.error({ boardId: this.room.boardId, err: error }, 'remote dots failed'),
    );
  }

  /** One command, start to reply (S-FAC-CMD-1, S-FAC-CMD-2). Never throws. */
  private async run(connection: BoardConnection, frame: CommandFrame): Promise<void> {
    const { command } = frame;
    const name: CommandName = command.name;
    this.deps.metrics.commands.inc({ command: name });
    let outcome: Outcome;
    const who = COMMANDS[name].who;
    if (who === 'facilitator' && connection.role !== 'facilitator') {
      outcome = refused('facilitator-only');
    } else if (who === 'participant' && !canEditBoard(connection.role)) {
      outcome = refused('read-only');
    } else {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: the table pairs each name with its command.
        const handler = COMMAND_HANDLERS[name] as (...args: any[]) => Promise<Outcome>;
        outcome = await this.enqueue(() => handler(this, command, connection));
      } catch (error) {
        this.deps.log.error(
          { boardId: this.room.boardId, command: name, err: error },
          'facilitation command failed',
        );
        outcome = refused('unavailable');
      }
    }
    if (!outcome.ok) {
      this.deps.metrics.commandsRefused.inc({ reason: outcome.error });
      this.deps.log.info(
        { boardId: this.room.boardId, role: connection.role, command: name, error: outcome.error },
        'facilitation command refused',
      );
    }
    const serverTime = this.now();
    connection.sendFrame(
      outcome.ok
        ? {
            type: 'reply',
            id: frame.id,
            ok: true,
            serverTime,
            ...(outcome.result ? { result: outcome.result } : {}),
          }
        : { type: 'reply', id: frame.id, ok: false, serverTime, error: outcome.error },
    );
  }

  /** Commands and deadlines of this board run one at a time, in order. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queueTail.then(task, task);
    this.queueTail = run.catch(() => {});
    return run;
  }

  /**
   * A change of the board's facilitation state: `mutate` reads and writes the doc inside one
   * server-origin transaction of the room's queue (stored before anyone sees it), at the
   * server's time `now`. The deadlines follow the new state.
   */
  async changeSession<T>(mutate: (doc: Y.Doc, now: number) => T): Promise<T> {
    const result = await this.room.change((doc) => mutate(doc, this.now()));
    this.deadlineGraceMs = 0;
    this.scheduleDeadlines();
    return result;
  }

  /** The name `connection` shows in its presence ('' when it has none). */
  presenceName(connection: BoardConnection): string {
    for (const clientId of connection.awarenessClientIds) {
      const user = (this.room.awareness.getStates().get(clientId) as { user?: { name?: unknown } })
        ?.user;
      if (typeof user?.name === 'string') return user.name.slice(0, 200);
    }
    return '';
  }

  /** Arms the timer's end (written `finished`) and the vote's time limit (written `closed`). */
  private scheduleDeadlines(): void {
    if (this.destroyed) return;
    clearTimeout(this.timerDeadline);
    clearTimeout(this.voteDeadline);
    const { timer, vote } = this.room.session;
    if (timer.state === 'running' && timer.endsAt !== null) {
      const endsAt = timer.endsAt;
      this.timerDeadline = this.at(endsAt + this.deadlineGraceMs, () =>
        this.changeSession((doc) => {
          const current = readSession(doc).timer;
          if (current.state === 'running' && current.endsAt === endsAt) {
            writeSession(doc, { timer: { ...current, state: 'finished' } });
          }
        }),
      );
    }
    if (vote?.state === 'open' && vote.endsAt !== null) {
      this.voteDeadline = this.at(vote.endsAt + this.deadlineGraceMs, () =>
        this.votes.closeAt(vote),
      );
    }
  }

  /** Runs `task` in the queue at server time `when` (at once when it passed). */
  private at(when: number, task: () => Promise<unknown>): NodeJS.Timeout {
    const delay = Math.min(MAX_TIMEOUT_MS, Math.max(0, when - this.now()));
    const timeout = setTimeout(() => {
      if (this.destroyed) return;
      if (when > this.now()) {
        this.scheduleDeadlines();
        return;
      }
      this.enqueue(task).catch((error) =>
        this.deps.log.error(
          { boardId: this.room.boardId, err: error },
          'facilitation deadline failed',
        ),
      );
    }, delay);
    timeout.unref();
    return timeout;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.followedDoc) this.onDocDetached(this.followedDoc);
    clearTimeout(this.timerDeadline);
    clearTimeout(this.voteDeadline);
    this.votes.destroy();
  }
}
