/**
 * The facilitation state of a board — what everyone on the board may see of the workshop being
 * run: the timer, the locks, the current stage, the vote's configuration (and, after the reveal
 * only, its results), the private writing round. It lives in the board's doc, in the top-level
 * map `session` (`sessionMap`, `doc.ts`), so it persists, syncs to every participant, survives a
 * reload and a restart, and crosses server instances like any other part of the board.
 *
 * Only the server writes it (docs/server-spec.md S-FAC-1): facilitators change it with commands
 * (`protocol/facilitation.ts`), the server applies them in the room's queue as server-origin
 * transactions, and the write policy refuses any client transaction touching `session`
 * (reason `server-only`, every role, the facilitator's included).
 *
 * Layout — one plain JSON value per key, always replaced whole (no nested Yjs types):
 *
 *   session.timer         TimerState          absent = stopped
 *   session.locks         LockState           absent = nothing locked
 *   session.stage         Lane                absent = no stage
 *   session.vote          VoteState           absent = no vote
 *   session.privateRound  PrivateRoundState   absent = no round running
 *
 * Times are milliseconds since the epoch **on the server's clock** (`endsAt`, `startedAt`);
 * durations are milliseconds. A client converts with its clock offset
 * (`estimateClockOffset` in `protocol/facilitation.ts`): `serverNow = Date.now() + offset`.
 *
 * Readers (`readSession`, `timerPhase`, `timerRemainingMs`, `isLaneLocked`, `isCardInVote`) are
 * for the client, the server and the report alike; they read defensively (a missing or
 * mistyped key reads as its default). `writeSession` is the server's.
 */
import type * as Y from 'yjs';
import { sessionMap } from './doc.ts';
import { isLane, LANES, type Lane } from './lanes.ts';

/** The keys of `session` (`sessionMap`). */
export const SESSION_KEYS = {
  timer: 'timer',
  locks: 'locks',
  stage: 'stage',
  vote: 'vote',
  privateRound: 'privateRound',
} as const;

export type SessionKey = (typeof SESSION_KEYS)[keyof typeof SESSION_KEYS];

/** Bounds of the facilitation tools (the command checks and the UI use the same numbers). */
export const FACILITATION_LIMITS = {
  /** Shortest timer or vote time limit, ms. */
  timerMinMs: 1_000,
  /** Longest timer or vote time limit, ms (a workshop day). */
  timerMaxMs: 24 * 60 * 60 * 1000,
  /** Most dots one participant may place in one vote. */
  dotsPerPersonMax: 50,
  /** Most cards a vote's scope may list by id (lanes are the way to vote on more). */
  voteScopeCardsMax: 300,
} as const;

/**
 * The timer, on the server's clock.
 * - `stopped`: nothing running; `durationMs` is the last duration set (0 when never set).
 * - `running`: counting down; ends at `endsAt` (server epoch ms). Past `endsAt` it reads as
 *   `finished` whatever is stored (`timerPhase`): the server writes `finished` when it passes,
 *   but nobody has to wait for that write.
 * - `paused`: `remainingMs` left when it was paused.
 * - `finished`: reached zero at `endsAt`.
 * @example { state: 'running', durationMs: 300000, endsAt: 1790000300000, remainingMs: null }
 */
export interface TimerState {
  state: 'stopped' | 'running' | 'paused' | 'finished';
  /** The duration the timer was (last) started with, ms. */
  durationMs: number;
  /** When it ends (running) or ended (finished), server epoch ms; null otherwise. */
  endsAt: number | null;
  /** What was left when paused, ms; null otherwise. */
  remainingMs: number | null;
}

export type TimerPhase = TimerState['state'];

/**
 * What editors may not change. `board`: the whole board is read-only for editors; `lanes`: the
 * locked lanes (in `LANES` order, no duplicates). Facilitators are never locked out.
 * @example { board: false, lanes: ['objective'] }
 */
export interface LockState {
  board: boolean;
  lanes: Lane[];
}

/** Which cards a vote is about: every card of some lanes, or a list of card ids. */
export type VoteScope = { kind: 'lanes'; lanes: Lane[] } | { kind: 'cards'; cards: string[] };

/** One card's count after the reveal. */
export interface VoteResult {
  cardId: string;
  dots: number;
}

/**
 * A dot vote. Before the reveal only the configuration is here: each participant's dots are kept
 * by the server alone (its `VoteStore`) and sent to nobody but their owner (S-FAC-VOTE-*).
 * - `open`: participants place and remove dots (until `endsAt` when there is a time limit);
 * - `closed`: no more changes (the time limit passed, or the facilitator closed it), still
 *   secret;
 * - `revealed`: `results` holds every card that got at least one dot, sorted by dots (most
 *   first) then card id; `voters` how many participants placed at least one dot.
 * @example { id: 'v_3f9a1c2e4b5d6a7f', state: 'open', scope: { kind: 'lanes', lanes: ['strategy'] },
 *   dotsPerPerson: 5, maxDotsPerCard: 1, startedAt: 1790000000000, endsAt: null, results: null, voters: null }
 */
export interface VoteState {
  id: string;
  state: 'open' | 'closed' | 'revealed';
  scope: VoteScope;
  /** Dots each participant may place, 1..`FACILITATION_LIMITS.dotsPerPersonMax`. */
  dotsPerPerson: number;
  /** Dots one participant may put on one card: 1 ("one per card") up to `dotsPerPerson`. */
  maxDotsPerCard: number;
  /** Server epoch ms. */
  startedAt: number;
  /** Server epoch ms when placing stops by itself; null without a time limit. */
  endsAt: number | null;
  /** Only once revealed; null before. */
  results: VoteResult[] | null;
  /** Only once revealed; null before. */
  voters: number | null;
}

/**
 * A private ("silent") writing round: while it runs, each participant's new cards live in a doc
 * of their own that only they receive (`/ws/<boardId>?token=…&private=<participant token>`,
 * `protocol/participant.ts`); ending it copies every private card into the board at once.
 * @example { id: 'r_0c4e…', startedAt: 1790000000000, hideAuthors: true }
 */
export interface PrivateRoundState {
  id: string;
  /** Server epoch ms. */
  startedAt: number;
  /** Published cards get an empty `author`. */
  hideAuthors: boolean;
}

/** The whole facilitation state as plain data (defaults for what is absent). */
export interface SessionState {
  timer: TimerState;
  locks: LockState;
  /** The lane open for writing in stage mode (the others locked), or null. */
  stage: Lane | null;
  vote: VoteState | null;
  privateRound: PrivateRoundState | null;
}

export const STOPPED_TIMER: TimerState = Object.freeze({
  state: 'stopped',
  durationMs: 0,
  endsAt: null,
  remainingMs: null,
}) as TimerState;

export const NO_LOCKS: LockState = Object.freeze({ board: false, lanes: [] }) as LockState;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const timeOrNull = (value: unknown): number | null => (isTime(value) ? value : null);
const TIMER_PHASES: readonly string[] = ['stopped', 'running', 'paused', 'finished'];
const VOTE_PHASES: readonly string[] = ['open', 'closed', 'revealed'];

/** Lanes in `LANES` order, without duplicates or non-lanes. */
export function lanesInOrder(values: readonly unknown[]): Lane[] {
  return LANES.filter((lane) => values.includes(lane));
}

export function readTimer(value: unknown): TimerState {
  if (!isRecord(value) || !TIMER_PHASES.includes(value.state as string)) return STOPPED_TIMER;
  return {
    state: value.state as TimerPhase,
    durationMs: isTime(value.durationMs) ? value.durationMs : 0,
    endsAt: timeOrNull(value.endsAt),
    remainingMs: timeOrNull(value.remainingMs),
  };
}

export function readLocks(value: unknown): LockState {
  if (!isRecord(value)) return NO_LOCKS;
  return {
    board: value.board === true,
    lanes: Array.isArray(value.lanes) ? lanesInOrder(value.lanes) : [],
  };
}

function readScope(value: unknown): VoteScope | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'lanes' && Array.isArray(value.lanes)) {
    return { kind: 'lanes', lanes: lanesInOrder(value.lanes) };
  }
  if (value.kind === 'cards' && Array.isArray(value.cards)) {
    return {
      kind: 'cards',
      cards: value.cards.filter((id): id is string => typeof id === 'string'),
    };
  }
  return null;
}

export function readVote(value: unknown): VoteState | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  if (!VOTE_PHASES.includes(value.state as string)) return null;
  const scope = readScope(value.scope);
  if (!scope) return null;
  const results = Array.isArray(value.results)
    ? value.results.flatMap((entry) =>
        isRecord(entry) && typeof entry.cardId === 'string' && isTime(entry.dots)
          ? [{ cardId: entry.cardId, dots: entry.dots }]
          : [],
      )
    : null;
  return {
    id: value.id,
    state: value.state as VoteState['state'],
    scope,
    dotsPerPerson: isTime(value.dotsPerPerson) ? value.dotsPerPerson : 0,
    maxDotsPerCard: isTime(value.maxDotsPerCard) ? value.maxDotsPerCard : 1,
    startedAt: isTime(value.startedAt) ? value.startedAt : 0,
    endsAt: timeOrNull(value.endsAt),
    results,
    voters: timeOrNull(value.voters),
  };
}

export function readPrivateRound(value: unknown): PrivateRoundState | null {
  if (!isRecord(value) || typeof value.id !== 'string') return null;
  return {
    id: value.id,
    startedAt: isTime(value.startedAt) ? value.startedAt : 0,
    hideAuthors: value.hideAuthors === true,
  };
}

/** The board's facilitation state as plain data; absent keys read as their defaults. */
export function readSession(doc: Y.Doc): SessionState {
  const session = sessionMap(doc);
  const stage = session.get(SESSION_KEYS.stage);
  return {
    timer: readTimer(session.get(SESSION_KEYS.timer)),
    locks: readLocks(session.get(SESSION_KEYS.locks)),
    stage: isLane(stage) ? stage : null,
    vote: readVote(session.get(SESSION_KEYS.vote)),
    privateRound: readPrivateRound(session.get(SESSION_KEYS.privateRound)),
  };
}

/**
 * Writes facilitation state (the server only: any client's write is refused). Each given key is
 * replaced whole; `null` deletes it (its default applies). One transaction tagged `origin`.
 */
export function writeSession(
  doc: Y.Doc,
  patch: {
    timer?: TimerState | null;
    locks?: LockState | null;
    stage?: Lane | null;
    vote?: VoteState | null;
    privateRound?: PrivateRoundState | null;
  },
  origin: unknown = null,
): void {
  const session = sessionMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) {
        if (session.has(key)) session.delete(key);
      } else {
        session.set(key, value);
      }
    }
  }, origin);
}

/** The timer's phase at `serverNow` (server epoch ms): a running timer past `endsAt` is finished. */
export function timerPhase(timer: TimerState, serverNow: number): TimerPhase {
  if (timer.state === 'running' && timer.endsAt !== null && serverNow >= timer.endsAt) {
    return 'finished';
  }
  return timer.state;
}

/**
 * Milliseconds left at `serverNow` (server epoch ms): running → until `endsAt` (never below 0),
 * paused → `remainingMs`, finished → 0, stopped → its `durationMs` (what a start would count).
 */
export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  switch (timer.state) {
    case 'running':
      return Math.max(0, (timer.endsAt ?? serverNow) - serverNow);
    case 'paused':
      return timer.remainingMs ?? 0;
    case 'finished':
      return 0;
    case 'stopped':
      return timer.durationMs;
  }
}

/** Whether editors may not change cards of `lane` (facilitators always may). */
export function isLaneLocked(locks: LockState, lane: Lane): boolean {
  return locks.board || locks.lanes.includes(lane);
}

/** Whether anything at all is locked (the write policy's fast path). */
export function anyLock(locks: LockState): boolean {
  return locks.board || locks.lanes.length > 0;
}

/** The locks a stage sets: every lane but `stage` (none when `stage` is null); `board` kept. */
export function stageLocks(stage: Lane | null, locks: LockState): LockState {
  return { board: locks.board, lanes: stage ? LANES.filter((lane) => lane !== stage) : [] };
}

/** Whether a card (as it is now) may get dots in `vote`. */
export function isCardInVote(vote: VoteState, card: { id: string; lane: Lane }): boolean {
  return vote.scope.kind === 'lanes'
    ? vote.scope.lanes.includes(card.lane)
    : vote.scope.cards.includes(card.id);
}

/**
 * Whether dots may be placed at `serverNow`: the vote is open and its time limit (if any) has
 * not passed — the server checks the clock, not only the stored state.
 */
export function isVoteOpen(vote: VoteState | null, serverNow: number): vote is VoteState {
  return (
    vote !== null && vote.state === 'open' && (vote.endsAt === null || serverNow < vote.endsAt)
  );
}

/** Results sorted as `VoteState.results` promises: most dots first, then card id. */
export function sortVoteResults(counts: Iterable<[string, number]>): VoteResult[] {
  const results: VoteResult[] = [];
  for (const [cardId, dots] of counts) if (dots > 0) results.push({ cardId, dots });
  return results.sort((a, b) =>
    b.dots !== a.dots ? b.dots - a.dots : a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0,
  );
}
