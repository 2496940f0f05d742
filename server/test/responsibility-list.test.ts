import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { AgreementCompliance, CooperationAgreement, CooperationAgreementList, ResponsibilityListDiff, ResponsibilityListIndex, ResponsibilityListVersion } from '@railjoint/contracts';
import { ENGINES, startApp, type TestApp } from './harness.js';

/**
 * The power-and-responsibility list and cooperation agreements (issue 14) from the HTTP side on
 * the demo department. The list: the centre drafts it from the matrix, a stale draft is refused, a
 * commander approves, every agency reads and downloads it, a second version is compared with the
 * first. Agreements: a scope off the line is refused and nothing written; the centre draws one up
 * between 鱼峰 county, 柳州站派出所 and 天马街道, files the signed copy and puts it in force; its
 * obligations are measured for the month from an incident, a hazard, a bulletin and a patrol;
 * an agency not party to it sees nothing.
 */
const USERS = ['admin', 'lz.commander', 'lz.dispatcher1', 'yufeng.liaison', 'ps.liuzhou.commander', 'tm.liuzhou.officer', 'tt.cj3.officer'];

describe.each(ENGINES)('governance documents on %s', (engine) => {
  let t: TestApp;
  const auth = new Map<string, string>();
  beforeAll(async () => {
    t = await startApp({ engine, demo: true });
    for (const u of USERS) auth.set(u, await t.login(u));
  });
  afterAll(async () => t?.close());

  const call = (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => t.http.inject({ method, url, payload: payload as never, headers: { authorization: auth.get(user)!, ...headers } });
  const ok = async (user: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) => {
    const res = await call(user, method, url, payload, headers);
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.statusCode === 204 ? null : res.json();
  };

  it('drafts the list from the matrix, refuses a stale draft, publishes on approval and compares versions', async () => {
    const empty = ResponsibilityListIndex.parse(await ok('yufeng.liaison', 'GET', '/api/responsibility-list'));
    expect(empty).toMatchObject({ versions: [], draft: null, mayDraft: false, mayApprove: false });
    expect((await call('yufeng.liaison', 'PUT', '/api/responsibility-list/draft', {})).statusCode).toBe(403);

    // a legal basis for a category that does not exist: 400 naming the field, nothing drafted
    const bad = await call('lz.dispatcher1', 'PUT', '/api/responsibility-list/draft', { legalBasis: [{ categoryId: 'stone_throwing', text: '《铁路法》' }, { categoryId: 'nope', text: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.legalBasis[1].categoryId']);
    expect((await call('lz.dispatcher1', 'GET', '/api/responsibility-list/draft')).statusCode).toBe(404);

    const basis = '《中华人民共和国铁路法》第四十三条；《中华人民共和国刑法》';
    const draft = ResponsibilityListVersion.parse(await ok('lz.dispatcher1', 'PUT', '/api/responsibility-list/draft', { note: '2026年第一版', legalBasis: [{ categoryId: 'stone_throwing', text: basis }] }));
    const matrix = (await ok('lz.dispatcher1', 'GET', '/api/responsibility')).rules as unknown[];
    expect(draft).toMatchObject({ status: 'draft', number: null, note: '2026年第一版', stale: false });
    expect(draft.rows).toHaveLength(matrix.length);
    const stones = draft.rows.find((r) => r.categoryId === 'stone_throwing' && r.placeKind === 'outside')!;
    expect(stones).toMatchObject({ lead: 'county_police_bureau', legalBasis: basis });
    // the types name the department's agencies: the county bureaus are listed by name
    expect(draft.agencies.find((a) => a.type === 'county_police_bureau')!.agencies.map((a) => a.id)).toContain('cb-yufeng');
    // a draft is the centre's working paper
    expect(ResponsibilityListIndex.parse(await ok('yufeng.liaison', 'GET', '/api/responsibility-list')).draft).toBeNull();

    // only a commander of the centre (or an administrator) approves
    expect((await call('lz.dispatcher1', 'POST', '/api/responsibility-list/draft/approve', { draftId: draft.id })).statusCode).toBe(403);

    // the matrix changes after drafting: the draft is stale and approving it is refused, nothing published
    const before = { lead: stones.lead, support: stones.support, inform: stones.inform, timeLimitS: stones.timeLimitS };
    await ok('admin', 'PUT', '/api/responsibility/stone_throwing/outside', { ...before, timeLimitS: 600 });
    expect(ResponsibilityListIndex.parse(await ok('lz.commander', 'GET', '/api/responsibility-list')).draft).toMatchObject({ id: draft.id, stale: true });
    const stale = await call('lz.commander', 'POST', '/api/responsibility-list/draft/approve', { draftId: draft.id });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');
    expect(ResponsibilityListIndex.parse(await ok('lz.commander', 'GET', '/api/responsibility-list')).versions).toEqual([]);

    // redrafted, it is approved as version 1 with the approver's name
    const redraft = ResponsibilityListVersion.parse(await ok('lz.dispatcher1', 'PUT', '/api/responsibility-list/draft', { note: '2026年第一版' }));
    expect(redraft.id).toBe(draft.id);
    expect(redraft.rows.find((r) => r.categoryId === 'stone_throwing' && r.placeKind === 'outside')).toMatchObject({ timeLimitS: 600, legalBasis: basis });
    expect((await call('lz.commander', 'POST', '/api/responsibility-list/draft/approve', { draftId: 'other' })).json().error.code).toBe('changed_meanwhile');
    const v1 = ResponsibilityListVersion.parse(await ok('lz.commander', 'POST', '/api/responsibility-list/draft/approve', { draftId: draft.id }));
    expect(v1).toMatchObject({ number: 1, status: 'published', approvedBy: expect.any(String), approvedAt: expect.any(String) });

    // every agency reads it and downloads it
    const seen = ResponsibilityListIndex.parse(await ok('yufeng.liaison', 'GET', '/api/responsibility-list'));
    expect(seen.versions.map((v) => [v.number, v.approvedBy])).toEqual([[1, v1.approvedBy]]);
    expect(ResponsibilityListVersion.parse(await ok('yufeng.liaison', 'GET', '/api/responsibility-list/versions/1')).rows).toEqual(v1.rows);
    const xlsx = await call('yufeng.liaison', 'GET', '/api/responsibility-list/versions/1/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.rawPayload))['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('击打列车');
    expect(sheet).toContain('第四十三条');
    const pdf = await call('yufeng.liaison', 'GET', '/api/responsibility-list/versions/1/export?format=pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('yufeng.liaison', 'GET', '/api/responsibility-list/versions/9')).statusCode).toBe(404);

    // a second version after another change, compared with the first; a discarded draft leaves no version
    await ok('lz.dispatcher1', 'PUT', '/api/responsibility-list/draft', {});
    await ok('lz.dispatcher1', 'DELETE', '/api/responsibility-list/draft');
    expect((await call('lz.commander', 'GET', '/api/responsibility-list/draft')).statusCode).toBe(404);
    await ok('admin', 'PUT', '/api/responsibility/stone_throwing/outside', { ...before, lead: 'railway_police_station', support: ['county_police_bureau', 'township'] });
    const d2 = ResponsibilityListVersion.parse(await ok('lz.commander', 'PUT', '/api/responsibility-list/draft', {}));
    expect(ResponsibilityListVersion.parse(await ok('lz.commander', 'POST', '/api/responsibility-list/draft/approve', { draftId: d2.id })).number).toBe(2);
    const diff = ResponsibilityListDiff.parse(await ok('yufeng.liaison', 'GET', '/api/responsibility-list/diff?from=1&to=2'));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => [c.after.categoryId, c.after.placeKind, c.fields])).toEqual([['stone_throwing', 'outside', ['lead', 'support', 'timeLimitS']]]);

    const log = await t.app.db.kysely.selectFrom('change_log').select(['action']).where('entity', '=', 'responsibility_list').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['draft', 'redraft', 'approve', 'draft', 'discard', 'draft', 'approve']);
  });

  it('measures a cooperation agreement’s obligations for the month within its scope, for its parties only', async () => {
    const db = t.app.db.kysely;
    const count = async () => Number((await db.selectFrom('coop_agreements').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const base = {
      kind: 'agreement',
      title: '鱼峰段路地联防联控协议',
      parties: ['cb-yufeng', 'lz-ps-liuzhou', 'tw-yufeng-tianma'],
      scope: { lines: [{ lineId: 'xianggui', from: 'K499+000', to: 'K501+000' }], areas: [] as string[] },
      obligations: [{ kind: 'patrol_hours', partyAgencyId: 'lz-ps-liuzhou', target: 10 }],
      validFrom: day(Date.now() - 40 * 86_400_000),
      validTo: day(Date.now() + 300 * 86_400_000),
    };
    // off the line, an unknown line, a party that is not one: 400 naming each field, nothing written
    expect((await call('yufeng.liaison', 'POST', '/api/agreements', base)).statusCode).toBe(403);
    const bad = await call('lz.commander', 'POST', '/api/agreements', { ...base, scope: { lines: [{ lineId: 'xianggui', from: 'K9990+000', to: 'K9991+000' }, { lineId: 'nope', from: 'K1+000', to: 'K2+000' }], areas: [] }, obligations: [{ kind: 'bulletin_ack', partyAgencyId: 'lz-tt-cj3', target: 90, limitMin: 30 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body.obligations[0].partyAgencyId', 'body.scope.lines[0].from', 'body.scope.lines[0].to', 'body.scope.lines[1].lineId']);
    expect(await count()).toBe(0);

    // an incident in the scope; its lead is party to the agreement
    const inc = await ok('lz.dispatcher1', 'POST', '/api/incidents', { category: 'stone_throwing', channel: 'hotline', location: { lineId: 'xianggui', mileage: 'K500+100' }, description: '列车被石块击中' });
    const row = await db.selectFrom('incidents').select(['lead_agency_id', 'received_at', 'line_id', 'metres']).where('id', '=', inc.id).executeTakeFirstOrThrow();
    expect(base.parties).toContain(row.lead_agency_id);
    await db.updateTable('incidents').set({ on_scene_at: new Date(Date.parse(row.received_at) + 10 * 60_000).toISOString() }).where('id', '=', inc.id).execute();
    // a hazard at K499+940 owned by the station's police and 天马, rectified a day late
    const h = await ok('tm.liuzhou.officer', 'POST', '/api/hazards', { type: 'broken_fence', severity: 'major', description: '护网缺口', place: { lineId: 'xianggui', mileage: 'K499+940' }, source: { kind: 'inspection' } });
    const due = Date.now() - 60_000;
    await db.updateTable('hazards').set({ deadline_at: new Date(due).toISOString(), rectified_at: new Date(due + 86_400_000).toISOString() }).where('id', '=', h.id).execute();
    // a bulletin to 鱼峰, acknowledged at once
    const b = await ok('ps.liuzhou.commander', 'POST', '/api/bulletins', { kind: 'bolo', title: '协议测试通报', body: '灰色双肩包男子', classification: 'internal', distribution: { agencies: ['cb-yufeng'], roles: [] }, validUntil: new Date(Date.now() + 86_400_000).toISOString() });
    await ok('yufeng.liaison', 'POST', `/api/bulletins/${b.id}/acknowledge`, {});
    const created = CooperationAgreement.parse(
      await ok('lz.commander', 'POST', '/api/agreements', {
        ...base,
        obligations: [
          { kind: 'response_time', partyAgencyId: row.lead_agency_id, target: 90, limitMin: 15, text: '15分钟内到场' },
          { kind: 'hazard_rectification', partyAgencyId: 'lz-ps-liuzhou', target: 80 },
          { kind: 'bulletin_ack', partyAgencyId: 'cb-yufeng', target: 90, limitMin: 30 },
          { kind: 'patrol_hours', partyAgencyId: 'lz-ps-liuzhou', target: 10 },
        ],
      }),
    );
    expect(created).toMatchObject({ status: 'draft', code: expect.stringMatching(/^XY\d{4}-\d{3}$/) });
    expect(created.scope.lines[0]).toMatchObject({ lineId: 'xianggui', fromM: expect.any(Number), toM: expect.any(Number) });
    // a four-hour patrol of the station's police checking in at K500+000, and one checking in off the scope
    const at = (ms: number) => new Date(Date.now() - ms).toISOString();
    const team = await db.selectFrom('patrol_teams').select('id').where('agency_id', '=', 'lz-ps-liuzhou').executeTakeFirst();
    const teamId = team?.id ?? 'none';
    const line = created.scope.lines[0]!;
    for (const [id, mileage, m] of [['cp-in', 'K500+000', line.fromM + 1000], ['cp-out', 'K600+000', line.toM + 99_000]] as const) {
      await db.insertInto('checkpoints').values({ id, agency_id: 'lz-ps-liuzhou', name: id, kind: 'gate', place: '{}', lon: 109.5, lat: 24.3, line_id: 'xianggui', mileage, measure_m: m, section_id: null, station_id: null, radius_m: 50, nfc_tag_id: null, code_version: 1, active: 1, note: null, created_at: at(0), updated_at: at(0) }).execute();
      const pid = `patrol-${id}`;
      await db.insertInto('patrols').values({ id: pid, team_id: teamId, agency_id: 'lz-ps-liuzhou', duty_id: null, plan_id: null, mode: 'foot', member_ids: '[]', started_by: 'test', client_started_at: at(5 * 3_600_000), started_at: at(5 * 3_600_000), client_finished_at: at(3_600_000), finished_at: at(3_600_000), finish_reason: 'done', last_lon: null, last_lat: null, last_at: null, moved_lon: null, moved_lat: null, moved_at: at(3_600_000), welfare_alerted_at: null }).execute();
      await db.insertInto('patrol_check_ins').values({ id: `ci-${id}`, patrol_id: pid, checkpoint_id: id, duty_id: null, team_id: teamId, agency_id: 'lz-ps-liuzhou', method: 'qr', lon: 109.5, lat: 24.3, accuracy_m: 5, client_at: at(4 * 3_600_000), received_at: at(4 * 3_600_000), accepted: 1, late: 0, reason: null, factors: '[]', by_user: 'test' }).execute();
    }


    // a draft is rewritten as a whole, bad input changing nothing
    const renamed = { ...base, title: '鱼峰段路地联防联控协议（修订）', obligations: created.obligations.map(({ partyName: _p, ...o }) => o) };
    expect((await call('lz.commander', 'PUT', `/api/agreements/${created.id}`, { ...renamed, validTo: '2000-01-01' })).json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['body.validTo']);
    expect(CooperationAgreement.parse(await ok('lz.commander', 'PUT', `/api/agreements/${created.id}`, renamed)).title).toBe(renamed.title);

    // in force only once a signed copy is filed
    expect((await call('lz.commander', 'POST', `/api/agreements/${created.id}/sign`)).json().error.code).toBe('no_signed_copy');
    const pdf = Buffer.from('%PDF-1.4\n% signed\n%%EOF\n');
    const filed = CooperationAgreement.parse(await ok('lz.commander', 'POST', `/api/agreements/${created.id}/copies`, pdf, { 'content-type': 'application/pdf', 'x-filename': encodeURIComponent('协议签字页.pdf') }));
    expect(filed.copies.map((c) => [c.name, c.contentType])).toEqual([['协议签字页.pdf', 'application/pdf']]);
    expect(CooperationAgreement.parse(await ok('lz.commander', 'POST', `/api/agreements/${created.id}/sign`)).status).toBe('in_force');
    const copy = await call('yufeng.liaison', 'GET', `/api/agreements/${created.id}/copies/${filed.copies[0]!.id}`);
    expect(copy.rawPayload.equals(pdf)).toBe(true);

    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const c = AgreementCompliance.parse(await ok('yufeng.liaison', 'GET', `/api/agreements/${created.id}/compliance?month=${month}`));
    expect(c.obligations.map((o) => [o.kind, o.value, o.met, o.counted, o.within])).toEqual([
      ['response_time', 100, true, 1, 1],
      ['hazard_rectification', 0, false, 1, 0],
      ['bulletin_ack', 100, true, 1, 1],
      ['patrol_hours', 4, false, 1, 1],
    ]);
    expect(c.obligations[0]!.medianMin).toBe(10);
    expect((await call('yufeng.liaison', 'GET', `/api/agreements/${created.id}/compliance?month=2026-13`)).statusCode).toBe(400);

    // an agency not party to it reads neither the agreement nor how it is kept
    expect((await call('tt.cj3.officer', 'GET', `/api/agreements/${created.id}`)).statusCode).toBe(404);
    expect((await call('tt.cj3.officer', 'GET', `/api/agreements/${created.id}/compliance?month=${month}`)).statusCode).toBe(404);
    expect(CooperationAgreementList.parse(await ok('tt.cj3.officer', 'GET', '/api/agreements')).agreements).toEqual([]);
    expect(CooperationAgreementList.parse(await ok('yufeng.liaison', 'GET', '/api/agreements')).agreements.map((a) => [a.id, a.status])).toEqual([[created.id, 'in_force']]);
    const log = await db.selectFrom('change_log').select(['action']).where('entity', '=', 'cooperation_agreement').orderBy('id').execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'copy', 'sign']);
    // what the parties signed does not change
    expect((await call('lz.commander', 'PUT', `/api/agreements/${created.id}`, renamed)).statusCode).toBe(409);
  });
});
