/**
 * The REST calls the client makes. The request and response bodies are the shared contract
 * (`shared/src/protocol/api.ts`), the same types the server sends. Every failure becomes an
 * `ApiError` whose message is the server's human-readable `error`, so the UI can show it as is.
 */
import type {
  BoardInfo,
  CreateBoardRequest,
  CreatedBoard,
  TemplateSummary,
} from '@fire-triangle/shared';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** True when the request never reached the server (offline, server down). */
    readonly network = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(error instanceof Error ? error.message : String(error), 0, true);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
        ? body.error
        : `${response.status} ${response.statusText || 'error'}`;
    throw new ApiError(message, response.status);
  }
  return body as T;
}

export function fetchBoardInfo(boardId: string, token: string): Promise<BoardInfo> {
  return request<BoardInfo>(
    `/api/boards/${encodeURIComponent(boardId)}?token=${encodeURIComponent(token)}`,
  );
}

export function createBoard(input: CreateBoardRequest): Promise<CreatedBoard> {
  return request<CreatedBoard>('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

export function listTemplates(): Promise<TemplateSummary[]> {
  return request<TemplateSummary[]>('/api/templates');
}

/** Parses `/b/<id>` (the board route). Returns null for any other path. */
export function boardIdFromPath(pathname: string): string | null {
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}
