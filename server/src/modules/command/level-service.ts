import { WORKING_STATUSES } from '../incidents/lifecycle.js';
import type { Kysely } from 'kysely';
import type { LevelState, ResolveResult } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, said } from '../../platform/http/errors.js';
import { canCommand, canReportSituation } from '../../platform/policies.js';
import type { IncidentService } from '../incidents/service.js';
import type { IncidentRow } from '../incidents/store.js';
import { appendTimeline, incidentAudience } from '../incidents/timeline.js';
import type { OrganisationService } from '../organisation/service.js';
import { isSeverer, levelFor, NOTIFY_AT, type ResponseLevel } from './response-level.js';


/**
 * Response levels (响应等级 I–IV). The rules only ever raise the level on their own; a commander
 * may set it either way with a reason. Each change is timed on the timeline and told to the
 * agencies the new level requires, who join the incident as informed so they can follow it.
 */
export class LevelService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
  ) {
    // casualties the caller reported set the level with the call, as a situation report would
    incidents.onCreated(async (trx, actor, row, at, client) => {
      if (!Number(row.injured) && !Number(row.dead)) return;
      const rules = await this.facts(trx, row, at);
      await this.apply(trx, actor, row, rules.level, 'rules', null, at, client);
    });
  }

  state(row: IncidentRow): LevelState | null {
    return row.level_state ? (JSON.parse(row.level_state) as LevelState) : null;
  }

  private async facts(trx: Kysely<Database>, row: IncidentRow, at: string) {
    const agencies = (await incidentAudience(trx, row.id)).length;
    const resolution = JSON.parse(row.resolution) as ResolveResult;
    const blockedMinutes = row.line_blocked_at ? (Date.parse(at) - Date.parse(row.line_blocked_at)) / 60_000 : 0;
    return levelFor({
      priority: row.priority as 'P1',
      highSpeed: resolution.location.line?.highSpeed ?? false,
      injured: Number(row.injured),
      dead: Number(row.dead),
      lineBlocked: row.line_blocked_at !== null,
      blockedMinutes,
      agencies,
      openMinutes: (Date.parse(at) - Date.parse(row.received_at)) / 60_000,
    });
  }

  /** Agencies to tell at this level: the centre, and those of the required types with jurisdiction at the place. */
  private toNotify(row: IncidentRow, level: ResponseLevel): string[] {
    const types = NOTIFY_AT[level];
    const resolution = JSON.parse(row.resolution) as ResolveResult;
    const here = resolution.jurisdiction.filter((a) => types.includes(a.type)).map((a) => a.agencyId);
    const centres = types.includes('coordination_centre') ? this.org.centres().map((a) => a.id) : [];
    return [...new Set([...centres, ...here])];
  }

  /**
   * Writes the new level (inside the caller's transaction): the state, the timeline entry, the
   * agencies told, one event. Returns the state.
   */
  private async apply(trx: Kysely<Database>, actor: Actor, row: IncidentRow, level: ResponseLevel, setBy: 'rules' | 'commander', reason: string | null, at: string, client: string | null, facts?: Partial<IncidentRow>): Promise<LevelState> {
    const next = { ...row, ...facts };
    const rules = await this.facts(trx, next, at);
    const notified = this.toNotify(next, level);
    for (const agency of notified) {
      await trx.insertInto('incident_agencies').values({ incident_id: row.id, agency_id: agency, role: 'inform' }).onConflict((oc) => oc.doNothing()).execute();
    }
    const state: LevelState = {
      level,
      ruleLevel: rules.level,
      reasons: rules.reasons,
      setBy,
      changedAt: at,
      facts: { injured: Number(next.injured), dead: Number(next.dead), lineBlocked: next.line_blocked_at !== null, lineBlockedAt: next.line_blocked_at },
      notified,
    };
    const res = await trx
      .updateTable('incidents')
      .set({ ...facts, response_level: level, level_state: JSON.stringify(state), updated_at: at, version: row.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该警情已被他人更新，请刷新后重试', 'the incident changed meanwhile; reload and try again'));
    if (level !== row.response_level) {
      await appendTimeline(trx, row.id, actor, 'level_changed', null, null, { from: row.response_level, to: level, setBy, reason, reasons: rules.reasons.map((r) => r.zh), notified }, client, at);
      await enqueueEvent(trx, { type: 'incident.level_changed', entity: 'incident', entityId: row.id, payload: { id: row.id, level, notified } });
    }
    return state;
  }

  /** Facts from the ground; the rules raise the level if they now call for more. */
  async report(actor: Actor, id: string, facts: { injured?: number; dead?: number; lineBlocked?: boolean }, client: string | null): Promise<LevelState> {
    const { row, roles } = await this.incidents.access(actor, id);
    if (!canReportSituation(actor, roles)) throw forbidden(said('本单位未参与此警情', 'your agency has no part in this incident'));
    const at = nowIso();
    const patch: Partial<IncidentRow> = {};
    if (facts.injured !== undefined) patch.injured = facts.injured;
    if (facts.dead !== undefined) patch.dead = facts.dead;
    if (facts.lineBlocked !== undefined) patch.line_blocked_at = facts.lineBlocked ? (row.line_blocked_at ?? at) : null;
    const state = await this.db.kysely.transaction().execute(async (trx) => {
      await appendTimeline(trx, id, actor, 'situation_reported', null, null, facts, client, at);
      const rules = await this.facts(trx, { ...row, ...patch }, at);
      const current = (row.response_level as ResponseLevel | null) ?? 'IV';
      const level = row.response_level === null || isSeverer(rules.level, current) ? rules.level : current;
      const setBy = level === current && row.response_level !== null ? (this.state(row)?.setBy ?? 'rules') : 'rules';
      return this.apply(trx, actor, row, level, setBy, null, at, client, patch);
    });
    this.outbox.kick();
    return state;
  }

  /** A commander's decision, either way, with a reason. */
  async set(actor: Actor, id: string, level: ResponseLevel, reason: string, client: string | null): Promise<LevelState> {
    const { row, roles } = await this.incidents.access(actor, id);
    if (!canCommand(actor, roles)) throw forbidden(said('只有协调中心或主办单位的指挥长可以设定响应等级', 'only the centre or the lead agency’s commander sets the response level'));
    const at = nowIso();
    const state = await this.db.kysely.transaction().execute((trx) => this.apply(trx, actor, row, level, 'commander', reason, at, client));
    this.outbox.kick();
    return state;
  }

  async get(actor: Actor, id: string): Promise<LevelState> {
    const { row } = await this.incidents.access(actor, id);
    const state = this.state(row);
    if (state) return state;
    const rules = await this.facts(this.db.kysely, row, nowIso());
    return { level: rules.level, ruleLevel: rules.level, reasons: rules.reasons, setBy: 'rules', changedAt: row.received_at, facts: { injured: 0, dead: 0, lineBlocked: false, lineBlockedAt: null }, notified: [] };
  }

  /** Time-driven rules (a line blocked for hours, a long incident) raise open incidents' levels. */
  async sweep(now: string = nowIso()): Promise<{ raised: number }> {
    // only where a time rule can still fire: a blocked line, or a long incident not yet above IV
    const limit = new Date(Date.parse(now) - 180 * 60_000).toISOString();
    const rows = await this.db.kysely
      .selectFrom('incidents')
      .selectAll()
      .where('status', 'in', WORKING_STATUSES)
      .where((eb) => eb.or([eb('line_blocked_at', 'is not', null), eb.and([eb('received_at', '<=', limit), eb.or([eb('response_level', 'is', null), eb('response_level', '=', 'IV')])])]))
      .limit(500)
      .execute();
    let raised = 0;
    for (const row of rows) {
      const changed = await this.db.kysely.transaction().execute(async (trx) => {
        const rules = await this.facts(trx, row, now);
        const current = (row.response_level as ResponseLevel | null) ?? 'IV';
        if (!isSeverer(rules.level, current)) return false;
        await this.apply(trx, SYSTEM_ACTOR, row, rules.level, 'rules', null, now, null);
        return true;
      });
      if (changed) raised++;
    }
    if (raised) this.outbox.kick();
    return { raised };
  }
}
