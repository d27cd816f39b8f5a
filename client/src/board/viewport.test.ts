import { applyTemplate, CARD_SIZE, readBoard, TEMPLATES, TRIANGLE } from '@fire-triangle/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  DETAIL_LEVELS,
  detailLevel,
  openingViewport,
  READABLE_TEXT_PX,
  READABLE_ZOOM,
  toScreen,
  triangleViewport,
} from './viewport.ts';

const SCREENS = {
  laptop: { width: 1120, height: 790 },
  small: { width: 1280, height: 640 },
  tablet: { width: 1024, height: 690 },
  phone: { width: 390, height: 700 },
};

function templateCards(id: string) {
  const doc = new Y.Doc();
  applyTemplate(doc, id);
  return readBoard(doc).cards.map((card) => card.position);
}

describe('viewport', () => {
  it('[view/detail] a title is drawn at 12 screen px or more at every zoom from the readable zoom up', () => {
    for (let zoom = READABLE_ZOOM; zoom <= 2.5; zoom += 0.01) {
      expect(detailLevel(zoom).titleSize * zoom, `zoom ${zoom}`).toBeGreaterThanOrEqual(
        READABLE_TEXT_PX - 1e-9,
      );
    }
    expect(detailLevel(1).level).toBe('near');
    expect(detailLevel(0.6).level).toBe('mid');
    expect(detailLevel(0.3).level).toBe('far');
    // Levels are ordered, each from its own zoom up.
    const zooms = DETAIL_LEVELS.map((spec) => spec.minZoom);
    expect([...zooms].sort((a, b) => b - a)).toEqual(zooms);
  });

  it('[view/opening] every template opens on its cards at a readable zoom, every card in view on a laptop', () => {
    for (const template of TEMPLATES) {
      const positions = templateCards(template.id);
      const view = openingViewport(positions, SCREENS.laptop);
      expect(view.zoom, template.id).toBeGreaterThanOrEqual(READABLE_ZOOM);
      expect(view.zoom, template.id).toBeLessThanOrEqual(1);
      for (const position of positions) {
        const topLeft = toScreen(position, view);
        const bottomRight = toScreen(
          { x: position.x + CARD_SIZE.width, y: position.y + CARD_SIZE.height },
          view,
        );
        expect(topLeft.x, template.id).toBeGreaterThanOrEqual(0);
        expect(topLeft.y, template.id).toBeGreaterThanOrEqual(0);
        expect(bottomRight.x, template.id).toBeLessThanOrEqual(SCREENS.laptop.width);
        expect(bottomRight.y, template.id).toBeLessThanOrEqual(SCREENS.laptop.height);
      }
    }
  });

  it('[view/opening] cards that do not fit at a readable zoom open at that zoom with the apex in view', () => {
    const positions = templateCards(TEMPLATES[0]!.id);
    for (const screen of [SCREENS.phone, SCREENS.small]) {
      const view = openingViewport(positions, screen);
      expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
      const top = Math.min(...positions.map((position) => position.y));
      const apex = toScreen({ x: TRIANGLE.width / 2, y: top }, view);
      expect(apex.y).toBeGreaterThanOrEqual(0);
      expect(apex.y).toBeLessThan(screen.height / 2);
      expect(apex.x).toBeGreaterThan(0);
      expect(apex.x).toBeLessThan(screen.width);
    }
  });

  it('[view/opening] an empty board shows the whole triangle; a lone card is not blown up past zoom 1', () => {
    expect(openingViewport([], SCREENS.laptop)).toEqual(triangleViewport(SCREENS.laptop));
    const corner = toScreen(
      { x: TRIANGLE.width, y: TRIANGLE.height },
      triangleViewport(SCREENS.laptop),
    );
    expect(corner.x).toBeLessThanOrEqual(SCREENS.laptop.width);
    expect(corner.y).toBeLessThanOrEqual(SCREENS.laptop.height);
    expect(openingViewport([{ x: 1500, y: 1700 }], SCREENS.laptop).zoom).toBe(1);
  });
});
