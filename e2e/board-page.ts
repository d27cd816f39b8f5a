/**
 * Drives one person's board page through stable class names (`.ft-card`, `.ft-link--broken`,
 * `.ft-findings`, `.ft-connection-state`, `data-card-id`) — never through layout details.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type Lane = 'objective' | 'strategy' | 'plan' | 'tactic';

/** The middle of each lane band in board coordinates (the triangle is 3200 × 2000, apex up). */
export const LANE_CENTRE_Y: Record<Lane, number> = {
  objective: 400,
  strategy: 750,
  plan: 1250,
  tactic: 1750,
};

export class BoardPage {
  constructor(readonly page: Page) {}

  get cards(): Locator {
    return this.page.locator('.ft-card');
  }

  card(id: string): Locator {
    return this.page.locator(`.ft-card[data-card-id="${id}"]`);
  }

  cardByTitle(title: string): Locator {
    return this.page.locator('.ft-card', {
      has: this.page.locator('.ft-card__title', { hasText: title }),
    });
  }

  get brokenLinks(): Locator {
    return this.page.locator('.ft-link--broken');
  }

  get links(): Locator {
    return this.page.locator('.ft-link');
  }

  findings(rule?: string): Locator {
    return this.page.locator(
      rule ? `.ft-findings .ft-finding[data-rule="${rule}"]` : '.ft-findings .ft-finding',
    );
  }

  get connectionState(): Locator {
    return this.page.locator('.ft-connection-state');
  }

  async waitConnected(): Promise<void> {
    await expect(this.connectionState).toHaveAttribute('data-state', 'connected', {
      timeout: 15_000,
    });
  }

  /** The inspector (the open card's editor beside the canvas). */
  get inspector(): Locator {
    return this.page.locator('.ft-inspector');
  }

  /** Adds a card with the toolbar in `lane`, types its title, closes the editor; returns its id. */
  async addCard(lane: Lane, title: string): Promise<string> {
    await this.page.locator(`.ft-new-card--${lane}`).click();
    await expect(this.inspector).toHaveCount(1);
    const id = await this.inspector.getAttribute('data-card-id');
    await expect(this.card(id!)).toHaveClass(/ft-card--editing/);
    await this.page.locator('.ft-card-editor__title input').fill(title);
    await this.page.keyboard.press('Escape');
    await expect(this.page.locator('.ft-card-editor')).toHaveCount(0);
    await expect(this.card(id!).locator('.ft-card__title')).toHaveText(title);
    return id!;
  }

  /** Screen coordinates of a board point, from the viewport's current pan and zoom. */
  async screenPoint(point: { x: number; y: number }): Promise<{ x: number; y: number }> {
    return this.page.evaluate(({ x, y }) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
      const container = document.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
      const matrix = new DOMMatrix(getComputedStyle(viewport).transform);
      return {
        x: container.left + matrix.e + x * matrix.a,
        y: container.top + matrix.f + y * matrix.d,
      };
    }, point);
  }

  /**
   * Makes sure a card is on screen (the board opens on its cards at a readable zoom, so a card
   * elsewhere may be outside the view): if it is not, fits the whole triangle first.
   */
  async ensureVisible(id: string): Promise<void> {
    const box = await this.page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    const pane = (await this.page.locator('.react-flow').boundingBox())!;
    const inside =
      box !== null &&
      box.x >= pane.x &&
      box.y >= pane.y &&
      box.x + box.width <= pane.x + pane.width &&
      box.y + box.height <= pane.y + pane.height;
    if (inside) return;
    await this.page.locator('.ft-fit').click();
    await this.page.waitForTimeout(400);
  }

  private async centreOf(locator: Locator): Promise<{ x: number; y: number }> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('element is not visible');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Drags from one handle to another, as a person draws a link. */
  async link(fromId: string, toId: string): Promise<void> {
    await this.ensureVisible(fromId);
    await this.ensureVisible(toId);
    const start = await this.centreOf(
      this.page.locator(`.react-flow__node[data-id="${fromId}"] .ft-handle--up`),
    );
    const end = await this.centreOf(
      this.page.locator(`.react-flow__node[data-id="${toId}"] .ft-handle--down`),
    );
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
    await this.page.mouse.move(end.x, end.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drags a card so that its centre lands on a board point. */
  async dragCardTo(id: string, point: { x: number; y: number }, steps = 12): Promise<void> {
    await this.ensureVisible(id);
    const pane = (await this.page.locator('.react-flow').boundingBox())!;
    const drop = await this.screenPoint(point);
    if (
      drop.x < pane.x ||
      drop.y < pane.y ||
      drop.x > pane.x + pane.width ||
      drop.y > pane.y + pane.height
    ) {
      await this.page.locator('.ft-fit').click();
      await this.page.waitForTimeout(400);
    }
    const node = this.page.locator(`.react-flow__node[data-id="${id}"]`);
    const box = (await node.boundingBox())!;
    // Grab the card low on its left side, away from the menu button and the handles.
    const grab = { x: box.x + box.width * 0.25, y: box.y + box.height * 0.7 };
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const target = await this.screenPoint(point);
    await this.page.mouse.move(grab.x, grab.y);
    await this.page.mouse.down();
    await this.page.mouse.move(grab.x + 5, grab.y + 5, { steps: 2 });
    await this.page.mouse.move(target.x + grab.x - centre.x, target.y + grab.y - centre.y, {
      steps,
    });
    await this.page.mouse.up();
  }

  /** Opens a card in the inspector (double-click) and returns its title field. */
  async openEditor(id: string): Promise<{ title: Locator }> {
    await this.openCard(id);
    return { title: this.inspector.locator('.ft-card-editor__title input') };
  }

  async selectCard(id: string): Promise<void> {
    await this.ensureVisible(id);
    const node = this.page.locator(`.react-flow__node[data-id="${id}"]`);
    const box = (await node.boundingBox())!;
    await this.page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.7);
    await expect(this.card(id)).toHaveClass(/ft-card--selected/);
  }

  /** Opens a card in the inspector (a double-click on it, away from its handles). */
  async openCard(id: string): Promise<void> {
    await this.ensureVisible(id);
    const box = (await this.page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    await this.page.mouse.dblclick(box.x + box.width * 0.3, box.y + box.height * 0.6);
    await expect(this.inspector).toHaveAttribute('data-card-id', id);
  }

  /** Shift-clicks a card: adds it to the selection. */
  async addToSelection(id: string): Promise<void> {
    await this.ensureVisible(id);
    const box = (await this.page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
    await this.page.keyboard.down('Shift');
    await this.page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.7);
    await this.page.keyboard.up('Shift');
    await expect(this.card(id)).toHaveClass(/ft-card--selected/);
  }

  /** The zoom of the view (React Flow's viewport scale). */
  async zoom(): Promise<number> {
    return this.page.evaluate(
      `new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`,
    );
  }

  /** A card's top-left position on the board, as this page draws it. */
  async cardPosition(id: string): Promise<{ x: number; y: number }> {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((node) => {
      const matrix = new DOMMatrix(getComputedStyle(node).transform);
      return { x: matrix.e, y: matrix.f };
    });
  }

  async undo(): Promise<void> {
    await this.page.locator('.ft-undo').click();
  }

  async screenshot(name: string): Promise<Buffer> {
    return this.page.screenshot({
      path: `${import.meta.dirname}/artifacts/screenshots/${name}.png`,
    });
  }
}
