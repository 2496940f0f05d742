import crypto from 'node:crypto';
import type { Decision, Meeting, MeetingInput, MeetingRecordInput, MeetingType } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { departmentDay, now, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, notFound, said, unprocessable, validationError } from '../../platform/http/errors.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { canIssueTask } from '../../platform/policies/tasks.js';
import { canReadMeeting, meetingScope } from '../../platform/policies/meetings.js';
import type { OrganisationService } from '../organisation/service.js';
import type { TaskService } from '../command/task-service.js';
import { displayNames } from '../users/display-names.js';
import { carriedTo, decisionState, isOverdue, recordProblems } from './model.js';
import type { MeetingsTable } from './tables.js';

/** The papers of one sitting, not an archive: reports, statements, the attendance sheet. */
const DOCUMENTS_PER_MEETING = 20;

export const MEETING_TYPE_ZH: Record<MeetingType, string> = { joint_monthly: '月度联席会议', section_chiefs: '双段长会议', emergency: '应急协调会', campaign: '专项行动部署会' };

/**
 * Joint meetings: convened by the centre with the agencies invited and an agenda; recorded once
 * held (attendance, minutes, decisions), each decision a task order to its owner in the same
 * transaction. A decision's state is its task's; open ones are carried to later meetings.
 */
export class GovernanceService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly tasks: TaskService,
    private readonly outbox: { kick(): void },
  ) {}

  async create(actor: Actor, input: MeetingInput): Promise<Meeting> {
    if (!canIssueTask(actor, null)) throw forbidden(said('联席会议由协调中心召集', 'the coordination centre convenes joint meetings'));
    const unknown = input.agencies.map((id, i) => ({ id, i })).filter((x) => !this.org.findAgency(x.id));
    if (unknown.length) throw validationError(unknown.map((x) => ({ field: `body.agencies[${x.i}]`, message: said(`单位 ${x.id} 不存在`, `unknown agency ${x.id}`) })));
    const id = crypto.randomUUID();
    const at = nowIso();
    const agencies = [...new Set([actor.agencyId, ...input.agencies])];
    await this.db.kysely.transaction().execute(async (trx) => {
      const day = departmentDay(now());
      const code = `HY${day}-${String(await nextNumber(trx, `meeting:${day}`)).padStart(3, '0')}`;
      await trx
        .insertInto('meetings')
        .values({ id, code, type: input.type, title: input.title, scheduled_at: new Date(input.scheduledAt).toISOString(), place: input.place ?? null, status: 'planned', convener_agency_id: actor.agencyId, agenda: JSON.stringify(input.agenda), minutes: null, held_at: null, created_by: actor.username, created_at: at })
        .execute();
      await trx.insertInto('meeting_agencies').values(agencies.map((a) => ({ meeting_id: id, agency_id: a, attended: null, representative: null }))).execute();
      await recordChange(trx, actor, 'meeting', id, 'convene', { code, type: input.type, scheduledAt: input.scheduledAt, agencies });
    });
    return this.get(actor, id);
  }

  /** Records the meeting as held: attendance, minutes, and every decision as a task order, all or nothing. */
  async record(actor: Actor, id: string, input: MeetingRecordInput): Promise<Meeting> {
    const m = await this.visible(actor, id);
    if (!canIssueTask(actor, null)) throw forbidden(said('会议纪要由协调中心记录', 'the coordination centre records the meetings'));
    if (m.status === 'held') throw conflict('meeting_held', said('该会议已记录，不能重复记录', 'the meeting is already recorded'));
    const invited = (await this.db.kysely.selectFrom('meeting_agencies').select('agency_id').where('meeting_id', '=', id).execute()).map((r) => r.agency_id);
    const problems = recordProblems(input, invited, m.scheduled_at, (a) => !!this.org.findAgency(a));
    if (problems.length) throw validationError(problems.map((p) => ({ field: p.field, message: said(p.zh, p.en) })));
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.updateTable('meetings').set({ status: 'held', minutes: input.minutes, held_at: at }).where('id', '=', id).where('status', '=', 'planned').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('meeting_held', said('该会议已记录，不能重复记录', 'the meeting is already recorded'));
      for (const a of input.attendance) {
        await trx.updateTable('meeting_agencies').set({ attended: a.attended ? 1 : 0, representative: a.representative ?? null }).where('meeting_id', '=', id).where('agency_id', '=', a.agencyId).execute();
      }
      for (const [i, d] of input.decisions.entries()) {
        const code = `${m.code}-${i + 1}`;
        const task = await this.tasks.insertCampaignTask(trx, actor, {
          campaign: `${MEETING_TYPE_ZH[m.type as MeetingType]} ${m.code}`,
          title: `决议 ${code}：${d.text}`,
          detail: `${m.title}（${m.code}）决议，由${this.org.agencyName(d.ownerAgencyId)}负责`,
          toAgencyId: d.ownerAgencyId,
          deadline: new Date(d.dueAt).toISOString(),
          at,
        });
        await trx.insertInto('meeting_decisions').values({ id: crypto.randomUUID(), code, meeting_id: id, seq: i + 1, text: d.text, owner_agency_id: d.ownerAgencyId, due_at: task.deadline, task_id: task.id }).execute();
      }
      await recordChange(trx, actor, 'meeting', id, 'record', { attended: input.attendance.filter((a) => a.attended).map((a) => a.agencyId), decisions: input.decisions.length });
    });
    this.outbox.kick();
    return this.get(actor, id);
  }

  private async visible(actor: Actor, id: string): Promise<MeetingsTable> {
    const m = await this.db.kysely.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m || !(await this.readable(actor, id))) throw notFound('meeting');
    return m;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const invited = (await this.db.kysely.selectFrom('meeting_agencies').select('agency_id').where('meeting_id', '=', id).execute()).map((r) => r.agency_id);
    return invited.length > 0 && canReadMeeting(actor, invited);
  }

  /** Every decision with its task's state, newest meeting first. */
  private async decisions(where?: { meetingId?: string }): Promise<Array<Decision & { meetingAt: string; state: Decision['status'] }>> {
    let q = this.db.kysely
      .selectFrom('meeting_decisions as d')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .innerJoin('tasks as t', 't.id', 'd.task_id')
      .select(['d.id', 'd.code', 'd.meeting_id', 'm.code as meeting_code', 'm.scheduled_at', 'd.text', 'd.owner_agency_id', 'd.due_at', 'd.task_id', 't.code as task_code', 't.status as task_status'])
      .orderBy('m.scheduled_at')
      .orderBy('d.seq');
    if (where?.meetingId) q = q.where('d.meeting_id', '=', where.meetingId);
    const at = nowIso();
    return (await q.execute()).map((r) => {
      const state = decisionState(r.task_status);
      return {
        id: r.id,
        code: r.code,
        meetingId: r.meeting_id,
        meetingCode: r.meeting_code,
        meetingAt: r.scheduled_at,
        text: r.text,
        ownerAgencyId: r.owner_agency_id,
        ownerAgencyName: this.org.agencyName(r.owner_agency_id),
        dueAt: r.due_at,
        taskId: r.task_id,
        taskCode: r.task_code,
        status: state,
        state,
        overdue: isOverdue(state, r.due_at, at),
      };
    });
  }

  async get(actor: Actor, id: string): Promise<Meeting> {
    const m = await this.visible(actor, id);
    const agencies = await this.db.kysely.selectFrom('meeting_agencies').selectAll().where('meeting_id', '=', id).orderBy('agency_id').execute();
    const all = await this.decisions();
    const strip = ({ meetingAt: _a, state: _s, ...d }: (typeof all)[number]): Decision => d;
    const carried = carriedTo({ id, scheduledAt: m.scheduled_at, agencies: agencies.map((a) => a.agency_id) }, all.map((d) => ({ ...d, ownerAgencyId: d.ownerAgencyId })));
    const nameOf = await displayNames(this.db.kysely, [m.created_by]);
    return {
      id: m.id,
      code: m.code,
      type: m.type as MeetingType,
      title: m.title,
      scheduledAt: m.scheduled_at,
      place: m.place,
      status: m.status as Meeting['status'],
      convenerAgencyId: m.convener_agency_id,
      agencies: agencies.map((a) => ({ agencyId: a.agency_id, agencyName: this.org.agencyName(a.agency_id), attended: a.attended === null ? null : a.attended === 1, representative: a.representative })),
      agenda: (JSON.parse(m.agenda) as Array<{ title: string; notes?: string }>).map((x, i) => ({ seq: i + 1, title: x.title, notes: x.notes ?? null })),
      carried: carried.map(strip),
      decisions: all.filter((d) => d.meetingId === id).map(strip),
      minutes: m.minutes,
      heldAt: m.held_at,
      createdBy: nameOf(m.created_by),
      documents: (await this.db.kysely.selectFrom('meeting_documents').select(['id', 'name', 'content_type', 'size', 'agency_id', 'uploaded_at']).where('meeting_id', '=', id).orderBy('uploaded_at').orderBy('id').execute()).map((d) => ({
        id: d.id,
        name: d.name,
        contentType: d.content_type,
        size: Number(d.size),
        agencyId: d.agency_id,
        agencyName: this.org.agencyName(d.agency_id),
        uploadedAt: d.uploaded_at,
      })),
    };
  }

  /**
   * A paper tabled at the meeting — the centre's report, an invited agency's statement, the signed
   * attendance sheet: by the centre or an invited agency's working staff, of the kinds bulletins
   * may carry (judged by content), once per document id.
   */
  async addDocument(actor: Actor, id: string, documentId: string, file: UploadedFile): Promise<Meeting> {
    await this.visible(actor, id);
    const invited = (await this.db.kysely.selectFrom('meeting_agencies').select('agency_id').where('meeting_id', '=', id).execute()).map((r) => r.agency_id);
    if (!canIssueTask(actor, null) && !(invited.includes(actor.agencyId) && actor.roles.some((r) => r !== 'auditor' && r !== 'volunteer'))) throw forbidden(said('会议材料由协调中心或参会单位上传', 'documents are tabled by the centre or an invited agency'));
    const existing = await this.db.kysely.selectFrom('meeting_documents').select('meeting_id').where('id', '=', documentId).executeTakeFirst();
    if (existing) {
      if (existing.meeting_id !== id) throw conflict('id_reused', said('该材料编号已用于其他会议', 'this document id is used by another meeting'));
      return this.get(actor, id);
    }
    const accepted = acceptAttachment(file);
    await this.db.kysely.transaction().execute(async (trx) => {
      const count = await trx.selectFrom('meeting_documents').select((eb) => eb.fn.countAll().as('n')).where('meeting_id', '=', id).executeTakeFirst();
      if (Number(count?.n ?? 0) >= DOCUMENTS_PER_MEETING) throw unprocessable('too_many_attachments', said(`每次会议至多 ${DOCUMENTS_PER_MEETING} 份材料`, `a meeting has at most ${DOCUMENTS_PER_MEETING} documents`));
      const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
      await trx.insertInto('meeting_documents').values({ id: documentId, meeting_id: id, name: accepted.name, content_type: accepted.type, size: file.bytes.length, sha256, data: file.bytes, agency_id: actor.agencyId, uploaded_by: actor.username, uploaded_at: nowIso() }).execute();
      await recordChange(trx, actor, 'meeting', id, 'document', { documentId, name: accepted.name, sha256 });
    });
    return this.get(actor, id);
  }

  async document(actor: Actor, id: string, documentId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    await this.visible(actor, id);
    const d = await this.db.kysely.selectFrom('meeting_documents').selectAll().where('id', '=', documentId).where('meeting_id', '=', id).executeTakeFirst();
    if (!d) throw notFound('attachment');
    return { name: d.name, contentType: d.content_type, data: Buffer.from(d.data) };
  }

  async list(actor: Actor, q: { type?: MeetingType | undefined; status?: 'planned' | 'held' | undefined }) {
    const scope = meetingScope(actor);
    let s = this.db.kysely.selectFrom('meetings').selectAll().orderBy('scheduled_at', 'desc');
    if (!scope.all) s = s.where('id', 'in', this.db.kysely.selectFrom('meeting_agencies').select('meeting_id').where('agency_id', '=', scope.agencyId ?? ''));
    if (q.type) s = s.where('type', '=', q.type);
    if (q.status) s = s.where('status', '=', q.status);
    const rows = await s.execute();
    const all = await this.decisions();
    return rows.map((m) => {
      const mine = all.filter((d) => d.meetingId === m.id);
      return { id: m.id, code: m.code, type: m.type as MeetingType, title: m.title, scheduledAt: m.scheduled_at, status: m.status as 'planned' | 'held', decisions: mine.length, openDecisions: mine.filter((d) => d.state === 'open').length, overdueDecisions: mine.filter((d) => d.overdue).length };
    });
  }
}
