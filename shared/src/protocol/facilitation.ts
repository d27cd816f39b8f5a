/**
 * Facilitation commands: what a Fire Triangle client asks the server to do to the workshop
 * (timer, locks, stages, dot voting, private rounds, "bring everyone to me"). They travel as
 * `command` frames (`frames.ts`) with a request id; the server answers every one with a `reply`
 * frame carrying the same id — `ok`, or an error code (`COMMAND_ERRORS`) the client shows with
 * `COMMAND_ERROR_MESSAGES` in the board's language.
 *
 * Who may send what (`COMMANDS[name].who`), checked by the server on the connection's role —
 * the role signed into its share token, never what the client claims:
 * - `facilitator`: only a facilitator link; an editor's or viewer's attempt is answered
 *   `facilitator-only` and counted (`fire_triangle_commands_refused_total{reason}`);
 * - `participant`: a facilitator or an editor who said `hello` (it needs their participant id);
 *   a viewer's attempt is answered `read-only`.
 *
 * What a command changes that everyone sees is written by the server into the board's `session`
 * map (`board/session.ts`) and reaches every client as an ordinary Yjs update; a reply only
 * says whether it worked. Shapes and ranges are checked on receipt (`checkCommand`): a command
 * that does not check is a malformed frame (close 4400), not an error reply.
 *
 * Board settings (title, language, focus limit) are not commands: a facilitator writes them in
 * the doc like any edit, and the write policy refuses them from anyone else (S-WRITE-2).
 */
import type { Language } from '../board/lanes.ts';
import { isLane, type Lane } from '../board/lanes.ts';
import { FACILITATION_LIMITS, lanesInOrder, type VoteScope } from '../board/session.ts';
import { LIMITS } from '../limits.ts';
import type { SharedViewport } from './presence.ts';

/**
 * Every command, by name. Durations and times are ms; card ids as stored (`LIMITS.idLength`).
 * @example { name: 'timer-start', durationMs: 300000 }
 * @example { name: 'vote-start', scope: { kind: 'lanes', lanes: ['strategy'] }, dotsPerPerson: 5, maxDotsPerCard: 1, durationMs: null }
 * @example { name: 'set-dots', voteId: 'v_3f9a1c2e4b5d6a7f', cardId: 'c_0123456789abcdef', dots: 2 }
 */
export type FacilitationCommand =
  /** Starts (or restarts) the timer for `durationMs` from now. */
  | { name: 'timer-start'; durationMs: number }
  /** Running → paused. Error `timer-not-running` otherwise. */
  | { name: 'timer-pause' }
  /** Paused → running. Error `timer-not-paused` otherwise. */
  | { name: 'timer-resume' }
  /**
   * Adds `ms` (negative: removes) to a running or paused timer — never below 0 left; on a
   * finished timer it starts again with `ms` from now (`ms` > 0). Error `timer-stopped` on a
   * stopped timer.
   */
  | { name: 'timer-add'; ms: number }
  /** Any state → stopped (the duration is kept for the next start). */
  | { name: 'timer-stop' }
  /** Locks (`locked: true`) or unlocks the lanes listed; other lanes unchanged. */
  | { name: 'lock'; lanes: Lane[]; locked: boolean }
  /** Makes the whole board read-only for editors, or lifts that. Lane locks are kept. */
  | { name: 'lock-board'; locked: boolean }
  /**
   * Stage mode: opens `stage` for writing and locks the three other lanes (`stageLocks`);
   * `null` ends stage mode and unlocks every lane. The board lock is kept.
   */
  | { name: 'stage'; stage: Lane | null }
  /**
   * Starts a vote (replacing any vote there was: its dots are deleted). `durationMs` null: no
   * time limit. `maxDotsPerCard` ≤ `dotsPerPerson`.
   */
  | {
      name: 'vote-start';
      scope: VoteScope;
      dotsPerPerson: number;
      maxDotsPerCard: number;
      durationMs: number | null;
    }
  /** Open → closed (no more dots, still secret). Error `vote-not-open` otherwise. */
  | { name: 'vote-close' }
  /** Open or closed → revealed: the server writes the counts into `session.vote.results`. */
  | { name: 'vote-reveal' }
  /** Removes the vote and its dots. */
  | { name: 'vote-clear' }
  /** Starts a private writing round. Error `private-round-running` if one runs. */
  | { name: 'private-start'; hideAuthors: boolean }
  /**
   * Ends the round: every private card (with its links) is copied into the board in one
   * transaction, private docs are emptied, private connections closed (4410). Reply `result`:
   * `{ cards, links }` published, `{ keptCards, keptLinks }` left in private docs because the
   * board had no room, and then the limit that stopped it as its figure: `cardLimit`,
   * `linkLimit` or `sizeLimitBytes` (S-FAC-PRIV-5). Error `no-private-round`.
   */
  | { name: 'private-end' }
  /** Sends every other connection of the board a `bring-everyone` frame with this view. */
  | { name: 'bring-everyone'; viewport: SharedViewport }
  /**
   * (participant) Sets how many of this participant's dots are on `cardId` in vote `voteId`
   * (absolute, so a resend is harmless). Errors: `no-vote`, `vote-not-open`, `not-in-vote`,
   * `no-dots-left`, `card-full`, `no-participant`, `read-only`.
   */
  | { name: 'set-dots'; voteId: string; cardId: string; dots: number };

export type CommandName = FacilitationCommand['name'];

/** Who may send each command (see the file's docstring). */
export const COMMANDS: Readonly<Record<CommandName, { who: 'facilitator' | 'participant' }>> = {
  'timer-start': { who: 'facilitator' },
  'timer-pause': { who: 'facilitator' },
  'timer-resume': { who: 'facilitator' },
  'timer-add': { who: 'facilitator' },
  'timer-stop': { who: 'facilitator' },
  lock: { who: 'facilitator' },
  'lock-board': { who: 'facilitator' },
  stage: { who: 'facilitator' },
  'vote-start': { who: 'facilitator' },
  'vote-close': { who: 'facilitator' },
  'vote-reveal': { who: 'facilitator' },
  'vote-clear': { who: 'facilitator' },
  'private-start': { who: 'facilitator' },
  'private-end': { who: 'facilitator' },
  'bring-everyone': { who: 'facilitator' },
  'set-dots': { who: 'participant' },
};

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/**
 * Why a command was refused (the `error` of a reply, and the label of
 * `fire_triangle_commands_refused_total{reason}`).
 */
export const COMMAND_ERRORS = [
  'facilitator-only',
  'read-only',
  'no-participant',
  'timer-not-running',
  'timer-not-paused',
  'timer-stopped',
  'no-vote',
  'vote-not-open',
  'not-in-vote',
  'no-dots-left',
  'card-full',
  'no-private-round',
  'private-round-running',
  'unavailable',
] as const;

export type CommandError = (typeof COMMAND_ERRORS)[number];

export function isCommandError(value: unknown): value is CommandError {
  return typeof value === 'string' && (COMMAND_ERRORS as readonly string[]).includes(value);
}

/** What the client shows when a command is refused, in the board's language. */
export const COMMAND_ERROR_MESSAGES: Readonly<
  Record<CommandError, Readonly<Record<Language, string>>>
> = {
  'facilitator-only': {
    en: 'Only a facilitator can do this.',
    fr: 'Seul un animateur peut faire cela.',
  },
  'read-only': {
    en: 'This link lets you look, not take part.',
    fr: 'Ce lien permet de regarder, pas de participer.',
  },
  'no-participant': {
    en: 'This page is not identified yet; reload it and try again.',
    fr: 'Cette page n’est pas encore identifiée ; rechargez-la et réessayez.',
  },
  'timer-not-running': {
    en: 'The timer is not running.',
    fr: 'Le minuteur n’est pas en marche.',
  },
  'timer-not-paused': {
    en: 'The timer is not paused.',
    fr: 'Le minuteur n’est pas en pause.',
  },
  'timer-stopped': {
    en: 'Start the timer first.',
    fr: 'Démarrez d’abord le minuteur.',
  },
  'no-vote': {
    en: 'There is no vote on this board now.',
    fr: 'Il n’y a pas de vote en cours sur ce tableau.',
  },
  'vote-not-open': {
    en: 'The vote is closed: dots can no longer be changed.',
    fr: 'Le vote est clos : les points ne peuvent plus être modifiés.',
  },
  'not-in-vote': {
    en: 'This card is not part of the vote.',
    fr: 'Cette carte ne fait pas partie du vote.',
  },
  'no-dots-left': {
    en: 'You have placed all your dots. Remove one to move it.',
    fr: 'Vous avez placé tous vos points. Retirez-en un pour le déplacer.',
  },
  'card-full': {
    en: 'You cannot put more dots on this card.',
    fr: 'Vous ne pouvez pas mettre plus de points sur cette carte.',
  },
  'no-private-round': {
    en: 'No private writing round is running.',
    fr: 'Aucun tour d’écriture individuelle n’est en cours.',
  },
  'private-round-running': {
    en: 'A private writing round is already running.',
    fr: 'Un tour d’écriture individuelle est déjà en cours.',
  },
  unavailable: {
    en: 'The server could not do this right now; try again.',
    fr: 'Le serveur n’a pas pu le faire pour l’instant ; réessayez.',
  },
};

/** A command that does not check; `detail` says what is wrong (the frame's 4400 reason). */
export class CommandCheckError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'CommandCheckError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CommandCheckError(`"${field}" must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function duration(value: unknown, field: string): number {
  return integer(value, field, FACILITATION_LIMITS.timerMinMs, FACILITATION_LIMITS.timerMaxMs);
}

function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new CommandCheckError(`"${field}" must be true or false`);
  return value;
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > LIMITS.idLength) {
    throw new CommandCheckError(`"${field}" must be an id of 1 to ${LIMITS.idLength} characters`);
  }
  return value;
}

function lanes(value: unknown, field: string): Lane[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isLane)) {
    throw new CommandCheckError(`"${field}" must list lanes (objective, strategy, plan, tactic)`);
  }
  return lanesInOrder(value);
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CommandCheckError(`"${field}" must be a number`);
  }
  return value;
}

function scope(value: unknown): VoteScope {
  if (!isRecord(value)) throw new CommandCheckError('"scope" must be an object');
  if (value.kind === 'lanes') return { kind: 'lanes', lanes: lanes(value.lanes, 'scope.lanes') };
  if (value.kind === 'cards') {
    const max = FACILITATION_LIMITS.voteScopeCardsMax;
    if (!Array.isArray(value.cards) || value.cards.length === 0 || value.cards.length > max) {
      throw new CommandCheckError(`"scope.cards" must list 1 to ${max} card ids`);
    }
    return {
      kind: 'cards',
      cards: [...new Set(value.cards.map((card) => id(card, 'scope.cards')))],
    };
  }
  throw new CommandCheckError('"scope.kind" must be "lanes" or "cards"');
}

/**
 * Checks a command as received (the `command` field of a `command` frame) and returns it with
 * only its own fields. Throws `CommandCheckError` naming the field.
 */
export function checkCommand(value: unknown): FacilitationCommand {
  if (!isRecord(value)) throw new CommandCheckError('"command" must be an object');
  const name = value.name;
  switch (name) {
    case 'timer-start':
      return { name, durationMs: duration(value.durationMs, 'durationMs') };
    case 'timer-pause':
    case 'timer-resume':
    case 'timer-stop':
    case 'vote-close':
    case 'vote-reveal':
    case 'vote-clear':
    case 'private-end':
      return { name };
    case 'timer-add': {
      const max = FACILITATION_LIMITS.timerMaxMs;
      const ms = integer(value.ms, 'ms', -max, max);
      if (ms === 0) throw new CommandCheckError('"ms" must not be 0');
      return { name, ms };
    }
    case 'lock':
      return { name, lanes: lanes(value.lanes, 'lanes'), locked: flag(value.locked, 'locked') };
    case 'lock-board':
      return { name, locked: flag(value.locked, 'locked') };
    case 'stage':
      if (value.stage !== null && !isLane(value.stage)) {
        throw new CommandCheckError('"stage" must be a lane or null');
      }
      return { name, stage: value.stage };
    case 'vote-start': {
      const dotsPerPerson = integer(
        value.dotsPerPerson,
        'dotsPerPerson',
        1,
        FACILITATION_LIMITS.dotsPerPersonMax,
      );
      return {
        name,
        scope: scope(value.scope),
        dotsPerPerson,
        maxDotsPerCard: integer(value.maxDotsPerCard, 'maxDotsPerCard', 1, dotsPerPerson),
        durationMs: value.durationMs === null ? null : duration(value.durationMs, 'durationMs'),
      };
    }
    case 'private-start':
      return { name, hideAuthors: flag(value.hideAuthors, 'hideAuthors') };
    case 'bring-everyone': {
      const viewport = value.viewport;
      if (!isRecord(viewport) || !isRecord(viewport.centre)) {
        throw new CommandCheckError('"viewport" must be { centre: { x, y }, zoom }');
      }
      const zoom = finite(viewport.zoom, 'viewport.zoom');
      if (zoom <= 0 || zoom > 100)
        throw new CommandCheckError('"viewport.zoom" must be in (0, 100]');
      return {
        name,
        viewport: {
          centre: {
            x: finite(viewport.centre.x, 'viewport.centre.x'),
            y: finite(viewport.centre.y, 'viewport.centre.y'),
          },
          zoom,
        },
      };
    }
    case 'set-dots':
      return {
        name,
        voteId: id(value.voteId, 'voteId'),
        cardId: id(value.cardId, 'cardId'),
        dots: integer(value.dots, 'dots', 0, FACILITATION_LIMITS.dotsPerPersonMax),
      };
    default:
      throw new CommandCheckError(`unknown command ${String(name)}`);
  }
}

/**
 * The client's estimate of the server clock: `serverNow = Date.now() + offset`, from a frame the
 * server stamped with its time (`welcome`, `reply`: `serverTime`) that answered a frame the
 * client sent at `sentAt` and received at `receivedAt` (all epoch ms). Assumes the way there
 * and back took equally long, so the error is at most half the round trip; keep the estimate
 * from the shortest round trip seen (`roundTripMs`).
 */
export function estimateClockOffset(
  sentAt: number,
  serverTime: number,
  receivedAt: number,
): { offsetMs: number; roundTripMs: number } {
  return { offsetMs: serverTime - (sentAt + receivedAt) / 2, roundTripMs: receivedAt - sentAt };
}
