import { describe, expect, it } from 'vitest';
import {
  boardIdFromPath,
  boardIdFromWebsocketPath,
  boardPath,
  shareLink,
  websocketBase,
} from './board-address.ts';

describe('board addresses', () => {
  it('[S-REST-1] a share link is origin + /b/<id> + ?token=, id and token URL-encoded', () => {
    expect(shareLink('http://192.168.1.20:4321/', 'q3-plan', 'eyJ.abc')).toBe(
      'http://192.168.1.20:4321/b/q3-plan?token=eyJ.abc',
    );
    expect(shareLink('https://ft.example', 'a b', 't+/=')).toBe(
      'https://ft.example/b/a%20b?token=t%2B%2F%3D',
    );
  });

  it('[S-PROTO-1] page and websocket paths parse back to the board id they were built from', () => {
    for (const id of ['q3-plan', 'A_b-9', 'a b']) {
      expect(boardIdFromPath(boardPath(id))).toBe(id);
      expect(boardIdFromPath(`${boardPath(id)}/`)).toBe(id);
    }
    expect(boardIdFromPath('/')).toBeNull();
    expect(boardIdFromPath('/b/x/y')).toBeNull();
    expect(boardIdFromPath('/b/%E0%A4%A')).toBeNull();
    expect(websocketBase('https://ft.example/')).toBe('wss://ft.example/ws');
    expect(websocketBase('http://127.0.0.1:4321')).toBe('ws://127.0.0.1:4321/ws');
    expect(boardIdFromWebsocketPath('/ws/q3-plan')).toBe('q3-plan');
    expect(boardIdFromWebsocketPath('/elsewhere/q3-plan')).toBeNull();
  });
});
