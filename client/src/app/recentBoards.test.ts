import { describe, expect, it } from 'vitest';
import {
  forgetBoard,
  MAX_RECENT_BOARDS,
  RECENT_BOARDS_KEY,
  recentBoards,
  rememberBoard,
} from './recentBoards.ts';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

const board = (id: string, role: 'editor' | 'viewer' = 'editor') => ({
  id,
  title: `Board ${id}`,
  link: `/b/${id}?token=t-${id}-${role}`,
  role,
});

describe('recent boards', () => {
  it('[recent/order] newest first, one entry per board, the latest link kept', () => {
    const storage = memoryStorage();
    rememberBoard(board('a'), 1, storage);
    rememberBoard(board('b'), 2, storage);
    rememberBoard(board('a', 'viewer'), 3, storage);
    const list = recentBoards(storage);
    expect(list.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(list[0]).toMatchObject({ role: 'viewer', openedAt: 3, link: '/b/a?token=t-a-viewer' });
  });

  it('[recent/bounded] at most twelve boards; forgetting one removes it', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 20; i++) rememberBoard(board(`b${i}`), i, storage);
    expect(recentBoards(storage)).toHaveLength(MAX_RECENT_BOARDS);
    expect(recentBoards(storage)[0]!.id).toBe('b19');
    forgetBoard('b19', storage);
    expect(recentBoards(storage)[0]!.id).toBe('b18');
  });

  it('[recent/damaged] damaged storage reads as an empty list or skips the bad entries', () => {
    const storage = memoryStorage();
    storage.setItem(RECENT_BOARDS_KEY, '{not json');
    expect(recentBoards(storage)).toEqual([]);
    storage.setItem(
      RECENT_BOARDS_KEY,
      JSON.stringify([
        { id: 1 },
        { ...board('ok'), openedAt: 1 },
        { ...board('x'), link: 'http://evil/', openedAt: 2 },
      ]),
    );
    expect(recentBoards(storage).map((entry) => entry.id)).toEqual(['ok']);
  });
});
