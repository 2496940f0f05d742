import { WORKING_STATUSES } from '../incidents/lifecycle.js';
import crypto from 'node:crypto';
import type { LonLat, Sitrep } from '@railjoint/contracts';
import { IncidentDetail } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, HttpError, notFound, said } from '../../platform/http/errors.js';
import { canCommand, canReadSitrep, canReleaseSitrep, incidentPermissions, type IncidentRelation } from '../../platform/policies.js';
import type { TaskService } from '../command/task-service.js';
import type { IncidentService } from '../incidents/service.js';
import { appendTimeline } from '../incidents/timeline.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { LevelService } from '../command/level-service.js';
import type { CommandService } from '../command/command-service.js';
import { draftSitrep, type SitrepTaskLine } from './sitrep-model.js';
import { linesNear, type SitrepMap } from './sitrep-map.js';
import { sitrepHtml } from './sitrep-html.js';
import { sitrepPdf } from './sitrep-pdf.js';
import { sitrepWords, type SitrepLang } from './sitrep-words.js';
import { displayNames } from '../users/display-names.js';

const MAP_RADIUS_M = 12_000;
const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const bj = (iso: string) => beijing.format(new Date(iso));

type Row = { id: string; incident_id: string; number: number; status: string; title: string; sections: string; map: string; generated_at: string; generated_by: string; scheduled: number; updated_at: string; released_at: string | null; released_by: string | null; version: number; tasks: string };

/**
 * Situation reports (情况报告): drafted from the incident on demand or on a schedule, edited,
 * released (then frozen), exported as HTML and PDF with the map as it was when drafted.
 */
export class SitrepService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly levels: LevelService,
    private readonly commands: CommandService,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly tasks: TaskService,
    private readonly outbox: OutboxRelay | null = null,
  ) {}

  /** The report as this reader may see it: its task orders only those the reader may read. */
  private async present(actor: Actor, r: Row, code: string): Promise<Sitrep> {
    const lines = JSON.parse(r.tasks ?? '[]') as SitrepTaskLine[];
    const readable = await this.tasks.readableIds(actor, lines.map((l) => l.id));
    const person = await displayNames(this.db.kysely, [r.generated_by, r.released_by]);
    return {
      id: r.id,
      incidentId: r.incident_id,
      incidentCode: code,
      number: Number(r.number),
      status: r.status as Sitrep['status'],
      title: r.title,
      sections: JSON.parse(r.sections) as Sitrep['sections'],
      generatedAt: r.generated_at,
      generatedBy: r.generated_by,
      generatedByName: person(r.generated_by),
      releasedByName: r.released_by ? person(r.released_by) : null,
      scheduled: Number(r.scheduled) === 1,
      updatedAt: r.updated_at,
      releasedAt: r.released_at,
      releasedBy: r.released_by,
      tasks: lines.filter((l) => readable.has(l.id)),
    };
  }

  /** Drafts the next report from the incident's data as the actor sees it. */
  async generate(actor: Actor, incidentId: string, scheduled = false, lang: SitrepLang = 'zh-CN'): Promise<Sitrep> {
    const incident = IncidentDetail.parse(await this.incidents.get(actor, incidentId));
    const [level, command] = await Promise.all([
      this.levels.get(actor, incidentId),
      this.commands.byIncident(actor, incidentId).catch((e: unknown) => {
        if (e instanceof HttpError && e.status === 404) return null;
        throw e;
      }),
    ]);
    const units = await this.db.kysely
      .selectFrom('assignments')
      .innerJoin('units', 'units.id', 'assignments.unit_id')
      .select(['units.id', 'units.callsign', 'units.agency_id', 'units.status', 'units.lon', 'units.lat'])
      .where('assignments.incident_id', '=', incidentId)
      .where('assignments.status', 'in', ['assigned', 'acknowledged'])
      .execute();
    const agencyName = (id: string) => this.org.agencyName(id);
    const now = nowIso();
    const model = this.network.current();
    const centre = incident.location.coordinates as LonLat;
    const lines = linesNear(model.lines().map((l) => ({ name: l.name, highSpeed: l.highSpeed, lengthM: l.ref.lengthM, pointAt: (m: number) => l.ref.pointAt(m) as LonLat })), centre, MAP_RADIUS_M);
    const near = (p: LonLat) => Math.abs(p[0] - centre[0]) < 0.2 && Math.abs(p[1] - centre[1]) < 0.15;
    const map: SitrepMap = {
      centre,
      radiusM: MAP_RADIUS_M,
      lines,
      stations: model.stations().filter((s) => near(s.coordinates)).map((s) => ({ name: s.name, at: s.coordinates })),
      units: units.filter((u) => u.lon !== null && u.lat !== null).map((u) => ({ name: u.callsign, agency: agencyName(u.agency_id), at: [Number(u.lon), Number(u.lat)] as LonLat })),
      incident: { label: incident.code, at: centre },
    };
    const id = crypto.randomUUID();
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('sitreps').select((eb) => eb.fn.max('number').as('n')).where('incident_id', '=', incidentId).executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      const category = this.org.categories().find((c) => c.id === incident.category);
      const categoryName = category ? (lang === 'en' ? category.nameEn : category.nameZh) : incident.categoryName;
      const draft = draftSitrep({ incident, level, command, units: units.map((u) => ({ id: u.id, name: u.callsign, agency: agencyName(u.agency_id), status: u.status })), number, time: bj, now, lang, categoryName });
      const r: Row = { id, incident_id: incidentId, number, status: 'draft', title: draft.title, sections: JSON.stringify(draft.sections), map: JSON.stringify(map), generated_at: now, generated_by: actor.username, scheduled: scheduled ? 1 : 0, updated_at: now, released_at: null, released_by: null, version: 1, tasks: JSON.stringify(draft.tasks) };
      await trx.insertInto('sitreps').values(r).execute();
      await appendTimeline(trx, incidentId, actor, 'sitrep_drafted', null, null, { sitrepId: id, number, scheduled }, null, now);
      // other consoles on the incident see the new draft at once (the report's own read rule decides who)
      await enqueueEvent(trx, { type: 'sitrep.drafted', entity: 'incident', entityId: incidentId, about: { kind: 'sitrep', id }, payload: { id, incidentId, number } });
      return r;
    });
    this.outbox?.kick();
    return this.present(actor, row, incident.code);
  }

  /** The reader's relations to the report's incident (404 when the incident is out of sight). */
  private async relations(actor: Actor, incidentId: string) {
    const { row, roles } = await this.incidents.access(actor, incidentId);
    // an incident seen without a part in it is seen through a data-sharing agreement (or by the centre)
    const relations: IncidentRelation[] = roles.length ? [...roles] : ['agreement'];
    return { incident: row, roles, relations };
  }

  private async load(actor: Actor, id: string): Promise<{ row: Row; code: string; roles: Awaited<ReturnType<IncidentService['access']>>['roles'] }> {
    const row = (await this.db.kysely.selectFrom('sitreps').selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
    if (!row) throw notFound('situation report');
    const { incident, roles, relations } = await this.relations(actor, row.incident_id);
    if (!canReadSitrep(actor, relations, row.status as 'draft' | 'released')) throw notFound('situation report');
    return { row, code: incident.code, roles };
  }

  async list(actor: Actor, incidentId: string): Promise<{ sitreps: Sitrep[] }> {
    const { incident, relations } = await this.relations(actor, incidentId);
    const rows = (await this.db.kysely.selectFrom('sitreps').selectAll().where('incident_id', '=', incidentId).orderBy('number', 'desc').execute()) as Row[];
    const shown = rows.filter((r) => canReadSitrep(actor, relations, r.status as 'draft' | 'released'));
    return { sitreps: await Promise.all(shown.map((r) => this.present(actor, r, incident.code))) };
  }

  /** Whether the reader may read the report now: the live channel asks before it tells them of one. */
  async readable(actor: Actor, id: string): Promise<boolean> {
    try {
      await this.load(actor, id);
      return true;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return false;
      throw e;
    }
  }

  async get(actor: Actor, id: string): Promise<Sitrep> {
    const { row, code } = await this.load(actor, id);
    return this.present(actor, row, code);
  }

  async edit(actor: Actor, id: string, body: { title: string; sections: Sitrep['sections'] }): Promise<Sitrep> {
    const { row, code, roles } = await this.load(actor, id);
    if (!incidentPermissions(actor, roles).act && !canCommand(actor, roles)) throw forbidden(said('只有处置此警情的单位可以编辑其情况报告', 'only those working the incident edit its reports'));
    if (row.status !== 'draft') throw conflict('released', said('已发布的报告不能修改，请起草下一期', 'a released report is not changed: draft the next one'));
    const now = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('sitreps').set({ title: body.title, sections: JSON.stringify(body.sections), updated_at: now, version: row.version + 1 }).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该报告已被他人更新，请刷新后重试', 'the report changed meanwhile; reload and try again'));
      await recordChange(trx, actor, 'sitrep', id, 'edit', { title: body.title });
      await enqueueEvent(trx, { type: 'sitrep.edited', entity: 'incident', entityId: row.incident_id, about: { kind: 'sitrep', id }, payload: { id, incidentId: row.incident_id, number: row.number } });
    });
    this.outbox?.kick();
    return this.get(actor, id);
  }

  async release(actor: Actor, id: string): Promise<Sitrep> {
    const { row, roles } = await this.load(actor, id);
    if (!canReleaseSitrep(actor, roles)) throw forbidden(said('情况报告由指挥长发布', 'a commander releases situation reports'));
    if (row.status !== 'draft') throw conflict('released', said('该报告已发布', 'the report is already released'));
    const now = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('sitreps').set({ status: 'released', released_at: now, released_by: actor.username, updated_at: now, version: row.version + 1 }).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该报告已被他人更新，请刷新后重试', 'the report changed meanwhile; reload and try again'));
      await appendTimeline(trx, row.incident_id, actor, 'sitrep_released', null, null, { sitrepId: id, number: row.number, title: row.title }, null, now);
      await enqueueEvent(trx, { type: 'sitrep.released', entity: 'incident', entityId: row.incident_id, about: { kind: 'sitrep', id }, payload: { id, incidentId: row.incident_id, number: row.number } });
    });
    this.outbox?.kick();
    return this.get(actor, id);
  }

  async render(actor: Actor, id: string, format: 'html' | 'pdf', lang: SitrepLang = 'zh-CN'): Promise<{ body: string | Buffer; filename: string }> {
    const { row, code } = await this.load(actor, id);
    const r = await this.present(actor, row, code);
    const map = JSON.parse(row.map) as SitrepMap;
    // the department's centre heads the page (never the platform's administration)
    const centre = this.org.centres()[0];
    const meta = { department: centre?.name ?? 'RailJoint', printedAt: bj(nowIso()), words: sitrepWords(lang).print, lang };
    const filename = `${code}-sitrep-${r.number}.${format}`;
    return { body: format === 'html' ? sitrepHtml(r, map, meta) : await sitrepPdf(r, map, meta), filename };
  }

  /** Draft reports on the schedule: every N minutes while the incident is open. */
  async setSchedule(actor: Actor, incidentId: string, everyMinutes: number | null): Promise<{ everyMinutes: number | null; dueAt: string | null }> {
    const { row, roles } = await this.incidents.access(actor, incidentId);
    if (!canCommand(actor, roles)) throw forbidden(said('报告周期由指挥长设定', 'a commander sets the reporting schedule'));
    const dueAt = everyMinutes ? new Date(Date.parse(nowIso()) + everyMinutes * 60_000).toISOString() : null;
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('incidents').set({ sitrep_every_min: everyMinutes, sitrep_due_at: dueAt }).where('id', '=', row.id).execute();
      await recordChange(trx, actor, 'incident', row.id, 'sitrep_schedule', { everyMinutes });
    });
    return { everyMinutes, dueAt };
  }

  async sweep(now: string = nowIso()): Promise<{ drafted: number }> {
    const due = await this.db.kysely
      .selectFrom('incidents')
      .select(['id', 'sitrep_every_min'])
      .where('sitrep_due_at', '<=', now)
      .where('status', 'in', WORKING_STATUSES)
      .limit(50)
      .execute();
    for (const d of due) {
      const next = new Date(Date.parse(now) + Number(d.sitrep_every_min ?? 60) * 60_000).toISOString();
      // claim the slot first so two instances never both draft it
      const claimed = await this.db.kysely.updateTable('incidents').set({ sitrep_due_at: next }).where('id', '=', d.id).where('sitrep_due_at', '<=', now).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) await this.generate({ ...SYSTEM_ACTOR, agencyType: 'coordination_centre', roles: ['dispatcher'] }, d.id, true);
    }
    return { drafted: due.length };
  }
}
