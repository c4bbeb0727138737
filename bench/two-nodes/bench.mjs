// Two-node live latency: deploy/two-nodes.sh starts PostgreSQL, Redis, node A, node B and nginx; a ЖКХ board is open
// through the proxy on node B (nginx's cookie lo_node=b), and for comparison one on node A; N orders are created
// through node A's API. For each, the time from node A's publish instant (Diagnostics:LiveTimings, right after the commit)
// to the card in each board's DOM. Both clocks are this machine's wall clock.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';

const root = process.argv[2];
const changes = Number(process.argv[3] ?? 100);
const password = 'Demo2026!';
const require = createRequire(join(root, 'bench/live-latency/package.json'));
const { chromium, request } = require('playwright-core');

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];

const [proxyPort, portA, portB] = [await freePort(), await freePort(), await freePort()];
const proxy = `http://127.0.0.1:${proxyPort}`;
const nodeA = `http://127.0.0.1:${portA}`;
const dir = mkdtempSync(join(tmpdir(), 'liveorders-bench-two-nodes-'));
// The nodes inherit the environment: both record publish instants (only node A's are read).
const cluster = spawn(join(root, 'deploy/two-nodes.sh'),
  ['--no-build', '--release', '--port', String(proxyPort), '--nodes', `${portA},${portB}`, '--dir', dir],
  { env: { ...process.env, Diagnostics__LiveTimings: 'true' }, stdio: ['ignore', 'ignore', 'inherit'] });
let stopped = false;
const stop = () => new Promise(resolve => {
  if (stopped || cluster.exitCode !== null) return resolve();
  stopped = true;
  cluster.once('exit', resolve);
  cluster.kill('SIGINT');   // as Ctrl-C: the script stops everything it started
});
process.on('SIGINT', async () => { await stop(); process.exit(130); });

for (let i = 0; ; i++) {
  try { if ((await fetch(`${proxy}/health`)).ok) break; } catch {}
  if (cluster.exitCode !== null || i > 900) throw new Error(`the two nodes did not start; see ${dir}`);
  await sleep(200);
}

async function apiAs(base, user) {
  const api = await request.newContext({ baseURL: base });
  const form = await (await api.get('/login')).text();
  const token = /name="__RequestVerificationToken" value="([^"]+)"/.exec(form)[1];
  await api.post('/account/login', { form: { userName: user, password, returnUrl: '/', __RequestVerificationToken: token }, maxRedirects: 0 });
  return api;
}

// The author talks to node A itself: its publish instants are node A's.
const author = await apiAs(nodeA, 'arch.head');
const departments = await (await author.get('/api/v1/departments')).json();
const housing = departments.find(d => d.shortName === 'ЖКХ').id;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
         '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'] });

// Each page notes the first instant (wall clock, sub-millisecond) it shows a card of a given order.
const observer = () => {
  window.__seen = {};
  const note = () => {
    const now = performance.timeOrigin + performance.now();
    for (const card of document.querySelectorAll('[data-testid=card]'))
      window.__seen[card.dataset.orderId] ??= now;
  };
  new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
  note();
};

// A board through the proxy, held on a node by nginx's own cookie.
async function boardOn(node) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addCookies([{ name: 'lo_node', value: node, url: proxy }]);
  const page = await context.newPage();
  await page.goto(`${proxy}/login`);
  await page.fill('#userName', 'zkh.1');
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(url => !url.pathname.startsWith('/login'));
  await page.goto(`${proxy}/board`);
  await page.waitForSelector('.lo-body[data-interactive]');
  await page.waitForSelector('[data-testid=column-New] [data-testid=card]');
  const held = (await context.cookies()).find(c => c.name === 'lo_node')?.value;
  if (held !== node) throw new Error(`the board was to be on node ${node}, nginx holds it on ${held}`);
  await page.evaluate(observer);
  return page;
}
const boards = { b: await boardOn('b'), a: await boardOn('a') };

async function change(title) {
  const created = await author.post('/api/v1/orders', { data: {
    title, departmentIds: [housing], priority: 'Urgent', dueAt: new Date(Date.now() + 3600_000).toISOString() } });
  if (!created.ok()) throw new Error(`${created.status()} ${await created.text()}`);
  const [{ id }] = await created.json();
  const deadline = Date.now() + 15_000;
  let seen;
  do {
    seen = await Promise.all([boards.b, boards.a].map(p => p.evaluate(id => window.__seen[id], String(id))));
    if (seen.every(t => t !== undefined)) break;
    await sleep(10);
  } while (Date.now() < deadline);
  const published = (await (await author.get(`/diagnostics/live-timings/${id}`)).json()).find(t => t.kind === 'Created');
  // Take it off the boards again so every change lands on the same board.
  const details = await (await author.get(`/api/v1/orders/${id}`)).json();
  await author.post(`/api/v1/orders/${id}/transitions`, { data: { action: 'Cancel', version: details.version, reason: 'Бенчмарк' } });
  return seen.map(t => t === undefined ? Infinity : t - published.unixMs);
}

// Warm-up (JIT, first queries, the feed's connections), not counted.
for (let i = 0; i < 5; i++) await change(`Разогрев ${i}`);
const onB = [], onA = [];
for (let c = 0; c < changes; c++) {
  const [b, a] = await change(`Бенчмарк два узла ${c}`);
  onB.push(b); onA.push(a);
}
await browser.close();
await stop();

const row = (name, xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const f = v => (Number.isFinite(v) ? v.toFixed(1) : 'lost').padStart(7);
  return `${name.padEnd(34)} ${String(s.length).padStart(7)}  ${f(percentile(s, 50))}  ${f(percentile(s, 95))}  ${f(percentile(s, 99))}  ${f(s.at(-1))}`;
};
console.log(`\nTwo nodes on PostgreSQL behind nginx: node A's publish → card in the DOM (${changes} changes through node A's API)`);
console.log(`${''.padEnd(34)} samples   p50 ms   p95 ms   p99 ms   max ms`);
console.log(row('board on node B (across nodes)', onB));
console.log(row('board on node A (same node)', onA));
console.log(`logs: ${dir}`);
process.exit(0);
