import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertList } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';
import { requests } from './requests.js';
import { AlertEngine } from '../src/modules/alerts/engine.js';
import { AlertKinds } from '../src/modules/alerts/kinds.js';

interface AlertShape {
  id: string;
  kind: string;
  severity: string;
  subject: { kind: string; id: string; code: string | null; title: string | null };
  facts: Record<string, string | number | null>;
  acknowledged: { at: string; by: string } | null;
  resolved: { at: string; by: string } | null;
}

describe.each(ENGINES)('the alert centre on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of ['lz.dispatcher1', 'lz.commander', 'lz.auditor', 'admin', 'yufeng.liaison', 'liubei.liaison', 'liunan.liaison', 'ps.liuzhou.commander', 'tm.liuzhou.officer']) auth.set(u, await t.login(u));
  });
  afterAll(async () => t?.close());
  const as = (u: string) => auth.get(u)!;
  const { get, post } = requests(() => t, () => as('lz.dispatcher1'));
  const far = () => new Date(Date.now() + 3 * 86_400_000);
  /** what has committed so far, turned into alerts */
  const derive = async () => {
    await t.app.outbox.flush();
    await t.app.services.alertEngine.tick();
  };
  const alertsOf = async (u: string, state = 'all'): Promise<{ alerts: AlertShape[]; open: number }> => {
    const res = await get(`/api/alerts?state=${state}`, as(u));
    expect(res.statusCode, res.body).toBe(200);
    return AlertList.parse(res.json()) as { alerts: AlertShape[]; open: number };
  };
  const about = (list: { alerts: AlertShape[] }, kind: string, id: string) => list.alerts.filter((a) => a.kind === kind && a.subject.id === id);
  const create = async () => {
    const r = await post('/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '石块击打列车' });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; code: string };
  };

  it('alerts the centre, the lead and the unit’s agency of an assignment nobody acknowledged, each acknowledging for itself', async () => {
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/dispatch`, { units: ['u-yufeng-car'] })).statusCode).toBe(200);
    await t.app.services.dispatch.sweep(far());
    await derive();

    const centre = about(await alertsOf('lz.dispatcher1'), 'assignment_unacknowledged', inc.id);
    expect(centre).toHaveLength(1);
    const alert = centre[0]!;
    expect(alert).toMatchObject({ severity: 'high', subject: { code: inc.code }, acknowledged: null, resolved: null });
    // the unit by its call sign, never its id
    expect(alert.facts.unit).toBeTruthy();
    expect(String(alert.facts.unit)).not.toContain('u-yufeng');
    expect(about(await alertsOf('yufeng.liaison'), 'assignment_unacknowledged', inc.id)).toHaveLength(1);
    // an agency with no part, the auditor and the platform's administration hear nothing of it
    for (const u of ['liubei.liaison', 'lz.auditor', 'admin']) expect(about(await alertsOf(u), 'assignment_unacknowledged', inc.id), u).toEqual([]);
    expect((await get(`/api/alerts/${alert.id}`, as('liubei.liaison'))).statusCode).toBe(404);

    const open = (await alertsOf('lz.dispatcher1')).open;
    const acked = await post(`/api/alerts/${alert.id}/acknowledge`, {}, as('lz.dispatcher1'));
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json().acknowledged.by).toBe((await get('/api/auth/me', as('lz.dispatcher1'))).json().displayName);
    // the other consoles of the centre see it taken; the lead agency still has its own to take
    const commander = await alertsOf('lz.commander');
    expect(about(commander, 'assignment_unacknowledged', inc.id)[0]!.acknowledged).not.toBeNull();
    expect(commander.open).toBe(open - 1);
    expect(about(await alertsOf('yufeng.liaison', 'open'), 'assignment_unacknowledged', inc.id)).toHaveLength(1);
    // recorded once: a second acknowledgement changes nothing
    const again = await post(`/api/alerts/${alert.id}/acknowledge`, {}, as('lz.commander'));
    expect(again.json().acknowledged).toEqual(acked.json().acknowledged);
    const log = await t.app.db.kysely.selectFrom('change_log').selectAll().where('entity', '=', 'alert').where('entity_id', '=', alert.id).where('action', '=', 'acknowledge').execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.actor_agency_id).toBe('lz-centre');

    // the unit acknowledges at last: what is still waiting settles by itself
    const assignment = (await get('/api/assignments', as('yufeng.liaison'))).json().assignments.find((a: { incident_id: string }) => a.incident_id === inc.id);
    expect((await post(`/api/assignments/${assignment.id}/acknowledge`, {}, as('yufeng.liaison'))).statusCode).toBe(200);
    await derive();
    const settled = about(await alertsOf('yufeng.liaison'), 'assignment_unacknowledged', inc.id)[0]!;
    expect(settled.resolved).toMatchObject({ by: 'incident.assignment_acknowledged' });
    expect(about(await alertsOf('yufeng.liaison', 'open'), 'assignment_unacknowledged', inc.id)).toEqual([]);
  });

  it('alerts the receiving agency of a transfer, settles it when answered, and alerts the centre of a decline', async () => {
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/transfer`, { to: 'cb-liunan', reason: '属地管辖' })).statusCode).toBe(200);
    await derive();
    const offered = about(await alertsOf('liunan.liaison', 'open'), 'transfer_offered', inc.id);
    expect(offered).toHaveLength(1);
    expect(offered[0]!.facts.reason).toBe('属地管辖');
    expect(about(await alertsOf('lz.dispatcher1'), 'transfer_offered', inc.id)).toEqual([]);

    expect((await post(`/api/incidents/${inc.id}/decline-transfer`, { reason: '不属本辖区' }, as('liunan.liaison'))).statusCode).toBe(200);
    await derive();
    expect(about(await alertsOf('liunan.liaison'), 'transfer_offered', inc.id)[0]!.resolved?.by).toBe('incident.transfer_declined');
    const declined = about(await alertsOf('lz.dispatcher1', 'open'), 'transfer_declined', inc.id);
    expect(declined).toHaveLength(1);
    expect(declined[0]!.facts).toMatchObject({ reason: '不属本辖区' });
    expect(String(declined[0]!.facts.agency)).toContain('柳南');
  });

  it('alerts each receiving agency of a bulletin until it acknowledges the bulletin, and reminders do not double it', async () => {
    const validUntil = new Date(Date.now() + 86_400_000).toISOString();
    const b = await post('/api/bulletins', { kind: 'bolo', title: '告警测试通报', body: '灰色双肩包男子', classification: 'internal', distribution: { agencies: ['cb-liunan', 'cb-liubei'] }, validUntil }, as('ps.liuzhou.commander'));
    expect(b.statusCode, b.body).toBe(201);
    const id = b.json().id as string;
    await derive();
    for (const u of ['liunan.liaison', 'liubei.liaison']) expect(about(await alertsOf(u, 'open'), 'bulletin_to_acknowledge', id).map((a) => a.subject.title)).toEqual(['告警测试通报']);
    await t.app.services.sharing.sweepReminders(new Date(Date.now() + 2 * 3600_000).toISOString());
    await derive();
    expect(about(await alertsOf('liunan.liaison'), 'bulletin_to_acknowledge', id)).toHaveLength(1);

    expect((await post(`/api/bulletins/${id}/acknowledge`, {}, as('liunan.liaison'))).statusCode).toBe(200);
    await derive();
    expect(about(await alertsOf('liunan.liaison', 'open'), 'bulletin_to_acknowledge', id)).toEqual([]);
    expect(about(await alertsOf('liubei.liaison', 'open'), 'bulletin_to_acknowledge', id)).toHaveLength(1);
  });

  it('alerts the issuer and the receiver of an overdue task', async () => {
    const inc = await create();
    const deadline = new Date(Date.now() + 3600_000).toISOString();
    const task = await post('/api/tasks', { incidentId: inc.id, title: '告警测试：检查护网', toAgencyId: 'tm-liuzhou', deadline }, as('lz.commander'));
    expect(task.statusCode, task.body).toBe(201);
    await t.app.services.tasks.sweepOverdue(far().toISOString());
    await derive();
    for (const u of ['lz.commander', 'tm.liuzhou.officer']) {
      const mine = about(await alertsOf(u, 'open'), 'task_overdue', task.json().id);
      expect(mine.map((a) => a.subject.title), u).toEqual(['告警测试：检查护网']);
    }
  });

  it('raises each alert once however often the outbox is read, and carries on from its cursor after a restart', async () => {
    const before = await t.app.db.kysely.selectFrom('alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    await derive();
    await derive();
    // a restarted instance: a new engine on the same tables goes on from where the last one stopped
    const dir = { centres: () => ['lz-centre'], exists: (id: string) => t.app.services.organisation.findAgency(id) !== undefined, name: (id: string) => t.app.services.organisation.agencyName(id) };
    expect(await new AlertEngine(t.app.db.kysely, new AlertKinds(), dir, null).tick()).toBe(0);
    const after = await t.app.db.kysely.selectFrom('alerts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(after?.n)).toBe(Number(before?.n));
  });

  it('takes a new kind of alert as data: a registry entry is all it needs', async () => {
    const kinds = new AlertKinds([{ kind: 'note_added', severity: 'normal', raisedBy: [{ event: 'incident.note', audience: ['incident:lead'] }], facts: [{ name: 'text', from: 'id' }] }]);
    const dir = { centres: () => ['lz-centre'], exists: (id: string) => t.app.services.organisation.findAgency(id) !== undefined, name: (id: string) => t.app.services.organisation.agencyName(id) };
    const engine = new AlertEngine(t.app.db.kysely, kinds, dir, null, 'test-plug-in');
    await engine.tick();
    const inc = await create();
    expect((await post(`/api/incidents/${inc.id}/note`, { text: '补充情况' })).statusCode).toBe(200);
    await t.app.outbox.flush();
    expect(await engine.tick()).toBeGreaterThan(0);
    const lead = about(await alertsOf('yufeng.liaison', 'open'), 'note_added', inc.id);
    expect(lead.map((a) => a.severity)).toEqual(['normal']);
  });
});
