import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { openConsole, type Console } from './browser.js';
import { now } from '../../server/src/platform/clock.js';

/**
 * What the 技防 room's browser tests share: the console on a platform clock started at a night
 * instant, the administrator's API calls (in process), device messages as a device publishes
 * them, written (or refused) before the call returns, and the room's tabs.
 */
export interface DefenceConsole {
  browser: Console;
  page: Page;
  app(): Console['server']['app']['app'];
  api(method: 'GET' | 'POST', url: string, payload?: object): Promise<any>;
  publish(deviceId: string, channel: 'event' | 'heartbeat', payload: object): Promise<void>;
  /** an event now (or at `extra.at`), with the next seq */
  event(deviceId: string, type: string, extra?: Record<string, unknown>): Promise<void>;
  /** what was written reaches the consoles' live channel now, and the rules have run */
  settle(): Promise<void>;
  openTab(tab: 'alarms' | 'devices' | 'windows' | 'kpi'): Promise<void>;
  close(): Promise<void>;
}

export async function openDefenceConsole(clockStart: number): Promise<DefenceConsole> {
  const browser = await openConsole({ clockStart });
  const admin = await browser.server.app.login('admin');
  const app = () => browser.server.app.app;
  let seq = 0;
  const publish = async (deviceId: string, channel: 'event' | 'heartbeat', payload: object) => {
    const verdict = await app().services.defence.ingest.fromTopic(`railjoint/v1/devices/${deviceId}/${channel}`, JSON.stringify(payload));
    expect(verdict, `${deviceId} ${channel}`).toEqual({ ok: true });
  };
  return {
    browser,
    page: browser.page,
    app,
    async api(method, url, payload) {
      const res = await browser.server.app.http.inject({ method, url, headers: { authorization: admin }, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    publish,
    event: (deviceId, type, extra = {}) => publish(deviceId, 'event', { type, at: new Date(now()).toISOString(), seq: ++seq, ...extra }),
    async settle() {
      await app().services.defence.escalator.run();
      await app().outbox.flush();
    },
    async openTab(tab) {
      await browser.page.getByTestId(`defence-tab-${tab}`).click();
      await browser.page.locator(`[data-testid="defence-room"][data-tab="${tab}"]`).waitFor();
    },
    close: () => browser.close(),
  };
}
