import { boardIdFromPath } from '../api/boards.ts';
import { BoardPage } from './BoardPage.tsx';
import { HomePage } from './HomePage.tsx';

/** Two routes: `/` (home) and `/b/:id?token=…` (a board). The server serves this page for both. */
export function App() {
  const boardId = boardIdFromPath(location.pathname);
  if (boardId) {
    const token = new URLSearchParams(location.search).get('token');
    return <BoardPage boardId={boardId} token={token} />;
  }
  return <HomePage />;
}
