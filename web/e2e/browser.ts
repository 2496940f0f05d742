import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@railjoint/contracts';
import { startServer, type StartOptions } from '../../server/test/harness.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

export interface Console {
  server: Awaited<ReturnType<typeof startServer>>;
  context: BrowserContext;
  page: Page;
  /** page errors and console errors, for the test to assert there were none */
  errors: string[];
  /** signs in with the demo password (admin: the admin password) and opens a room */
  signIn(username: string, room?: 'incidents' | 'bulletins'): Promise<void>;
  /** signs out; a read still in flight is answered 401, which is expected then */
  signOut(): Promise<void>;
  /**
   * runs a step whose refused request the browser logs (status 401, 422…): only that is forgiven,
   * and it is waited for unless `maybe` (a refusal that may not happen, like a read in flight at sign-out)
   */
  expecting(status: number, step: () => Promise<void>, maybe?: boolean): Promise<void>;
  close(): Promise<void>;
}

const ROOM_READY = { incidents: 'incident-queue', bulletins: 'bulletins-room' } as const;

/**
 * The built console served by a real server on the demo department, in Debian's Chromium, with
 * nothing allowed to leave the machine (a request to any other host fails at once). With
 * clockStart, server and browser both start their clocks at that instant (a timetable scenario);
 * browserClock gives the browser a clock of its own instead (a workstation set wrong). With
 * mfaRoles, users of those roles must sign in with a second factor (no role by default); with
 * basemap, the map draws that basemap under the network (RAILJOINT_BASEMAP).
 */
export async function openConsole(opts: { engine?: 'sqlite' | 'postgres'; clockStart?: number; browserClock?: number; mfaRoles?: Role[]; basemap?: StartOptions['basemap'] } = {}): Promise<Console> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`${WEB_DIST} has no build: run "npm run build -w web" first`);
  }
  const server = await startServer({ demo: true, webDist: WEB_DIST, engine: opts.engine, clockStart: opts.clockStart, mfaRoles: opts.mfaRoles, basemap: opts.basemap });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  // the browser's clock starts with the server's, so ages, deadlines and arrivals read alike
  const browserClock = opts.browserClock ?? opts.clockStart;
  if (browserClock !== undefined) await context.clock.install({ time: browserClock });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const expecting = async (status: number, step: () => Promise<void>, maybe = false) => {
    const before = errors.length;
    await step();
    // Chromium logs a refused load when the response has finished, which can be after the page
    // has already shown the refusal: wait for that line (a few seconds at most) before forgiving it
    const logged = () => errors.slice(before).some((e) => e.includes(`status of ${status}`));
    for (const until = Date.now() + (maybe ? 0 : 5000); !logged() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    errors.push(...errors.splice(before).filter((e) => !e.includes(`status of ${status}`)));
  };
  return {
    server,
    context,
    page,
    errors,
    expecting,
    async signIn(username, room = 'incidents') {
      await page.getByTestId('signin-username').fill(username);
      await page.getByTestId('signin-password').fill(username === 'admin' ? server.adminPassword : server.demoPassword);
      await page.getByTestId('signin-submit').click();
      await page.getByTestId(`nav-${room}`).click();
      await page.getByTestId(ROOM_READY[room]).waitFor();
    },
    signOut: () =>
      expecting(
        401,
        async () => {
          await page.getByTestId('signout').click();
          await page.getByTestId('signin-username').waitFor();
        },
        true,
      ),
    async close() {
      await context.close();
      await server.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
