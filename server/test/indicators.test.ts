import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorDefs, IndicatorRecords, IndicatorTable } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * Indicators (issue 14) from the HTTP side on the demo department. Incidents, transfers and a
 * bulletin are made through the API, then their times are set in October 2026 (Beijing), a month
 * nothing else of the demo falls in, so every figure is known exactly. A county liaison gets only
 * their county's figures, of incidents their county has a part in, and no drill-down into another.
 */
const USERS = ['lz.dispatcher1', 'lz.commander', 'yufeng.liaison', 'liubei.liaison', 'lz.auditor'];
const STONES = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中，车窗破碎' };
const OCT = Date.parse('2026-10-09T16:00:00Z'); // 10 October 2026, 00:00 Beijing
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(ENGINES)('indicators on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  const incidents: Array<{ id: string; code: string }> = [];
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of USERS) auth.set(u, await t.login(u));
    const db = t.app.db.kysely;
    // three incidents led by 鱼峰 county: dispatched after 60 s and 120 s and never; on scene within the limit, after it, never
    for (let n = 0; n < 3; n++) {
      const inc = await ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: `指标测试 ${n}` });
      incidents.push(inc);
      const received = OCT + n * 3_600_000;
      const row = await db.selectFrom('incidents').select(['lead_agency_id', 'time_limit_s']).where('id', '=', inc.id).executeTakeFirstOrThrow();
      expect(row.lead_agency_id).toBe('cb-yufeng');
      const limitMs = row.time_limit_s * 1000;
      await db
        .updateTable('incidents')
        .set({
          received_at: iso(received),
          dispatched_at: n < 2 ? iso(received + (n + 1) * 60_000) : null,
          on_scene_at: n === 0 ? iso(received + limitMs - 1000) : n === 1 ? iso(received + limitMs + 1000) : null,
        })
        .where('id', '=', inc.id)
        .execute();
    }
    // two transfers to 柳北 county: one accepted after 4 minutes, one declined
    for (const [n, answer] of (['accept', 'decline'] as const).entries()) {
      const inc = await ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: `移交测试 ${n}` });
      await ok('lz.dispatcher1', 'POST', `/api/incidents/${inc.id}/transfer`, { to: 'cb-liubei', reason: '属柳北辖区' });
      await ok('liubei.liaison', 'POST', `/api/incidents/${inc.id}/${answer}-transfer`, answer === 'decline' ? { reason: '不属本辖区' } : {});
      const sent = OCT + 86_400_000 + n * 3_600_000;
      await db.updateTable('transfers').set({ sent_at: iso(sent), answered_at: iso(sent + 240_000) }).where('incident_id', '=', inc.id).execute();
    }
    // a bulletin to both counties: 鱼峰 acknowledges it after 30 minutes, 柳北 never
    const b = await ok('lz.commander', 'POST', '/api/bulletins', { kind: 'bolo', title: '指标测试通报', body: '测试', classification: 'internal', distribution: { agencies: ['cb-yufeng', 'cb-liubei'] }, validUntil: iso(Date.now() + 7 * 86_400_000) });
    await ok('yufeng.liaison', 'POST', `/api/bulletins/${b.id}/acknowledge`, {});
    const published = OCT + 2 * 86_400_000;
    await db.updateTable('bulletins').set({ created_at: iso(published) }).where('id', '=', b.id).execute();
    await db.updateTable('bulletin_recipients').set({ acknowledged_at: iso(published + 30 * 60_000) }).where('bulletin_id', '=', b.id).where('agency_id', '=', 'cb-yufeng').execute();
  });
  afterAll(async () => t?.close());

  const call = (user: string, url: string, method: 'GET' | 'POST' = 'GET', payload?: unknown) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)! } });
  async function ok(user: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
    const res = await call(user, url, method, payload);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  }
  const table = async (user: string, query: string) => IndicatorTable.parse(await ok(user, 'GET', `/api/indicators?${query}`));
  const value = (tab: IndicatorTable, indicatorId: string, agencyId: string) => tab.values.find((v) => v.indicatorId === indicatorId && v.agencyId === agencyId);

  it('computes each agency’s figures for a Beijing month exactly, for the centre every agency', async () => {
    const tab = await table('lz.commander', 'month=2026-10');
    expect([tab.from, tab.to]).toEqual(['2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z']);
    expect(tab.agencies.map((a) => a.id)).toEqual(expect.arrayContaining(['lz-centre', 'cb-yufeng', 'cb-liubei', 'lz-ps-liuzhou']));
    expect(tab.values).toHaveLength(tab.defs.length * tab.agencies.length);
    expect(value(tab, 'reception.dispatch_time', 'cb-yufeng')).toEqual({ indicatorId: 'reception.dispatch_time', agencyId: 'cb-yufeng', value: 90, numerator: 180, denominator: 2 });
    expect(value(tab, 'reception.on_scene_in_limit', 'cb-yufeng')).toMatchObject({ value: 33.333, numerator: 1, denominator: 3 });
    expect(value(tab, 'reception.dispatch_time', 'cb-liubei')).toMatchObject({ value: null, denominator: 0 });
    expect(value(tab, 'transfers.accept_time', 'cb-liubei')).toMatchObject({ value: 240, numerator: 240, denominator: 1 });
    expect(value(tab, 'transfers.declined', 'cb-liubei')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    expect(value(tab, 'transfers.timed_out', 'cb-liubei')).toMatchObject({ value: 0, numerator: 0, denominator: 2 });
    expect(value(tab, 'bulletins.ack_rate', 'cb-yufeng')).toMatchObject({ value: 100, numerator: 1, denominator: 1 });
    expect(value(tab, 'bulletins.ack_time', 'cb-yufeng')).toMatchObject({ value: 30, denominator: 1 });
    expect(value(tab, 'bulletins.ack_rate', 'cb-liubei')).toMatchObject({ value: 0, numerator: 0, denominator: 1 });
    // the same month as instants, narrowed to two agencies; and a quarter that holds it
    const narrow = await table('lz.commander', `from=${encodeURIComponent('2026-09-30T16:00:00Z')}&to=${encodeURIComponent('2026-10-31T16:00:00Z')}&agency=cb-yufeng,cb-liubei`);
    expect(narrow.agencies.map((a) => a.id)).toEqual(['cb-yufeng', 'cb-liubei']);
    expect(value(narrow, 'reception.on_scene_in_limit', 'cb-yufeng')).toEqual(value(tab, 'reception.on_scene_in_limit', 'cb-yufeng'));
    expect(value(await table('lz.commander', 'quarter=2026Q4&agency=cb-yufeng'), 'reception.dispatch_time', 'cb-yufeng')).toMatchObject({ value: 90 });

    const defs = IndicatorDefs.parse(await ok('lz.commander', 'GET', '/api/indicators/definitions?lang=en')).defs;
    expect(defs.find((d) => d.id === 'reception.dispatch_time')).toMatchObject({ name: 'Time to dispatch', unit: 'seconds', direction: 'lower_better', source: 'reception' });
  });

  it('drills down to the records behind a figure, each incident with its number', async () => {
    const r = IndicatorRecords.parse(await ok('lz.commander', 'GET', '/api/indicators/reception.on_scene_in_limit/records?agency=cb-yufeng&month=2026-10'));
    expect(r.truncated).toBe(false);
    expect(r.records.map((x) => [x.incidentCode, x.ok])).toEqual([
      [incidents[2]!.code, false],
      [incidents[1]!.code, false],
      [incidents[0]!.code, true],
    ]);
    const limited = IndicatorRecords.parse(await ok('lz.commander', 'GET', '/api/indicators/reception.on_scene_in_limit/records?agency=cb-yufeng&month=2026-10&limit=2'));
    expect([limited.records.length, limited.truncated]).toEqual([2, true]);
  });

  it('gives a county only its own figures, from incidents it has a part in, and hides another’s drill-down', async () => {
    const own = await table('yufeng.liaison', 'month=2026-10&agency=cb-yufeng,cb-liubei');
    expect(own.agencies.map((a) => a.id)).toEqual(['cb-yufeng']);
    expect(new Set(own.values.map((v) => v.agencyId))).toEqual(new Set(['cb-yufeng']));
    expect(value(own, 'reception.on_scene_in_limit', 'cb-yufeng')).toMatchObject({ numerator: 1, denominator: 3 });
    // 404 as for an incident it may not read: whether another agency's figures exist is not its business
    expect((await call('yufeng.liaison', '/api/indicators/reception.dispatch_time/records?agency=cb-liubei&month=2026-10')).statusCode).toBe(404);
    expect((await call('yufeng.liaison', '/api/indicators/reception.dispatch_time/records?agency=cb-yufeng&month=2026-10')).statusCode).toBe(200);
    // the county asked for the transfers still reads both incidents, the declined one too: its figures are the centre's
    const liubei = await table('liubei.liaison', 'month=2026-10');
    expect(liubei.agencies.map((a) => a.id)).toEqual(['cb-liubei']);
    expect(value(liubei, 'transfers.declined', 'cb-liubei')).toMatchObject({ value: 50, numerator: 1, denominator: 2 });
    // an auditor reads no business data: an empty table
    expect((await table('lz.auditor', 'month=2026-10')).agencies).toEqual([]);

    // an incident the county no longer has a part in drops out of its figures, not the centre's
    await t.app.db.kysely.deleteFrom('incident_agencies').where('incident_id', '=', incidents[0]!.id).where('agency_id', '=', 'cb-yufeng').execute();
    expect(value(await table('yufeng.liaison', 'month=2026-10'), 'reception.on_scene_in_limit', 'cb-yufeng')).toMatchObject({ numerator: 0, denominator: 2 });
    expect(value(await table('lz.commander', 'month=2026-10&agency=cb-yufeng'), 'reception.on_scene_in_limit', 'cb-yufeng')).toMatchObject({ numerator: 1, denominator: 3 });
    const theirs = IndicatorRecords.parse(await ok('yufeng.liaison', 'GET', '/api/indicators/reception.on_scene_in_limit/records?agency=cb-yufeng&month=2026-10'));
    expect(theirs.records.map((x) => x.incidentId)).not.toContain(incidents[0]!.id);
  });

  it('refuses bad input naming the field', async () => {
    const fields = async (url: string) => {
      const res = await call('lz.commander', url);
      expect(res.statusCode, res.body).toBe(400);
      return (res.json().error.details.fields as Array<{ field: string }>).map((f) => f.field);
    };
    expect(await fields('/api/indicators/no.such/records?agency=cb-yufeng&month=2026-10')).toEqual(['params.id']);
    expect(await fields(`/api/indicators?from=${encodeURIComponent('2026-11-01T00:00:00Z')}&to=${encodeURIComponent('2026-10-01T00:00:00Z')}`)).toEqual(['query.to']);
    expect(await fields('/api/indicators?month=2026-13')).toEqual(['query.month']);
    expect(await fields('/api/indicators?quarter=2026Q5')).toEqual(['query.quarter']);
    expect(await fields('/api/indicators?agency=nope')).toEqual(['query.agency[0]']);
    expect(await fields('/api/indicators/reception.dispatch_time/records?month=2026-10')).toEqual(['query.agency']);
  });
});
