import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  SPACE_SITE_TYPES,
  SpaceTemplateItem,
  type Assessment,
  type AspectScores,
  type Aspect,
  type CountermeasurePlan,
  type HazardPlace,
  type SpacePlanInput,
  type SpacePlanIssueInput,
  type SpacePlanIssued,
  type SpaceEvaluation,
  type SpaceAssessmentInput,
  type SpaceScoredItem,
  type SpaceSite,
  type SpaceSiteDetail,
  type SpaceSiteInput,
  type SpaceSiteType,
  type SpaceTemplateInput,
  type AssessmentTemplate,
} from '@railjoint/contracts';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, HttpError, notFound, said, unprocessable, validationError, fieldError, type FieldError } from '../../platform/http/errors.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { cleanPhoto } from '../patrols/photos.js';
import { displayNames, PLATFORM_NAME } from '../users/display-names.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { TaskService } from '../command/task-service.js';
import type { Database } from '../../platform/db/schema.js';
import { canIssueTask } from '../../platform/policies/tasks.js';
import { departmentDay } from '../../platform/clock.js';
import { COUNTERMEASURES, defaultTemplate } from './catalogue.js';
import { relativeEffect, aspectScores, candidates, MAX_CELLS, planExact, planGreedy, recommend, scoreAssessment, templateProblems, type PlanSite, type Problem } from './model.js';
import { incidentsNear, measureSite } from './measure.js';
import type { SpaceAssessmentsTable, SpaceSitesTable } from './tables.js';

/** Enough to show the problem from two sides and close up; more belongs in an inspection report. */
const PHOTOS_PER_ITEM = 3;

/** Where a place lies, as the hazards module resolves it (line, mileage, measure, section). */
/** Both section chiefs' agencies where a site lies (the hazards module's assignment). */
export type OwnersAt = (db: Kysely<Database>, lineId: string, measureM: number) => Promise<{ railway_agency_id: string; local_agency_id: string } | null>;

export type Locate = (place: HazardPlace, root?: string) => { coordinates: [number, number]; lineId: string; mileage: string; measureM: number; sectionId: string | null };

const Items = z.array(SpaceTemplateItem);
const asFields = (problems: Problem[]): FieldError[] => problems.map((p) => ({ field: p.field, message: said(p.message.zh, p.message.en) }));

/**
 * Defensible-space assessments: templates per site type (data the centre edits, versioned), the
 * sites assessed along the line, their assessments over time with the measured items filled from
 * the platform's own data, section scores, and countermeasure plans under a budget.
 */
export class DefensibleSpaceService {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly locate: Locate,
    private readonly ownersAt: OwnersAt,
    private readonly tasks: TaskService,
    private readonly org: OrganisationService,
    private readonly outbox: { kick(): void },
  ) {}

  // ---- templates -------------------------------------------------------------------------------

  async template(siteType: SpaceSiteType): Promise<AssessmentTemplate> {
    const r = await this.db.kysely.selectFrom('space_templates').selectAll().where('site_type', '=', siteType).executeTakeFirst();
    if (!r) return { siteType, version: 0, items: defaultTemplate(siteType), updatedAt: '1970-01-01T00:00:00.000Z', updatedBy: PLATFORM_NAME };
    return { siteType, version: r.version, items: Items.parse(JSON.parse(r.items)), updatedAt: r.updated_at, updatedBy: r.updated_by };
  }

  async templates(): Promise<AssessmentTemplate[]> {
    return Promise.all(SPACE_SITE_TYPES.map((t) => this.template(t)));
  }

  /** A new version of a site type's template; assessments already made keep the items they were scored on. */
  async putTemplate(actor: Actor, siteType: SpaceSiteType, input: SpaceTemplateInput): Promise<AssessmentTemplate> {
    const problems = templateProblems(input.items);
    if (problems.length) throw validationError(asFields(problems));
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const prev = await trx.selectFrom('space_templates').select('version').where('site_type', '=', siteType).executeTakeFirst();
      const version = (prev?.version ?? 0) + 1;
      const row = { site_type: siteType, version, items: JSON.stringify(input.items), updated_at: at, updated_by: actor.username };
      if (prev) await trx.updateTable('space_templates').set(row).where('site_type', '=', siteType).where('version', '=', prev.version).execute();
      else await trx.insertInto('space_templates').values(row).execute();
      await recordChange(trx, actor, 'space_template', siteType, 'edit', { version, items: input.items.map((i) => i.id) });
    });
    return this.template(siteType);
  }

  // ---- sites -----------------------------------------------------------------------------------

  async createSite(actor: Actor, input: SpaceSiteInput): Promise<SpaceSiteDetail> {
    const placed = this.locate(input.place);
    const id = crypto.randomUUID();
    const row: SpaceSitesTable = {
      id,
      site_type: input.siteType,
      name: input.name,
      lon: placed.coordinates[0],
      lat: placed.coordinates[1],
      line_id: placed.lineId,
      mileage: placed.mileage,
      measure_m: placed.measureM,
      section_id: placed.sectionId,
      agency_id: actor.agencyId,
      created_at: nowIso(),
      created_by: actor.username,
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('space_sites').values(row).execute();
      await recordChange(trx, actor, 'space_site', id, 'create', { siteType: row.site_type, name: row.name, line: row.line_id, mileage: row.mileage });
    });
    return this.site(id);
  }

  private presentSite(r: SpaceSitesTable, latest: SpaceAssessmentsTable | undefined): SpaceSite {
    const model = this.network.current();
    const section = r.section_id ? model.sections(r.line_id).find((s) => s.id === r.section_id) : undefined;
    return {
      id: r.id,
      siteType: r.site_type as SpaceSiteType,
      name: r.name,
      coordinates: [r.lon, r.lat],
      lineId: r.line_id,
      lineName: model.line(r.line_id)?.name ?? r.line_id,
      mileage: r.mileage,
      measureM: r.measure_m,
      sectionId: r.section_id,
      sectionName: section?.name ?? null,
      createdAt: r.created_at,
      latest: latest ? { id: latest.id, assessedAt: latest.assessed_at, aspects: JSON.parse(latest.aspects) as AspectScores, total: latest.total, weakest: latest.weakest as Aspect } : null,
    };
  }

  /** The newest assessment of each site. */
  private async latestBySite(siteIds?: readonly string[]): Promise<Map<string, SpaceAssessmentsTable>> {
    let q = this.db.kysely.selectFrom('space_assessments').selectAll().orderBy('assessed_at', 'desc').orderBy('id', 'desc');
    if (siteIds) q = q.where('site_id', 'in', siteIds.length ? [...siteIds] : ['']);
    const latest = new Map<string, SpaceAssessmentsTable>();
    for (const a of await q.execute()) if (!latest.has(a.site_id)) latest.set(a.site_id, a);
    return latest;
  }

  async sites(q: { lineId?: string | undefined; sectionId?: string | undefined; siteType?: SpaceSiteType | undefined }): Promise<SpaceSite[]> {
    let s = this.db.kysely.selectFrom('space_sites').selectAll().orderBy('line_id').orderBy('measure_m');
    if (q.lineId) s = s.where('line_id', '=', q.lineId);
    if (q.sectionId) s = s.where('section_id', '=', q.sectionId);
    if (q.siteType) s = s.where('site_type', '=', q.siteType);
    const rows = await s.execute();
    const latest = await this.latestBySite();
    return rows.map((r) => this.presentSite(r, latest.get(r.id)));
  }

  private async siteRow(id: string): Promise<SpaceSitesTable> {
    const r = await this.db.kysely.selectFrom('space_sites').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('assessment site');
    return r;
  }

  async site(id: string): Promise<SpaceSiteDetail> {
    const r = await this.siteRow(id);
    const rows = await this.db.kysely.selectFrom('space_assessments').selectAll().where('site_id', '=', id).orderBy('assessed_at', 'desc').orderBy('id', 'desc').execute();
    const nameOf = await displayNames(this.db.kysely, rows.map((a) => a.assessed_by));
    const measured = await measureSite(this.db.kysely, this.network, { lineId: r.line_id, measureM: r.measure_m, coordinates: [r.lon, r.lat] }, now());
    const photos = rows.length
      ? await this.db.kysely.selectFrom('space_assessment_photos').select(['id', 'assessment_id', 'item_id', 'content_type', 'size', 'received_at', 'by_user']).where('assessment_id', 'in', rows.map((a) => a.id)).orderBy('received_at').orderBy('id').execute()
      : [];
    const photosOf = (id: string): Assessment['photos'] => photos.filter((p) => p.assessment_id === id).map((p) => ({ id: p.id, itemId: p.item_id, contentType: p.content_type, size: Number(p.size), receivedAt: p.received_at, by: p.by_user }));
    return { ...this.presentSite(r, rows[0]), history: rows.map((a) => this.presentAssessment(a, nameOf(a.assessed_by), photosOf(a.id))), measured: [...measured.values()] };
  }

  /**
   * A photo in evidence of an item's score (the gap in the fence, the dark underpass), added by
   * the agency that made the assessment: JPEG or PNG by content, metadata removed, once per photo
   * id, a few per item. Photos go with an assessment, never with a site: a later assessment starts
   * its own evidence.
   */
  async addPhoto(actor: Actor, assessmentId: string, itemId: string, photoId: string, file: UploadedFile): Promise<SpaceSiteDetail> {
    const a = await this.db.kysely.selectFrom('space_assessments').selectAll().where('id', '=', assessmentId).executeTakeFirst();
    if (!a) throw notFound('assessment');
    if (a.agency_id !== actor.agencyId && !actor.roles.includes('admin')) throw forbidden(said('评估依据照片由作出该评估的单位上传', 'evidence photos are added by the agency that made the assessment'));
    if (!(JSON.parse(a.items) as SpaceScoredItem[]).some((x) => x.id === itemId)) throw validationError([fieldError('query.itemId', `该评估没有评估项 ${itemId}`, `the assessment has no item ${itemId}`)]);
    const existing = await this.db.kysely.selectFrom('space_assessment_photos').select(['assessment_id']).where('id', '=', photoId).executeTakeFirst();
    if (existing) {
      if (existing.assessment_id !== assessmentId) throw conflict('id_reused', said('该照片编号已用于其他评估', 'this photo id is used by another assessment'));
      return this.site(a.site_id);
    }
    const accepted = acceptAttachment(file);
    if (accepted.type !== 'image/jpeg' && accepted.type !== 'image/png') throw new HttpError(415, 'forbidden_file_type', said('照片须为 JPEG 或 PNG 格式（按文件内容判断）', 'a photo is a JPEG or PNG (judged by content)'));
    const cleaned = cleanPhoto(file.bytes);
    if (!cleaned.ok) throw new HttpError(415, 'unreadable_photo', said('照片无法完整读取，因而无法清除其中的元数据', 'the photo could not be read to its end, so it cannot be cleaned of its metadata'));
    await this.db.kysely.transaction().execute(async (trx) => {
      const count = await trx.selectFrom('space_assessment_photos').select((eb) => eb.fn.countAll().as('n')).where('assessment_id', '=', assessmentId).where('item_id', '=', itemId).executeTakeFirst();
      if (Number(count?.n ?? 0) >= PHOTOS_PER_ITEM) throw unprocessable('too_many_photos', said(`每个评估项至多 ${PHOTOS_PER_ITEM} 张照片`, `an item has at most ${PHOTOS_PER_ITEM} photos`));
      const sha256 = crypto.createHash('sha256').update(cleaned.bytes).digest('hex');
      await trx.insertInto('space_assessment_photos').values({ id: photoId, assessment_id: assessmentId, item_id: itemId, content_type: cleaned.type, size: cleaned.bytes.length, sha256, data: cleaned.bytes, received_at: nowIso(), by_user: actor.username }).execute();
      await recordChange(trx, actor, 'space_site', a.site_id, 'evidence_photo', { assessmentId, itemId, photoId, sha256 });
    });
    return this.site(a.site_id);
  }

  async photo(assessmentId: string, photoId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    const p = await this.db.kysely.selectFrom('space_assessment_photos').selectAll().where('id', '=', photoId).where('assessment_id', '=', assessmentId).executeTakeFirst();
    if (!p) throw notFound('photo');
    return { name: `${photoId}.${p.content_type === 'image/png' ? 'png' : 'jpg'}`, contentType: p.content_type, data: Buffer.from(p.data) };
  }

  private presentAssessment(a: SpaceAssessmentsTable, byName: string, photos: Assessment['photos'] = []): Assessment {
    const items = JSON.parse(a.items) as SpaceScoredItem[];
    const weakest = a.weakest as Aspect;
    return {
      id: a.id,
      siteId: a.site_id,
      templateVersion: a.template_version,
      assessedAt: a.assessed_at,
      assessedBy: a.assessed_by,
      assessedByName: byName,
      agencyId: a.agency_id,
      items,
      photos,
      aspects: JSON.parse(a.aspects) as AspectScores,
      total: a.total,
      weakest,
      recommendations: recommend({ items, weakest }, COUNTERMEASURES),
    };
  }

  /** Scores a site on its type's current template; the measured items come from the platform's data at this moment. */
  async assess(actor: Actor, siteId: string, input: SpaceAssessmentInput): Promise<Assessment> {
    const r = await this.siteRow(siteId);
    const template = await this.template(r.site_type as SpaceSiteType);
    const measured = await measureSite(this.db.kysely, this.network, { lineId: r.line_id, measureM: r.measure_m, coordinates: [r.lon, r.lat] }, now());
    const scored = scoreAssessment(template.items, input.scores, measured);
    if (!scored.ok) throw validationError(asFields(scored.problems));
    const row: SpaceAssessmentsTable = {
      id: crypto.randomUUID(),
      site_id: siteId,
      template_version: template.version,
      items: JSON.stringify(scored.value.items),
      aspects: JSON.stringify(scored.value.aspects),
      total: scored.value.total,
      weakest: scored.value.weakest,
      assessed_at: nowIso(),
      assessed_by: actor.username,
      agency_id: actor.agencyId,
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('space_assessments').values(row).execute();
      await recordChange(trx, actor, 'space_site', siteId, 'assess', { assessmentId: row.id, templateVersion: row.template_version, total: row.total, aspects: scored.value.aspects, weakest: row.weakest });
    });
    const nameOf = await displayNames(this.db.kysely, [actor.username]);
    return this.presentAssessment(row, nameOf(actor.username));
  }

  /** Demo data only (defensible-space/demo.ts): an assessment made earlier than it was written. */
  async backdate(assessmentId: string, at: string): Promise<void> {
    await this.db.kysely.updateTable('space_assessments').set({ assessed_at: at }).where('id', '=', assessmentId).execute();
  }

  /** Per section: the mean of its sites' latest aspect scores. */
  async sections(): Promise<Array<{ sectionId: string; sectionName: string; lineId: string; sites: number; aspects: AspectScores; total: number; weakest: Aspect }>> {
    const sites = (await this.sites({})).filter((s) => s.latest && s.sectionId);
    const bySection = new Map<string, SpaceSite[]>();
    for (const s of sites) bySection.set(s.sectionId!, [...(bySection.get(s.sectionId!) ?? []), s]);
    return [...bySection.entries()].map(([sectionId, list]) => {
      // the sections' aspect scores as the mean of their sites', through the same rule as one site's items (score/25)
      const items = list.flatMap((s) => (Object.entries(s.latest!.aspects) as Array<[Aspect, number]>).map(([aspect, v]) => ({ aspect, score: v / 25 })));
      const scores = aspectScores(items);
      return { sectionId, sectionName: list[0]!.sectionName ?? sectionId, lineId: list[0]!.lineId, sites: list.length, ...scores };
    });
  }

  // ---- plans -----------------------------------------------------------------------------------

  /**
   * Countermeasures chosen for the assessed sites within a budget: the exact optimum of expected
   * incidents avoided (one measure per site and aspect), beside the greedy choice for comparison.
   */
  async plan(input: SpacePlanInput): Promise<CountermeasurePlan> {
    const rows = await this.db.kysely.selectFrom('space_sites').selectAll().$if(!!input.siteIds, (q) => q.where('id', 'in', input.siteIds!)).execute();
    if (input.siteIds) {
      const known = new Set(rows.map((r) => r.id));
      const missing = input.siteIds.map((id, i) => ({ id, i })).filter((x) => !known.has(x.id));
      if (missing.length) throw validationError(missing.map((m) => ({ field: `body.siteIds[${m.i}]`, message: said(`没有评估点 ${m.id}`, `no assessment site ${m.id}`) })));
    }
    const latest = await this.latestBySite(rows.map((r) => r.id));
    const sites: PlanSite[] = rows.flatMap((r) => {
      const a = latest.get(r.id);
      if (!a) return [];
      const items = JSON.parse(a.items) as SpaceScoredItem[];
      const incidents = items.find((x) => x.measured === 'incidents_last_year')?.measuredValue ?? 0;
      return [{ id: r.id, name: r.name, items, weight: 1 + incidents }];
    });
    const cands = candidates(sites, COUNTERMEASURES);
    let exact;
    try {
      exact = planExact(cands, input.budgetWan);
    } catch (e) {
      if (e instanceof RangeError) throw unprocessable('plan_too_large', said(`预算与评估点过多，无法精确求解（上限 ${MAX_CELLS} 格），请分片区规划`, `too many sites for this budget to solve exactly (limit ${MAX_CELLS} cells); plan by area`));
      throw e;
    }
    const greedy = planGreedy(cands, input.budgetWan);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      budgetWan: input.budgetWan,
      chosen: exact.chosen.map((c) => ({ siteId: c.siteId, siteName: c.siteName, countermeasureId: c.measure.id, aspect: c.measure.aspect, costWan: c.costWan, reduction: r3(c.reduction) })),
      costWan: exact.costWan,
      reduction: r3(exact.reduction),
      greedy: { costWan: greedy.costWan, reduction: r3(greedy.reduction), chosen: greedy.chosen.length },
      candidates: cands.length,
    };
  }

  /**
   * The plan as task orders, one per chosen measure, all in one transaction (a campaign of the
   * centre's): to the railway section chief's agency for regionality and monitoring, to the local
   * one for appearance and environment. Only the centre issues campaign tasks.
   */
  async issuePlan(actor: Actor, input: SpacePlanIssueInput): Promise<SpacePlanIssued> {
    if (!canIssueTask(actor, null)) throw forbidden(said('只有协调中心可以下达整治指令', 'only the coordination centre issues the measures as tasks'));
    const at = nowIso();
    const deadline = new Date(input.deadline).toISOString();
    if (deadline <= at) throw validationError([fieldError('body.deadline', '完成时限已过', 'is already past')]);
    const plan = await this.plan(input);
    if (!plan.chosen.length) throw unprocessable('empty_plan', said('预算内没有可下达的措施', 'no measure fits the budget, so there is nothing to issue'));
    const campaign = `防卫空间整治 ${departmentDay(Date.parse(at))}`;
    const byId = new Map(COUNTERMEASURES.map((m) => [m.id, m]));
    const sites = new Map((await this.db.kysely.selectFrom('space_sites').selectAll().where('id', 'in', plan.chosen.map((c) => c.siteId)).execute()).map((r) => [r.id, r]));
    const issued: SpacePlanIssued['tasks'] = [];
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const c of plan.chosen) {
        const site = sites.get(c.siteId)!;
        const owners = await this.ownersAt(trx, site.line_id, site.measure_m);
        if (!owners) throw unprocessable('no_section_chief', said(`${site.name} 尚无双段长分工，无法确定整治单位`, `${site.name} has no section chiefs assigned, so nobody owns the measure`));
        const to = c.aspect === 'regionality' || c.aspect === 'monitoring' ? owners.railway_agency_id : owners.local_agency_id;
        const m = byId.get(c.countermeasureId)!;
        const row = await this.tasks.insertCampaignTask(trx, actor, {
          campaign,
          title: `${site.name}：${m.nameZh}`,
          detail: `${site.mileage} · 预算 ${c.costWan} 万元 · 预计每年减少警情 ${c.reduction} 起（${m.basisZh}）`,
          toAgencyId: to,
          deadline,
          at,
        });
        await trx.insertInto('space_plan_items').values({ task_id: row.id, site_id: site.id, countermeasure_id: m.id, aspect: c.aspect, campaign, issued_at: at }).execute();
        issued.push({ id: row.id, code: row.code, title: row.title, toAgencyId: to, toAgencyName: this.org.agencyName(to), siteId: site.id });
      }
      await recordChange(trx, actor, 'space_plan', campaign, 'issue', { budgetWan: plan.budgetWan, tasks: issued.map((x) => x.code), reduction: plan.reduction });
    });
    this.outbox.kick();
    return { campaign, plan, tasks: issued };
  }

  /**
   * Before and after with a comparison group: for each site whose measures are done (its plan's
   * task orders completed), incidents within 1 km over the same window before and after the first
   * completion (up to a year, at least 30 days), beside the untreated assessed sites of the same
   * type over the same windows.
   */
  async evaluation(): Promise<SpaceEvaluation> {
    const nowMs = now();
    const items = await this.db.kysely
      .selectFrom('space_plan_items as p')
      .innerJoin('tasks as t', 't.id', 'p.task_id')
      .innerJoin('space_sites as s', 's.id', 'p.site_id')
      .select(['p.site_id', 'p.countermeasure_id', 't.status', 't.completed_at', 's.name', 's.site_type', 's.lon', 's.lat'])
      .execute();
    const treatedIds = new Set(items.map((i) => i.site_id));
    const untreated = (await this.db.kysely.selectFrom('space_sites').select(['id', 'site_type', 'lon', 'lat']).execute()).filter((s) => !treatedIds.has(s.id));
    const done = items.filter((i) => i.status === 'completed' && i.completed_at);
    const bySite = new Map<string, typeof done>();
    for (const i of done) bySite.set(i.site_id, [...(bySite.get(i.site_id) ?? []), i]);
    const DAY = 86_400_000;
    let tooRecent = 0;
    const sites: SpaceEvaluation['sites'] = [];
    for (const [siteId, list] of bySite) {
      const t0 = Math.min(...list.map((i) => Date.parse(i.completed_at!)));
      const windowMs = Math.min(365 * DAY, nowMs - t0);
      if (windowMs < 30 * DAY) {
        tooRecent += list.length;
        continue;
      }
      const iso = (ms: number) => new Date(ms).toISOString();
      const counts = async (at: [number, number]) => ({ before: await incidentsNear(this.db.kysely, at, iso(t0 - windowMs), iso(t0)), after: await incidentsNear(this.db.kysely, at, iso(t0), iso(t0 + windowMs)) });
      const site = list[0]!;
      const controls = untreated.filter((u) => u.site_type === site.site_type);
      const control = { before: 0, after: 0 };
      for (const c of controls) {
        const n = await counts([c.lon, c.lat]);
        control.before += n.before;
        control.after += n.after;
      }
      sites.push({ siteId, siteName: site.name, siteType: site.site_type as SpaceSiteType, countermeasures: list.map((i) => i.countermeasure_id), completedAt: iso(t0), windowDays: Math.round(windowMs / DAY), treated: await counts([site.lon, site.lat]), controlSites: controls.length, control });
    }
    const withControls = sites.filter((s) => s.controlSites > 0);
    const overall = relativeEffect(
      sites.map((s) => s.treated),
      withControls.map((s) => s.control),
    );
    return { sites, overall, tooRecent, pending: items.filter((i) => i.status !== 'completed' && i.status !== 'cancelled').length };
  }
}
