// Soak benchmark: W API writers and B open department boards for a long time (an hour by default).
// Every window it prints the write latency, the live latency (commit → card in the DOM of every board),
// the server's resident memory, managed heap after a full collection, open file handles and threads;
// at the end it compares the last window with the first one after warm-up (the 10 % bound).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium, request } from 'playwright-core';

const root = process.argv[2];
const seconds = Number(process.argv[3] ?? 3600);
const writers = Number(process.argv[4] ?? 10);
const boards = Number(process.argv[5] ?? 10);
const windowSeconds = Number(process.argv[6] ?? 300);
const password = 'Demo2026!';

const freePort = () => new Promise(resolve => {
  const server = net.createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const proc = pid => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024, threads: Number(/Threads:\s+(\d+)/.exec(status)[1]),
           handles: readdirSync(`/proc/${pid}/fd`).length };
};
const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
};

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const db = join(tmpdir(), `liveorders-soak-${Date.now()}.db`);
const exe = join(root, 'LiveOrders.Web/bin/Release/net10.0/LiveOrders.Web');
// SQLite in a temporary file by default; SOAK_DB_PROVIDER=PostgreSQL and SOAK_DB_CONNECTION for a PostgreSQL database.
const provider = process.env.SOAK_DB_PROVIDER ?? 'Sqlite';
const connection = process.env.SOAK_DB_CONNECTION ?? `Data Source=${db}`;
const app = spawn(exe, ['--urls', base, '--contentRoot', join(root, 'LiveOrders.Web')], {
  env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', Database__Provider: provider, ConnectionStrings__LiveOrders: connection,
         Diagnostics__LiveTimings: 'true', Logging__LogLevel__Default: 'Warning', RateLimits__SignIn__PermitLimit: '100000', RateLimits__Api__PermitLimit: '100000000',
         Attachments__StoragePath: join(tmpdir(), `liveorders-soak-files-${Date.now()}`) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const cleanup = () => { try { app.kill('SIGKILL'); } catch {} for (const s of ['', '-wal', '-shm']) if (existsSync(db + s)) rmSync(db + s); };
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

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

const observer = await apiAs('arch.head');
const orders = await (await observer.get('/api/v1/orders?scope=All&take=200')).json();
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

// Each board notes the first instant (wall clock) it shows a card of an order; the driver collects and clears it.
const noteCards = () => {
  window.__seen = {};
  const note = () => {
    const now = performance.timeOrigin + performance.now();
    for (const card of document.querySelectorAll('[data-testid=card]')) window.__seen[card.dataset.orderId] ??= now;
  };
  new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
};
const pages = [];
for (let i = 0; i < boards; i++) {
  const page = await context.newPage();
  await page.goto(`${base}/board`);
  await page.waitForSelector('.lo-body[data-interactive]');
  await page.waitForSelector('[data-testid=column-New]');
  await page.evaluate(noteCards);
  pages.push(page);
}

// The writers: each creates an order for ЖКХ (it appears on every board), then cancels it (it leaves them), so the
// boards keep their size for the whole run; failures are counted, never retried silently.
let stopping = false;
const writeLatencies = [];
const created = [];  // ids whose live latency is measured
let failures = 0;
const failureKinds = new Map();
const fail = async (what, response) => {
  failures++;
  const key = `${what} ${response.status()} ${(await response.text()).slice(0, 160)}`;
  failureKinds.set(key, (failureKinds.get(key) ?? 0) + 1);
};
async function writer(n) {
  const api = await apiAs('arch.head');
  for (let i = 0; !stopping; i++) {
    let started = performance.now();
    const response = await api.post('/api/v1/orders', { data: { title: `Нагрузка ${n}/${i}`, departmentIds: [housing], priority: 'Normal',
      dueAt: new Date(Date.now() + 3 * 86400_000).toISOString() } });
    writeLatencies.push(performance.now() - started);
    if (!response.ok()) { await fail('create', response); await sleep(500); continue; }
    const [{ id }] = await response.json();
    created.push(id);
    await sleep(300);
    const details = await (await api.get(`/api/v1/orders/${id}`)).json();
    started = performance.now();
    const cancelled = await api.post(`/api/v1/orders/${id}/transitions`, { data: { action: 'Cancel', version: details.version, reason: 'Нагрузка' } });
    writeLatencies.push(performance.now() - started);
    if (!cancelled.ok()) await fail('cancel', cancelled);
    await sleep(300);
  }
  await api.dispose();
}

// The commit instants of created orders, fetched in bulk every few seconds (the server keeps the last 10 000 changes):
// asking once per order made the windows minutes longer than they should be.
const publishedAt = new Map();
let publishedSince = 0;
async function fetchPublished() {
  const timings = await (await observer.get(`/diagnostics/live-timings?since=${publishedSince}`)).json();
  for (const t of timings) {
    publishedSince = Math.max(publishedSince, t.unixMs);
    if (t.kind === 'Created') publishedAt.set(t.orderId, t.unixMs);
  }
}
const poller = setInterval(() => fetchPublished().catch(() => {}), 5000);

// Live latency of the orders created in a window: the DOM instants from every board against the commit instant.
async function liveLatencies(ids) {
  await fetchPublished();
  // Only the ids asked for are taken out of each page's notes: a card still on a board would be noted again later.
  const seen = await Promise.all(pages.map(p => p.evaluate(ids => {
    const taken = {};
    for (const id of ids) { taken[id] = window.__seen[id]; delete window.__seen[id]; }
    return taken;
  }, ids.map(String))));
  const latencies = [];
  let missing = 0;
  for (const id of ids) {
    const published = publishedAt.get(id);
    publishedAt.delete(id);
    if (published === undefined) continue;
    for (const s of seen) {
      if (s[id] === undefined) missing++; else latencies.push(s[id] - published);
    }
  }
  return { latencies, missing };
}

async function sample() {
  const memory = await (await observer.get('/diagnostics/memory')).json();
  return { ...proc(app.pid), managedMb: memory.managedBytes / 1048576, circuits: memory.circuits };
}

const workers = Array.from({ length: writers }, (_, n) => writer(n));
const windows = [];
const started = Date.now();
console.log(`soak: ${seconds} s, ${writers} writers, ${boards} boards, windows of ${windowSeconds} s, ${provider}, server ${base}`);
console.log('window  end s  writes  fail  write p50  write p99  live n  missed  live p50  live p99   RSS MB  heap MB  handles  threads  circuits');
let measuredUpTo = 0;
while (Date.now() - started < seconds * 1000) {
  await sleep(Math.min(windowSeconds * 1000, seconds * 1000 - (Date.now() - started)));
  const writes = writeLatencies.splice(0);
  const failed = failures; failures = 0;
  // The last orders of a window may not have reached the boards yet: leave them for the next window.
  await sleep(1000);
  const ids = created.splice(0, Math.max(0, created.length - writers));
  const live = await liveLatencies(ids);
  const state = await sample();
  const w = { index: windows.length + 1, end: Math.round((Date.now() - started) / 1000), writes: writes.length, failed,
              writeP50: percentile(writes, 50), writeP99: percentile(writes, 99), liveN: live.latencies.length, missed: live.missing,
              liveP50: percentile(live.latencies, 50), liveP99: percentile(live.latencies, 99), ...state };
  windows.push(w);
  measuredUpTo += ids.length;
  console.log(`${String(w.index).padStart(6)}  ${String(w.end).padStart(5)}  ${String(w.writes).padStart(6)}  ${String(w.failed).padStart(4)}  ` +
    `${w.writeP50.toFixed(1).padStart(9)}  ${w.writeP99.toFixed(1).padStart(9)}  ${String(w.liveN).padStart(6)}  ${String(w.missed).padStart(6)}  ` +
    `${w.liveP50.toFixed(1).padStart(8)}  ${w.liveP99.toFixed(1).padStart(8)}  ${w.rssMb.toFixed(0).padStart(7)}  ${w.managedMb.toFixed(1).padStart(7)}  ` +
    `${String(w.handles).padStart(7)}  ${String(w.threads).padStart(7)}  ${String(w.circuits).padStart(8)}`);
}
stopping = true;
clearInterval(poller);
await Promise.all(workers);

// The first window warms up (JIT, caches, pools); the second is the reference for the 10 % bound.
if (windows.length >= 3) {
  const first = windows[1], last = windows.at(-1);
  const change = (a, b) => ((b - a) / a * 100);
  console.log(`\nfrom window ${first.index} (after warm-up) to window ${last.index}:`);
  for (const [name, key] of [['RSS', 'rssMb'], ['managed heap', 'managedMb'], ['open handles', 'handles'], ['threads', 'threads']]) {
    const pct = change(first[key], last[key]);
    console.log(`  ${name.padEnd(13)} ${first[key].toFixed(1).padStart(8)} → ${last[key].toFixed(1).padStart(8)}  ${pct >= 0 ? '+' : ''}${pct.toFixed(1)} %  ${Math.abs(pct) <= 10 ? 'within 10 %' : 'OUTSIDE 10 %'}`);
  }
  console.log(`  write p99     ${first.writeP99.toFixed(1)} ms → ${last.writeP99.toFixed(1)} ms;  live p99  ${first.liveP99.toFixed(1)} ms → ${last.liveP99.toFixed(1)} ms`);
}
if (failureKinds.size) console.log('\nfailed writes:', [...failureKinds].map(([k, n]) => `${n} × ${k}`).join('\n  '));
await browser.close();
cleanup();
process.exit(0);
