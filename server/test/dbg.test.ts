import { it } from 'vitest';
import { startApp } from './harness.js';
it('dbg', async () => {
  const t = await startApp({ engine: 'sqlite', demo: true, clockStart: Date.parse('2026-12-01T07:20:00+08:00') });
  const d = await t.login('lz.dispatcher1');
  const r = await t.http.inject({ method: 'POST', url: `/api/incidents`, headers: { authorization: d }, payload: { category: 'passenger_theft', channel: 'train_crew', location: { train: 'G1501', car: 5 }, description: 'x' } });
  const inc = r.json();
  console.log(r.statusCode, JSON.stringify({ lead: inc.lead, support: inc.support, inform: inc.inform, loc: inc.location, pk: inc.placeKind, pr: inc.priorityReasons }));
  const h = await t.http.inject({ method: 'GET', url: `/api/incidents/${inc.id}/handover`, headers: { authorization: d } });
  console.log(h.statusCode, h.body.slice(0, 1500));
  const rec = await t.http.inject({ method: 'GET', url: `/api/incidents/${inc.id}/recommendations`, headers: { authorization: d } });
  console.log(rec.statusCode, JSON.stringify(rec.json().recommendations?.slice(0, 12).map((x: any) => [x.unitId, x.agencyId, Math.round(x.etaS)])));
  await t.close();
});
