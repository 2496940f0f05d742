import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENT_TYPE_NAMES, EVENT_TYPES } from '@railjoint/contracts';
import { ENGINES, startServer } from './harness.js';
import { Oracle } from './access/oracle.js';
import { STONES, World } from './access/world.js';
import type { ResourceKind } from '../src/platform/policies.js';
import { offsetPoint } from '../src/modules/network/geo.js';
import { bearingDeg } from '../src/modules/devices/fov.js';
import { jpegWithGps } from '../src/modules/patrols/photos.fixtures.js';

/**
 * The live channel from the outside: every person of the access matrix holds a WebSocket while a
 * scenario fires every event type the platform emits. Each event must reach exactly the people
 * whose read rule lets them read the resource it is about at that moment — the expectation comes
 * from the rules' grants (test/access/oracle.ts), never from the event itself.
 */

interface Received {
  type: string;
  seq?: number;
  event?: { id: string; type: string; entityId: string; about?: unknown; audience?: unknown };
}

function socket(url: string, token: string) {
  const got: Received[] = [];
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/live?token=${encodeURIComponent(token)}`);
  ws.on('message', (data) => got.push(JSON.parse(String(data)) as Received));
  return { ws, got, ids: () => new Set(got.filter((m) => m.type === 'event').map((m) => m.event!.id)) };
}

const waitFor = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 15));
  }
  return true;
};

describe.each(ENGINES)('live channel access matrix on %s', (engine) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let world: World;
  let oracle: Oracle;
  const sockets = new Map<string, ReturnType<typeof socket>>();
  const seen = new Set<string>();
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startServer({ engine, demo: true, webDist: '/nonexistent' });
    world = new World(server.app);
    await world.build();
    oracle = new Oracle(server.app.app.db.kysely);
    for (const p of world.people.values()) sockets.set(p.username, socket(server.url, p.auth.replace('Bearer ', '')));
    for (const s of sockets.values()) expect(await waitFor(() => s.got.some((m) => m.type === 'ready'), 10_000)).toBe(true);
  });
  afterAll(async () => {
    for (const s of sockets.values()) s.ws.close();
    await server?.close();
  });

  /** Runs one step, then checks every event it caused against the rules, person by person. */
  const step = async (name: string, action: () => Promise<unknown>) => {
    const db = server.app.app.db.kysely;
    const before = Number((await db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst())?.m ?? 0);
    await action();
    await server.app.app.outbox.flush();
    const rows = await db.selectFrom('outbox').select(['id', 'body']).where('id', '>', before).orderBy('id').execute();
    expect(rows.length, `${name} emitted nothing`).toBeGreaterThan(0);
    for (const row of rows) {
      const e = JSON.parse(row.body) as { id: string; type: string; about: { kind: ResourceKind; id: string } };
      seen.add(e.type);
      const want = new Map<string, boolean>();
      for (const p of world.people.values()) want.set(p.username, await oracle.expect(e.about.kind, e.about.id, p));
      for (const [username, yes] of want) {
        if (yes && !(await waitFor(() => sockets.get(username)!.ids().has(e.id), 5000))) problems.push(`${name}: ${e.type} (${e.about.kind}) never reached ${username}, whom the rules let read it`);
      }
      // the checks run in sequence order on each socket: a short grace lets a wrong delivery show
      await new Promise((r) => setTimeout(r, 60));
      for (const [username, yes] of want) {
        if (!yes && sockets.get(username)!.ids().has(e.id)) problems.push(`${name}: ${e.type} (${e.about.kind}) reached ${username}, whom the rules refuse`);
      }
    }
  };

  it('delivers every event type to exactly those who may read what it is about', async () => {
    const w = world;
    const ok = w.ok.bind(w);
    const later = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const far = new Date(Date.now() + 3 * 86_400_000);
    const create = async (extra: Record<string, unknown> = {}) => (await ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: '矩阵事件测试', ...extra })).id as string;

    let i4 = '';
    await step('report', async () => (i4 = await create()));
    await step('note', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/note`, { text: '矩阵备注' }));
    await step('reprioritise', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/reprioritise`, { priority: 'P1', reason: '矩阵：提级' }));
    await step('keep apart', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/keep-apart`, { reason: '矩阵：不同事件' }));
    await step('dispatch', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/dispatch`, { units: ['u-yufeng-car'] }));
    await step('reinforce', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/dispatch`, { units: ['u-ps-liuzhou-foot'] }));
    const assignments = (await ok('lz.dispatcher1', 'GET', '/api/assignments')).assignments as Array<{ id: string; unit_id: string; incident_id: string }>;
    const mine = (unit: string) => assignments.find((a) => a.unit_id === unit && a.incident_id === i4)!.id;
    await step('acknowledge', () => ok('yufeng.liaison', 'POST', `/api/assignments/${mine('u-yufeng-car')}/acknowledge`, {}));
    await step('position', () => ok('yufeng.liaison', 'POST', '/api/units/u-yufeng-car/position', { lon: 109.51, lat: 24.366 }));
    await step('unit status', () => ok('liubei.liaison', 'POST', '/api/units/u-liubei-car/status', { status: 'busy' }));
    await step('unacknowledged', () => server.app.app.services.dispatch.sweep(far));
    await step('release', () => ok('lz.dispatcher1', 'POST', `/api/assignments/${mine('u-ps-liuzhou-foot')}/release`, { reason: '矩阵：收队' }));
    await step('en route', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/en-route`, {}));
    await step('on scene', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/on-scene`, {}));
    await step('clear', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/clear`, {}));
    await step('close', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i4}/close`, { outcomeCode: 'suspect_detained', summary: '矩阵：结案' }));
    const i5 = await create();
    await step('cancel', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i5}/cancel`, { reason: '矩阵：误报' }));
    const i6 = await create();
    await step('merge', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i6}/merge`, { into: w.ids.i1, reason: '矩阵：同一事件' }));
    const i7 = await create();
    await step('transfer', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i7}/transfer`, { to: 'cb-liubei', reason: '矩阵：属地' }));
    await step('accept transfer', () => ok('liubei.liaison', 'POST', `/api/incidents/${i7}/accept-transfer`, {}));
    const i8 = await create();
    await ok('lz.dispatcher1', 'POST', `/api/incidents/${i8}/transfer`, { to: 'cb-liunan', reason: '矩阵：属地' });
    await step('decline transfer', () => ok('liunan.liaison', 'POST', `/api/incidents/${i8}/decline-transfer`, { reason: '矩阵：不属本辖' }));
    await step('transfer timeout and limits', () => server.app.app.services.incidents.sweep(far));
    const i3 = w.ids.i3!;
    const proposal = await ok('lz.dispatcher1', 'GET', `/api/incidents/${i3}/handover?at=${encodeURIComponent('2026-12-01T07:20:00+08:00')}`);
    await step('handover', () => ok('lz.dispatcher1', 'POST', `/api/incidents/${i3}/handover`, { stationId: proposal.proposed.stationId, at: '2026-12-01T07:20:00+08:00' }));
    await step('level', () => ok('lz.commander', 'POST', `/api/incidents/${i3}/level`, { level: 'II', reason: '矩阵：成立指挥部' }));
    let commandId = '';
    await step('command', async () => {
      commandId = (
        await ok('lz.commander', 'POST', `/api/incidents/${i3}/command`, {
          members: [
            { agencyId: 'lz-centre', role: 'commander', person: '王指挥长' },
            { agencyId: 'lz-tt-cj3', role: 'commander', person: '乘警长' },
          ],
          objectives: ['查找被盗行李'],
        })
      ).id;
    });
    let sitrep = '';
    await step('sitrep drafted', async () => (sitrep = (await ok('lz.commander', 'POST', `/api/incidents/${i3}/sitreps`, {})).id));
    await step('sitrep edited', () => ok('lz.commander', 'PUT', `/api/sitreps/${sitrep}`, { title: '矩阵：情况报告', sections: [{ key: 'summary', heading: '概况', body: '矩阵：已处置' }] }));
    await step('sitrep released', () => ok('lz.commander', 'POST', `/api/sitreps/${sitrep}/release`, {}));
    await step('message', () => ok('tt.cj3.commander', 'POST', `/api/incidents/${i3}/messages`, { text: '矩阵：车厢已封闭' }));
    await step('command message', () => ok('tt.cj3.commander', 'POST', `/api/incidents/${i3}/messages`, { text: '矩阵：指挥频道', channel: 'command' }));
    let task = '';
    await step('task', async () => (task = (await ok('lz.commander', 'POST', '/api/tasks', { commandId, title: '矩阵：查看监控', toAgencyId: 'lz-tt-cj3', deadline: later(2) })).id));
    await step('task acknowledged', () => ok('tt.cj3.officer', 'POST', `/api/tasks/${task}/acknowledge`, {}));
    await step('task progress', () => ok('tt.cj3.officer', 'POST', `/api/tasks/${task}/progress`, { note: '正在调取' }));
    await step('task complete', () => ok('tt.cj3.officer', 'POST', `/api/tasks/${task}/complete`, { note: '已调取' }));
    const other = (await ok('lz.commander', 'POST', '/api/tasks', { commandId, title: '矩阵：走访旅客', toAgencyId: 'lz-tt-cj3', deadline: later(2) })).id;
    await step('task cancelled', () => ok('lz.commander', 'POST', `/api/tasks/${other}/cancel`, { note: '不再需要' }));
    await ok('lz.commander', 'POST', '/api/tasks', { incidentId: w.ids.i1, title: '矩阵：超时指令', toAgencyId: 'tm-liuzhou', deadline: later(1) });
    await step('task overdue', () => server.app.app.services.tasks.sweepOverdue(far.toISOString()));
    let bulletin = '';
    await step('bulletin', async () => {
      bulletin = (await ok('ps.liuzhou.commander', 'POST', '/api/bulletins', { kind: 'wanted', title: '矩阵：通缉', body: '在逃人员', classification: 'restricted', distribution: { agencies: ['cb-liunan'] }, validUntil: later(24) })).id;
    });
    // within the bulletin's validity, past the time to acknowledge
    await step('bulletin reminder', () => server.app.app.services.sharing.sweepReminders(later(2)));
    await step('bulletin acknowledged', () => ok('liunan.liaison', 'POST', `/api/bulletins/${bulletin}/acknowledge`, {}));
    await step('bulletin withdrawn', () => ok('ps.liuzhou.commander', 'POST', `/api/bulletins/${bulletin}/withdraw`, { reason: '矩阵：已抓获' }));
    // the alert centre: alerts are derived from committed events, then taken or settled
    const derive = async () => {
      await server.app.app.outbox.flush();
      await server.app.app.services.alertEngine.tick();
    };
    const i9 = await create();
    await ok('lz.dispatcher1', 'POST', `/api/incidents/${i9}/dispatch`, { units: ['u-yufeng-car'] });
    let alert = '';
    await step('alert raised', async () => {
      await server.app.app.services.dispatch.sweep(far);
      await derive();
      alert = ((await ok('lz.dispatcher1', 'GET', '/api/alerts?state=open')).alerts as Array<{ id: string; subject: { id: string } }>).find((a) => a.subject.id === i9)!.id;
    });
    await step('alert acknowledged', () => ok('lz.dispatcher1', 'POST', `/api/alerts/${alert}/acknowledge`, {}));
    await step('alert resolved', async () => {
      const assignment = ((await ok('yufeng.liaison', 'GET', '/api/assignments')).assignments as Array<{ id: string; incident_id: string }>).find((a) => a.incident_id === i9)!;
      await ok('yufeng.liaison', 'POST', `/api/assignments/${assignment.id}/acknowledge`, {});
      await derive();
    });
    // technical defence: the registry, device health, alarms and maintenance windows
    const defence = server.app.app.services.defence;
    const dev = (id: string, topic: 'event' | 'heartbeat' | 'state', body: Record<string, unknown>) => w.deviceMessage(id, topic, { at: new Date().toISOString(), ...body });
    const fence = { id: 'mx-ev-fence', kind: 'fence_sensor', name: '矩阵事件围栏', ownerAgencyId: 'tm-liuzhou', location: { lineId: 'xianggui', from: 'K602+000', to: 'K602+400' } };
    await step('device registered', async () => w.deviceKeys.set(fence.id, (await ok('admin', 'POST', '/api/devices', fence)).key));
    await step('device updated', () => ok('admin', 'PUT', `/api/devices/${fence.id}`, { ...fence, name: '矩阵事件围栏（改）' }));
    await step('device heard from', () => dev(fence.id, 'heartbeat', {}));
    await step('device offline', () => defence.health.sweep((id) => defence.devices.view(id), far.getTime()));
    await step('device online again', () => dev(fence.id, 'heartbeat', {}));
    // vibration events at a moment no train passes the sensors (a train would explain and hide them)
    const chatter = { id: 'mx-ev-chatter', kind: 'fence_sensor', name: '矩阵抖动围栏', ownerAgencyId: 'sec-liuzhou', location: { lineId: 'xianggui', from: 'K603+000', to: 'K603+100' } };
    w.deviceKeys.set(chatter.id, (await ok('admin', 'POST', '/api/devices', chatter)).key);
    const quietMs = await w.quietInstant([fence.id, chatter.id, 'mx-fs-k500']);
    const quiet = (ms = 0) => new Date(quietMs + ms).toISOString();
    await step('alarm raised', () => dev(fence.id, 'event', { type: 'climb', positionM: 50, at: quiet() }));
    await step('alarm repeated', () => dev(fence.id, 'event', { type: 'climb', positionM: 80, at: quiet(6000) }));
    await step('alarm cleared', () => dev(fence.id, 'event', { type: 'climb', clear: true, at: quiet(7000) }));
    const fenceAlarm = ((await ok('admin', 'GET', `/api/alarms?state=all&deviceId=${fence.id}`)).alarms as Array<{ id: string }>)[0]!.id;
    await step('alarm shelved', () => ok('tm.liuzhou.officer', 'POST', `/api/alarms/${fenceAlarm}/shelve`, { reason: '矩阵：线路施工', minutes: 30 }));
    await step('alarm unshelved', () => ok('tm.liuzhou.officer', 'POST', `/api/alarms/${fenceAlarm}/unshelve`, {}));
    await step('alarm marked false', () => ok('lz.dispatcher1', 'POST', `/api/alarms/${fenceAlarm}/false`, { reason: '矩阵：大风误报' }));
    const k500 = (await ok('admin', 'GET', '/api/network/position?lineId=hengliu-hsr&mileage=K500%2B300')).candidates[0].coordinates as [number, number];
    const camAt = offsetPoint(k500, 80, 0);
    const camera = { id: 'mx-ev-cam', kind: 'camera', name: '矩阵事件摄像机', ownerAgencyId: 'lz-ps-liuzhou', location: { lon: camAt[0], lat: camAt[1] }, fieldOfView: { bearingDeg: bearingDeg(camAt, k500), angleDeg: 90, rangeM: 300 } };
    w.deviceKeys.set(camera.id, (await ok('admin', 'POST', '/api/devices', camera)).key);
    // where the world's alarm already is: no extent, so only the camera's confirmation escalates it
    await dev('mx-fs-k500', 'event', { type: 'intrusion', positionM: 200, at: quiet(8000) });
    let sensorAlarm = '';
    await step('alarm escalated', async () => {
      await dev(camera.id, 'event', { type: 'person_detected', confidence: 0.9, at: quiet(8500) });
      await defence.escalator.flush();
      await defence.escalator.run();
      sensorAlarm = ((await ok('admin', 'GET', '/api/alarms?deviceId=mx-fs-k500')).alarms as Array<{ id: string }>)[0]!.id;
    });
    await step('alarm acknowledged', () => ok('ps.liuzhou.officer', 'POST', `/api/alarms/${sensorAlarm}/acknowledge`, {}));
    await step('alarm chattering', async () => {
      for (let i = 0; i < 3; i++) {
        await dev(chatter.id, 'event', { type: 'climb', positionM: 10, at: quiet(9000 + i * 1000) });
        await dev(chatter.id, 'event', { type: 'climb', positionM: 10, clear: true, at: quiet(9500 + i * 1000) });
      }
    });
    let windowId = '';
    await step('maintenance window', async () => (windowId = (await ok('tm.liuzhou.officer', 'POST', '/api/maintenance-windows', { lineId: 'xianggui', from: 'K602+000', to: 'K602+600', start: later(1), end: later(3), crew: '矩阵：工务作业组', agencyId: 'tm-liuzhou' })).id));
    await step('maintenance window cancelled', () => ok('tm.liuzhou.officer', 'POST', `/api/maintenance-windows/${windowId}/cancel`, { reason: '矩阵：天气原因取消' }));
    // civil defence (issue 10): a village patrol from start to finish, then the sweep's alerts
    const patrol = crypto.randomUUID();
    const cp = await ok('vt.luorong.volunteer1', 'GET', '/api/checkpoints/cp-vt-luorong-1');
    const [lon, lat] = cp.coordinates as [number, number];
    const phone = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    await step('patrol started', () => ok('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: patrol, teamId: 'pt-vt-luorong', at: phone(-10) }));
    await step('patrol track', () => ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrol}/track`, { id: crypto.randomUUID(), points: [{ at: phone(-9), lon, lat, accuracyM: 10 }] }));
    const code = (await ok('vt.luorong.volunteer1', 'GET', '/api/checkpoints/cp-vt-luorong-1/code')).token;
    await step('patrol check-in', () => ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrol}/check-ins`, { id: crypto.randomUUID(), checkpointId: 'cp-vt-luorong-1', method: 'qr', code, lon, lat, accuracyM: 8, at: phone(-8) }));
    await step('patrol finding', () => ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrol}/findings`, { id: crypto.randomUUID(), category: 'fence_damage', description: '矩阵：护网缺口', lon, lat, at: phone(-7) }));
    await step('patrol finished', () => ok('vt.luorong.volunteer1', 'POST', `/api/patrols/${patrol}/finish`, { id: crypto.randomUUID(), at: phone(-1) }));
    // another patrol that never reports a move: 25 minutes on, it is silent too long
    await ok('vt.luorong.volunteer1', 'POST', '/api/patrols', { id: crypto.randomUUID(), teamId: 'pt-vt-luorong', at: phone(-2) });
    await step('patrol alerts', () => server.app.app.services.civil.sweep(Date.now() + 25 * 60_000));
    const patrolAlert = ((await ok('lz.dispatcher1', 'GET', '/api/patrol-alerts?open=true')).alerts as Array<{ id: string }>)[0]!;
    await step('patrol alert acknowledged', () => ok('lz.dispatcher1', 'POST', `/api/patrol-alerts/${patrolAlert.id}/acknowledge`, {}));
    // hazards (issue 12): reported by an inspection, through the lifecycle, one rejected, one overdue
    const hazard = (description: string) => ok('tm.liuzhou.officer', 'POST', '/api/hazards', { type: 'light_materials', severity: 'critical', description, place: { lineId: 'xianggui', mileage: 'K500+300' } });
    let hz = '';
    await step('hazard reported', async () => (hz = (await hazard('矩阵事件：塑料薄膜')).id));
    await step('hazard assigned', () => ok('lz.dispatcher1', 'POST', `/api/hazards/${hz}/assign`, {}));
    await step('hazard rectifying', () => ok('ps.liuzhou.officer', 'POST', `/api/hazards/${hz}/start`, {}));
    await ok('ps.liuzhou.officer', 'POST', `/api/hazards/${hz}/photos?photoId=${crypto.randomUUID()}&phase=after`, jpegWithGps(), { 'content-type': 'image/jpeg', 'x-filename': 'after.jpg' });
    await step('hazard rectified', () => ok('ps.liuzhou.officer', 'POST', `/api/hazards/${hz}/rectified`, { note: '已清除' }));
    await step('hazard verified', () => ok('tm.liuzhou.officer', 'POST', `/api/hazards/${hz}/verify`, { passed: true }));
    await step('hazard closed', () => ok('lz.dispatcher1', 'POST', `/api/hazards/${hz}/close`, {}));
    const wrong = (await hazard('矩阵事件：误报')).id;
    await step('hazard rejected', () => ok('lz.dispatcher1', 'POST', `/api/hazards/${wrong}/reject`, { reason: '矩阵：不构成隐患' }));
    await hazard('矩阵事件：逾期未整改');
    await step('hazard overdue', () => server.app.app.services.hazards.service.sweepOverdue(new Date(Date.now() + 40 * 86_400_000).toISOString()));
    await new Promise((r) => setTimeout(r, 300));

    expect(problems).toEqual([]);
    // every kind of event the platform can emit was fired and judged
    expect(EVENT_TYPE_NAMES.filter((type) => !seen.has(type))).toEqual([]);
    // and none leaked its bookkeeping: who may hear of an event is the server's business
    for (const s of sockets.values()) for (const m of s.got.filter((x) => x.type === 'event')) expect(m.event).not.toHaveProperty('about');
    expect(Object.keys(EVENT_TYPES).length).toBe(EVENT_TYPE_NAMES.length);
  });
});
