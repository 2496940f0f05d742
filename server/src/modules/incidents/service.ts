import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateIncidentRequest, IncidentAction, IncidentLocationInput, IncidentStatus, ResolveResult } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, unprocessable, validationError, said, fieldError } from '../../platform/http/errors.js';
import { incidentPermissions, incidentScope, type IncidentRole } from '../../platform/policies.js';
import type { OrganisationService } from '../organisation/service.js';
import { IncidentStore, type IncidentFilter, type DuplicateRow, type IncidentRow, type TimelineRow } from './store.js';
import { locateIncident, type IncidentTrains } from './location.js';
import { computePriority, overrideReason, TRAIN_APPROACH_WINDOW_S, validatePriorityOverride, type PriorityLevel, type PriorityReason } from './priority.js';
import { findLikelyDuplicates, type DuplicateProbe } from './duplicates.js';
import { missingRequirements, transition } from './lifecycle.js';
import { presentIncident, type TimelineEntry } from './presenter.js';
import { actionZh, STATUS_ZH, toUrlAction, type LifecycleAction } from './actions.js';
import { metresPerDegree } from '../network/geo.js';
import { alert, answerTransfer, handOverLead, openTransfer, pendingTransfer, statusAfterTransfer } from './transfers.js';
import { appendTimeline } from './timeline.js';
import { departmentDay, nowDate } from '../../platform/clock.js';
import type { PersonalData } from '../../platform/crypto/personal-data.js';
import { namer } from '../users/display-names.js';

export interface IncidentSettings {
  duplicateDistanceM: number;
  duplicateWindowS: number;
  /** how long a receiving agency has to accept or decline a transfer (at least; the incident's own limit if longer) */
  transferReplyS: number;
}

export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = { duplicateDistanceM: 500, duplicateWindowS: 1800, transferReplyS: 600 };

const STATUS_TIME_COLUMN: Partial<Record<IncidentStatus, 'dispatched_at' | 'en_route_at' | 'on_scene_at' | 'cleared_at' | 'closed_at'>> = {
  dispatched: 'dispatched_at',
  en_route: 'en_route_at',
  on_scene: 'on_scene_at',
  cleared: 'cleared_at',
  closed: 'closed_at',
};

/**
 * More work inside an action's transaction (dispatch creates assignments, a status change moves the
 * assigned units along); what it returns is added to the timeline entry.
 */
/** How many likely duplicates a new report is told of at once; the rest are paged. */
export const DUPLICATES_SHOWN = 10;

/** Hides timeline entries a reader may not see (see `guardTimelineWith`). */
export type TimelineGuard = (actor: Actor, entries: TimelineRow[]) => Promise<TimelineRow[]>;

export type ActionHook = (trx: Kysely<Database>, row: IncidentRow, next: IncidentStatus, at: string, onCommit: (f: () => void) => void) => Promise<Record<string, unknown>>;

export type CreationHook = (trx: Kysely<Database>, actor: Actor, row: IncidentRow, at: string, client: string | null) => Promise<void>;

export interface ActionBody {
  reason?: string;
  outcomeCode?: string;
  summary?: string;
  into?: string;
}

/**
 * Reception and the incident lifecycle. Every change is one transaction: the incident row, its
 * agencies, a timeline entry and an outbox event; the event goes out after commit.
 */
export class IncidentService {
  readonly store: IncidentStore;
  private readonly followers: ActionHook[] = [];

  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
    private readonly personal: PersonalData,
    private readonly settings: IncidentSettings = DEFAULT_INCIDENT_SETTINGS,
    private readonly trains: IncidentTrains | null = null,
  ) {
    this.store = new IncidentStore(db.kysely);
  }

  private readonly creationHooks: CreationHook[] = [];

  /** Work other modules do inside a new incident's transaction (casualties reported set its response level). */
  onCreated(hook: CreationHook): void {
    this.creationHooks.push(hook);
  }

  /** Work other modules do inside every action's transaction (assigned units follow the incident). */
  onAction(hook: ActionHook): void {
    this.followers.push(hook);
  }

  async create(actor: Actor, input: CreateIncidentRequest, client: string | null): Promise<{ incident: ReturnType<typeof presentIncident> & { likelyDuplicateCount?: number }; created: boolean }> {
    const category = this.org.categories().find((c) => c.id === input.category);
    if (!category) throw unprocessable('unknown_category', said(`警情类别「${input.category}」不存在`, `unknown incident category "${input.category}"`), { fields: [fieldError('body.category', '未知的警情类别', 'unknown category')] });
    if (input.externalRef) {
      const existing = await this.store.byExternalRef(this.db.kysely, input.channel, input.externalRef);
      if (existing) return { incident: presentIncident(this.opened(existing)), created: false };
    }
    const now = nowDate();
    const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
    const { resolution, train } = await locateIncident(this.org, input.location, input.category, occurredAt, this.trains?.locate ?? null);
    const line = resolution.location.line;
    // Only on the track itself does a coming train make the case more urgent: someone on the line
    // or an obstacle has minutes. A train is never "approaching" an incident on board itself.
    const onTrack = resolution.placeKind === 'line_enclosure' || resolution.placeKind === 'protection_zone';
    const approaching = onTrack && line && this.trains ? await this.trains.approaching(line.lineId, line.measureM, now, TRAIN_APPROACH_WINDOW_S) : null;
    const computed = computePriority({
      basePriority: category.basePriority as PriorityLevel,
      highSpeed: line?.highSpeed ?? false,
      approachingTrain: approaching,
      injuries: input.injuries || (input.injured ?? 0) > 0 || (input.dead ?? 0) > 0,
      crowd: input.crowd,
      placeKind: resolution.placeKind,
    });
    const override = validatePriorityOverride(computed.priority, input.priority, input.priorityReason);
    if (!override.ok) throw validationError([{ field: 'body.priorityReason', message: said(override.message.zh, override.message.en) }]);
    const responsibility = resolution.responsibility!;
    const receivedAt = now.toISOString();
    const id = crypto.randomUUID();

    const result = await this.db.kysely.transaction().execute(async (trx) => {
      // A concurrent identical submission loses the race on the unique index; look again inside.
      if (input.externalRef) {
        const existing = await this.store.byExternalRef(trx, input.channel, input.externalRef);
        if (existing) return { row: existing, created: false, duplicates: [] };
      }
      const since = new Date(now.getTime() - this.settings.duplicateWindowS * 1000).toISOString();
      const [lon, lat] = resolution.location.coordinates;
      const { kx, ky } = metresPerDegree(lat);
      const d = this.settings.duplicateDistanceM;
      const open = await this.store.openOfCategory(trx, input.category, since, { lon, lat, dLon: d / kx, dLat: d / ky, lineId: line?.lineId ?? null, metres: line?.metres ?? null, dM: d });
      const probe: DuplicateProbe = { categoryId: input.category, coordinates: resolution.location.coordinates, lineId: line?.lineId ?? null, mileageM: line?.metres ?? null, occurredAt: occurredAt.toISOString() };
      const duplicates = findLikelyDuplicates(probe, open.map(toProbe), { distanceM: this.settings.duplicateDistanceM, windowS: this.settings.duplicateWindowS });
      const row: IncidentRow = {
        id,
        // numbered last, below: until then the (unique) id stands in for the number
        code: id,
        category_id: input.category,
        channel: input.channel,
        status: 'received',
        priority: override.priority,
        priority_reasons: JSON.stringify(override.overridden ? [...computed.reasons, overrideReason(actor, override.priority, input.priorityReason!)] : computed.reasons),
        description: input.description,
        reporter: input.reporter ? this.personal.seal(JSON.stringify(input.reporter)) : null,
        reporter_phone_key: input.reporter?.phone ? this.personal.index('phone', input.reporter.phone) : null,
        external_ref: input.externalRef ?? null,
        location_input: JSON.stringify(input.location),
        lon: resolution.location.coordinates[0],
        lat: resolution.location.coordinates[1],
        line_id: line?.lineId ?? null,
        metres: line?.metres ?? null,
        mileage: line?.mileage ?? null,
        section_id: line?.sectionId ?? null,
        station_id: resolution.location.stationId,
        train,
        place_kind: resolution.placeKind,
        resolution: JSON.stringify(resolution),
        lead_agency_id: responsibility.lead?.agencyId ?? null,
        time_limit_s: responsibility.timeLimitS,
        duplicate_of: duplicates[0]?.id ?? null,
        merged_into: null,
        outcome_code: null,
        summary: null,
        occurred_at: occurredAt.toISOString(),
        received_at: receivedAt,
        dispatched_at: null,
        en_route_at: null,
        on_scene_at: null,
        cleared_at: null,
        closed_at: null,
        created_by: actor.userId,
        updated_at: receivedAt,
        version: 1,
        response_level: null,
        level_state: null,
        injured: input.injured ?? 0,
        dead: input.dead ?? 0,
        line_blocked_at: null,
        sitrep_every_min: null,
        sitrep_due_at: null,
      };
      await trx.insertInto('incidents').values(row).execute();
      const parts = agencyParts(responsibility, actor);
      await trx.insertInto('incident_agencies').values(parts.map((p) => ({ incident_id: id, agency_id: p.agencyId, role: p.role }))).execute();
      await this.appendTimeline(trx, id, actor, 'received', null, 'received', {
        channel: input.channel,
        priority: { computed: computed.priority, set: override.priority, reasons: computed.reasons, overrideReason: override.overridden ? input.priorityReason : undefined },
        // the best few and how many there were: a busy place can have hundreds (GET …/duplicates pages them)
        likelyDuplicates: duplicates.slice(0, DUPLICATES_SHOWN),
        likelyDuplicateCount: duplicates.length,
        ...(input.injured ? { injured: input.injured } : {}),
        ...(input.dead ? { dead: input.dead } : {}),
      }, client, receivedAt);
      // numbered by the Beijing day, as the duty log is
      row.code = await this.store.assignCode(trx, id, departmentDay(now.getTime()));
      await enqueueEvent(trx, { type: 'incident.created', entity: 'incident', entityId: id, payload: { id, code: row.code, priority: row.priority, status: row.status } });
      for (const hook of this.creationHooks) await hook(trx, actor, row, receivedAt, client);
      return { row, created: true, duplicates };
    });
    this.outbox.kick();
    // the reporter is told only of the likely duplicates they may see, the best few of them
    const scope = incidentScope(actor);
    // every incident is the centre's to see: no read for it
    const visible = scope.all ? new Set(result.duplicates.map((c) => c.id)) : await this.store.visibleIds(result.duplicates.map((c) => c.id), scope.agencyId);
    const shown = result.duplicates.filter((c) => visible.has(c.id));
    return { incident: { ...presentIncident(this.opened(result.row), { likelyDuplicates: shown.slice(0, DUPLICATES_SHOWN) }), likelyDuplicateCount: shown.length }, created: result.created };
  }

  /**
   * The likely duplicates of an incident, best first, paged: recomputed now by the same rule as at
   * reception (open incidents of the category near in space and time), only those the reader may see.
   */
  async duplicates(actor: Actor, id: string, page: { offset: number; limit: number }) {
    const { row } = await this.visible(actor, id);
    const occurred = Date.parse(row.occurred_at ?? row.received_at);
    const since = new Date(occurred - this.settings.duplicateWindowS * 1000).toISOString();
    const d = this.settings.duplicateDistanceM;
    const { kx, ky } = metresPerDegree(row.lat ?? 0);
    const near = row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat, dLon: d / kx, dLat: d / ky, lineId: row.line_id, metres: row.metres, dM: d } : undefined;
    const open = await this.store.openOfCategory(this.db.kysely, row.category_id, since, near);
    const all = findLikelyDuplicates(toProbe(row), open.map(toProbe), { distanceM: d, windowS: this.settings.duplicateWindowS });
    const scope = incidentScope(actor);
    const visible = await this.store.visibleIds(all.map((c) => c.id), scope.all ? undefined : scope.agencyId);
    const shown = all.filter((c) => visible.has(c.id));
    const slice = shown.slice(page.offset, page.offset + page.limit);
    const codes = new Map(open.map((o) => [o.id, { code: o.code, status: o.status }]));
    return { duplicates: slice.map((c) => ({ ...c, ...codes.get(c.id)! })), total: shown.length };
  }

  /**
   * Where a report would be placed and which agencies would take part in it, recording nothing:
   * while a call is still being taken the console asks who could be sent (dispatch recommends from
   * the same agencies the incident will have, so the unit offered can be dispatched once it exists).
   */
  async preview(actor: Actor, location: IncidentLocationInput, categoryId: string): Promise<{ resolution: ResolveResult; train: string | null; agencyIds: string[] }> {
    if (!this.org.categories().some((c) => c.id === categoryId)) throw unprocessable('unknown_category', said(`警情类别「${categoryId}」不存在`, `unknown incident category "${categoryId}"`), { fields: [fieldError('body.category', '未知的警情类别', 'unknown category')] });
    const { resolution, train } = await locateIncident(this.org, location, categoryId, nowDate(), this.trains?.locate ?? null);
    return { resolution, train, agencyIds: unique(agencyParts(resolution.responsibility!, actor).map((p) => p.agencyId)) };
  }

  private readonly timelineGuards: TimelineGuard[] = [];

  /**
   * Another module hides the timeline entries about its own resources from readers who may not
   * read them (task orders: only their agencies and command). Every timeline a user is shown —
   * the incident, its EIDO export, a situation report's draft — comes through `get`, so through these.
   */
  guardTimelineWith(guard: TimelineGuard): void {
    this.timelineGuards.push(guard);
  }

  private async guardTimeline(actor: Actor, entries: TimelineRow[]): Promise<TimelineRow[]> {
    let shown = entries;
    for (const guard of this.timelineGuards) shown = await guard(actor, shown);
    return shown;
  }

  /** The row with the caller's contact opened (sealed at rest with SM4). */
  private opened(row: IncidentRow): IncidentRow {
    return row.reporter ? { ...row, reporter: this.personal.read(row.reporter) } : row;
  }

  /** The keyed hash a list filter by caller's phone looks for. */
  phoneKey(phone: string): string {
    return this.personal.index('phone', phone);
  }

  /** For the live channel and webhooks: may the actor read this incident now (the read route's check). */
  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.visible(actor, id).then(
      () => true,
      (e: unknown) => (e instanceof HttpError && e.status === 404 ? false : Promise.reject(e)),
    );
  }

  /** The incident if the actor may see it (else 404), with the actor's agency's roles in it: for the command module. */
  access(actor: Actor, id: string): Promise<{ row: IncidentRow; roles: IncidentRole[] }> {
    return this.visible(actor, id);
  }

  /** The incident if the actor may see it, with the actor's agency's roles in it. */
  private async visible(actor: Actor, id: string): Promise<{ row: IncidentRow; roles: IncidentRole[] }> {
    const found = await this.withParts(actor, id);
    return { row: found.row, roles: found.parts.filter((a) => a.agency_id === actor.agencyId).map((a) => a.role as IncidentRole) };
  }

  /** The incident if the actor may see it (else 404), with every agency's part in it. */
  async withParts(actor: Actor, id: string): Promise<{ row: IncidentRow; parts: Array<{ agency_id: string; role: string }> }> {
    const scope = incidentScope(actor);
    const found = await this.store.withParts(id, scope.all ? undefined : scope.agencyId);
    if (!found) throw notFound('incident');
    return found;
  }

  /**
   * The incident with its timeline — with `timelineAfter`, only the entries after that one (the
   * rest of the answer is whole: intervals and breaches come from the whole timeline), so a page
   * kept current by live events reads what is new, not everything again.
   */
  async get(actor: Actor, id: string, timelineAfter?: number) {
    // both reads at once (two pooled connections on PostgreSQL): a round trip is a good part of an
    // answer's time; the timeline of an incident the actor may not see is read and thrown away
    const [{ row }, named] = await Promise.all([this.visible(actor, id), this.store.timelineNamed(id)]);
    const timeline = await this.guardTimeline(actor, named.entries);
    // the references (likely duplicate, merged into) the reader may see, with what they show, in one read
    const scope = incidentScope(actor);
    const refs = [row.duplicate_of, row.merged_into].filter((x): x is string => x !== null);
    const seen = await this.store.visibleRefs(refs, scope.all ? undefined : scope.agencyId);
    const duplicate = row.duplicate_of ? seen.get(row.duplicate_of) : undefined;
    const shown = { ...row, duplicate_of: duplicate ? row.duplicate_of : null, merged_into: row.merged_into && seen.has(row.merged_into) ? row.merged_into : null };
    // with a timeline given, the presenter answers the detail (its type cannot say so)
    const presented = presentIncident(this.opened(shown), { timeline, name: namer(named.names), likelyDuplicates: duplicate ? [{ id: duplicate.id, code: duplicate.code, status: duplicate.status }] : [] }) as ReturnType<typeof presentIncident> & { timeline: TimelineEntry[] };
    const after = timelineAfter ?? null;
    return { ...presented, timeline: after === null ? presented.timeline : presented.timeline.filter((e) => e.id > after), timelineCount: presented.timeline.length, timelineAfter: after };
  }

  async list(actor: Actor, filter: Omit<IncidentFilter, 'agencyId'>) {
    const scope = incidentScope(actor);
    const rows = await this.store.list({ ...filter, agencyId: scope.all ? undefined : scope.agencyId });
    const last = rows.length === filter.limit ? rows[rows.length - 1] : undefined;
    const refs = rows.flatMap((r) => [r.duplicate_of, r.merged_into]).filter((x): x is string => x !== null);
    const seen = scope.all ? null : await this.store.visibleIds(refs, scope.agencyId);
    const shown = (id: string | null) => (id !== null && (seen === null || seen.has(id)) ? id : null);
    return {
      incidents: rows.map((r) => {
        const row = { ...r, duplicate_of: shown(r.duplicate_of), merged_into: shown(r.merged_into) };
        return presentIncident(this.opened(row), { likelyDuplicates: row.duplicate_of ? [{ id: row.duplicate_of }] : [] });
      }),
      nextCursor: last ? Buffer.from(JSON.stringify([last.received_at, last.id])).toString('base64url') : null,
    };
  }

  /** A state-machine action: dispatch, en route, on scene, clear, close, cancel, merge. */
  async act(actor: Actor, id: string, action: LifecycleAction, body: ActionBody, client: string | null, within?: ActionHook, known?: { row: IncidentRow; roles: IncidentRole[] }) {
    // a caller that has just read the incident as this actor (dispatch) spares reading it again;
    // the update below checks the version it read
    const { row, roles } = known ?? (await this.visible(actor, id));
    const may = incidentPermissions(actor, roles);
    const steering = action === 'cancel' || action === 'merge';
    if (!(steering ? may.steer : may.act)) throw forbidden(said(`本单位无权对此警情执行「${actionZh(action)}」`, `your agency may not ${toUrlAction(action)} this incident`));
    const status = row.status as IncidentStatus;
    const step = transition(status, action);
    if (!step.ok) {
      throw conflict('illegal_transition', illegalTransition(status, action), { status, allowed: step.allowed.map(toUrlAction) });
    }
    const missing = missingRequirements(step.requires, { reason: body.reason, outcome: body.outcomeCode, summary: body.summary, targetIncidentId: body.into });
    if (missing.length) {
      const field = { reason: 'reason', outcome: 'outcomeCode', summary: 'summary', target_incident: 'into', receiving_agency: 'to', all_assignments_withdrawn: 'assignments' } as const;
      throw validationError(missing.map((m) => (m === 'outcome' ? fieldError(`body.${field[m]}`, '请选择有效的处置结果', 'a known outcome code is required') : fieldError(`body.${field[m]}`, '必填', 'required'))));
    }
    let target: IncidentRow | undefined;
    if (action === 'merge') {
      if (body.into === id) throw unprocessable('merge_into_itself', said('警情不能并入其自身', 'an incident cannot be merged into itself'), { fields: [fieldError('body.into', '同一警情', 'same incident')] });
      target = await this.store.byId(body.into!);
      if (!target || ['closed', 'cancelled', 'merged'].includes(target.status)) {
        throw unprocessable('bad_merge_target', said('只能并入未结案的警情', 'merge into an open incident'), { fields: [fieldError('body.into', '没有这一未结案的警情', 'no such open incident')] });
      }
    }
    const at = nowIso();
    const column = STATUS_TIME_COLUMN[step.next];
    // Work that must wait for the commit (in-memory indexes): it would be wrong after a rollback.
    const committed: Array<() => void> = [];
    const onCommit = (f: () => void) => committed.push(f);
    await this.db.kysely.transaction().execute(async (trx) => {
      const patch: Partial<IncidentRow> = { status: step.next, updated_at: at, version: row.version + 1 };
      if (column && row[column] === null) patch[column] = at;
      if (action === 'close') Object.assign(patch, { outcome_code: body.outcomeCode, summary: body.summary });
      if (action === 'merge') patch.merged_into = body.into!;
      await this.update(trx, row, patch);
      const extra = within ? await within(trx, row, step.next, at, onCommit) : {};
      for (const f of this.followers) Object.assign(extra, await f(trx, row, step.next, at, onCommit));
      await this.appendTimeline(trx, id, actor, action === 'merge' ? 'merged' : action, status, step.next, { ...pick(body), ...extra }, client, at);
      if (target) await this.appendTimeline(trx, target.id, actor, 'merged_from', null, null, { from: id, code: row.code, reason: body.reason }, client, at);
      // the units it moved, so every instance's unit index follows without reading them again
      const units = (extra as { units?: unknown }).units;
      await enqueueEvent(trx, { type: `incident.${action}`, entity: 'incident', entityId: id, payload: { id, status: step.next, priority: row.priority, code: row.code, ...(units ? { units } : {}) } });
    });
    for (const f of committed) f();
    this.outbox.kick();
    return this.get(actor, id);
  }

  /**
   * A unit reporting its own progress moves its incident along, inside the unit's transaction:
   * the first unit en route makes the incident en route, the first on scene makes it on scene
   * (through en route, both timed). The unit's word is the authority, so no incident permission is
   * asked of its reporter, and the other units keep their own status. False when nothing moved.
   */
  async advanceByUnit(trx: Kysely<Database>, actor: Actor, incidentId: string, target: 'en_route' | 'on_scene', unit: { id: string; callsign: string }, at: string): Promise<boolean> {
    const row = await trx.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
    if (!row) return false;
    const steps: Array<{ action: 'depart' | 'arrive'; next: IncidentStatus }> = [];
    if (row.status === 'dispatched') steps.push({ action: 'depart', next: 'en_route' });
    if (target === 'on_scene' && (row.status === 'dispatched' || row.status === 'en_route')) steps.push({ action: 'arrive', next: 'on_scene' });
    if (!steps.length) return false;
    const patch: Partial<IncidentRow> = { status: steps[steps.length - 1]!.next, updated_at: at, version: row.version + 1 };
    for (const s of steps) {
      const column = STATUS_TIME_COLUMN[s.next];
      if (column && row[column] === null) patch[column] = at;
    }
    await this.update(trx, row, patch);
    let from = row.status;
    for (const s of steps) {
      await this.appendTimeline(trx, incidentId, actor, s.action, from, s.next, { unitId: unit.id, unit: unit.callsign, byUnit: true }, null, at);
      await enqueueEvent(trx, { type: `incident.${s.action}`, entity: 'incident', entityId: incidentId, payload: { id: incidentId, status: s.next, priority: row.priority, code: row.code } });
      from = s.next;
    }
    return true;
  }

  /** Hands the incident to another agency, which must accept or decline within its time. */
  async transfer(actor: Actor, id: string, toAgencyId: string, reason: string, client: string | null) {
    const { row, roles } = await this.visible(actor, id);
    const may = incidentPermissions(actor, roles);
    if (!may.steer && !(may.act && roles.includes('lead'))) throw forbidden(said('只有主办单位或协调中心可以移交警情', 'only the lead agency or the coordination centre may transfer an incident'));
    const to = this.org.findAgency(toAgencyId);
    if (!to) throw unprocessable('unknown_agency', said(`单位 ${toAgencyId} 不存在`, `agency ${toAgencyId} does not exist`), { fields: [fieldError('body.to', '单位不存在', 'unknown agency')] });
    if (to.id === row.lead_agency_id) throw unprocessable('already_lead', said(`${to.name}已是此警情的主办单位`, `${to.name} already leads this incident`), { fields: [fieldError('body.to', '已是主办单位', 'already the lead')] });
    const step = this.step(row, 'transfer');
    const at = nowIso();
    const replyS = Math.max(this.settings.transferReplyS, 60);
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.update(trx, row, { status: step, updated_at: at, version: row.version + 1 });
      const transferId = await openTransfer(trx, row, actor, { agencyId: to.id, name: to.name, type: to.type }, reason, at, replyS);
      await this.appendTimeline(trx, id, actor, 'transfer', row.status, step, { transferId, to: to.id, toName: to.name, reason, replyWithinS: replyS }, client, at);
      await alert(trx, id, 'incident.transfer', { id, to: to.id, reason });
    });
    this.outbox.kick();
    return this.get(actor, id);
  }

  /** The receiving agency takes the incident: it leads from now on, on the same timeline. */
  async acceptTransfer(actor: Actor, id: string, client: string | null) {
    return this.answer(actor, id, 'accept_transfer', undefined, client);
  }

  /** The receiving agency declines: the incident goes back to the coordination centre with an alert. */
  async declineTransfer(actor: Actor, id: string, reason: string, client: string | null) {
    return this.answer(actor, id, 'decline_transfer', reason, client);
  }

  private async answer(actor: Actor, id: string, action: 'accept_transfer' | 'decline_transfer', reason: string | undefined, client: string | null) {
    const { row } = await this.visible(actor, id);
    const step = this.step(row, action);
    const pending = await pendingTransfer(this.db.kysely, id);
    if (!pending) throw conflict('no_pending_transfer', said('此警情没有待答复的移交', 'this incident has no transfer waiting for an answer'));
    const centre = incidentScope(actor).all && actor.roles.some((r) => r === 'dispatcher' || r === 'commander' || r === 'admin');
    if (actor.agencyId !== pending.to_agency_id && !centre) throw forbidden(said('只有接收单位可以答复此移交', 'only the receiving agency may answer this transfer'));
    const to = this.org.findAgency(pending.to_agency_id)!;
    const at = nowIso();
    let resumed: IncidentStatus = step;
    await this.db.kysely.transaction().execute(async (trx) => {
      resumed = await statusAfterTransfer(trx, id);
      const patch: Partial<IncidentRow> = { status: resumed, updated_at: at, version: row.version + 1 };
      if (action === 'accept_transfer') {
        const handed = await handOverLead(trx, row, { agencyId: to.id, name: to.name, type: to.type });
        patch.resolution = handed.resolution;
        patch.lead_agency_id = handed.lead;
      }
      await this.update(trx, row, patch);
      await answerTransfer(trx, pending.id, action === 'accept_transfer' ? 'accepted' : 'declined', actor, at, reason ?? null);
      await this.appendTimeline(trx, id, actor, action, row.status, resumed, { transferId: pending.id, agency: to.id, reason }, client, at);
      await alert(trx, id, action === 'accept_transfer' ? 'incident.transfer_accepted' : 'incident.transfer_declined', { id, agency: to.id, reason });
    });
    this.outbox.kick();
    return action === 'accept_transfer' || incidentScope(actor).all ? this.get(actor, id) : { id, status: resumed };
  }

  /**
   * The clock's work, run every few seconds: transfers not answered in time go back to the
   * coordination centre, and incidents past their response limit raise an alert once.
   */
  async sweep(now: Date = nowDate()): Promise<{ transfersTimedOut: number; limitsBreached: number }> {
    const at = now.toISOString();
    const system: Actor = { userId: 'system', username: 'system', displayName: 'RailJoint', agencyId: 'system', agencyType: null, roles: ['admin'] };
    let transfersTimedOut = 0;
    const late = await this.db.kysely.selectFrom('transfers').selectAll().where('status', '=', 'pending').where('deadline', '<', at).execute();
    for (const t of late) {
      const row = await this.store.byId(t.incident_id);
      if (!row || row.status !== 'transferred') continue;
      await this.db.kysely.transaction().execute(async (trx) => {
        const resumed = await statusAfterTransfer(trx, row.id);
        await this.update(trx, row, { status: resumed, updated_at: at, version: row.version + 1 });
        await answerTransfer(trx, t.id, 'timed_out', null, at, null);
        await this.appendTimeline(trx, row.id, system, 'transfer_timeout', 'transferred', resumed, { transferId: t.id, agency: t.to_agency_id, deadline: t.deadline }, null, at);
        await alert(trx, row.id, 'incident.transfer_timeout', { id: row.id, agency: t.to_agency_id });
      }).catch((e: unknown) => {
        if ((e as { code?: string }).code !== 'changed_meanwhile') throw e;
      });
      transfersTimedOut++;
    }
    let limitsBreached = 0;
    // only what the rule needs: every open incident not yet on scene is looked at, every few seconds
    const open = await this.db.kysely
      .selectFrom('incidents')
      .select(['id', 'code', 'received_at', 'time_limit_s'])
      .where('status', 'in', ['received', 'dispatched', 'en_route', 'transferred'])
      .where('on_scene_at', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('incident_timeline as tl').select('tl.id').whereRef('tl.incident_id', '=', 'incidents.id').where('tl.action', '=', 'limit_breached'))))
      .execute();
    for (const row of open) {
      const elapsedS = (now.getTime() - Date.parse(row.received_at)) / 1000;
      if (elapsedS <= row.time_limit_s) continue;
      await this.db.kysely.transaction().execute(async (trx) => {
        await this.appendTimeline(trx, row.id, system, 'limit_breached', null, null, { limitS: row.time_limit_s, elapsedS: Math.round(elapsedS) }, null, at);
        await alert(trx, row.id, 'incident.limit_breached', { id: row.id, code: row.code, limitS: row.time_limit_s, elapsedS: Math.round(elapsedS) });
      });
      limitsBreached++;
    }
    if (transfersTimedOut || limitsBreached) this.outbox.kick();
    return { transfersTimedOut, limitsBreached };
  }

  private step(row: IncidentRow, action: IncidentAction): IncidentStatus {
    const status = row.status as IncidentStatus;
    const t = transition(status, action);
    if (!t.ok) throw conflict('illegal_transition', illegalTransition(status, action), { status, allowed: t.allowed.map(toUrlAction) });
    return t.next;
  }

  async reprioritise(actor: Actor, id: string, priority: PriorityLevel, reason: string, client: string | null) {
    const { row, roles } = await this.visible(actor, id);
    if (!incidentPermissions(actor, roles).steer) throw forbidden(said('只有协调中心可以调整警情等级', 'only the coordination centre may change the priority'));
    const reasons = [...(JSON.parse(row.priority_reasons) as PriorityReason[]), overrideReason(actor, priority, reason)];
    await this.simpleChange(actor, row, 'reprioritised', { from: row.priority, to: priority, reason }, client, { priority, priority_reasons: JSON.stringify(reasons) });
    return this.get(actor, id);
  }

  async keepApart(actor: Actor, id: string, reason: string | undefined, client: string | null) {
    const { row, roles } = await this.visible(actor, id);
    if (!incidentPermissions(actor, roles).steer) throw forbidden(said('只有协调中心可以判定重复警情', 'only the coordination centre decides on duplicates'));
    await this.simpleChange(actor, row, 'kept_apart', { from: row.duplicate_of, reason }, client, { duplicate_of: null });
    return this.get(actor, id);
  }

  async note(actor: Actor, id: string, text: string, client: string | null) {
    const { row, roles } = await this.visible(actor, id);
    if (!incidentPermissions(actor, roles).note) throw forbidden(said('本单位无权在此添加备注', 'your agency may not add notes here'));
    await this.simpleChange(actor, row, 'note', { text }, client, {});
    return this.get(actor, id);
  }

  private async simpleChange(actor: Actor, row: IncidentRow, action: 'reprioritised' | 'kept_apart' | 'note', detail: unknown, client: string | null, patch: Partial<IncidentRow>) {
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      await this.update(trx, row, { ...patch, updated_at: at, version: row.version + 1 });
      await this.appendTimeline(trx, row.id, actor, action, null, null, detail, client, at);
      await enqueueEvent(trx, { type: `incident.${action}`, entity: 'incident', entityId: row.id, payload: { id: row.id } });
    });
    this.outbox.kick();
  }

  /** Optimistic: a change based on a stale read is refused instead of silently overwriting. */
  private async update(trx: Kysely<Database>, row: IncidentRow, patch: Partial<IncidentRow>): Promise<void> {
    const res = await trx.updateTable('incidents').set(patch).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new HttpError(409, 'changed_meanwhile', said('该警情已被他人修改，请刷新后重试', 'the incident was changed by someone else meanwhile; reload and try again'));
  }


  private appendTimeline(trx: Kysely<Database>, incidentId: string, actor: Actor, action: string, from: string | null, to: string | null, detail: unknown, client: string | null, at: string): Promise<void> {
    return appendTimeline(trx, incidentId, actor, action, from, to, detail, client, at);
  }
}

function toProbe(r: DuplicateRow): DuplicateProbe & { id: string } {
  return { id: r.id, categoryId: r.category_id, coordinates: r.lon !== null && r.lat !== null ? [r.lon, r.lat] : null, lineId: r.line_id, mileageM: r.metres, occurredAt: r.occurred_at, receivedAt: r.received_at };
}

function agencyParts(r: NonNullable<import('@railjoint/contracts').ResolveResult['responsibility']>, actor: Actor): Array<{ agencyId: string; role: IncidentRole }> {
  const parts: Array<{ agencyId: string; role: IncidentRole }> = [];
  const add = (agencyId: string, role: IncidentRole) => {
    if (!parts.some((p) => p.agencyId === agencyId && p.role === role)) parts.push({ agencyId, role });
  };
  if (r.lead) add(r.lead.agencyId, 'lead');
  for (const a of r.support) add(a.agencyId, 'support');
  for (const a of r.inform) add(a.agencyId, 'inform');
  // The reporting agency keeps sight of what it reported.
  if (actor.agencyType !== null && actor.agencyType !== 'coordination_centre' && !parts.some((p) => p.agencyId === actor.agencyId)) add(actor.agencyId, 'inform');
  return parts;
}

function pick(body: ActionBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/** Why an action is refused in the incident's status, as the console words it. */
function illegalTransition(status: IncidentStatus, action: IncidentAction) {
  return said(`警情当前${STATUS_ZH[status] ?? status}，不能${actionZh(action)}`, `an incident that is ${status} cannot ${toUrlAction(action)}`);
}
