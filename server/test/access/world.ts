import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '@railjoint/contracts';
import type { TestApp } from '../harness.js';
import type { ResourceKind } from '../../src/platform/policies.js';
import type { Reader } from './oracle.js';
import { buildCivilDefence } from './civil-world.js';
import { buildFederation } from './federation-world.js';
import { jpegWithGps } from '../../src/modules/patrols/photos.fixtures.js';

/** A user of the matrix: a reader with a session. */
export interface Person extends Reader {
  auth: string;
}

/**
 * One resource of the world. `params` fills a route's other path parameters (an attachment's
 * id, the incident a message belongs to); `parent` is the resource it hangs under, so a list
 * under that parent can be checked for completeness; `marker` is a text that names it inside
 * a document (a task's code in an export).
 */
export interface Fixture {
  kind: ResourceKind;
  id: string;
  label: string;
  params?: Record<string, string>;
  /** per route url: path parameters to use instead (the command of an incident is read by the incident's id) */
  routeParams?: Record<string, Record<string, string>>;
  parent?: string;
  marker?: string;
}

/**
 * Who signs in: the centre's roles (dispatcher, commander, analyst, auditor, administrator), the
 * agencies of one incident in each part (lead county, supporting railway police station and
 * township), one reading by agreement, one offered a transfer, a train police team, a track
 * maintenance section, a volunteer team and an agency with no part at all.
 */
export const PEOPLE = [
  'admin',
  'lz.dispatcher1',
  'lz.commander',
  'lz.analyst',
  'lz.auditor',
  'yufeng.liaison',
  'ps.liuzhou.officer',
  'ps.liuzhou.commander',
  'yufeng.tianma.liaison',
  'liujiang.liaison',
  'liunan.liaison',
  'liubei.liaison',
  'tt.cj3.commander',
  'tt.cj3.officer',
  'tm.liuzhou.officer',
  'vt.luorong.volunteer1',
] as const;

export const STONES = { category: 'stone_throwing', channel: 'hotline', location: { lon: 109.5125, lat: 24.367 }, description: '列车被石块击中，车窗破碎' } as const;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 7)]);
/** a photo the cleaner can walk to its end (hazard photos are cleaned of metadata) */
const JPEG_PHOTO = jpegWithGps();

export class World {
  readonly people = new Map<string, Person>();
  readonly fixtures: Fixture[] = [];
  /** ids of the main pieces, for the event scenario */
  readonly ids: Record<string, string> = {};

  constructor(readonly t: TestApp) {}

  person(username: string): Person {
    const p = this.people.get(username);
    if (!p) throw new Error(`no person ${username}`);
    return p;
  }

  async call(username: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    return this.t.http.inject({ method, url, payload: payload as never, headers: { authorization: this.person(username).auth, ...headers } });
  }

  /** A call that must succeed; returns its JSON. */
  async ok(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) {
    const res = await this.call(username, method, url, payload, headers);
    expect(res.statusCode, `${username} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? res.json() : null;
  }

  add(f: Fixture): Fixture {
    this.fixtures.push(f);
    return f;
  }

  async signIn(): Promise<void> {
    const agencies = (await this.t.http.inject({ method: 'GET', url: '/api/agencies', headers: { authorization: await this.t.login('admin') } })).json().agencies as Array<{ id: string; type: string }>;
    const typeOf = new Map(agencies.map((a) => [a.id, a.type]));
    for (const username of PEOPLE) {
      const auth = await this.t.login(username);
      const me = (await this.t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: auth } })).json() as { agencyId: string; roles: Role[] };
      // the administrator's own agency is the platform's, of the centre's type
      const agencyType = typeOf.get(me.agencyId) ?? (me.agencyId === 'platform' ? 'coordination_centre' : null);
      this.people.set(username, { username, auth, agencyId: me.agencyId, agencyType, roles: me.roles });
    }
  }

  /** Builds everything the rules distinguish, through the API as the people who would do it. */
  async build(): Promise<void> {
    await this.signIn();
    const now = Date.parse((await this.t.http.inject({ method: 'GET', url: '/api/clock' })).json().now);
    const later = (h: number) => new Date(now + h * 3600_000).toISOString();

    // I1: stones at K499+940 — 鱼峰 leads, 柳州站派出所 and 天马街道 support, the centre is told
    const i1 = await this.ok('lz.dispatcher1', 'POST', '/api/incidents', STONES);
    this.ids.i1 = i1.id;
    // 柳江 reads 鱼峰's incidents under an agreement
    await this.ok('admin', 'PUT', '/api/sharing-agreements/ds-matrix-yufeng-liujiang', { id: 'ds-matrix-yufeng-liujiang', fromAgencyId: 'cb-yufeng', toAgencyId: 'cb-liujiang', kinds: ['incident'], maxClassification: 'internal' });
    // a joint command: the centre, the police station and 鱼峰 command; 天马 stays outside it
    await this.ok('lz.commander', 'POST', `/api/incidents/${i1.id}/level`, { level: 'II', reason: '矩阵测试：成立联合指挥部' });
    const command = await this.ok('lz.commander', 'POST', `/api/incidents/${i1.id}/command`, {
      members: [
        { agencyId: 'lz-centre', role: 'commander', person: '王指挥长' },
        { agencyId: 'lz-ps-liuzhou', role: 'commander', person: '李所长' },
        { agencyId: 'cb-yufeng', role: 'commander', person: '张副局长' },
      ],
      objectives: ['查明击打列车人员'],
    });
    this.ids.command = command.id;
    // TA: a command task to the police station (鱼峰 reads it as a member, 天马 does not)
    const ta = await this.ok('lz.commander', 'POST', '/api/tasks', { commandId: command.id, title: '矩阵指令甲：沿线走访', toAgencyId: 'lz-ps-liuzhou', deadline: later(4) });
    this.ids.ta = ta.id;
    // TB: a task on the incident outside the command, to the track maintenance section (not 鱼峰's business)
    const tbTask = await this.ok('lz.commander', 'POST', '/api/tasks', { incidentId: i1.id, title: '矩阵指令乙：检查护网', toAgencyId: 'tm-liuzhou', deadline: later(4) });
    this.ids.tb = tbTask.id;
    // TC: a task the station issues within the command to 鱼峰 (issuer and receiver outside the centre)
    const tc = await this.ok('ps.liuzhou.commander', 'POST', '/api/tasks', { commandId: command.id, title: '矩阵指令丙：封控道口', toAgencyId: 'cb-yufeng', deadline: later(4) });
    this.ids.tc = tc.id;
    const taFile = await this.ok('ps.liuzhou.officer', 'POST', `/api/tasks/${ta.id}/attachments`, JPEG, { 'content-type': 'image/jpeg', 'x-filename': 'scene.jpg' });
    for (const [t, label] of [[ta, 'TA command task'], [tbTask, 'TB incident task'], [tc, 'TC station task']] as const) {
      this.add({ kind: 'task', id: t.id, label, parent: i1.id, marker: t.code, params: t === ta ? { attachmentId: taFile.attachments[0].id } : {} });
    }
    // the station's car goes: 鱼峰, 天马 and the informed see it while it works the case
    await this.ok('lz.dispatcher1', 'POST', `/api/incidents/${i1.id}/dispatch`, { units: ['u-ps-liuzhou-car'] });
    this.add({ kind: 'unit', id: 'u-ps-liuzhou-car', label: 'a car on I1' });
    this.add({ kind: 'unit', id: 'u-liubei-car', label: 'a car of an agency with no part' });
    this.add({ kind: 'unit', id: 'u-luorong', label: 'a volunteer team' });
    // messages: one on the incident channel, one on the command channel
    const m1 = await this.ok('yufeng.liaison', 'POST', `/api/incidents/${i1.id}/messages`, { text: '矩阵消息：两台警车已到道口' });
    const m2 = await this.ok('ps.liuzhou.commander', 'POST', `/api/incidents/${i1.id}/messages`, { text: '矩阵消息：请协调限速', channel: 'command' });
    const m2File = await this.ok('ps.liuzhou.commander', 'POST', `/api/incidents/${i1.id}/messages/${m2.id}/attachments`, JPEG, { 'content-type': 'image/jpeg', 'x-filename': 'map.jpg' });
    this.add({ kind: 'message', id: m1.id, label: 'incident channel', parent: i1.id, params: { id: i1.id } });
    this.add({ kind: 'message', id: m2.id, label: 'command channel', parent: i1.id, params: { id: i1.id, attachmentId: m2File.attachments[0].id } });
    // situation reports: one released, one left a draft
    const s1 = await this.ok('lz.commander', 'POST', `/api/incidents/${i1.id}/sitreps`, {});
    await this.ok('lz.commander', 'POST', `/api/sitreps/${s1.id}/release`, {});
    const s2 = await this.ok('lz.commander', 'POST', `/api/incidents/${i1.id}/sitreps`, {});
    this.add({ kind: 'sitrep', id: s1.id, label: 'released report', parent: i1.id });
    this.add({ kind: 'sitrep', id: s2.id, label: 'draft report', parent: i1.id });
    this.add({ kind: 'command', id: command.id, label: 'joint command of I1', parent: i1.id, routeParams: { '/api/incidents/:id/command': { id: i1.id } } });

    // I2: a second report of the same stones (a likely duplicate of I1), offered to 柳南 by transfer
    const i2 = await this.ok('lz.dispatcher1', 'POST', '/api/incidents', { ...STONES, description: '又一名旅客报告石块击打列车' });
    this.ids.i2 = i2.id;
    await this.ok('lz.dispatcher1', 'POST', `/api/incidents/${i2.id}/transfer`, { to: 'cb-liunan', reason: '矩阵测试：移交' });
    const m3 = await this.ok('lz.dispatcher1', 'POST', `/api/incidents/${i2.id}/messages`, { text: '矩阵消息：请柳南分局接收' });
    this.add({ kind: 'message', id: m3.id, label: 'incident channel of a transferred case', parent: i2.id, params: { id: i2.id } });
    const s3 = await this.ok('lz.commander', 'POST', `/api/incidents/${i2.id}/sitreps`, {});
    await this.ok('lz.commander', 'POST', `/api/sitreps/${s3.id}/release`, {});
    this.add({ kind: 'sitrep', id: s3.id, label: 'released report of a transferred case', parent: i2.id });

    // I3: a case on a train, led by the train police team: nobody of 鱼峰's incident is in it
    const i3 = await this.ok('tt.cj3.commander', 'POST', '/api/incidents', { category: 'passenger_theft', channel: 'train_crew', location: { train: 'G1501', at: '2026-12-01T07:20:00+08:00' }, description: '旅客行李被盗' });
    this.ids.i3 = i3.id;
    this.add({ kind: 'incident', id: i1.id, label: 'I1 stones, command', marker: i1.code });
    this.add({ kind: 'incident', id: i2.id, label: 'I2 transfer offered', marker: i2.code });
    this.add({ kind: 'incident', id: i3.id, label: 'I3 on a train', marker: i3.code });

    // bulletins from the police station, one of each shape the rule tells apart
    await this.ok('admin', 'PUT', '/api/sharing-agreements/ds-matrix-station-cj3', { id: 'ds-matrix-station-cj3', fromAgencyId: 'lz-ps-liuzhou', toAgencyId: 'lz-tt-cj3', kinds: ['bulletin', 'attachment'], maxClassification: 'secret' });
    await this.ok('admin', 'PUT', '/api/sharing-agreements/ds-matrix-station-liubei', { id: 'ds-matrix-station-liubei', fromAgencyId: 'lz-ps-liuzhou', toAgencyId: 'cb-liubei', kinds: ['bulletin'], maxClassification: 'restricted' });
    await this.ok('admin', 'PUT', '/api/sharing-agreements/ds-matrix-station-liunan', { id: 'ds-matrix-station-liunan', fromAgencyId: 'lz-ps-liuzhou', toAgencyId: 'cb-liunan', kinds: ['bulletin', 'attachment'], maxClassification: 'restricted' });
    const bulletin = async (label: string, classification: string, agencies: string[], roles: string[] = []) => {
      const b = await this.ok('ps.liuzhou.commander', 'POST', '/api/bulletins', { kind: 'bolo', title: `矩阵通报：${label}`, body: '灰色双肩包男子', classification, distribution: { agencies, roles }, validUntil: later(24) });
      const file = await this.ok('ps.liuzhou.commander', 'POST', `/api/bulletins/${b.id}/attachments`, JPEG, { 'content-type': 'image/jpeg', 'x-filename': 'photo.jpg' });
      this.add({ kind: 'bulletin', id: b.id, label, marker: b.code });
      this.add({ kind: 'bulletin_file', id: b.id, label: `${label} (file)`, params: { attachmentId: file.attachments[0].id } });
      return b.id as string;
    };
    this.ids.bPublic = await bulletin('public', 'public', []);
    this.ids.bInternal = await bulletin('internal to 鱼峰', 'internal', ['cb-yufeng']);
    this.ids.bInternalCommanders = await bulletin('internal to the train team’s commanders', 'internal', ['lz-tt-cj3'], ['commander']);
    this.ids.bRestricted = await bulletin('restricted to 柳北 (no file agreement)', 'restricted', ['cb-liubei']);
    this.ids.bRestrictedFiles = await bulletin('restricted to 柳南 (with files)', 'restricted', ['cb-liunan']);
    this.ids.bSecret = await bulletin('secret to the train team', 'secret', ['lz-tt-cj3']);
    // a restricted one whose agreement has since ended: its recipient no longer reads it
    await this.ok('admin', 'PUT', '/api/sharing-agreements/ds-matrix-station-luorong', { id: 'ds-matrix-station-luorong', fromAgencyId: 'lz-ps-liuzhou', toAgencyId: 'vt-luorong', kinds: ['bulletin'], maxClassification: 'restricted' });
    this.ids.bLapsed = await bulletin('restricted to 雒容 volunteers, agreement ended', 'restricted', ['vt-luorong']);
    expect((await this.call('admin', 'DELETE', '/api/sharing-agreements/ds-matrix-station-luorong')).statusCode).toBe(204);

    const agreements = (await this.ok('admin', 'GET', '/api/sharing-agreements')).agreements as Array<{ id: string }>;
    for (const a of agreements.filter((x) => x.id.startsWith('ds-matrix') || x.id === 'ds-lz-centre-cb-yufeng' || x.id === 'ds-lz-ps-binyang-cb-binyang')) this.add({ kind: 'agreement', id: a.id, label: a.id });

    await buildCivilDefence(this);
    await this.buildAlerts(now);
    await this.buildDevices(now);
    await this.buildHazards();
    await this.buildMeetings();
    await this.buildCooperationAgreements();
    // indicator figures (issue 14) are per agency: one of each agency signing in, the platform's own administration aside
    for (const agencyId of new Set([...this.people.values()].filter((p) => p.username !== 'admin').map((p) => p.agencyId))) this.add({ kind: 'agency_indicators', id: agencyId, label: `indicators of ${agencyId}` });
    await buildFederation(this);
  }

  /**
   * Alerts of the alert centre, derived from what happened above: the car on I1 never acknowledged
   * (to the centre, the lead county and the station), the transfer offered to 柳南, and a bulletin
   * to acknowledge for each receiving agency — readable or not by each of its people. 柳南 takes
   * its transfer alert, so one is settled.
   */
  private async buildAlerts(now: number): Promise<void> {
    await this.t.app.services.dispatch.sweep(new Date(now + 3 * 86_400_000));
    await this.t.app.outbox.flush();
    await this.t.app.services.alertEngine.tick();
    const rows = await this.t.app.db.kysely.selectFrom('alerts').select(['id', 'kind', 'about_kind', 'about_id']).execute();
    for (const r of rows) this.add({ kind: 'alert', id: r.id, label: `alert ${r.kind} about ${r.about_kind} ${r.about_id}` });
    const transfer = rows.find((r) => r.kind === 'transfer_offered' && r.about_id === this.ids.i2);
    expect(transfer, 'the transfer to 柳南 raised an alert').toBeDefined();
    expect(rows.some((r) => r.kind === 'assignment_unacknowledged'), 'the car on I1 raised an alert').toBe(true);
    await this.ok('liunan.liaison', 'POST', `/api/alerts/${transfer!.id}/acknowledge`, {});
  }

  /**
   * A hazard (issue 12) at 湘桂 K499+940, found by 柳州工务段 on an inspection: owned by 柳州站派出所
   * and 天马街道 (the demo's section chiefs there), in 鱼峰's county; with a photo as found.
   */
  private async buildHazards(): Promise<void> {
    const h = await this.ok('tm.liuzhou.officer', 'POST', '/api/hazards', { type: 'broken_fence', severity: 'major', description: '矩阵隐患：护网缺口', place: { lineId: 'xianggui', mileage: 'K499+940' }, source: { kind: 'inspection' } });
    expect([h.railwayOwner.agencyId, h.localOwner.agencyId, h.countyId]).toEqual(['lz-ps-liuzhou', 'tw-yufeng-tianma', 'cb-yufeng']);
    await this.ok('tm.liuzhou.officer', 'POST', `/api/hazards/${h.id}/photos?photoId=mx-hazard-photo&phase=before`, JPEG_PHOTO, { 'content-type': 'image/jpeg', 'x-filename': 'fence.jpg' });
    this.ids.hazard = h.id;
    this.add({ kind: 'hazard', id: h.id, label: `hazard ${h.code}`, marker: h.code, params: { photoId: 'mx-hazard-photo' } });
  }

  /**
   * A joint meeting (issue 14) the centre convened with 鱼峰 county and 柳州站派出所, held, with a
   * decision for the county: 柳北 and the other agencies were not at the table.
   */
  private async buildMeetings(): Promise<void> {
    const at = Date.now() + 3_600_000;
    const m = await this.ok('lz.commander', 'POST', '/api/meetings', { type: 'joint_monthly', title: '矩阵联席会议', scheduledAt: new Date(at).toISOString(), agencies: ['cb-yufeng', 'lz-ps-liuzhou'], agenda: [{ title: '护路联防' }] });
    await this.ok('lz.commander', 'POST', `/api/meetings/${m.id}/record`, { attendance: [{ agencyId: 'cb-yufeng', attended: true }], minutes: '矩阵会议纪要', decisions: [{ text: '修复护网', ownerAgencyId: 'cb-yufeng', dueAt: new Date(at + 7 * 86_400_000).toISOString() }] });
    // a paper tabled by the county: readable by whoever reads the meeting
    const documentId = '5f0c1a9e-4b7d-4c2e-9a51-6d3e2f1b0c77';
    await this.ok('yufeng.liaison', 'POST', `/api/meetings/${m.id}/documents?documentId=${documentId}`, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf', 'x-filename': 'statement.pdf' });
    this.add({ kind: 'meeting', id: m.id, label: `meeting ${m.code}`, marker: m.code, params: { documentId } });
  }

  /**
   * A cooperation agreement (issue 14) the centre drew up between 鱼峰 county and 柳州站派出所 over
   * 湘桂 K499–K501, with its signed copy: 天马, 柳北 and the other agencies are not party to it.
   */
  private async buildCooperationAgreements(): Promise<void> {
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const a = await this.ok('lz.commander', 'POST', '/api/agreements', {
      kind: 'agreement',
      title: '矩阵联防联控协议',
      parties: ['cb-yufeng', 'lz-ps-liuzhou'],
      scope: { lines: [{ lineId: 'xianggui', from: 'K499+000', to: 'K501+000' }], areas: [] },
      obligations: [{ kind: 'patrol_hours', partyAgencyId: 'lz-ps-liuzhou', target: 20 }],
      validFrom: day(Date.now() - 86_400_000),
      validTo: day(Date.now() + 300 * 86_400_000),
    });
    const signed = await this.ok('lz.commander', 'POST', `/api/agreements/${a.id}/copies`, Buffer.from('%PDF-1.4\n%%EOF\n'), { 'content-type': 'application/pdf', 'x-filename': 'signed.pdf' });
    this.add({ kind: 'cooperation_agreement', id: a.id, label: `cooperation agreement ${a.code}`, marker: a.code, params: { copyId: signed.copies[0].id } });
  }

  /** keys of the devices the world registered, for signed messages (POST /api/device-events) */
  readonly deviceKeys = new Map<string, string>();
  private seq = 0;

  /** A device's message as a gateway posts it, signed with the device's key; must be accepted. */
  async deviceMessage(deviceId: string, topic: 'event' | 'heartbeat' | 'state', body: Record<string, unknown>): Promise<void> {
    const payload = JSON.stringify(topic === 'event' ? { seq: ++this.seq, ...body } : body);
    const signature = crypto.createHmac('sha256', this.deviceKeys.get(deviceId)!).update(payload).digest('hex');
    const res = await this.t.http.inject({ method: 'POST', url: '/api/device-events', payload: { messages: [{ deviceId, topic, payload, signature }] } });
    expect(res.json(), res.body).toMatchObject({ accepted: 1 });
  }

  /**
   * An instant a little before now when the demo timetable runs no train past the given devices'
   * stretches: a passing train explains (and hides) a vibration alarm, so events sent at the wall
   * clock's minute would raise nothing whenever a train happened to pass (CI caught it on both
   * databases at once). Offsets of a few seconds from it stay inside the quiet gap.
   */
  async quietInstant(deviceIds: string[]): Promise<number> {
    const trains = this.t.app.services.trains;
    const places: Array<{ lineId: string; measureM: number }> = [];
    for (const id of deviceIds) {
      const p = (await this.ok('admin', 'GET', `/api/devices/${encodeURIComponent(id)}`)).placement as { lineId: string | null; fromMeasureM: number | null; toMeasureM: number | null };
      if (!p.lineId || p.fromMeasureM === null) continue;
      const to = p.toMeasureM ?? p.fromMeasureM;
      for (let m = Math.min(p.fromMeasureM, to); m <= Math.max(p.fromMeasureM, to) + 1; m += 200) places.push({ lineId: p.lineId, measureM: m });
    }
    const now = Date.parse((await this.t.http.inject({ method: 'GET', url: '/api/clock' })).json().now);
    // the alarm context looks 90 s either side of an event; keep 3 minutes clear either side
    for (let at = now - 15_000; at > now - 2 * 3600_000; at -= 20_000) {
      let clear = true;
      for (const p of places) {
        if ((await trains.passing(p.lineId, p.measureM, at - 180_000, 360)).length) {
          clear = false;
          break;
        }
      }
      if (clear) return at;
    }
    throw new Error('no quiet moment in the last two hours on the devices’ stretches');
  }

  /**
   * Technical defence: a fibre sensor of 柳州工务段 on 衡柳 K500 (where 柳州站派出所 has
   * jurisdiction), a fence sensor of the security company on 湘桂 K600 (柳州工务段's stretch), an
   * alarm from each, and maintenance windows declared by the section itself and by the centre.
   */
  private async buildDevices(now: number): Promise<void> {
    const at = (ms = 0) => new Date(now + ms).toISOString();
    const devices = [
      { id: 'mx-fs-k500', kind: 'fibre_sensor', name: '矩阵光纤 K500', ownerAgencyId: 'tm-liuzhou', location: { lineId: 'hengliu-hsr', from: 'K500+000', to: 'K501+000' } },
      { id: '34020000001320000601', kind: 'fence_sensor', name: '矩阵电子围栏 K600', ownerAgencyId: 'sec-liuzhou', location: { lineId: 'xianggui', from: 'K600+000', to: 'K600+500' } },
    ];
    for (const d of devices) {
      const saved = await this.ok('admin', 'POST', '/api/devices', d);
      this.deviceKeys.set(d.id, saved.key);
      this.add({ kind: 'device', id: d.id, label: `device ${d.name}`, marker: d.id });
    }
    const quiet = new Date(await this.quietInstant(devices.map((d) => d.id))).toISOString();
    for (const d of devices) await this.deviceMessage(d.id, 'event', { type: d.kind === 'fibre_sensor' ? 'intrusion' : 'climb', at: quiet, positionM: 200 });
    const alarms = await this.t.app.db.kysely.selectFrom('alarms').select(['id', 'device_id']).execute();
    for (const a of alarms) this.add({ kind: 'alarm', id: a.id, label: `alarm of ${a.device_id}` });
    const own = await this.ok('tm.liuzhou.officer', 'POST', '/api/maintenance-windows', { lineId: 'xianggui', from: 'K600+000', to: 'K601+000', start: at(3600_000), end: at(5 * 3600_000), crew: '柳州工务段 矩阵作业组', agencyId: 'tm-liuzhou' });
    const central = await this.ok('lz.dispatcher1', 'POST', '/api/maintenance-windows', { lineId: 'hengliu-hsr', from: 'K500+000', to: 'K500+800', start: at(3600_000), end: at(4 * 3600_000), crew: '桂林高铁工务段 矩阵作业组', agencyId: 'tm-guilin-hsr' });
    this.add({ kind: 'maintenance_window', id: own.id, label: 'window of the section itself' });
    this.add({ kind: 'maintenance_window', id: central.id, label: 'window the centre declared for another section' });
  }
}
