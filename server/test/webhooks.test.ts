import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { verifySignature } from '../src/modules/webhooks/model.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiving CAD: answers 500 to the first request of each delivery id, then 200. */
async function receiver() {
  const got: Received[] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const id = String(req.headers['x-railjoint-delivery']);
      const first = !seen.has(id);
      seen.add(id);
      res.statusCode = first ? 500 : 200;
      res.end(first ? 'busy' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/railjoint`, close: () => new Promise((r) => server.close(r)) };
}

describe.each(ENGINES)('outbound webhooks on %s', (engine) => {
  let t: TestApp;
  let commander: string;
  let rx: Awaited<ReturnType<typeof receiver>>;
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    commander = await t.login('lz.commander');
    rx = await receiver();
  });
  afterAll(async () => {
    await t?.close();
    await rx?.close();
  });
  const { get, post } = requests(() => t, () => commander);

  it('delivers the events an agency may see after commit, signed, retrying a failed attempt', async () => {
    const created = await post('/api/webhooks', { url: rx.url, events: ['incident.*'] });
    expect(created.statusCode, created.body).toBe(201);
    const hook = created.json();
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await get('/api/webhooks')).json().webhooks[0]).not.toHaveProperty('secret');
    // 三江 sees nothing of an incident at 柳州
    const admin = await t.login('admin');
    const other = await post('/api/webhooks', { url: `${rx.url}/sanjiang`, events: ['*'], agencyId: 'cb-sanjiang' }, admin);
    expect(other.statusCode, other.body).toBe(201);

    const inc = (await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车' })).json();
    await expect.poll(() => rx.got.filter((g) => g.headers['x-railjoint-event'] === 'incident.created' && g.body.includes(inc.id)).length, { timeout: 15_000, interval: 200 }).toBe(2);
    const [first, second] = rx.got.filter((g) => g.body.includes(inc.id));
    expect(first!.headers['x-railjoint-delivery']).toBe(second!.headers['x-railjoint-delivery']);
    const body = JSON.parse(second!.body);
    expect(body).toMatchObject({ type: 'incident.created', entityId: inc.id, payload: { code: inc.code } });
    expect(body).not.toHaveProperty('audience');
    expect(verifySignature(hook.secret, String(second!.headers['x-railjoint-signature']), second!.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(rx.got.filter((g) => g.body.includes(inc.id)).length).toBe(2);

    // the sender records the attempt once the receiver's answer is in: after the receiver saw it
    const createdDelivery = async () => (await get(`/api/webhooks/${hook.id}/deliveries`)).json().deliveries.find((d: { eventType: string }) => d.eventType === 'incident.created');
    await expect.poll(async () => (await createdDelivery())?.status, { timeout: 10_000, interval: 100 }).toBe('delivered');
    expect(await createdDelivery()).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
    const sanjiang = (await get(`/api/webhooks/${other.json().id}/deliveries`, admin)).json().deliveries;
    expect(sanjiang.filter((d: { eventType: string }) => d.eventType.startsWith('incident.'))).toEqual([]);
  });

  it('refuses bad registrations and other agencies’ webhooks', async () => {
    const bad = await post('/api/webhooks', { url: 'ftp://cad.example.cn/x', events: ['incident.*'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('body.url');
    expect((await post('/api/webhooks', { url: rx.url, events: ['not an event'] })).json().error.details.fields[0].field).toBe('body.events[0]');
    expect((await post('/api/webhooks', { url: rx.url, events: ['*'] }, await t.login('yufeng.liaison'))).statusCode).toBe(403);
    const mine = (await get('/api/webhooks')).json().webhooks[0];
    expect((await get(`/api/webhooks/${mine.id}/deliveries`, await t.login('ps.liuzhou.commander'))).statusCode).toBe(404);
    const del = await t.http.inject({ method: 'DELETE', url: `/api/webhooks/${mine.id}`, headers: { authorization: commander } });
    expect(del.statusCode).toBe(204);
    expect((await get('/api/webhooks')).json().webhooks[0].active).toBe(false);
  });
});
