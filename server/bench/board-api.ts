/**
 * The board operations the benchmarks use, in one place so every file imports them the same way.
 */
export { cardsMap, linksMap } from '../../shared/src/board/doc.ts';
export { LANE_LEVEL, LANES, type Lane } from '../../shared/src/board/lanes.ts';
export { addCard, initBoard, moveCard } from '../../shared/src/board/operations.ts';
