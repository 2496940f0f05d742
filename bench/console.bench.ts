import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../server/test/harness.js';
import { fmt, percentile, type BenchRow } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'web', 'dist');
/** The main thread counts as settled once it has had no long task (> 50 ms) for this long. */
const QUIET_MS = 2000;

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;

/** The JavaScript a first visit loads before anything else (entry and modulepreloads), and all of it. */
function scriptSizes(): { initial: number; initialRaw: number; all: number; largest: { name: string; gz: number } } {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const files = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const sized = files.map((f) => ({ name: f, gz: gz(path.join(DIST, 'assets', f)), raw: fs.statSync(path.join(DIST, 'assets', f)).size }));
  const initial = sized.filter((s) => refs.includes(`assets/${s.name}`));
  return {
    initial: initial.reduce((n, s) => n + s.gz, 0),
    initialRaw: initial.reduce((n, s) => n + s.raw, 0),
    all: sized.reduce((n, s) => n + s.gz, 0),
    largest: sized.sort((a, b) => b.gz - a.gz)[0] ?? { name: '-', gz: 0 },
  };
}

/** Long tasks from the first moment of the page, where the page can read them back. */
const WATCH_LONG_TASKS = () => {
  const w = globalThis as unknown as { __longTaskEnds: number[] };
  w.__longTaskEnds = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTaskEnds.push(e.startTime + e.duration);
    }).observe({ type: 'longtask' as never, buffered: true });
  } catch {
    // no long-task timing in this browser: the ready time alone is reported
  }
};

/**
 * Time to interactive of one cold load: from navigation start until `ready` is on screen and the
 * main thread has since had no long task for QUIET_MS — the end of the last long task before that
 * quiet window, or the moment it was ready if later.
 */
async function timeToInteractive(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const shownAt = await page.evaluate(() => performance.now());
  for (;;) {
    const { now, last } = await page.evaluate(() => ({ now: performance.now(), last: Math.max(0, ...(globalThis as unknown as { __longTaskEnds: number[] }).__longTaskEnds) }));
    if (now - Math.max(last, shownAt) >= QUIET_MS) return Math.max(last, shownAt);
    await page.waitForTimeout(100);
  }
}

async function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
  });
}

/**
 * The console as a dispatcher's browser meets it: the JavaScript it downloads (gzipped, as the
 * server sends it compressed) and the time to interactive of the sign-in page, the incidents room
 * with the map and the crews' /mobile page, each the median of cold loads (a fresh browser profile every time) of the
 * built console served by the real server on the demo department, in Debian's Chromium.
 */
export async function benchConsole(opts: { log: (line: string) => void; runs?: number; build?: boolean }): Promise<{ rows: BenchRow[] }> {
  const runs = opts.runs ?? 5;
  if (opts.build ?? true) {
    opts.log('console: building…');
    execFileSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'ignore', cwd: ROOT });
  }
  const size = scriptSizes();
  const server = await startServer({ demo: true, webDist: DIST });
  const login = async (username: string) => JSON.parse((await server.app.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: server.demoPassword } })).body).token as string;
  const token = await login('lz.dispatcher1');
  const officer = await login('ps.liuzhou.officer');
  const signIn: number[] = [];
  const room: number[] = [];
  const phone: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      opts.log(`console: cold load ${i + 1}/${runs}…`);
      for (const which of ['signin', 'room', 'mobile'] as const) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-'));
        const context = await launch(profile);
        try {
          await context.addInitScript(WATCH_LONG_TASKS);
          if (which !== 'signin') await context.addInitScript((t) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('railjoint.token', t), which === 'room' ? token : officer);
          const page = context.pages()[0] ?? (await context.newPage());
          if (which === 'signin') signIn.push(await timeToInteractive(page, `${server.url}/signin`, '[data-testid="signin-submit"]'));
          else if (which === 'room') room.push(await timeToInteractive(page, `${server.url}/incidents`, '[data-testid="map"][data-ready="true"]'));
          else {
            await page.setViewportSize({ width: 360, height: 740 });
            phone.push(await timeToInteractive(page, `${server.url}/mobile`, '[data-testid="mobile-status-en_route"]'));
          }
        } finally {
          await context.close();
          fs.rmSync(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
  }
  const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
  return {
    rows: [
      { name: 'JavaScript loaded at start (entry and preloads), gzipped', value: `${kb(size.initial)} (${kb(size.initialRaw)} before compression)` },
      { name: 'all of the console’s JavaScript, gzipped', value: `${kb(size.all)} (largest chunk ${size.largest.name.replace(/-[\w-]{8}\.js$/, '.js')}: ${kb(size.largest.gz)})` },
      { name: 'time to interactive, sign-in page (cold, median of ' + runs + ')', value: `${fmt(med(signIn))} ms (range ${fmt(Math.min(...signIn))}–${fmt(Math.max(...signIn))} ms)` },
      { name: 'time to interactive, incidents room with the map drawn (cold, signed in)', value: `${fmt(med(room))} ms (range ${fmt(Math.min(...room))}–${fmt(Math.max(...room))} ms)` },
      { name: 'time to interactive, /mobile on a 360-px screen (cold, signed in; no map code)', value: `${fmt(med(phone))} ms (range ${fmt(Math.min(...phone))}–${fmt(Math.max(...phone))} ms)` },
    ],
  };
}

// `node --import tsx bench/console.bench.ts`: this bench alone
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchConsole({ log: (l) => console.error(l) });
  for (const r of rows) console.log(`| console | ${r.name} | ${r.value} |`);
  process.exit(0);
}
