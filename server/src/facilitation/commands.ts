/**
 * Every facilitation command's effect, as a table (commands as data): name → what it does on a
 * board. Who may send it is `COMMANDS[name].who` (shared), checked before anything here runs
 * (`board-facilitation.ts`). A handler returns the reply's outcome; what everyone sees changes
 * through the board's `session` map (server-origin transactions in the room's queue).
 */
import {
  anyLock,
  type CommandError,
  type CommandName,
  type FacilitationCommand,
  LIMITS,
  lanesInOrder,
  readSession,
  stageLocks,
  writeSession,
} from '@fire-triangle/shared';
import type { BoardConnection } from '../rooms/board-connection.ts';
import type { BoardFacilitation } from './board-facilitation.ts';
import { applyTimerCommand, type TimerCommand } from './timer.ts';

/** What a command's reply says. */
export type Outcome =
  | { ok: true; result?: Record<string, number> }
  | { ok: false; error: CommandError };

export const OK: Outcome = { ok: true };

export const refused = (error: CommandError): Outcome => ({ ok: false, error });

type Handler<Name extends CommandName> = (
  board: BoardFacilitation,
  command: Extract<FacilitationCommand, { name: Name }>,
  connection: BoardConnection,
) => Promise<Outcome>;

/** The five timer commands share one handler (`applyTimerCommand`). */
function timer<Name extends TimerCommand['name']>(): Handler<Name> {
  return (board, command) =>
    board.changeSession((doc, now) => {
      const next = applyTimerCommand(readSession(doc).timer, command as TimerCommand, now);
      if (typeof next === 'string') return refused(next);
      writeSession(doc, { timer: next });
      return OK;
    });
}

export const COMMAND_HANDLERS: { readonly [Name in CommandName]: Handler<Name> } = {
  'timer-start': timer(),
  'timer-pause': timer(),
  'timer-resume': timer(),
  'timer-add': timer(),
  'timer-stop': timer(),

  lock: (board, { lanes, locked }) =>
    board.changeSession((doc) => {
      const locks = readSession(doc).locks;
      const next = locked
        ? lanesInOrder([...locks.lanes, ...lanes])
        : locks.lanes.filter((lane) => !lanes.includes(lane));
      writeSession(doc, { locks: { board: locks.board, lanes: next } });
      return OK;
    }),

  'lock-board': (board, { locked }) =>
    board.changeSession((doc) => {
      writeSession(doc, { locks: { ...readSession(doc).locks, board: locked } });
      return OK;
    }),

  stage: (board, { stage }) =>
    board.changeSession((doc) => {
      const locks = stageLocks(stage, readSession(doc).locks);
      writeSession(doc, { stage, locks: anyLock(locks) ? locks : null });
      return OK;
    }),

  'vote-start': (board, command) => board.votes.start(command),
  'vote-close': (board) => board.votes.close(),
  'vote-reveal': (board) => board.votes.reveal(),
  'vote-clear': (board) => board.votes.clear(),
  'set-dots': (board, command, connection) => board.votes.setDots(connection, command),

  'private-start': (board, { hideAuthors }) =>
    board.changeSession((doc, now) => {
      if (readSession(doc).privateRound) return refused('private-round-running');
      writeSession(doc, { privateRound: { id: board.newId('r'), startedAt: now, hideAuthors } });
      return OK;
    }),

  'private-end': async (board) => {
    // Commands run one at a time per board, so the round read here is the one ended.
    const round = board.room.session.privateRound;
    if (!round) return refused('no-private-round');
    const counts = await board.privateRounds.end(board.room, round.hideAuthors);
    const { cards, links, keptCards, keptLinks, limit } = counts;
    const result: Record<string, number> = { cards, links, keptCards, keptLinks };
    // Only numbers travel in a reply: the limit that kept cards private is given by its figure.
    if (limit === 'cards') result.cardLimit = LIMITS.cards;
    if (limit === 'links') result.linkLimit = LIMITS.links;
    if (limit === 'bytes') result.sizeLimitBytes = board.room.maxBytes;
    return { ok: true, result };
  },

  'bring-everyone': async (board, { viewport }, connection) => {
    const from = { name: board.presenceName(connection) };
    // Everyone else on the board, on every instance (S-SCALE-9).
    board.room.broadcastFrame({ type: 'bring-everyone', viewport, from }, connection);
    return OK;
  },
};
