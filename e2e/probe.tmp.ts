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
  const file = bigBoard(Number(process.env.N ?? 2000), Number(process.env.L ?? 3000));
  const imp = await fetch(`${server.url}/api/boards/${board.id}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${board.tokens.facilitator}`,
    },
    body: JSON.stringify(file),
  });
  console.log('import', imp.status);
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await ctx.addInitScript('localStorage.setItem("ft-user-name", "P")');
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console:', m.text().slice(0, 200)));
  let t = Date.now();
  await page.goto(`${server.url}/b/${board.id}?token=${board.tokens.facilitator}`);
  await page.waitForSelector('.ft-connection-state[data-state="connected"]', { timeout: 120_000 });
  console.log('connected', Date.now() - t);
  await page.waitForFunction(
    `document.querySelectorAll('.ft-card').length >= ${file.cards.length}`,
    undefined,
    { timeout: 120_000 },
  );
  console.log('cards rendered', Date.now() - t);
  console.log('findings', await page.locator('.ft-findings__count').textContent());
  const stats = await page.evaluate(
    `new Promise((resolve) => { let frames = 0; const start = performance.now(); function tick() { frames++; if (performance.now() - start < 2000) requestAnimationFrame(tick); else resolve(frames); } requestAnimationFrame(tick); })`,
  );
  console.log('idle frames in 2s', stats);
  if (process.env.PROFILE) {
    const client = await page.context().newCDPSession(page);
    await client.send('Performance.enable');
    const m0 = (await client.send('Performance.getMetrics')).metrics;
    await client.send('Profiler.enable');
    await client.send('Profiler.start');
    const box = (await page.locator('.react-flow__node').nth(500).boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + box.height * 0.7);
    await page.mouse.down();
    console.log('renders before', await page.evaluate('window.__r'));
    t = Date.now();
    for (let i = 0; i < 40; i++)
      await page.mouse.move(box.x + 5 + i * 3, box.y + box.height * 0.7 + i);
    await page.mouse.up();
    console.log('40 steps', Date.now() - t);
    const m1 = (await client.send('Performance.getMetrics')).metrics;
    for (const m of m1) {
      const b = m0.find((x) => x.name === m.name);
      if (b && /Duration|Count/.test(m.name))
        console.log('metric', m.name, (m.value - b.value).toFixed(3));
    }
    console.log('renders after', await page.evaluate('window.__r'));
    const { profile } = await client.send('Profiler.stop');
    const self = new Map<string, number>();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const n = nodes.get(id)!;
      const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0));
    });
    console.log(
      [...self.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 25)
        .map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`)
        .join('\n'),
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
