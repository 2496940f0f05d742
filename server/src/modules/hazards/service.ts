import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EventType, Hazard, HazardDetail, HazardFromFinding, HazardInput, HazardPlace, HazardQuery, HazardSeverity, HazardStatus, HazardType, ProtectionZoneVerdict, ResolveResult } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { departmentDay, now, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, said, unprocessable, validationError, type Said } from '../../platform/http/errors.js';
import { isCentreOperator } from '../../platform/policies/incidents.js';
import { canReadHazard, hazardScope, type HazardParties } from '../../platform/policies/hazards.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { cleanPhoto } from '../patrols/photos.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SectionChiefService } from './section-chiefs.js';
import type { HazardsTable } from './tables.js';
import { displayNames } from '../users/display-names.js';
import { DEFAULT_DEADLINE_DAYS, deadlineFor, FINISHED, OWED, step, TRANSITIONS, type DeadlineDays, type HazardAction } from './model.js';

/** Photos per hazard, before and after together. */
export const MAX_HAZARD_PHOTOS = 12;

/** What the hazards module asks of patrol findings (modules/patrols), so it does not depend on their service. */
export interface FindingSource {
  readable(actor: Actor, id: string): Promise<boolean>;
}

/** The event each step announces. */
const EVENT_OF: Record<HazardAction | 'report', EventType> = {
  report: 'hazard.reported',
  assign: 'hazard.assigned',
  start: 'hazard.rectifying',
  fail_verification: 'hazard.rectifying',
  rectify: 'hazard.rectified',
  verify: 'hazard.verified',
  close: 'hazard.closed',
  reject: 'hazard.rejected',
};

const STAMP_OF: Partial<Record<HazardStatus, keyof HazardsTable>> = {
  assigned: 'assigned_at',
  rectifying: 'rectifying_at',
  rectified: 'rectified_at',
  verified: 'verified_at',
  closed: 'closed_at',
  rejected: 'rejected_at',
};

const REFUSAL: Record<'hazard_transition' | 'not_verified' | 'after_photos_required', (status: string) => Said> = {
  hazard_transition: (s) => said(`隐患当前状态（${s}）不允许此操作`, `not allowed while the hazard is ${s}`),
  not_verified: (s) => said(`隐患尚未经发现单位验收（当前：${s}），不能销号`, `a hazard is closed only after the finder’s agency verified it (it is ${s})`),
  after_photos_required: () => said('整改完成须先上传整改后照片', 'upload photos taken after the work before reporting it rectified'),
};

interface Placed {
  coordinates: [number, number];
  lineId: string;
  mileage: string;
  measureM: number;
  sectionId: string | null;
  placeKind: string;
  zone: ProtectionZoneVerdict | null;
  townshipId: string | null;
  countyId: string | null;
}

/**
 * Hazards (安全隐患) along the line: found by a patrol, the public, a device or an inspection,
 * owned by both section chiefs of the stretch (双段长), rectified by a deadline set by severity,
 * verified by the agency that found them and struck off the ledger (销号). Every change is on the
 * change log and the audit chain, and announced as an event in the same transaction.
 */
export class HazardService {
  private findings: FindingSource | null = null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    readonly chiefs: SectionChiefService,
    private readonly outbox: { kick(): void },
    private readonly deadlineDays: DeadlineDays = DEFAULT_DEADLINE_DAYS,
  ) {}

  /** Patrol findings are read through their own rule (wired in app.ts). */
  useFindings(findings: FindingSource): void {
    this.findings = findings;
  }

  // ---- where ----------------------------------------------------------------------------------

  /** The place as the resolver sees it: line, mileage, section, protection-zone verdict, township and county. */
  locate(place: HazardPlace, root = 'body.place'): Placed {
    let r: ResolveResult;
    try {
      r = 'lineId' in place ? this.org.resolve({ lineId: place.lineId, mileage: place.mileage }) : this.org.resolve({ lon: place.lon, lat: place.lat });
    } catch (e) {
      if (e instanceof HttpError && e.status < 500) {
        const field = 'lineId' in place ? (e.code === 'unknown_line' ? 'lineId' : 'mileage') : 'lon';
        throw validationError([{ field: `${root}.${field}`, message: e.said }]);
      }
      throw e;
    }
    const line = r.location.line;
    if (!line) throw validationError([{ field: root, message: said('该位置距任何线路都超过 500 米，无法确定所属区段', 'the place is more than 500 m from any line, so no stretch owns it') }]);
    const of = (type: string) => r.jurisdiction.find((j) => j.type === type)?.agencyId ?? null;
    return {
      coordinates: r.location.coordinates as [number, number],
      lineId: line.lineId,
      mileage: line.mileage,
      measureM: line.measureM,
      sectionId: line.sectionId,
      placeKind: r.placeKind,
      zone: r.protectionZone,
      townshipId: of('township'),
      countyId: of('county_police_bureau'),
    };
  }

  // ---- reporting ------------------------------------------------------------------------------

  async report(actor: Actor, input: HazardInput): Promise<Hazard> {
    if (input.source.kind === 'patrol_finding') return this.fromFinding(actor, input.source.findingId, { type: input.type, severity: input.severity, description: input.description });
    if (actor.roles.every((r) => r === 'auditor')) throw forbidden();
    const placed = this.locate(input.place);
    const ref = input.source.kind === 'public_report' ? (input.source.reportId ?? null) : input.source.kind === 'device_alarm' ? (input.source.alarmId ?? null) : null;
    const id = await this.insert(actor, { type: input.type, severity: input.severity, description: input.description, placed, sourceKind: input.source.kind, sourceRef: ref, finderAgencyId: actor.agencyId }, []);
    return this.present(await this.rowById(id));
  }

  /** A patrol finding becomes a hazard: its place, its photos (as found) and its team's agency as the finder. */
  async fromFinding(actor: Actor, findingId: string, body: HazardFromFinding): Promise<Hazard> {
    if (!this.findings || !(await this.findings.readable(actor, findingId))) throw notFound('finding');
    const f = (await this.db.kysely.selectFrom('patrol_findings').selectAll().where('id', '=', findingId).executeTakeFirst())!;
    const existing = await this.db.kysely.selectFrom('hazards').select(['id', 'code']).where('source_kind', '=', 'patrol_finding').where('source_ref', '=', findingId).executeTakeFirst();
    if (existing) throw conflict('hazard_exists', said(`该发现已登记为隐患 ${existing.code}`, `the finding is already hazard ${existing.code}`), { hazardId: existing.id, code: existing.code });
    const placed = this.locate({ lon: f.lon, lat: f.lat }, 'finding');
    const photos = await this.db.kysely.selectFrom('finding_photos').selectAll().where('finding_id', '=', findingId).orderBy('received_at').execute();
    const id = await this.insert(actor, { type: body.type, severity: body.severity, description: body.description ?? f.description, placed, sourceKind: 'patrol_finding', sourceRef: findingId, finderAgencyId: f.agency_id }, photos);
    return this.present(await this.rowById(id));
  }

  private async insert(
    actor: Actor,
    h: { type: HazardType; severity: HazardSeverity; description: string; placed: Placed; sourceKind: string; sourceRef: string | null; finderAgencyId: string },
    photos: Array<{ id: string; content_type: string; size: number; sha256: string; data: Uint8Array; received_at: string }>,
  ): Promise<string> {
    const { placed } = h;
    const id = crypto.randomUUID();
    const at = nowIso();
    const line = this.network.current().line(placed.lineId);
    try {
      await this.db.kysely.transaction().execute(async (trx) => {
        const chief = await this.chiefs.at(trx, placed.lineId, placed.measureM);
        if (!chief) {
          throw unprocessable('no_section_chief', said(`${line?.name ?? placed.lineId} ${placed.mileage} 尚无双段长分工，请先导入分工`, `no section chiefs are assigned for ${line?.name ?? placed.lineId} ${placed.mileage}; import the assignment first`), {
            fields: [{ field: h.sourceKind === 'patrol_finding' ? 'finding' : 'body.place', message: said('该处尚无双段长', 'no section chiefs here') }],
          });
        }
        const local = this.org.findAgency(chief.local_agency_id);
        const countyId = placed.countyId ?? (local?.type === 'county_police_bureau' ? local.id : local?.type === 'township' ? local.parentId : null);
        const townshipId = placed.townshipId ?? (local?.type === 'township' ? local.id : null);
        const day = departmentDay(now());
        const n = await nextNumber(trx, `hazard:${day}`);
        const row: HazardsTable = {
          id,
          code: `YH${day}-${String(n).padStart(4, '0')}`,
          type: h.type,
          severity: h.severity,
          status: 'reported',
          description: h.description,
          lon: placed.coordinates[0],
          lat: placed.coordinates[1],
          line_id: placed.lineId,
          mileage: placed.mileage,
          measure_m: placed.measureM,
          section_id: placed.sectionId,
          place_kind: placed.placeKind,
          zone: placed.zone ? JSON.stringify(placed.zone) : null,
          source_kind: h.sourceKind,
          source_ref: h.sourceRef,
          finder_agency_id: h.finderAgencyId,
          reported_by: actor.username,
          reported_at: at,
          assignment_id: chief.id,
          railway_agency_id: chief.railway_agency_id,
          railway_chief: chief.railway_chief,
          local_agency_id: chief.local_agency_id,
          local_chief: chief.local_chief,
          township_id: townshipId,
          county_id: countyId ?? null,
          deadline_at: deadlineFor(Date.parse(at), h.severity, this.deadlineDays),
          escalated_at: null,
          assigned_at: null,
          rectifying_at: null,
          rectified_at: null,
          verified_at: null,
          closed_at: null,
          rejected_at: null,
          reject_reason: null,
          rectification_note: null,
          verification_note: null,
          updated_at: at,
        };
        await trx.insertInto('hazards').values(row).execute();
        for (const p of photos) {
          await trx.insertInto('hazard_photos').values({ id: crypto.randomUUID(), hazard_id: id, phase: 'before', content_type: p.content_type, size: p.size, sha256: p.sha256, data: p.data, received_at: p.received_at, by_user: actor.username }).execute();
        }
        await recordChange(trx, actor, 'hazard', id, 'report', {
          code: row.code,
          type: row.type,
          severity: row.severity,
          line: row.line_id,
          mileage: row.mileage,
          placeKind: row.place_kind,
          source: row.source_kind,
          sourceRef: row.source_ref,
          railwayAgencyId: row.railway_agency_id,
          localAgencyId: row.local_agency_id,
          deadline: row.deadline_at,
          photos: photos.length,
        });
        await enqueueEvent(trx, { type: 'hazard.reported', entity: 'hazard', entityId: id, payload: this.payload(row) });
      });
    } catch (e) {
      // the same finding turned into a hazard twice at once: the unique source index decides
      if (h.sourceRef && /unique|duplicate/i.test(String((e as Error).message))) {
        const existing = await this.db.kysely.selectFrom('hazards').select(['id', 'code']).where('source_kind', '=', h.sourceKind).where('source_ref', '=', h.sourceRef).executeTakeFirst();
        if (existing) throw conflict('hazard_exists', said(`该来源已登记为隐患 ${existing.code}`, `the source is already hazard ${existing.code}`), { hazardId: existing.id, code: existing.code });
      }
      throw e;
    }
    this.outbox.kick();
    return id;
  }

  private payload(r: HazardsTable) {
    return { id: r.id, code: r.code, type: r.type, severity: r.severity, status: r.status, railwayAgencyId: r.railway_agency_id, localAgencyId: r.local_agency_id, countyId: r.county_id, deadline: r.deadline_at };
  }

  // ---- the lifecycle --------------------------------------------------------------------------

  private parties(r: HazardsTable): HazardParties {
    return { railwayAgencyId: r.railway_agency_id, localAgencyId: r.local_agency_id, countyId: r.county_id, finderAgencyId: r.finder_agency_id };
  }

  private mayAct(actor: Actor, r: HazardsTable, action: HazardAction): boolean {
    if (actor.roles.includes('admin')) return true;
    const working = actor.roles.some((x) => x !== 'auditor');
    const owner = working && (r.railway_agency_id === actor.agencyId || r.local_agency_id === actor.agencyId);
    const finder = working && r.finder_agency_id === actor.agencyId;
    const centre = isCentreOperator(actor);
    switch (action) {
      case 'assign':
        return centre || owner;
      case 'start':
      case 'rectify':
        return owner;
      case 'verify':
      case 'fail_verification':
        return finder;
      case 'close':
      case 'reject':
        return centre || finder;
    }
  }

  private static readonly WHO: Record<HazardAction, Said> = {
    assign: said('由协调中心或双段长单位确认分派', 'the centre or a section chief’s agency confirms the assignment'),
    start: said('只有双段长单位可以开始整改', 'only the section chiefs’ agencies start the rectification'),
    rectify: said('只有双段长单位可以报告整改完成', 'only the section chiefs’ agencies report it rectified'),
    verify: said('只有发现单位可以验收整改', 'only the agency that found it verifies the rectification'),
    fail_verification: said('只有发现单位可以验收整改', 'only the agency that found it verifies the rectification'),
    close: said('由协调中心或发现单位销号', 'the centre or the finder’s agency closes it'),
    reject: said('由协调中心或发现单位驳回', 'the centre or the finder’s agency rejects it'),
  };

  async act(actor: Actor, id: string, action: HazardAction, text: { note?: string; reason?: string } = {}): Promise<HazardDetail> {
    const r = await this.visible(actor, id);
    if (!this.mayAct(actor, r, action)) throw forbidden(HazardService.WHO[action]);
    const after = action === 'rectify' ? Number((await this.db.kysely.selectFrom('hazard_photos').select((eb) => eb.fn.countAll().as('n')).where('hazard_id', '=', id).where('phase', '=', 'after').executeTakeFirst())?.n ?? 0) : 0;
    const verdict = step(r.status as HazardStatus, action, after);
    if (!verdict.ok) throw conflict(verdict.code, REFUSAL[verdict.code](r.status), { status: r.status, action });
    const at = nowIso();
    const set: Partial<HazardsTable> = { status: verdict.to, updated_at: at };
    const stamp = STAMP_OF[verdict.to];
    if (stamp && action !== 'fail_verification') (set as Record<string, unknown>)[stamp] = at;
    if (action === 'rectify') set.rectification_note = text.note ?? null;
    if (action === 'verify' || action === 'fail_verification') set.verification_note = text.note ?? null;
    if (action === 'fail_verification') set.rectified_at = null;
    if (action === 'reject') set.reject_reason = text.reason ?? null;
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.updateTable('hazards').set(set).where('id', '=', id).where('status', '=', r.status).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('changed_meanwhile', said('隐患已被他人更新，请刷新后重试', 'the hazard was changed meanwhile; reload and try again'));
      await recordChange(trx, actor, 'hazard', id, action, { from: r.status, to: verdict.to, ...(text.note ? { note: text.note } : {}), ...(text.reason ? { reason: text.reason } : {}) });
      await enqueueEvent(trx, { type: EVENT_OF[action], entity: 'hazard', entityId: id, payload: { ...this.payload({ ...r, ...set } as HazardsTable), from: r.status, ...(action === 'fail_verification' ? { verification: 'failed' } : {}) } });
    });
    this.outbox.kick();
    return this.get(actor, id);
  }

  /**
   * Hazards whose deadline passed while the rectification is still owed: escalated once each, to
   * the centre and the county (an alert, from the `hazard.overdue` event), mark and event in one
   * transaction so a run cut short is finished by the next and nothing is escalated twice.
   */
  async sweepOverdue(at: string = nowIso()): Promise<number> {
    const due = await this.db.kysely.selectFrom('hazards').selectAll().where('status', 'in', [...OWED]).where('deadline_at', '<', at).where('escalated_at', 'is', null).orderBy('deadline_at').limit(200).execute();
    let n = 0;
    for (const r of due) {
      const escalated = await this.db.kysely.transaction().execute(async (trx) => {
        const marked = await trx.updateTable('hazards').set({ escalated_at: at }).where('id', '=', r.id).where('escalated_at', 'is', null).where('status', 'in', [...OWED]).executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) return false;
        await recordChange(trx, SYSTEM_ACTOR, 'hazard', r.id, 'overdue', { deadline: r.deadline_at, status: r.status, countyId: r.county_id });
        await enqueueEvent(trx, { type: 'hazard.overdue', entity: 'hazard', entityId: r.id, payload: { ...this.payload(r), overdueSince: r.deadline_at } });
        return true;
      });
      if (escalated) n++;
    }
    if (n) this.outbox.kick();
    return n;
  }

  /** Demo data only (modules/hazards/demo.ts): a hazard reported earlier than it was written. */
  async backdate(id: string, reportedAt: string, deadline: string): Promise<void> {
    await this.db.kysely.updateTable('hazards').set({ reported_at: reportedAt, deadline_at: deadline }).where('id', '=', id).execute();
  }

  // ---- photos ---------------------------------------------------------------------------------

  /**
   * A photo of the hazard as found (before) or of the work done (after, while rectifying, by the
   * section chiefs' agencies). JPEG or PNG judged by content, cleaned of location and camera
   * metadata as patrol findings' photos are; sent again with the same id, answered as before.
   */
  /** Which photos a reader may add now: the same rules as addPhoto, for the console to offer. */
  private photoPhases(actor: Actor, r: HazardsTable): Array<'before' | 'after'> {
    const owner = r.railway_agency_id === actor.agencyId || r.local_agency_id === actor.agencyId;
    const admin = actor.roles.includes('admin');
    const working = actor.roles.some((x) => x !== 'auditor');
    const phases: Array<'before' | 'after'> = [];
    if (working && (owner || admin || r.finder_agency_id === actor.agencyId || isCentreOperator(actor)) && !FINISHED.includes(r.status as HazardStatus)) phases.push('before');
    if (working && (owner || admin) && r.status === 'rectifying') phases.push('after');
    return phases;
  }

  async addPhoto(actor: Actor, id: string, photoId: string, phase: 'before' | 'after', file: UploadedFile): Promise<HazardDetail> {
    const r = await this.visible(actor, id);
    const owner = r.railway_agency_id === actor.agencyId || r.local_agency_id === actor.agencyId;
    const admin = actor.roles.includes('admin');
    if (phase === 'after') {
      if (!owner && !admin) throw forbidden(said('整改后照片由双段长单位上传', 'photos after the work are added by the section chiefs’ agencies'));
      if (r.status !== 'rectifying') throw conflict('hazard_transition', said('整改后照片在整改中上传', 'photos after the work are added while rectifying'), { status: r.status });
    } else {
      if (!owner && !admin && r.finder_agency_id !== actor.agencyId && !isCentreOperator(actor)) throw forbidden(said('隐患照片由发现单位、双段长单位或协调中心上传', 'photos of the hazard are added by the finder, the section chiefs or the centre'));
      if (r.status === 'closed' || r.status === 'rejected') throw conflict('hazard_transition', said('隐患已办结，不能再添加照片', 'the hazard is finished; no more photos'), { status: r.status });
    }
    const existing = await this.db.kysely.selectFrom('hazard_photos').select(['hazard_id']).where('id', '=', photoId).executeTakeFirst();
    if (existing) {
      if (existing.hazard_id !== id) throw conflict('id_reused', said('该照片编号已用于其他隐患', 'this photo id is used by another hazard'));
      return this.get(actor, id);
    }
    const accepted = acceptAttachment(file);
    if (accepted.type !== 'image/jpeg' && accepted.type !== 'image/png') throw new HttpError(415, 'forbidden_file_type', said('照片须为 JPEG 或 PNG 格式（按文件内容判断）', 'a photo is a JPEG or PNG (judged by content)'));
    const cleaned = cleanPhoto(file.bytes);
    if (!cleaned.ok) throw new HttpError(415, 'unreadable_photo', said('照片无法完整读取，因而无法清除其中的元数据', 'the photo could not be read to its end, so it cannot be cleaned of its metadata'));
    await this.db.kysely.transaction().execute(async (trx) => {
      const count = await trx.selectFrom('hazard_photos').select((eb) => eb.fn.countAll().as('n')).where('hazard_id', '=', id).executeTakeFirst();
      if (Number(count?.n ?? 0) >= MAX_HAZARD_PHOTOS) throw unprocessable('too_many_photos', said(`每条隐患至多 ${MAX_HAZARD_PHOTOS} 张照片`, `a hazard has at most ${MAX_HAZARD_PHOTOS} photos`));
      const sha256 = crypto.createHash('sha256').update(cleaned.bytes).digest('hex');
      await trx.insertInto('hazard_photos').values({ id: photoId, hazard_id: id, phase, content_type: cleaned.type, size: cleaned.bytes.length, sha256, data: cleaned.bytes, received_at: nowIso(), by_user: actor.username }).execute();
      await trx.updateTable('hazards').set({ updated_at: nowIso() }).where('id', '=', id).execute();
      await recordChange(trx, actor, 'hazard', id, 'photo', { photoId, phase, size: cleaned.bytes.length, removed: cleaned.removed });
    });
    return this.get(actor, id);
  }

  async photo(actor: Actor, id: string, photoId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    await this.visible(actor, id);
    const p = await this.db.kysely.selectFrom('hazard_photos').selectAll().where('id', '=', photoId).where('hazard_id', '=', id).executeTakeFirst();
    if (!p) throw notFound('photo');
    return { name: `${photoId}.${p.content_type === 'image/png' ? 'png' : 'jpg'}`, contentType: p.content_type, data: Buffer.from(p.data) };
  }

  // ---- reading --------------------------------------------------------------------------------

  private async rowById(id: string): Promise<HazardsTable> {
    return (await this.db.kysely.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirst())!;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const r = await this.db.kysely.selectFrom('hazards').select(['railway_agency_id', 'local_agency_id', 'county_id', 'finder_agency_id']).where('id', '=', id).executeTakeFirst();
    return !!r && canReadHazard(actor, { railwayAgencyId: r.railway_agency_id, localAgencyId: r.local_agency_id, countyId: r.county_id, finderAgencyId: r.finder_agency_id });
  }

  private async visible(actor: Actor, id: string): Promise<HazardsTable> {
    const r = await this.db.kysely.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !canReadHazard(actor, this.parties(r))) throw notFound('hazard');
    return r;
  }

  async get(actor: Actor, id: string): Promise<HazardDetail> {
    const r = await this.visible(actor, id);
    const history = await this.db.kysely
      .selectFrom('change_log')
      .leftJoin('users', 'users.id', 'change_log.actor_user_id')
      .select(['change_log.at', 'change_log.action', 'change_log.detail', 'change_log.actor_agency_id', 'change_log.actor_user_id', 'users.username'])
      .where('change_log.entity', '=', 'hazard')
      .where('change_log.entity_id', '=', id)
      .orderBy('change_log.id')
      .execute();
    const status = r.status as HazardStatus;
    const actions = (Object.keys(TRANSITIONS) as HazardAction[]).filter((a) => TRANSITIONS[a].from.includes(status) && this.mayAct(actor, r, a));
    const nameOf = await displayNames(this.db.kysely, [r.reported_by, ...history.map((h) => h.username ?? h.actor_user_id)]);
    return {
      ...(await this.present(r)),
      reportedByName: nameOf(r.reported_by),
      actions,
      photoPhases: this.photoPhases(actor, r),
      history: history.map((h) => ({ at: h.at, by: h.username ?? h.actor_user_id ?? 'system', byName: nameOf(h.username ?? h.actor_user_id ?? 'system'), agencyId: h.actor_agency_id ?? '', action: h.action, detail: JSON.parse(h.detail) as unknown })),
    };
  }

  /** The hazards a reader may read, filtered; in SQL by the same relations as the read rule. */
  async rows(actor: Actor, q: Partial<HazardQuery>): Promise<HazardsTable[]> {
    const scope = hazardScope(actor);
    let s = this.db.kysely.selectFrom('hazards').selectAll().orderBy('reported_at', 'desc').orderBy('id').limit(q.limit ?? 500);
    if (!scope.all) {
      const a = scope.agencyId;
      s = a === null ? s.where((eb) => eb.or([])) : s.where((eb) => eb.or([eb('railway_agency_id', '=', a), eb('local_agency_id', '=', a), eb('county_id', '=', a), eb('finder_agency_id', '=', a)]));
    }
    if (q.status) s = s.where('status', '=', q.status);
    if (q.open === true) s = s.where('status', 'not in', ['closed', 'rejected']);
    if (q.open === false) s = s.where('status', 'in', ['closed', 'rejected']);
    const t = nowIso();
    if (q.overdue === true) s = s.where('status', 'in', [...OWED]).where('deadline_at', '<', t);
    if (q.overdue === false) s = s.where((eb) => eb.or([eb('status', 'not in', [...OWED]), eb('deadline_at', '>=', t)]));
    if (q.townshipId) s = s.where('township_id', '=', q.townshipId);
    if (q.ownerAgencyId) {
      const o = q.ownerAgencyId;
      s = s.where((eb) => eb.or([eb('railway_agency_id', '=', o), eb('local_agency_id', '=', o)]));
    }
    if (q.agencyId) {
      const o = q.agencyId;
      s = s.where((eb) => eb.or([eb('railway_agency_id', '=', o), eb('local_agency_id', '=', o), eb('county_id', '=', o), eb('finder_agency_id', '=', o)]));
    }
    if (q.lineId) s = s.where('line_id', '=', q.lineId);
    if (q.sectionId) s = s.where('section_id', '=', q.sectionId);
    if (q.type) s = s.where('type', '=', q.type);
    if (q.severity) s = s.where('severity', '=', q.severity);
    return s.execute();
  }

  async list(actor: Actor, q: HazardQuery): Promise<Hazard[]> {
    const rows = await this.rows(actor, q);
    return this.presentMany(this.db.kysely, rows);
  }

  sectionName(lineId: string, sectionId: string | null): string | null {
    if (!sectionId) return null;
    return this.network.current().sections(lineId).find((s) => s.id === sectionId)?.name ?? sectionId;
  }

  async presentMany(db: Kysely<Database>, rows: HazardsTable[]): Promise<Hazard[]> {
    const photos = new Map<string, Hazard['photos']>();
    for (let i = 0; i < rows.length; i += 500) {
      const ids = rows.slice(i, i + 500).map((r) => r.id);
      if (!ids.length) continue;
      const ps = await db.selectFrom('hazard_photos').select(['id', 'hazard_id', 'phase', 'content_type', 'size', 'received_at']).where('hazard_id', 'in', ids).orderBy('received_at').orderBy('id').execute();
      for (const p of ps) photos.set(p.hazard_id, [...(photos.get(p.hazard_id) ?? []), { id: p.id, phase: p.phase as 'before' | 'after', contentType: p.content_type, size: p.size, receivedAt: p.received_at }]);
    }
    const t = nowIso();
    return rows.map((r) => this.presentRow(r, photos.get(r.id) ?? [], t));
  }

  private async present(r: HazardsTable): Promise<Hazard> {
    return (await this.presentMany(this.db.kysely, [r]))[0]!;
  }

  private presentRow(r: HazardsTable, photos: Hazard['photos'], t: string): Hazard {
    const name = (id: string | null) => (id ? this.org.agencyName(id) : null);
    return {
      id: r.id,
      code: r.code,
      type: r.type as HazardType,
      severity: r.severity as HazardSeverity,
      status: r.status as HazardStatus,
      description: r.description,
      coordinates: [r.lon, r.lat],
      lineId: r.line_id,
      lineName: this.network.current().line(r.line_id)?.name ?? r.line_id,
      mileage: r.mileage,
      measureM: r.measure_m,
      sectionId: r.section_id,
      sectionName: this.sectionName(r.line_id, r.section_id),
      placeKind: r.place_kind as Hazard['placeKind'],
      protectionZone: r.zone ? (JSON.parse(r.zone) as ProtectionZoneVerdict) : null,
      source: { kind: r.source_kind as Hazard['source']['kind'], ref: r.source_ref },
      finderAgencyId: r.finder_agency_id,
      finderAgencyName: this.org.agencyName(r.finder_agency_id),
      railwayOwner: { agencyId: r.railway_agency_id, agencyName: this.org.agencyName(r.railway_agency_id), chief: r.railway_chief },
      localOwner: { agencyId: r.local_agency_id, agencyName: this.org.agencyName(r.local_agency_id), chief: r.local_chief },
      townshipId: r.township_id,
      townshipName: name(r.township_id),
      countyId: r.county_id,
      reportedBy: r.reported_by,
      reportedAt: r.reported_at,
      deadline: r.deadline_at,
      overdue: OWED.includes(r.status as HazardStatus) && r.deadline_at < t,
      escalatedAt: r.escalated_at,
      assignedAt: r.assigned_at,
      rectifyingAt: r.rectifying_at,
      rectifiedAt: r.rectified_at,
      verifiedAt: r.verified_at,
      closedAt: r.closed_at,
      rejectedAt: r.rejected_at,
      rejectReason: r.reject_reason,
      rectificationNote: r.rectification_note,
      verificationNote: r.verification_note,
      photos,
    };
  }
}
