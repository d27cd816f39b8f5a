/**
 * Dots in PostgreSQL (`FT_STORE=postgres`; table `vote_dots` of store layout 2,
 * `storage/postgres-store.ts`), through the board store's pool: every instance serving a board
 * reads and writes the same ballots (S-SCALE-9), and a dot is committed — WAL flushed — when
 * `setDots` resolves, as a stored update is. Closing this store leaves the pool to the board
 * store, which closes it.
 */
import type { PostgresBoardStore } from '../storage/postgres-store.ts';
import { ballotsOf, type VoteBallots, type VoteStore } from './vote-store.ts';

export class PostgresVoteStore implements VoteStore {
  readonly kind = 'postgres';
  private readonly table: string;
  private closed = false;

  constructor(private readonly store: PostgresBoardStore) {
    this.table = `"${store.schema}".vote_dots`;
  }

  private get pool() {
    if (this.closed) throw new Error('the vote store is closed');
    return this.store.pool;
  }

  async loadVote(boardId: string, voteId: string): Promise<VoteBallots> {
    const { rows } = await this.pool.query<{
      participant_id: string;
      card_id: string;
      dots: number;
    }>(
      `SELECT participant_id, card_id, dots FROM ${this.table} WHERE board_id = $1 AND vote_id = $2`,
      [boardId, voteId],
    );
    return ballotsOf(rows);
  }

  async setDots(
    boardId: string,
    voteId: string,
    participantId: string,
    cardId: string,
    dots: number,
  ): Promise<void> {
    if (dots > 0) {
      await this.pool.query(
        `INSERT INTO ${this.table} (board_id, vote_id, participant_id, card_id, dots) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (board_id, vote_id, participant_id, card_id) DO UPDATE SET dots = excluded.dots`,
        [boardId, voteId, participantId, cardId, dots],
      );
    } else {
      await this.pool.query(
        `DELETE FROM ${this.table} WHERE board_id = $1 AND vote_id = $2 AND participant_id = $3 AND card_id = $4`,
        [boardId, voteId, participantId, cardId],
      );
    }
  }

  async deleteVote(boardId: string, voteId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE board_id = $1 AND vote_id = $2`, [
      boardId,
      voteId,
    ]);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
