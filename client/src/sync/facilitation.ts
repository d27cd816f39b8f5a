/**
 * The client half of facilitation (issue #13), framework-free: what the board's `session` map
 * says about the workshop (timer, locks, stage, vote, private round — shared `readSession`), the
 * server's clock (`ServerClock`), this device's participant token, the facilitator's commands
 * and their replies, this participant's own dots (`my-votes`) and the vote's progress, and the
 * "bring everyone here" requests. The UI reads `getState()` (same object until something
 * changed) and calls `run` / `setDots`; nothing here knows React.
 *
 * Frames come from the session's websocket (`BoardSession` hands every checked Fire Triangle
 * frame to `receive`); commands go out through the `send` it was given. What a command changes
 * that everyone sees arrives as an ordinary Yjs update of `session` — a reply only says whether
 * it worked, and why not (`COMMAND_ERROR_MESSAGES`).
 *
 * The private writing round's doc is `privateDraft.ts`; its state is mirrored here (`draft`) so
 * the UI reads one store.
 */
import {
  type CommandError,
  encodeFrame,
  type FacilitationCommand,
  MAX_REQUEST_ID,
  participantStorageKey,
  readSession,
  type ServerFrame,
  type SharedViewport,
  sessionMap,
  type SessionState as WorkshopState,
} from '@fire-triangle/shared';
import type * as Y from 'yjs';
import { ServerClock } from './serverClock.ts';
import { helloFrame } from './serverNotices.ts';

export type { WorkshopState };

/** How long a command waits for its reply before it counts as failed (ms). */
export const COMMAND_TIMEOUT_MS = 10_000;

/** A command's outcome: the server's reply, or `offline` when it could not be sent. */
export type CommandOutcome =
  | { ok: true; result?: Readonly<Record<string, number>> }
  | { ok: false; error: CommandError | 'offline' };

/** This participant's dots in the current vote (pending changes included). */
export interface MyVotes {
  voteId: string;
  /** Card id → dots (cards with none left out). */
  dots: Readonly<Record<string, number>>;
  /** Dots this participant may still place. */
  remaining: number;
}

export interface VoteProgress {
  voteId: string;
  voters: number;
  finished: number;
}

/** The private writing round as this tab lives it (`privateDraft.ts`). */
export interface DraftState {
  /** The round whose private doc is open here, or null. */
  roundId: string | null;
  /** The private room's connection. */
  connection: 'off' | 'connecting' | 'connected' | 'closed';
  /** This participant's private cards drawn now. */
  cards: number;
  /** Private cards that did not reach the board before the round ended, waiting for a decision. */
  leftovers: number;
}

export const NO_DRAFT: DraftState = Object.freeze({
  roundId: null,
  connection: 'off',
  cards: 0,
  leftovers: 0,
}) as DraftState;

export interface FacilitationState {
  /** The board's facilitation state (the doc's `session` map, read defensively). */
  workshop: WorkshopState;
  /** `serverNow − localNow` (ms) and whether it was measured yet. */
  clock: { offsetMs: number; known: boolean };
  myVotes: MyVotes | null;
  progress: VoteProgress | null;
  draft: DraftState;
}

export interface BringEveryoneRequest {
  viewport: SharedViewport;
  from: string;
}

export interface FacilitationDeps {
  boardId: string;
  /** Sends a whole websocket message on the board's connection; false when it is not open. */
  send(message: Uint8Array): boolean;
  /** Where the participant token is kept (`localStorage`); null: nowhere. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The local clock, epoch ms (tests pass their own). */
  now?: () => number;
}

interface PendingCommand {
  sentAt: number;
  resolve(outcome: CommandOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

export class FacilitationClient {
  readonly clock = new ServerClock();
  private state: FacilitationState;
  private readonly listeners = new Set<() => void>();
  private readonly bringListeners = new Set<(request: BringEveryoneRequest) => void>();
  private readonly pending = new Map<number, PendingCommand>();
  private nextId = 1;
  private helloSentAt: number | null = null;
  /** The server's view of this participant's dots (`my-votes`), before pending changes. */
  private serverVotes: MyVotes | null = null;
  /** This participant's dots in a vote the server has not told about yet: none. */
  private noDots: MyVotes | null = null;
  /** Dots asked for and not answered yet: card id → dots. */
  private readonly pendingDots = new Map<string, number>();
  private readonly now: () => number;
  private destroyed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly deps: FacilitationDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.state = {
      workshop: readSession(doc),
      clock: { offsetMs: 0, known: false },
      myVotes: null,
      progress: null,
      draft: NO_DRAFT,
    };
    sessionMap(doc).observe(this.onSession);
  }

  getState = (): FacilitationState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The server's time now (epoch ms), through the measured offset. */
  serverNow(): number {
    return this.clock.now(this.now());
  }

  /** The participant token this device keeps for the board, or null before the first welcome. */
  participantToken(): string | null {
    return this.deps.storage?.getItem(participantStorageKey(this.deps.boardId)) ?? null;
  }

  /** The `hello` to send when the board's socket opens (records when, for the clock). */
  hello(): Uint8Array {
    this.helloSentAt = this.now();
    return helloFrame(this.participantToken());
  }

  /** Tells `listener` when a facilitator brings everyone to their view; returns the unsubscribe. */
  onBringEveryone(listener: (request: BringEveryoneRequest) => void): () => void {
    this.bringListeners.add(listener);
    return () => this.bringListeners.delete(listener);
  }

  /**
   * Sends a command and resolves with its reply — never rejects: `offline` when the board's
   * socket is not open, `unavailable` when no reply came within `COMMAND_TIMEOUT_MS` or the
   * connection ended first.
   */
  run(command: FacilitationCommand): Promise<CommandOutcome> {
    if (this.destroyed) return Promise.resolve({ ok: false, error: 'offline' });
    const id = this.nextId;
    this.nextId = this.nextId >= MAX_REQUEST_ID ? 1 : this.nextId + 1;
    return new Promise((resolve) => {
      const sentAt = this.now();
      if (!this.deps.send(encodeFrame({ type: 'command', id, command }))) {
        resolve({ ok: false, error: 'offline' });
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: 'unavailable' });
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { sentAt, resolve, timer });
    });
  }

  /**
   * Sets how many of this participant's dots are on `cardId` in the current vote (absolute). The
   * dots show at once; a refusal puts them back and is returned (`no-dots-left`, `card-full`…).
   */
  async setDots(cardId: string, dots: number): Promise<CommandOutcome> {
    const vote = this.state.workshop.vote;
    if (!vote) return { ok: false, error: 'no-vote' };
    this.pendingDots.set(cardId, dots);
    this.publishVotes();
    const outcome = await this.run({ name: 'set-dots', voteId: vote.id, cardId, dots });
    if (this.pendingDots.get(cardId) === dots) this.pendingDots.delete(cardId);
    if (outcome.ok && this.serverVotes?.voteId === vote.id) {
      // The `my-votes` frame that follows says the same; this keeps the dot from flickering.
      const next = { ...this.serverVotes.dots };
      const before = next[cardId] ?? 0;
      if (dots > 0) next[cardId] = dots;
      else delete next[cardId];
      this.serverVotes = {
        voteId: vote.id,
        dots: next,
        remaining: Math.max(0, this.serverVotes.remaining - (dots - before)),
      };
    }
    this.publishVotes();
    return outcome;
  }

  /** A checked server frame from the board's socket (not `write-refused`: the session's). */
  receive(frame: ServerFrame): void {
    if (this.destroyed) return;
    const receivedAt = this.now();
    switch (frame.type) {
      case 'welcome':
        if (this.helloSentAt !== null) {
          this.clock.sample(this.helloSentAt, frame.serverTime, receivedAt);
          this.helloSentAt = null;
        }
        if (frame.participant.token !== this.participantToken()) {
          this.deps.storage?.setItem(
            participantStorageKey(this.deps.boardId),
            frame.participant.token,
          );
        }
        this.setState({ clock: this.clockState() });
        return;
      case 'reply': {
        const pending = this.pending.get(frame.id);
        if (!pending) return;
        this.pending.delete(frame.id);
        clearTimeout(pending.timer);
        this.clock.sample(pending.sentAt, frame.serverTime, receivedAt);
        this.setState({ clock: this.clockState() });
        pending.resolve(
          frame.ok
            ? { ok: true, ...(frame.result ? { result: frame.result } : {}) }
            : { ok: false, error: frame.error },
        );
        return;
      }
      case 'my-votes':
        this.serverVotes = { voteId: frame.voteId, dots: frame.dots, remaining: frame.remaining };
        this.publishVotes();
        return;
      case 'vote-progress':
        this.setState({
          progress: { voteId: frame.voteId, voters: frame.voters, finished: frame.finished },
        });
        return;
      case 'bring-everyone':
        for (const listener of [...this.bringListeners]) {
          listener({ viewport: frame.viewport, from: frame.from.name });
        }
        return;
      case 'write-refused':
        return;
    }
  }

  /** The board's socket closed: commands waiting for a reply will get none. */
  connectionLost(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, error: 'unavailable' });
      this.pending.delete(id);
    }
    this.helloSentAt = null;
  }

  /** The private round's state, from `privateDraft.ts`. */
  setDraft(draft: DraftState): void {
    const current = this.state.draft;
    if (
      current.roundId === draft.roundId &&
      current.connection === draft.connection &&
      current.cards === draft.cards &&
      current.leftovers === draft.leftovers
    ) {
      return;
    }
    this.setState({ draft });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.connectionLost();
    this.destroyed = true;
    sessionMap(this.doc).unobserve(this.onSession);
    this.listeners.clear();
    this.bringListeners.clear();
  }

  private clockState(): FacilitationState['clock'] {
    const { offsetMs, known } = this.clock;
    const current = this.state.clock;
    return current.offsetMs === offsetMs && current.known === known ? current : { offsetMs, known };
  }

  /** `my-votes` as the server said (none yet: no dots, all left), with the changes still
   * waiting for their reply. */
  private publishVotes(): void {
    const vote = this.state.workshop.vote;
    if (!vote) {
      if (this.state.myVotes !== null) this.setState({ myVotes: null });
      return;
    }
    const current = this.state.myVotes;
    if (this.noDots?.voteId !== vote.id || this.noDots.remaining !== vote.dotsPerPerson) {
      this.noDots = { voteId: vote.id, dots: {}, remaining: vote.dotsPerPerson };
    }
    const base = this.serverVotes?.voteId === vote.id ? this.serverVotes : this.noDots;
    if (this.pendingDots.size === 0) {
      if (current !== base) this.setState({ myVotes: base });
      return;
    }
    const dots: Record<string, number> = { ...base.dots };
    let remaining = base.remaining;
    for (const [cardId, count] of this.pendingDots) {
      remaining -= count - (dots[cardId] ?? 0);
      if (count > 0) dots[cardId] = count;
      else delete dots[cardId];
    }
    this.setState({ myVotes: { voteId: vote.id, dots, remaining: Math.max(0, remaining) } });
  }

  private readonly onSession = (): void => {
    const workshop = readSession(this.doc);
    const voteChanged = workshop.vote?.id !== this.state.workshop.vote?.id;
    if (voteChanged) this.pendingDots.clear();
    this.setState({
      workshop,
      progress:
        workshop.vote && this.state.progress?.voteId === workshop.vote.id
          ? this.state.progress
          : null,
    });
    this.publishVotes();
  };

  private setState(change: Partial<FacilitationState>): void {
    if (this.destroyed) return;
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
