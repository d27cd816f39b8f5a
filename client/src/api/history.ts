/**
 * The version history's REST calls (docs/server-spec.md S-HIST-9). Bodies are the shared
 * contract (`shared/src/protocol/history.ts`); failures are `ApiError`s carrying the server's
 * message for people (a 403 says only a facilitator may restore, a 422 that a version is
 * damaged).
 */
import type {
  CardActivityResponse,
  RestoreCardRequest,
  RestoreResponse,
  RestoreVersionRequest,
  VersionListResponse,
  VersionResponse,
  VersionSummary,
} from '@fire-triangle/shared';
import { request } from './boards.ts';

/** The history of one board, through one share link's token. */
export interface HistoryApi {
  list(): Promise<VersionListResponse>;
  open(versionId: number): Promise<VersionResponse>;
  /** A named version of the board now (facilitator). */
  name(name: string): Promise<VersionSummary>;
  /** Names a version, or removes its name with '' (facilitator). */
  rename(versionId: number, name: string): Promise<VersionSummary>;
  restore(versionId: number, body: RestoreVersionRequest): Promise<RestoreResponse>;
  restoreCard(versionId: number, body: RestoreCardRequest): Promise<RestoreResponse>;
  activity(cardId: string, limit?: number): Promise<CardActivityResponse>;
}

export function historyApi(boardId: string, token: string): HistoryApi {
  const base = `/api/boards/${encodeURIComponent(boardId)}`;
  const headers = { authorization: `Bearer ${token}` };
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    list: () => request(`${base}/versions`, { headers }),
    open: (versionId) => request(`${base}/versions/${versionId}`, { headers }),
    name: (name) => request(`${base}/versions`, json('POST', { name })),
    rename: (versionId, name) => request(`${base}/versions/${versionId}`, json('PATCH', { name })),
    restore: (versionId, body) =>
      request(`${base}/versions/${versionId}/restore`, json('POST', body)),
    restoreCard: (versionId, body) =>
      request(`${base}/versions/${versionId}/restore-card`, json('POST', body)),
    activity: (cardId, limit = 50) =>
      request(`${base}/cards/${encodeURIComponent(cardId)}/activity?limit=${limit}`, { headers }),
  };
}
