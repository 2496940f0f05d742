import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MemberInput, PatrolTeam, TeamInput, TeamMember } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { auditRead } from '../../platform/audit/trail.js';
import { forbidden, notFound, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canManageFor } from '../../platform/policies.js';
import type { PatrolTeamsTable, PatrolMembersTable } from './tables.js';
import { canRead, filters, MEMBER_READ, readableOr404, scoped, scopes, TEAM_READ, teamRelations } from './access.js';
import { flag, parseJson, type PatrolContext } from './context.js';

const EXPIRING_DAYS = 30;

/**
 * Joint-defence teams and their members. A member's name, phone and identity number are shown
 * only to readers MEMBER_READ lets in (the team's agency and the centre); everyone else who may
 * see the team sees its members as 队员 1, 2, 3 with their skills and availability — enough to
 * plan a joint patrol, nothing to find a person with.
 */
export class TeamService {
  constructor(private readonly ctx: PatrolContext) {}

  private get db() {
    return this.ctx.db.kysely;
  }

  async list(actor: Actor, filter: { agencyId?: string } = {}): Promise<PatrolTeam[]> {
    let q = this.db.selectFrom('patrol_teams').selectAll().orderBy('agency_id').orderBy('name');
    if (filter.agencyId) q = q.where('agency_id', '=', filter.agencyId);
    const teams = await scoped(q, scopes.team(actor), filters.team).execute();
    return this.present(actor, teams);
  }

  async get(actor: Actor, id: string): Promise<PatrolTeam> {
    const team = await this.readableTeam(actor, id);
    return (await this.present(actor, [team]))[0]!;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.readableTeam(actor, id).then(
      () => true,
      () => false,
    );
  }

  private async readableTeam(actor: Actor, id: string): Promise<PatrolTeamsTable> {
    const row = await this.db.selectFrom('patrol_teams').selectAll().where('id', '=', id).executeTakeFirst();
    return readableOr404(row, 'team', actor, TEAM_READ, (t) => teamRelations(this.db, actor, t));
  }

  async save(actor: Actor, id: string | null, input: TeamInput): Promise<PatrolTeam> {
    const agency = this.ctx.org.findAgency(input.agencyId);
    if (!agency) throw validationError([fieldError('body.agencyId', `单位「${input.agencyId}」不存在`, `unknown agency "${input.agencyId}"`)]);
    if (!canManageFor(actor, input.agencyId)) throw forbidden(said('只有本单位的指挥长、民警、联络员，协调中心和管理员可以组建巡防队', 'only the agency’s commanders, officers and liaisons, the centre and administrators organise its teams'));
    const existing = id ? await this.db.selectFrom('patrol_teams').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (existing && !canManageFor(actor, existing.agency_id)) throw forbidden(said('该巡防队属于其他单位', 'the team belongs to another agency'));
    if (existing && existing.agency_id !== input.agencyId) {
      const plans = await this.db.selectFrom('patrol_plan_teams').select('plan_id').where('team_id', '=', existing.id).executeTakeFirst();
      if (plans) throw validationError([fieldError('body.agencyId', '该巡防队已列入巡逻计划：请先将其移出，再调往其他单位', 'the team is in a patrol plan: take it out before moving it to another agency')]);
    }
    const now = nowIso();
    const teamId = id ?? crypto.randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const row = { agency_id: input.agencyId, name: input.name, kind: input.kind, active: flag(input.active), note: input.note, updated_at: now };
      if (existing) await trx.updateTable('patrol_teams').set(row).where('id', '=', teamId).execute();
      else await trx.insertInto('patrol_teams').values({ id: teamId, ...row, created_at: now }).execute();
      // members carry their team's agency for the SQL filters
      if (existing) await trx.updateTable('patrol_members').set({ agency_id: input.agencyId }).where('team_id', '=', teamId).execute();
      await recordChange(trx, actor, 'patrol_team', teamId, existing ? 'update' : 'create', { agencyId: input.agencyId, name: input.name, kind: input.kind, active: input.active });
    });
    return this.get(actor, teamId);
  }

  async saveMember(actor: Actor, id: string | null, input: MemberInput): Promise<TeamMember> {
    const team = await this.db.selectFrom('patrol_teams').selectAll().where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw validationError([fieldError('body.teamId', '巡防队不存在', 'no such team')]);
    if (!canManageFor(actor, team.agency_id)) throw forbidden(said('只有巡防队所属单位、协调中心和管理员可以管理队员', 'only the team’s agency, the centre and administrators manage its members'));
    const existing = id ? await this.db.selectFrom('patrol_members').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (existing && !canManageFor(actor, existing.agency_id)) throw forbidden(said('该队员属于其他单位的巡防队', 'the member belongs to another agency’s team'));
    if (input.username !== null) {
      const user = await this.db.selectFrom('users').select(['agency_id']).where('username', '=', input.username).executeTakeFirst();
      if (!user || user.agency_id !== team.agency_id) throw validationError([fieldError('body.username', '巡防队所属单位没有这个账号', 'no account of the team’s agency has this name')]);
      const taken = await this.db.selectFrom('patrol_members').select('id').where('username', '=', input.username).where('team_id', '=', team.id).executeTakeFirst();
      if (taken && taken.id !== id) throw validationError([fieldError('body.username', '该账号已被本队另一名队员使用', 'another member of the team already uses this account')]);
    }
    const now = nowIso();
    const memberId = id ?? crypto.randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const row = {
        team_id: team.id,
        agency_id: team.agency_id,
        username: input.username,
        skills: JSON.stringify(input.skills),
        certificates: JSON.stringify(input.certificates),
        availability: input.availability,
        availability_note: input.availabilityNote,
        active: flag(input.active),
        updated_at: now,
      };
      if (existing) await trx.updateTable('patrol_members').set(row).where('id', '=', memberId).execute();
      else await trx.insertInto('patrol_members').values({ id: memberId, ...row, seq: await this.nextSeq(trx, team.id), created_at: now }).execute();
      await this.ctx.personal.put(trx, 'member', memberId, { name: input.personal.name, phone: input.personal.phone ?? null, idNumber: input.personal.idNumber ?? null });
      // the trail names what changed, never the personal data itself
      await recordChange(trx, actor, 'patrol_member', memberId, existing ? 'update' : 'create', { teamId: team.id, personal: Object.keys(input.personal), availability: input.availability, active: input.active });
    });
    return this.member(actor, memberId);
  }

  private async nextSeq(trx: Kysely<Database>, teamId: string): Promise<number> {
    const row = await trx.selectFrom('patrol_members').select((eb) => eb.fn.max('seq').as('m')).where('team_id', '=', teamId).executeTakeFirst();
    return Number(row?.m ?? 0) + 1;
  }

  /** A member with personal data: only for readers MEMBER_READ lets in (404 for anyone else). Each look is audited. */
  async member(actor: Actor, id: string): Promise<TeamMember> {
    const row = await this.db.selectFrom('patrol_members').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !canRead(MEMBER_READ, actor, row.agency_id === actor.agencyId ? ['owner'] : [])) {
      if (row) await auditRead(this.db, actor, { entity: 'patrol_member', entityId: id, action: 'read_personal', result: 'denied' });
      throw notFound('member');
    }
    await auditRead(this.db, actor, { entity: 'patrol_member', entityId: id, action: 'read_personal' });
    return (await this.presentMembers(actor, [row]))[0]!;
  }

  async memberReadable(actor: Actor, id: string): Promise<boolean> {
    const row = await this.db.selectFrom('patrol_members').select('agency_id').where('id', '=', id).executeTakeFirst();
    return !!row && canRead(MEMBER_READ, actor, row.agency_id === actor.agencyId ? ['owner'] : []);
  }

  /** The member an account patrols as in a team, if any. */
  async memberOf(db: Kysely<Database>, username: string, teamId: string): Promise<string | null> {
    const row = await db.selectFrom('patrol_members').select('id').where('username', '=', username).where('team_id', '=', teamId).where('active', '=', 1).executeTakeFirst();
    return row?.id ?? null;
  }

  /** Labels for members: the name when the reader may see it, else 队员/member and the number in the team. */
  async labels(actor: Actor, rows: ReadonlyArray<Pick<PatrolMembersTable, 'id' | 'agency_id' | 'seq'>>, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Map<string, string>> {
    const seen = rows.filter((m) => canRead(MEMBER_READ, actor, m.agency_id === actor.agencyId ? ['owner'] : []));
    const personal = await this.ctx.personal.get(this.db, 'member', seen.map((m) => m.id));
    return new Map(rows.map((m) => [m.id, personal.get(m.id)?.name ?? (lang === 'en' ? `Member ${m.seq}` : `队员${m.seq}`)]));
  }

  private async present(actor: Actor, teams: PatrolTeamsTable[]): Promise<PatrolTeam[]> {
    if (!teams.length) return [];
    const members = await this.db.selectFrom('patrol_members').selectAll().where('team_id', 'in', teams.map((t) => t.id)).orderBy('seq').execute();
    const shown = await this.presentMembers(actor, members);
    return teams.map((t) => {
      const mine = shown.filter((m) => m.teamId === t.id);
      return {
        id: t.id,
        agencyId: t.agency_id,
        agencyName: this.ctx.org.agencyName(t.agency_id),
        name: t.name,
        kind: t.kind as PatrolTeam['kind'],
        active: t.active === 1,
        note: t.note,
        members: mine,
        certificatesExpiring: mine.flatMap((m) => m.certificates).filter((c) => c.expiresOn !== undefined && c.expiresOn <= soon()).length,
        updatedAt: t.updated_at,
      };
    });
  }

  private async presentMembers(actor: Actor, rows: PatrolMembersTable[]): Promise<TeamMember[]> {
    const personalSeen = rows.filter((m) => canRead(MEMBER_READ, actor, m.agency_id === actor.agencyId ? ['owner'] : []));
    const personal = await this.ctx.personal.get(this.db, 'member', personalSeen.map((m) => m.id));
    const today = nowIso().slice(0, 10);
    return rows.map((m) => {
      const p = personal.get(m.id);
      return {
        id: m.id,
        teamId: m.team_id,
        agencyId: m.agency_id,
        label: p?.name ?? `队员${m.seq}`,
        personal: p ? { name: p.name ?? '', ...(p.phone ? { phone: p.phone } : {}), ...(p.idNumber ? { idNumber: p.idNumber } : {}) } : null,
        username: m.username,
        skills: parseJson<string[]>(m.skills),
        certificates: parseJson<TeamMember['certificates']>(m.certificates).map((c) => ({ ...c, expired: c.expiresOn !== undefined && c.expiresOn < today })),
        availability: m.availability as TeamMember['availability'],
        availabilityNote: m.availability_note,
        active: m.active === 1,
        updatedAt: m.updated_at,
      };
    });
  }
}

function soon(): string {
  return new Date(now() + EXPIRING_DAYS * 86_400_000).toISOString().slice(0, 10);
}
