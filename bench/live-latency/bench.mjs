// Live latency benchmark: for N open department boards (N = 1, 10, 50 pages in headless Chromium),
// the time from a change's commit (the server's publish instant, right after the commit) to the
// moment the new card is in each page's DOM. Also the server's resident memory per open board.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium, request } from 'playwright-core';

const root = process.argv[2];
const sizes = (process.argv[3] ?? '1,10,50').split(',').map(Number);
const changesPerSize = Number(process.argv[4] ?? 20);
// Extra open orders put on the board first, to measure a heavy board (e.g. 500).
const bulk = Number(process.argv[5] ?? 0);
const password = 'Demo2026!';

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const rssMb = pid => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const db = join(tmpdir(), `liveorders-bench-${Date.now()}.db`);
// The app as built in Release: framework-dependent (net10) or self-contained (the net9 baseline).
const exe = ['net10.0', 'net9.0/linux-x64', 'net10.0/linux-x64'].map(d => join(root, 'LiveOrders.Web/bin/Release', d, 'LiveOrders.Web'))
  .find(existsSync);
if (!exe) throw new Error(`no Release build of LiveOrders.Web under ${root}`);
const app = spawn(exe, ['--urls', base, '--contentRoot', join(root, 'LiveOrders.Web')], {
  env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Development', ConnectionStrings__LiveOrders: `Data Source=${db}`,
         Diagnostics__LiveTimings: 'true', Logging__LogLevel__Default: 'Warning' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const cleanup = () => { try { app.kill('SIGKILL'); } catch {} for (const s of ['', '-wal', '-shm']) if (existsSync(db + s)) rmSync(db + s); };
process.on('exit', cleanup);

for (let i = 0; ; i++) {
  try { if ((await fetch(`${base}/health`)).ok) break; } catch {}
  if (i > 300) throw new Error('the app did not start');
  await sleep(200);
}

async function apiAs(user) {
  const api = await request.newContext({ baseURL: base });
  const form = await (await api.get('/login')).text();
  const token = /name="__RequestVerificationToken" value="([^"]+)"/.exec(form)[1];
  await api.post('/account/login', { form: { userName: user, password, returnUrl: '/', __RequestVerificationToken: token }, maxRedirects: 0 });
  return api;
}

const author = await apiAs('arch.head');
const orders = await (await author.get('/api/v1/orders?scope=All&take=200')).json();
const housing = orders.items.find(o => o.executingDepartment === 'ЖКХ').executingDepartmentId;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
         '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const login = await context.newPage();
await login.goto(`${base}/login`);
await login.fill('#userName', 'zkh.1');
await login.fill('#password', password);
await login.click('button[type=submit]');
await login.waitForURL(url => !url.pathname.startsWith('/login'));
await login.close();

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

const openTimes = [];
async function openBoard() {
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${base}/board`);
  await page.waitForSelector('.lo-body[data-interactive]');
  await page.waitForSelector('[data-testid=column-New] [data-testid=card]');
  openTimes.push(Date.now() - started);
  await page.evaluate(observer);
  return page;
}

if (bulk > 0) {
  for (let i = 0; i < bulk; i++)
    await author.post('/api/v1/orders', { data: { title: `Нагрузка ${i}`, departmentIds: [housing], priority: 'Normal',
      dueAt: new Date(Date.now() + (2 + i % 20) * 86400_000).toISOString() } });
}

// The managed heap after a full compacting collection, and the circuits open (Diagnostics:LiveTimings only;
// an older build without the endpoint reports nothing here).
async function managed() {
  const r = await author.get('/diagnostics/memory');
  return r.ok() ? await r.json() : null;
}
const waitForCircuits = async n => {
  for (let i = 0; i < 100; i++) { const m = await managed(); if (!m || m.circuits <= n) return m; await sleep(100); }
  return managed();
};

// Warm up (JIT, first queries), then the baseline: the server with no board open.
await (await openBoard()).close();
await sleep(3000);
const baselineManaged = await waitForCircuits(0);
const baseline = rssMb(app.pid);

// Boards are opened cumulatively (1, then 10, then 50), so each size's memory is measured from the same baseline.
const results = [];
const pages = [];
for (const n of sizes) {
  while (pages.length < n) pages.push(await openBoard());
  await sleep(2000);
  const perBoard = (rssMb(app.pid) - baseline) / n;
  const heap = await managed();
  const heapPerBoardKb = heap && baselineManaged ? (heap.managedBytes - baselineManaged.managedBytes) / n / 1024 : NaN;

  const latencies = [];
  for (let c = 0; c < changesPerSize; c++) {
    const created = await author.post('/api/v1/orders', { data: {
      title: `Бенчмарк ${n}/${c}`, departmentIds: [housing], priority: 'Urgent',
      dueAt: new Date(Date.now() + 3600_000).toISOString() } });
    const [{ id }] = await created.json();
    const deadline = Date.now() + 15_000;
    let seen;
    do {
      seen = await Promise.all(pages.map(p => p.evaluate(id => window.__seen[id], String(id))));
      if (seen.every(t => t !== undefined)) break;
      await sleep(20);
    } while (Date.now() < deadline);
    const published = (await (await author.get(`/diagnostics/live-timings/${id}`)).json()).find(t => t.kind === 'Created');
    for (const t of seen) latencies.push(t === undefined ? Infinity : t - published.unixMs);
    // Take it off the boards again so every round starts from the same board.
    const details = await (await author.get(`/api/v1/orders/${id}`)).json();
    await author.post(`/api/v1/orders/${id}/transitions`, { data: { action: 'Cancel', version: details.version, reason: 'Бенчмарк' } });
  }
  latencies.sort((a, b) => a - b);
  results.push({ boards: n, samples: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95),
                 p99: percentile(latencies, 99), max: latencies.at(-1), rssPerBoardMb: perBoard, rssMb: rssMb(app.pid), heapPerBoardKb });
}

const counts = await pages[0].evaluate(() => ({
  open: [...document.querySelectorAll('[data-testid=count]')].map(e => Number(e.innerText)).reduce((a, b) => a + b, 0),
  inDom: document.querySelectorAll('[data-testid=card]').length }));
// Close every board: their circuits end, and what they held should be returned.
for (const p of pages) await p.close({ runBeforeUnload: true });
const afterClose = await waitForCircuits(0);
await browser.close();
console.log(`\nLive latency, commit → card in the DOM of every open board (${changesPerSize} changes per size)`);
openTimes.sort((a, b) => a - b);
console.log(`board: ${counts.open} cards on it, ${counts.inDom} rendered in the DOM; open → interactive with cards: p50 ${percentile(openTimes, 50)} ms over ${openTimes.length} opens`);
console.log(`server RSS with no board open: ${baseline.toFixed(0)} MB`);
console.log('boards  samples   p50 ms   p95 ms   p99 ms   max ms   server RSS/board MB   server RSS MB   managed heap/board KB');
for (const r of results)
  console.log(`${String(r.boards).padStart(6)}  ${String(r.samples).padStart(7)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.p99.toFixed(1).padStart(7)}  ${r.max.toFixed(1).padStart(7)}  ${r.rssPerBoardMb.toFixed(2).padStart(20)}  ${r.rssMb.toFixed(0).padStart(14)}  ${r.heapPerBoardKb.toFixed(0).padStart(22)}`);
if (baselineManaged && afterClose)
  console.log(`managed heap: ${(baselineManaged.managedBytes / 1048576).toFixed(1)} MB with no board open, ` +
    `${(afterClose.managedBytes / 1048576).toFixed(1)} MB after all ${pages.length} boards closed (${afterClose.circuits} circuits still open)`);
cleanup();
process.exit(0);
