import { OPEN_TASK_STATUSES } from '../command/task-presenter.js';
import { OPEN_STATUSES } from '../incidents/lifecycle.js';
import crypto from 'node:crypto';
import type { Seat } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, notFound, unprocessable, validationError, said, fieldError } from '../../platform/http/errors.js';
import type { OrganisationService } from '../organisation/service.js';
import { displayNames } from '../users/display-names.js';
import { seatPeople } from './seat-people.js';

const MAX_SHIFT_MS = 24 * 3600_000;

/**
 * Duty at the coordination centre (值班): the seats (dispatch, command, and a liaison seat for each
 * member agency), who sits in which seat when, and the shift handover with its log (交接班), which
 * carries a snapshot of what is still open so nothing is lost between shifts.
 */
export class DutyService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
  ) {}

  private name = (id: string) => this.org.agencyName(id);

  private mayPlan(actor: Actor, centreId: string): boolean {
    return actor.roles.includes('admin') || (actor.agencyId === centreId && actor.roles.includes('commander'));
  }

  /** The centres with their level and member agencies (those with a seat). */
  async centres() {
    const rows = await this.db.kysely.selectFrom('centres').selectAll().orderBy('agency_id').execute();
    const seats = await this.db.kysely.selectFrom('centre_seats').select(['centre_agency_id', 'agency_id']).execute();
    return {
      centres: rows.map((c) => {
        const mine = seats.filter((s) => s.centre_agency_id === c.agency_id);
        const members = [...new Set(mine.map((s) => s.agency_id))].filter((id) => id !== c.agency_id);
        return {
          agencyId: c.agency_id,
          name: this.name(c.agency_id),
          level: c.level as 'bureau' | 'department',
          parentAgencyId: c.parent_agency_id,
          members: members.map((id) => ({ agencyId: id, name: this.name(id), type: this.org.findAgency(id)?.type ?? 'unknown' })),
          seats: mine.length,
        };
      }),
    };
  }

  async saveCentre(actor: Actor, agencyId: string, input: { level: 'bureau' | 'department'; parentAgencyId: string | null }) {
    if (!actor.roles.includes('admin')) throw forbidden(said('只有管理员可以设置协调中心', 'admins set up coordination centres'));
    const a = this.org.findAgency(agencyId);
    if (!a || a.type !== 'coordination_centre') throw validationError([fieldError('params.agencyId', '不是协调中心单位', 'not a coordination-centre agency')]);
    if (input.parentAgencyId !== null) {
      const parent = this.org.findAgency(input.parentAgencyId);
      if (!parent || parent.type !== 'coordination_centre' || parent.id === agencyId) throw validationError([fieldError('body.parentAgencyId', '不是另一个协调中心', 'not another coordination centre')]);
      if (input.level === 'bureau') throw validationError([fieldError('body.parentAgencyId', '局级协调中心已是最高一级', 'a bureau centre is the top level')]);
    }
    const values = { agency_id: agencyId, level: input.level, parent_agency_id: input.parentAgencyId, updated_at: nowIso() };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('centres').values(values).onConflict((oc) => oc.column('agency_id').doUpdateSet(values)).execute();
      await recordChange(trx, actor, 'centre', agencyId, 'save', input);
    });
    return (await this.centres()).centres.find((c) => c.agencyId === agencyId)!;
  }

  async seats(centreId: string): Promise<Seat[]> {
    const rows = await this.db.kysely.selectFrom('centre_seats').selectAll().where('centre_agency_id', '=', centreId).orderBy('position').execute();
    return rows.map((r) => ({ id: r.id, centreAgencyId: r.centre_agency_id, agencyId: r.agency_id, name: r.name, kind: r.kind as Seat['kind'], position: Number(r.position) }));
  }

  async saveSeat(actor: Actor, seat: Seat): Promise<Seat> {
    if (!this.mayPlan(actor, seat.centreAgencyId)) throw forbidden(said('只有管理员和协调中心的指挥长可以设置席位', 'admins and the centre’s commanders set up seats'));
    const centre = this.org.findAgency(seat.centreAgencyId);
    if (!centre || centre.type !== 'coordination_centre') throw validationError([fieldError('body.centreAgencyId', '不是协调中心', 'not a coordination centre')]);
    if (!this.org.findAgency(seat.agencyId)) throw validationError([fieldError('body.agencyId', `单位「${seat.agencyId}」不存在`, `unknown agency "${seat.agencyId}"`)]);
    const values = { id: seat.id, centre_agency_id: seat.centreAgencyId, agency_id: seat.agencyId, name: seat.name, kind: seat.kind, position: seat.position };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('centre_seats').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
      await recordChange(trx, actor, 'seat', seat.id, 'save', seat);
    });
    return seat;
  }

  async addShift(actor: Actor, req: { seatId: string; userId: string; startsAt: string; endsAt: string }) {
    const seat = await this.db.kysely.selectFrom('centre_seats').selectAll().where('id', '=', req.seatId).executeTakeFirst();
    if (!seat) throw validationError([fieldError('body.seatId', '席位不存在', 'no such seat')]);
    if (!this.mayPlan(actor, seat.centre_agency_id)) throw forbidden(said('只有管理员和协调中心的指挥长可以排班', 'admins and the centre’s commanders plan the roster'));
    const user = await this.db.kysely.selectFrom('users').select(['id', 'agency_id', 'disabled']).where((eb) => eb.or([eb('id', '=', req.userId), eb('username', '=', req.userId)])).executeTakeFirst();
    if (!user || Number(user.disabled)) throw validationError([fieldError('body.userId', '没有这一在用账号', 'no such active user')]);
    if (user.agency_id !== seat.agency_id) throw validationError([fieldError('body.userId', `该席位属于${this.name(seat.agency_id)}，该用户属于${this.name(user.agency_id)}`, `the seat is ${this.name(seat.agency_id)}'s; the user is ${this.name(user.agency_id)}'s`)]);
    const starts = new Date(req.startsAt).toISOString();
    const ends = new Date(req.endsAt).toISOString();
    if (ends <= starts) throw validationError([fieldError('body.endsAt', '须晚于开始时间', 'must be after startsAt')]);
    if (Date.parse(ends) - Date.parse(starts) > MAX_SHIFT_MS) throw validationError([fieldError('body.endsAt', '一个班次至多 24 小时', 'a shift lasts at most 24 hours')]);
    const id = crypto.randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      // two people in one seat, or one person in two seats, at the same time: refused
      const clash = await trx
        .selectFrom('duty_shifts')
        .select(['id', 'seat_id', 'user_id'])
        .where((eb) => eb.or([eb('seat_id', '=', seat.id), eb('user_id', '=', user.id)]))
        .where('starts_at', '<', ends)
        .where('ends_at', '>', starts)
        .executeTakeFirst();
      if (clash) throw unprocessable('overlap', clash.seat_id === seat.id ? said('该席位在此时段内已有部分时间排了班', 'the seat is already staffed for part of that time') : said('此人在此时段内已有部分时间在其他席位值班', 'that person is on another seat for part of that time'), { fields: [fieldError(clash.seat_id === seat.id ? 'body.startsAt' : 'body.userId', '与其他班次时间重叠', 'overlaps another shift')] });
      await trx.insertInto('duty_shifts').values({ id, seat_id: seat.id, user_id: user.id, starts_at: starts, ends_at: ends, created_by: actor.username }).execute();
      await recordChange(trx, actor, 'duty_shift', id, 'plan', { seatId: seat.id, userId: user.id, starts, ends });
    });
    return { id, seatId: seat.id, userId: user.id, startsAt: starts, endsAt: ends };
  }

  /** Who sits in each seat now, and who comes next. */
  /** who can sit a seat (seat-people.ts) */
  seatPeople(actor: Actor, seatId: string) {
    return seatPeople(this.db.kysely, actor, seatId);
  }

  async now(centreId: string) {
    const at = nowIso();
    const seats = await this.seats(centreId);
    const shifts = await this.db.kysely
      .selectFrom('duty_shifts as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.seat_id', 's.starts_at', 's.ends_at', 'u.id as user_id', 'u.username', 'u.display_name'])
      .where('s.seat_id', 'in', seats.length ? seats.map((s) => s.id) : [''])
      .where('s.ends_at', '>', at)
      .orderBy('s.starts_at')
      .execute();
    return {
      centreAgencyId: centreId,
      at,
      seats: seats.map((s) => {
        const mine = shifts.filter((x) => x.seat_id === s.id);
        const current = mine.find((x) => x.starts_at <= at);
        const next = mine.find((x) => x.starts_at > at);
        return {
          seatId: s.id,
          name: s.name,
          kind: s.kind,
          agencyId: s.agencyId,
          agencyName: this.name(s.agencyId),
          onDuty: current ? { userId: current.user_id, username: current.username, displayName: current.display_name, until: current.ends_at } : null,
          next: next ? { username: next.username, displayName: next.display_name, from: next.starts_at } : null,
        };
      }),
    };
  }

  /**
   * Whom each agency can send now: the people in its roster's seats at this moment, then (for an
   * agency without a roster, or to choose someone else) its active commanders and liaisons.
   */
  async onDuty(agencyIds: string[]) {
    const ids = [...new Set(agencyIds)].slice(0, 50);
    if (!ids.length) return { people: [] };
    const at = nowIso();
    const seated = await this.db.kysely
      .selectFrom('duty_shifts as s')
      .innerJoin('centre_seats as c', 'c.id', 's.seat_id')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['c.agency_id', 'c.name as seat', 'c.kind', 'c.position', 'u.id as user_id', 'u.display_name', 's.ends_at'])
      .where('c.agency_id', 'in', ids)
      .where('s.starts_at', '<=', at)
      .where('s.ends_at', '>', at)
      .where('u.disabled', '=', 0)
      .execute();
    // whoever sits in a command seat first: the one a joint command wants
    const rank: Record<string, number> = { command: 0, liaison: 1, dispatch: 2 };
    seated.sort((a, b) => (rank[a.kind] ?? 3) - (rank[b.kind] ?? 3) || Number(a.position) - Number(b.position));
    const staff = await this.db.kysely.selectFrom('users').select(['id', 'agency_id', 'display_name', 'roles']).where('agency_id', 'in', ids).where('disabled', '=', 0).orderBy('display_name').execute();
    const people: Array<{ agencyId: string; userId: string; displayName: string; onDuty: boolean; seat: string | null; until: string | null }> = seated.map((s) => ({ agencyId: s.agency_id, userId: s.user_id, displayName: s.display_name, onDuty: true, seat: s.seat, until: s.ends_at }));
    for (const u of staff) {
      const roles = JSON.parse(u.roles) as string[];
      if (people.some((p) => p.userId === u.id) || !roles.some((r) => r === 'commander' || r === 'liaison')) continue;
      people.push({ agencyId: u.agency_id, userId: u.id, displayName: u.display_name, onDuty: false, seat: null, until: null });
    }
    return { people };
  }

  /** The outgoing person hands the seat over with notes and a snapshot of what is still open. */
  async handover(actor: Actor, req: { seatId: string; toUserId: string; notes: string }) {
    const seat = await this.db.kysely.selectFrom('centre_seats').selectAll().where('id', '=', req.seatId).executeTakeFirst();
    if (!seat) throw validationError([fieldError('body.seatId', '席位不存在', 'no such seat')]);
    const at = nowIso();
    const mine = await this.db.kysely.selectFrom('duty_shifts').select('id').where('seat_id', '=', seat.id).where('user_id', '=', actor.userId).where('starts_at', '<=', at).where('ends_at', '>', at).executeTakeFirst();
    if (!mine) throw forbidden(said('只有该席位的值班人员可以交班', 'only the person on duty in that seat hands it over'));
    const to = await this.db.kysely.selectFrom('users').select(['id', 'username', 'agency_id']).where((eb) => eb.or([eb('id', '=', req.toUserId), eb('username', '=', req.toUserId)])).executeTakeFirst();
    if (!to || to.agency_id !== seat.agency_id) throw validationError([fieldError('body.toUserId', '不是该席位所属单位的用户', 'not a user of the seat’s agency')]);
    if (to.id === actor.userId) throw validationError([fieldError('body.toUserId', '请交班给其他人', 'hand over to someone else')]);
    const incidents = await this.db.kysely.selectFrom('incidents').select(['code', 'status', 'priority', 'response_level']).where('status', 'in', OPEN_STATUSES).orderBy('priority').orderBy('received_at').limit(200).execute();
    const tasks = await this.db.kysely.selectFrom('tasks').select(['code', 'title', 'status', 'deadline']).where((eb) => eb.or([eb('from_agency_id', '=', seat.centre_agency_id), eb('to_agency_id', '=', seat.agency_id)])).where('status', 'in', OPEN_TASK_STATUSES).orderBy('deadline').limit(200).execute();
    const snapshot = {
      openIncidents: incidents.map((i) => ({ code: i.code, status: i.status, priority: i.priority, level: i.response_level })),
      openTasks: tasks.map((t) => ({ code: t.code, title: t.title, status: t.status, deadline: t.deadline, overdue: t.deadline < at })),
    };
    const id = crypto.randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('shift_logs').values({ id, centre_agency_id: seat.centre_agency_id, seat_id: seat.id, from_user: actor.username, to_user: to.username, handed_at: at, notes: req.notes, snapshot: JSON.stringify(snapshot), accepted_at: null }).execute();
      await recordChange(trx, actor, 'shift_log', id, 'hand_over', { seatId: seat.id, to: to.username, openIncidents: snapshot.openIncidents.length });
    });
    return this.log(id);
  }

  async accept(actor: Actor, id: string) {
    const log = await this.db.kysely.selectFrom('shift_logs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!log) throw notFound('shift log');
    if (log.to_user !== actor.username) throw forbidden(said('只有接班人可以确认接班', 'only the person taking over accepts the handover'));
    if (log.accepted_at) throw conflict('accepted', said('已确认接班', 'the handover is already accepted'));
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('shift_logs').set({ accepted_at: nowIso() }).where('id', '=', id).execute();
      await recordChange(trx, actor, 'shift_log', id, 'accept');
    });
    return this.log(id);
  }

  private async log(id: string) {
    const r = await this.db.kysely.selectFrom('shift_logs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const person = await displayNames(this.db.kysely, [r.from_user, r.to_user]);
    return { id: r.id, centreAgencyId: r.centre_agency_id, seatId: r.seat_id, fromUser: r.from_user, toUser: r.to_user, fromUserName: person(r.from_user), toUserName: person(r.to_user), handedAt: r.handed_at, notes: r.notes, snapshot: JSON.parse(r.snapshot), acceptedAt: r.accepted_at };
  }

  async logs(actor: Actor, centreId: string) {
    if (actor.agencyId !== centreId && !actor.roles.includes('admin')) throw forbidden(said('交接班记录只供本协调中心查看', 'the shift log is the centre’s own'));
    const rows = await this.db.kysely.selectFrom('shift_logs').select('id').where('centre_agency_id', '=', centreId).orderBy('handed_at', 'desc').limit(100).execute();
    return { logs: await Promise.all(rows.map((r) => this.log(r.id))) };
  }
}
