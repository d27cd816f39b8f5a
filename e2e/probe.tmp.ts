import { chromium } from '@playwright/test';
import { bigBoard } from './bench/big-board.ts';
import { startServerProcess } from './server-process.ts';

const server = await startServerProcess();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const r = await fetch(`${server.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'en' }),
  });
  const board = (await r.json()) as { id: string; tokens: { facilitator: string } };
  const file = bigBoard(2000, 3000);
  await fetch(`${server.url}/api/boards/${board.id}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${board.tokens.facilitator}`,
    },
    body: JSON.stringify(file),
  });
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await ctx.addInitScript('localStorage.setItem("ft-user-name", "P")');
  const page = await ctx.newPage();
  await page.goto(`${server.url}/b/${board.id}?token=${board.tokens.facilitator}`);
  await page.waitForSelector('.ft-connection-state[data-state="connected"]', { timeout: 120_000 });
  await page.waitForFunction(
    `document.querySelectorAll('.ft-card').length >= ${file.cards.length}`,
    undefined,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(3000);
  const id = file.cards
    .filter((c) => c.lane === 'plan')
    .sort(
      (a, b) =>
        Math.hypot(a.position.x - 1500, a.position.y - 1000) -
        Math.hypot(b.position.x - 1500, b.position.y - 1000),
    )[0]!.id;
  const box = (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
  const sx = box.x + box.width * 0.3,
    sy = box.y + box.height * 0.7;
  const client = await page.context().newCDPSession(page);
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await client.send('Profiler.enable');
  await client.send('Profiler.start');
  for (let step = 1; step <= 40; step++) {
    const a = (step / 40) * Math.PI * 1.5;
    await page.mouse.move(sx + Math.sin(a) * 80, sy + (1 - Math.cos(a)) * 40);
  }
  const { profile } = await client.send('Profiler.stop');
  await page.mouse.up();
  const self = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((nid, i) => {
    const n = nodes.get(nid)!;
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0));
  });
  console.log(
    [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`)
      .join('\n'),
  );
} finally {
  await browser.close();
  await server.stop();
}
