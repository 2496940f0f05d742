import crypto from 'node:crypto';
import type { CommandView, OpenCommandRequest, ResolveResult } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, notFound, unprocessable, validationError, type FieldError, said, fieldError } from '../../platform/http/errors.js';
import { canCommand, incidentScope } from '../../platform/policies.js';
import type { IncidentService } from '../incidents/service.js';
import { appendTimeline, incidentAudience } from '../incidents/timeline.js';
import type { OrganisationService } from '../organisation/service.js';
import type { LevelService } from './level-service.js';
import type { TaskService } from './task-service.js';
import { isSeverer, type ResponseLevel } from './response-level.js';
import { displayNames } from '../users/display-names.js';

/** A joint command opens for incidents at level II or above (the emergency plan's threshold). */
const OPENS_AT: ResponseLevel = 'III';

/**
 * Joint command (联合指挥部), after ICS unified command: one commander for each agency with
 * jurisdiction, liaisons for the others, shared objectives, one action plan per operational period.
 */
export class CommandService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly levels: LevelService,
    private readonly tasks: TaskService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
  ) {}

  private agency = (id: string) => this.org.findAgency(id);

  async open(actor: Actor, incidentId: string, req: OpenCommandRequest, client: string | null, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<CommandView> {
    const { row, roles } = await this.incidents.access(actor, incidentId);
    if (!canCommand(actor, roles)) throw forbidden(said('只有协调中心或主办单位的指挥长可以成立联合指挥部', 'only the centre or the lead agency’s commander opens a joint command'));
    const level = (row.response_level as ResponseLevel | null) ?? 'IV';
    if (!isSeverer(level, OPENS_AT)) throw unprocessable('level_too_low', said(`响应等级为 II 级及以上才能成立联合指挥部，本警情为 ${level} 级`, `a joint command opens at response level II or above; this incident is at ${level}`), { fields: [fieldError('params.id', `${level} 级`, `level ${level}`)] });
    if (await this.db.kysely.selectFrom('commands').select('id').where('incident_id', '=', incidentId).executeTakeFirst()) throw conflict('command_exists', said('本警情已成立联合指挥部', 'this incident already has a joint command'));
    const resolution = JSON.parse(row.resolution) as ResolveResult;
    const involved = new Set(await incidentAudience(this.db.kysely, incidentId));
    const withJurisdiction = new Set([...resolution.jurisdiction.map((a) => a.agencyId), ...(resolution.responsibility?.lead ? [resolution.responsibility.lead.agencyId] : []), ...(row.lead_agency_id ? [row.lead_agency_id] : [])]);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    req.members.forEach((m, i) => {
      const a = this.agency(m.agencyId);
      if (!a) errors.push(fieldError(`body.members[${i}].agencyId`, `单位「${m.agencyId}」不存在`, `unknown agency "${m.agencyId}"`));
      else if (seen.has(m.agencyId)) errors.push(fieldError(`body.members[${i}].agencyId`, '重复列出', 'listed twice'));
      else if (m.role === 'commander' && !withJurisdiction.has(m.agencyId) && a.type !== 'coordination_centre') {
        errors.push(fieldError(`body.members[${i}].role`, `${a.name}在此无管辖权，只能以联络员身份加入`, `${a.name} has no jurisdiction here: it joins as liaison`));
      }
      seen.add(m.agencyId);
    });
    if (!req.members.some((m) => m.role === 'commander')) errors.push(fieldError('body.members', '至少需要一名指挥长', 'needs at least one commander'));
    // a person picked from the roster is named as the platform knows them, and must be the agency's
    const picked = req.members.map((m) => m.userId).filter((x): x is string => typeof x === 'string');
    const users = picked.length ? await this.db.kysely.selectFrom('users').select(['id', 'agency_id', 'display_name', 'disabled']).where('id', 'in', picked).execute() : [];
    const members = req.members.map((m, i) => {
      if (m.userId === undefined) {
        if (!m.person) errors.push(fieldError(`body.members[${i}].person`, '请填写人员姓名，或从人员名册中选择（userId）', 'name the person, or pick them from the roster (userId)'));
        return { ...m, person: m.person ?? '' };
      }
      const u = users.find((x) => x.id === m.userId);
      if (!u || Number(u.disabled) || u.agency_id !== m.agencyId) errors.push(fieldError(`body.members[${i}].userId`, `不是${this.agency(m.agencyId)?.name ?? m.agencyId}的在用账号`, `not an active user of ${this.agency(m.agencyId)?.name ?? m.agencyId}`));
      return { ...m, person: u?.display_name ?? m.person ?? '' };
    });
    if (errors.length) throw validationError(errors);
    const id = crypto.randomUUID();
    const at = nowIso();
    // named in the language of whoever opens it, unless they name it themselves
    const name = req.name ?? (lang === 'en' ? `${row.code} joint command` : `${row.code} 联合指挥部`);
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('commands').values({ id, incident_id: incidentId, name, status: 'open', opened_at: at, opened_by: actor.username, closed_at: null, version: 1 }).execute();
      await trx.insertInto('command_members').values(members.map((m) => ({ command_id: id, agency_id: m.agencyId, role: m.role, person: m.person, user_id: m.userId ?? null }))).execute();
      for (const m of members) {
        if (!involved.has(m.agencyId)) await trx.insertInto('incident_agencies').values({ incident_id: incidentId, agency_id: m.agencyId, role: m.role === 'commander' ? 'support' : 'inform' }).onConflict((oc) => oc.doNothing()).execute();
      }
      await trx.insertInto('command_plans').values({ command_id: id, period: 1, starts_at: at, ends_at: new Date(Date.parse(at) + req.periodHours * 3600_000).toISOString(), objectives: JSON.stringify(req.objectives), notes: null, created_by: actor.username }).execute();
      await appendTimeline(trx, incidentId, actor, 'command_opened', null, null, { commandId: id, name, members: members.map((m) => ({ agencyId: m.agencyId, role: m.role, person: m.person })), objectives: req.objectives }, client, at);
      await recordChange(trx, actor, 'command', id, 'open', { incidentId, members: req.members.length });
      await enqueueEvent(trx, { type: 'command.opened', entity: 'incident', entityId: incidentId, payload: { id: incidentId, commandId: id } });
    });
    this.outbox.kick();
    return this.view(actor, id);
  }

  private async command(actor: Actor, id: string) {
    const c = await this.db.kysely.selectFrom('commands').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound('command');
    const access = await this.incidents.access(actor, c.incident_id); // 404 unless the incident is visible
    return { c, ...access };
  }

  private async role(commandId: string, agencyId: string) {
    const m = await this.db.kysely.selectFrom('command_members').select('role').where('command_id', '=', commandId).where('agency_id', '=', agencyId).executeTakeFirst();
    return m?.role ?? null;
  }

  async newPlan(actor: Actor, id: string, req: { objectives: string[]; periodHours: number; notes?: string }, client: string | null): Promise<CommandView> {
    const { c } = await this.command(actor, id);
    if (c.status !== 'open') throw conflict('command_closed', said('联合指挥部已撤销', 'the joint command is closed'));
    const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'commander' || r === 'dispatcher');
    if (!centre && (await this.role(id, actor.agencyId)) !== 'commander') throw forbidden(said('只有指挥长可以制定行动方案', 'only the commanders set the action plan'));
    const last = await this.db.kysely.selectFrom('command_plans').selectAll().where('command_id', '=', id).orderBy('period', 'desc').executeTakeFirstOrThrow();
    const at = nowIso();
    const starts = last.ends_at > at ? last.ends_at : at;
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('command_plans').values({ command_id: id, period: last.period + 1, starts_at: starts, ends_at: new Date(Date.parse(starts) + req.periodHours * 3600_000).toISOString(), objectives: JSON.stringify(req.objectives), notes: req.notes ?? null, created_by: actor.username }).execute();
      await appendTimeline(trx, c.incident_id, actor, 'plan_issued', null, null, { commandId: id, period: last.period + 1, objectives: req.objectives }, client, at);
      await recordChange(trx, actor, 'command', id, 'plan', { period: last.period + 1 });
    });
    return this.view(actor, id);
  }

  async close(actor: Actor, id: string, client: string | null): Promise<CommandView> {
    const { c, roles } = await this.command(actor, id);
    if (!canCommand(actor, roles)) throw forbidden(said('只有协调中心或主办单位的指挥长可以撤销联合指挥部', 'only the centre or the lead agency’s commander closes the joint command'));
    if (c.status !== 'open') throw conflict('command_closed', said('联合指挥部已撤销', 'the joint command is already closed'));
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('commands').set({ status: 'closed', closed_at: at, version: c.version + 1 }).where('id', '=', id).where('version', '=', c.version).execute();
      await appendTimeline(trx, c.incident_id, actor, 'command_closed', null, null, { commandId: id }, client, at);
      await recordChange(trx, actor, 'command', id, 'close');
    });
    return this.view(actor, id);
  }

  async byIncident(actor: Actor, incidentId: string): Promise<CommandView> {
    await this.incidents.access(actor, incidentId);
    const c = await this.db.kysely.selectFrom('commands').select('id').where('incident_id', '=', incidentId).executeTakeFirst();
    if (!c) throw notFound('command');
    return this.view(actor, c.id);
  }

  /** The command view: objectives, agencies and commanders, units by agency, tasks, level. */
  async view(actor: Actor, id: string): Promise<CommandView> {
    const { c, row } = await this.command(actor, id);
    const [members, plans, tasks, level, units] = await Promise.all([
      this.db.kysely.selectFrom('command_members').selectAll().where('command_id', '=', id).execute(),
      this.db.kysely.selectFrom('command_plans').selectAll().where('command_id', '=', id).orderBy('period').execute(),
      this.tasks.list(actor, { scope: 'all', commandId: id, limit: 500 }),
      this.levels.get(actor, c.incident_id),
      this.db.kysely.selectFrom('assignments').innerJoin('units', 'units.id', 'assignments.unit_id').select(['units.id as unit_id', 'units.agency_id', 'units.status']).where('assignments.incident_id', '=', c.incident_id).where('assignments.status', 'in', ['assigned', 'acknowledged']).execute(),
    ]);
    const person = await displayNames(this.db.kysely, [c.opened_by]);
    const presentedPlans = plans.map((p) => ({ period: Number(p.period), startsAt: p.starts_at, endsAt: p.ends_at, objectives: JSON.parse(p.objectives) as string[], notes: p.notes, createdBy: p.created_by }));
    const now = nowIso();
    const byAgency = new Map<string, Array<{ unitId: string; status: string }>>();
    for (const u of units) byAgency.set(u.agency_id, [...(byAgency.get(u.agency_id) ?? []), { unitId: u.unit_id, status: u.status }]);
    return {
      id: c.id,
      incidentId: c.incident_id,
      incidentCode: row.code,
      name: c.name,
      status: c.status as 'open' | 'closed',
      openedAt: c.opened_at,
      openedBy: c.opened_by,
      openedByName: person(c.opened_by),
      level,
      members: members.map((m) => {
        const a = this.agency(m.agency_id);
        return { agencyId: m.agency_id, agencyName: a?.name ?? m.agency_id, agencyType: a?.type ?? 'unknown', role: m.role as 'commander' | 'liaison', person: m.person, userId: m.user_id };
      }),
      plans: presentedPlans,
      currentPlan: [...presentedPlans].reverse().find((p) => p.startsAt <= now) ?? presentedPlans[0] ?? null,
      tasks: tasks.tasks,
      unitsByAgency: [...byAgency].map(([agencyId, list]) => ({ agencyId, agencyName: this.agency(agencyId)?.name ?? agencyId, units: list })),
    };
  }
}
