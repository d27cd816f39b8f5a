/**
 * Dot voting on one board (S-FAC-VOTE-*): the vote's configuration and, once revealed, its
 * counts go into `session.vote`; each participant's dots stay on the server (`VoteStore`,
 * cached in a `VoteTally`) and go to nobody but their owner (`my-votes`) — others learn only
 * how many voted and finished (`vote-progress`, batched).
 *
 * Every method runs inside the board's facilitation queue (`board-facilitation.ts`): two vote
 * commands never interleave, so a dot is never written to a vote being replaced.
 */
import {
  cardsMap,
  type FacilitationCommand,
  isLane,
  readSession,
  type VoteState,
  writeSession,
} from '@fire-triangle/shared';
import type { BoardConnection } from '../rooms/board-connection.ts';
import type { BoardFacilitation } from './board-facilitation.ts';
import { OK, type Outcome, refused } from './commands.ts';
import { refuseDots, VoteTally } from './vote-tally.ts';

/**
 * The signal (`BoardRoom.publishSignal`) telling the board's other instances that one
 * participant's dots on one card changed, after they were stored (S-SCALE-9). Its body is the
 * absolute count (`DotsSignal`), so applying it twice or after a reload changes nothing.
 */
export const DOTS_SIGNAL = 'facilitation/dots';

interface DotsSignal {
  voteId: string;
  participantId: string;
  cardId: string;
  dots: number;
}

function isDotsSignal(body: unknown): body is DotsSignal {
  const b = body as DotsSignal;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.voteId === 'string' &&
    typeof b.participantId === 'string' &&
    typeof b.cardId === 'string' &&
    Number.isInteger(b.dots) &&
    b.dots >= 0
  );
}

/** At most this often (ms) everyone is told how many voted (S-FAC-VOTE-2). */
export const VOTE_PROGRESS_BATCH_MS = 250;

export class BoardVotes {
  private tally: Promise<VoteTally> | null = null;
  private progressTimer: NodeJS.Timeout | undefined;
  /** The vote this instance last greeted its connections for (see `followSession`). */
  private followedVoteId: string | null = null;

  constructor(private readonly board: BoardFacilitation) {}

  private get vote(): VoteState | null {
    return this.board.room.session.vote;
  }

  /** The dots of `vote`, loaded from the store once. */
  private tallyOf(vote: VoteState): Promise<VoteTally> {
    const { room, deps } = this.board;
    if (!this.tally) {
      const loading = deps.votes
        .loadVote(room.boardId, vote.id)
        .then((ballots) => new VoteTally(vote.id, ballots));
      this.tally = loading;
      loading.catch(() => {
        if (this.tally === loading) this.tally = null;
      });
    }
    return this.tally.then((tally) => (tally.voteId === vote.id ? tally : this.reload(vote)));
  }

  private reload(vote: VoteState): Promise<VoteTally> {
    this.tally = null;
    return this.tallyOf(vote);
  }

  async start(command: Extract<FacilitationCommand, { name: 'vote-start' }>): Promise<Outcome> {
    const previous = this.vote;
    const vote = await this.board.changeSession((doc, now) => {
      const started: VoteState = {
        id: this.board.newId('v'),
        state: 'open',
        scope: command.scope,
        dotsPerPerson: command.dotsPerPerson,
        maxDotsPerCard: command.maxDotsPerCard,
        startedAt: now,
        endsAt: command.durationMs === null ? null : now + command.durationMs,
        results: null,
        voters: null,
      };
      writeSession(doc, { vote: started });
      return started;
    });
    this.tally = Promise.resolve(new VoteTally(vote.id, new Map()));
    this.followedVoteId = vote.id;
    if (previous) await this.board.deps.votes.deleteVote(this.board.room.boardId, previous.id);
    for (const connection of this.board.room.connections) await this.sendMine(connection);
    this.sendProgressNow();
    return OK;
  }

  close(): Promise<Outcome> {
    return this.board.changeSession((doc) => {
      const vote = readSession(doc).vote;
      if (!vote) return refused('no-vote');
      if (vote.state !== 'open') return refused('vote-not-open');
      writeSession(doc, { vote: { ...vote, state: 'closed' } });
      return OK;
    });
  }

  /** Closes the vote when its time limit passes (the clock already refuses dots after it). */
  closeAt(vote: VoteState): Promise<unknown> {
    return this.board.changeSession((doc) => {
      const current = readSession(doc).vote;
      if (current?.id === vote.id && current.state === 'open') {
        writeSession(doc, { vote: { ...current, state: 'closed' } });
      }
      return OK;
    });
  }

  async reveal(): Promise<Outcome> {
    const vote = this.vote;
    if (!vote) return refused('no-vote');
    // Several instances: dots placed on the others reach this tally by signal, which Redis may
    // have lost; the counts shown to everyone are read from the store (S-SCALE-9).
    const tally = this.board.room.shared ? await this.reload(vote) : await this.tallyOf(vote);
    return this.board.changeSession((doc) => {
      const current = readSession(doc).vote;
      if (!current || current.id !== vote.id) return refused('no-vote');
      const cards = cardsMap(doc);
      writeSession(doc, {
        vote: {
          ...current,
          state: 'revealed',
          results: tally.results((cardId) => cards.has(cardId)),
          voters: tally.progress(current.dotsPerPerson).voters,
        },
      });
      return OK;
    });
  }

  async clear(): Promise<Outcome> {
    const vote = this.vote;
    if (!vote) return refused('no-vote');
    await this.board.changeSession((doc) => writeSession(doc, { vote: null }));
    this.tally = null;
    this.followedVoteId = null;
    await this.board.deps.votes.deleteVote(this.board.room.boardId, vote.id);
    return OK;
  }

  async setDots(
    connection: BoardConnection,
    { voteId, cardId, dots }: Extract<FacilitationCommand, { name: 'set-dots' }>,
  ): Promise<Outcome> {
    const participantId = connection.participantId;
    if (participantId === null) return refused('no-participant');
    const vote = this.vote;
    if (!vote || vote.id !== voteId) return refused('no-vote');
    const tally = await this.tallyOf(vote);
    const stored = cardsMap(this.board.room.doc).get(cardId);
    const lane = stored?.get('lane');
    const card = stored && isLane(lane) ? { id: cardId, lane } : null;
    const error = refuseDots(
      vote,
      voteId,
      tally,
      participantId,
      card,
      cardId,
      dots,
      this.board.now(),
    );
    if (error) return refused(error);
    if ((tally.dotsOf(participantId)[cardId] ?? 0) !== dots) {
      await this.board.deps.votes.setDots(
        this.board.room.boardId,
        voteId,
        participantId,
        cardId,
        dots,
      );
      tally.set(participantId, cardId, dots);
      this.scheduleProgress();
      this.board.room.publishSignal({
        topic: DOTS_SIGNAL,
        body: { voteId, participantId, cardId, dots } satisfies DotsSignal,
      });
    }
    for (const other of this.board.room.connections) {
      if (other.participantId === participantId) await this.sendMine(other);
    }
    return OK;
  }

  /**
   * Another instance stored a participant's dots (S-SCALE-9): this tally takes them, that
   * participant's connections here get `my-votes`, and everyone here the progress.
   */
  async applyRemoteDots(body: unknown): Promise<void> {
    const vote = this.vote;
    if (!isDotsSignal(body) || !vote || vote.id !== body.voteId) return;
    const tally = await this.tallyOf(vote);
    if (tally.voteId !== body.voteId) return;
    tally.set(body.participantId, body.cardId, body.dots);
    this.scheduleProgress();
    for (const connection of this.board.room.connections) {
      if (connection.participantId === body.participantId) await this.sendMine(connection);
    }
  }

  /**
   * The session changed on another instance (S-SCALE-9): when it started a new vote, this
   * instance's connections get their (empty) dots and the progress, as the starting instance's
   * did; when it cleared one, the cached tally goes.
   */
  async followSession(): Promise<void> {
    const vote = this.vote;
    if ((vote?.id ?? null) === this.followedVoteId) return;
    this.followedVoteId = vote?.id ?? null;
    this.tally = null;
    if (vote?.state !== 'open') return;
    for (const connection of this.board.room.connections) await this.sendMine(connection);
    await this.tallyOf(vote);
    this.sendProgressNow();
  }

  /** After a `hello`: this participant's own dots and the progress, while there is a vote. */
  async greet(connection: BoardConnection): Promise<void> {
    const vote = this.vote;
    if (!vote) return;
    await this.sendMine(connection);
    if (vote.state === 'open') {
      const progress = (await this.tallyOf(vote)).progress(vote.dotsPerPerson);
      connection.sendFrame({ type: 'vote-progress', voteId: vote.id, ...progress });
    }
  }

  /** `my-votes` to one connection: its participant's dots, nobody else's (S-FAC-VOTE-2). */
  private async sendMine(connection: BoardConnection): Promise<void> {
    const vote = this.vote;
    const participantId = connection.participantId;
    if (!vote || participantId === null || !connection.acceptedFrames.has('my-votes')) return;
    const tally = await this.tallyOf(vote);
    connection.sendFrame({
      type: 'my-votes',
      voteId: vote.id,
      dots: tally.dotsOf(participantId),
      remaining: Math.max(0, vote.dotsPerPerson - tally.placedBy(participantId)),
    });
  }

  private scheduleProgress(): void {
    if (this.progressTimer !== undefined) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      this.sendProgressNow();
    }, VOTE_PROGRESS_BATCH_MS);
    this.progressTimer.unref();
  }

  private sendProgressNow(): void {
    const vote = this.vote;
    const tally = this.tally;
    if (!vote || !tally) return;
    void tally.then((loaded) => {
      if (loaded.voteId !== vote.id) return;
      const frame = {
        type: 'vote-progress',
        voteId: vote.id,
        ...loaded.progress(vote.dotsPerPerson),
      } as const;
      for (const connection of this.board.room.connections) connection.sendFrame(frame);
    });
  }

  destroy(): void {
    clearTimeout(this.progressTimer);
    this.progressTimer = undefined;
  }
}
