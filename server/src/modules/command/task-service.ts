import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreateTaskRequest, Task } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { departmentDay, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { recordChange } from '../../platform/change-log.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, unprocessable, validationError, said, fieldError } from '../../platform/http/errors.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { canIssueTask, canReadTask, canWorkTask, taskScope } from '../../platform/policies.js';
import { tasksVisibleTo } from './task-visibility.js';
import type { IncidentService } from '../incidents/service.js';
import { appendTimeline } from '../incidents/timeline.js';
import type { OrganisationService } from '../organisation/service.js';
import { OPEN_TASK_STATUSES, presentTask, type TaskRow } from './task-presenter.js';
import { displayNames } from '../users/display-names.js';

type Step = 'acknowledge' | 'progress' | 'complete' | 'cancel';

/** Which step a task may take from which status. */
const STEPS: Record<Step, { from: string[]; to: string }> = {
  acknowledge: { from: ['issued'], to: 'acknowledged' },
  progress: { from: OPEN_TASK_STATUSES, to: 'in_progress' },
  complete: { from: OPEN_TASK_STATUSES, to: 'completed' },
  cancel: { from: OPEN_TASK_STATUSES, to: 'cancelled' },
};
const TASK_STATUS_ZH: Record<string, string> = { issued: '已下达', acknowledged: '已签收', in_progress: '执行中', completed: '已完成', cancelled: '已撤回' };
const TASK_STEP_ZH: Record<Step, string> = { acknowledge: '签收', progress: '报告进展', complete: '报告完成', cancel: '撤回' };

/**
 * Task orders (指令): a commander gives an agency or unit a job with a deadline; its people
 * acknowledge, report progress and completion; an overdue task is flagged to the issuer once.
 * Tasks belong to a joint command, an incident, or a campaign (春运安保) with no incident at all.
 */
export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
  ) {}

  private name = (id: string) => this.org.agencyName(id);

  private async commandRole(commandId: string, agencyId: string): Promise<'commander' | 'liaison' | null> {
    const m = await this.db.kysely.selectFrom('command_members').select('role').where('command_id', '=', commandId).where('agency_id', '=', agencyId).executeTakeFirst();
    return (m?.role as 'commander' | 'liaison' | undefined) ?? null;
  }

  async create(actor: Actor, req: CreateTaskRequest): Promise<Task> {
    const now = nowIso();
    const deadline = new Date(req.deadline).toISOString();
    if (deadline <= now) throw validationError([fieldError('body.deadline', '完成时限已过', 'is already past')]);
    if (!this.org.findAgency(req.toAgencyId)) throw validationError([fieldError('body.toAgencyId', `单位「${req.toAgencyId}」不存在`, `unknown agency "${req.toAgencyId}"`)]);
    let incidentId = req.incidentId ?? null;
    if (req.commandId) {
      const command = await this.db.kysely.selectFrom('commands').selectAll().where('id', '=', req.commandId).executeTakeFirst();
      if (!command) throw validationError([fieldError('body.commandId', '联合指挥部不存在', 'no such command')]);
      await this.incidents.access(actor, command.incident_id); // 404 unless the actor may see it
      if (command.status !== 'open') throw conflict('command_closed', said('联合指挥部已撤销', 'the joint command is closed'));
      if (incidentId && incidentId !== command.incident_id) throw validationError([fieldError('body.incidentId', '不是该联合指挥部所处置的警情', 'is not the command’s incident')]);
      incidentId = command.incident_id;
      if (!canIssueTask(actor, await this.commandRole(command.id, actor.agencyId))) throw forbidden(said('只有协调中心和联合指挥部的指挥长可以下达指令', 'only the centre and the commanders of the joint command issue its tasks'));
      if (!(await this.commandRole(command.id, req.toAgencyId))) {
        throw unprocessable('not_in_command', said(`${this.name(req.toAgencyId)}不是该联合指挥部的成员单位，请先将其加入`, `${this.name(req.toAgencyId)} is not a member of this joint command: add it first`), { fields: [fieldError('body.toAgencyId', '不是联合指挥部成员单位', 'not a member of the command')] });
      }
    } else if (incidentId) {
      const { roles } = await this.incidents.access(actor, incidentId);
      if (!canIssueTask(actor, roles.includes('lead') ? 'commander' : null)) throw forbidden(said('只有协调中心和主办单位的指挥长可以就此警情下达指令', 'only the centre and the lead agency’s commanders issue tasks on this incident'));
    } else if (!canIssueTask(actor, null)) {
      throw forbidden(said('只有协调中心可以下达专项行动指令', 'only the coordination centre issues campaign tasks'));
    }
    if (req.toUnitId) {
      const unit = await this.db.kysely.selectFrom('units').select(['id', 'agency_id']).where('id', '=', req.toUnitId).executeTakeFirst();
      if (!unit || unit.agency_id !== req.toAgencyId) throw validationError([fieldError('body.toUnitId', `不是${this.name(req.toAgencyId)}的警力`, `not a unit of ${req.toAgencyId}`)]);
    }
    const id = crypto.randomUUID();
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const day = departmentDay(Date.parse(now));
      const n = await nextNumber(trx, `task:${day}`);
      const t: TaskRow = {
        id,
        code: `ZL${day}-${String(n).padStart(4, '0')}`,
        command_id: req.commandId ?? null,
        incident_id: incidentId,
        campaign: req.campaign ?? null,
        title: req.title,
        detail: req.detail ?? null,
        to_agency_id: req.toAgencyId,
        to_unit_id: req.toUnitId ?? null,
        from_agency_id: actor.agencyId,
        issued_by: actor.username,
        issued_at: now,
        deadline,
        status: 'issued',
        acknowledged_at: null,
        completed_at: null,
        overdue_at: null,
        version: 1,
      };
      await this.insert(trx, actor, t);
      return t;
    });
    this.outbox.kick();
    return presentTask(row, [], this.name, now, [], await displayNames(this.db.kysely, [row.issued_by]));
  }

  /** Inside a transaction (the handover request creates one for the station police this way). */
  async insert(trx: Kysely<Database>, actor: Actor, t: TaskRow): Promise<void> {
    await trx.insertInto('tasks').values(t).execute();
    await trx.insertInto('task_updates').values({ task_id: t.id, at: t.issued_at, by: actor.username, agency_id: actor.agencyId, kind: 'issued', note: null }).execute();
    if (t.incident_id) {
      // the receiving agency must see the incident its task is about
      await trx.insertInto('incident_agencies').values({ incident_id: t.incident_id, agency_id: t.to_agency_id, role: 'support' }).onConflict((oc) => oc.doNothing()).execute();
      await appendTimeline(trx, t.incident_id, actor, 'task_issued', null, null, { taskId: t.id, code: t.code, title: t.title, to: t.to_agency_id, deadline: t.deadline }, null, t.issued_at);
    }
    await recordChange(trx, actor, 'task', t.id, 'issue', { code: t.code, to: t.to_agency_id, deadline: t.deadline });
    await enqueueEvent(trx, { type: 'task.issued', entity: 'task', entityId: t.id, payload: { id: t.id, code: t.code } });
  }

  /**
   * A campaign task order (about no incident or command) written inside the caller's transaction,
   * so what issues it — a countermeasure plan, a meeting's decision — is written with it or not at all.
   */
  async insertCampaignTask(trx: Kysely<Database>, actor: Actor, t: { campaign: string; title: string; detail: string | null; toAgencyId: string; deadline: string; at: string }): Promise<TaskRow> {
    const row: TaskRow = {
      id: crypto.randomUUID(),
      code: await this.nextCode(trx, t.at),
      command_id: null,
      incident_id: null,
      campaign: t.campaign,
      title: t.title.slice(0, 200),
      detail: t.detail,
      to_agency_id: t.toAgencyId,
      to_unit_id: null,
      from_agency_id: actor.agencyId,
      issued_by: actor.username,
      issued_at: t.at,
      deadline: t.deadline,
      status: 'issued',
      acknowledged_at: null,
      completed_at: null,
      overdue_at: null,
      version: 1,
    };
    await this.insert(trx, actor, row);
    return row;
  }

  async nextCode(trx: Kysely<Database>, at: string): Promise<string> {
    const day = departmentDay(Date.parse(at));
    return `ZL${day}-${String(await nextNumber(trx, `task:${day}`)).padStart(4, '0')}`;
  }

  /**
   * The task order of a handover station ahead: the station's police meet the train on arrival.
   * Runs inside the handover request's transaction, so the request and its task stand or fall together.
   */
  async handoverTask(trx: Kysely<Database>, actor: Actor, h: { incidentId: string; train: string; station: string; arrival: string | null; policeAgencyId: string; at: string }): Promise<{ taskId: string; code: string }> {
    const deadline = h.arrival ? new Date(h.arrival).toISOString() : new Date(Date.parse(h.at) + 3600_000).toISOString();
    const hhmm = h.arrival ? h.arrival.slice(11, 16) : '';
    const t: TaskRow = {
      id: crypto.randomUUID(),
      code: await this.nextCode(trx, h.at),
      command_id: null,
      incident_id: h.incidentId,
      campaign: null,
      title: `前方站交接：${h.station} 接 ${h.train} 次列车${hhmm ? `（${hhmm} 到站）` : ''}`,
      detail: `${h.train} 次列车上的警情在 ${h.station} 交接：请派员按时到站台接车，与乘警办理交接。`,
      to_agency_id: h.policeAgencyId,
      to_unit_id: null,
      from_agency_id: actor.agencyId,
      issued_by: actor.username,
      issued_at: h.at,
      deadline,
      status: 'issued',
      acknowledged_at: null,
      completed_at: null,
      overdue_at: null,
      version: 1,
    };
    await this.insert(trx, actor, t);
    return { taskId: t.id, code: t.code };
  }

  /** For the live channel and webhooks: may the actor read this task now. */
  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.visible(actor, id).then(
      () => true,
      (e: unknown) => (e instanceof HttpError && e.status === 404 ? false : Promise.reject(e)),
    );
  }

  /** The task if the actor may see it: its two agencies, the centre, members of its command. */
  private async visible(actor: Actor, id: string): Promise<TaskRow> {
    const t = await this.db.kysely.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t) throw notFound('task');
    const commandMember = t.command_id !== null && (await this.commandRole(t.command_id, actor.agencyId)) !== null;
    if (!canReadTask(actor, { fromAgencyId: t.from_agency_id, toAgencyId: t.to_agency_id, commandMember })) throw notFound('task');
    return t;
  }

  /** Of these tasks, the ones the actor may read (the list's SQL rule). */
  async readableIds(actor: Actor, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db.kysely.selectFrom('tasks').select('tasks.id').where('tasks.id', 'in', [...new Set(ids)]).where((eb) => tasksVisibleTo(eb, taskScope(actor))).execute();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * An incident's timeline as this reader may see it: the entries about a task (issued,
   * acknowledged, overdue…) only to those who may read that task.
   */
  async hideUnreadableTasks<T extends { detail: string }>(actor: Actor, entries: T[]): Promise<T[]> {
    const taskOf = (e: T) => {
      const d = JSON.parse(e.detail) as { taskId?: unknown };
      return typeof d.taskId === 'string' ? d.taskId : null;
    };
    const ids = entries.map(taskOf).filter((id): id is string => id !== null);
    if (!ids.length) return entries;
    const readable = await this.readableIds(actor, ids);
    return entries.filter((e) => {
      const id = taskOf(e);
      return id === null || readable.has(id);
    });
  }

  async get(actor: Actor, id: string): Promise<Task> {
    const t = await this.visible(actor, id);
    const updates = await this.updates(t.id);
    const person = await displayNames(this.db.kysely, [t.issued_by, ...updates.map((u) => u.by)]);
    return presentTask(t, updates, this.name, nowIso(), await this.attachmentsOf([t.id]), person);
  }

  private attachmentsOf(ids: string[]) {
    if (!ids.length) return Promise.resolve([]);
    return this.db.kysely.selectFrom('task_attachments').select(['id', 'task_id', 'name', 'content_type', 'size', 'created_by', 'created_at']).where('task_id', 'in', ids).orderBy('created_at').execute();
  }

  /** A photo or document reported with the task, by its receiving or issuing agency; judged by content. */
  async attach(actor: Actor, id: string, file: UploadedFile): Promise<Task> {
    const t = await this.visible(actor, id);
    if (!canWorkTask(actor, t.to_agency_id) && t.from_agency_id !== actor.agencyId) throw forbidden(said('只有下达和接收指令的单位可以添加附件', 'only the agencies giving and doing the task attach files to it'));
    const { name, type } = acceptAttachment(file);
    const bytes = file.bytes;
    const at = nowIso();
    const attachmentId = crypto.randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('task_attachments').values({ id: attachmentId, task_id: id, name, content_type: type, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), data: bytes, created_by: actor.username, created_at: at }).execute();
      await trx.insertInto('task_updates').values({ task_id: id, at, by: actor.username, agency_id: actor.agencyId, kind: 'attachment', note: name }).execute();
      await recordChange(trx, actor, 'task', id, 'attach', { attachmentId, name, type, size: bytes.length });
    });
    return this.get(actor, id);
  }

  async attachment(actor: Actor, id: string, attachmentId: string) {
    await this.visible(actor, id);
    const a = await this.db.kysely.selectFrom('task_attachments').selectAll().where('id', '=', attachmentId).where('task_id', '=', id).executeTakeFirst();
    if (!a) throw notFound('attachment');
    return { name: a.name, contentType: a.content_type, data: Buffer.from(a.data) };
  }

  private updates(id: string) {
    return this.db.kysely.selectFrom('task_updates').selectAll().where('task_id', '=', id).orderBy('id').execute();
  }

  async step(actor: Actor, id: string, step: Step, note: string | null): Promise<Task> {
    const t = await this.visible(actor, id);
    if (step === 'cancel') {
      if (t.from_agency_id !== actor.agencyId || !canIssueTask(actor, 'commander')) throw forbidden(said('只有下达单位的指挥长可以撤回指令', 'only the issuing agency’s commanders cancel a task'));
    } else if (!canWorkTask(actor, t.to_agency_id)) {
      throw forbidden(said('只有接收单位的人员可以签收或报告此指令', 'only the people of the agency the task was given to report on it'));
    }
    const rule = STEPS[step];
    if (!rule.from.includes(t.status)) throw conflict('invalid_transition', said(`指令当前${TASK_STATUS_ZH[t.status] ?? t.status}，不能${TASK_STEP_ZH[step]}`, `a task that is ${t.status} cannot be ${step === 'progress' ? 'updated' : `${step}d`}`), { allowed: Object.entries(STEPS).filter(([, r]) => r.from.includes(t.status)).map(([s]) => s) });
    const at = nowIso();
    const patch: Partial<TaskRow> = { status: rule.to, version: t.version + 1 };
    if (step === 'acknowledge' || (!t.acknowledged_at && step !== 'cancel')) patch.acknowledged_at = t.acknowledged_at ?? at;
    if (step === 'complete') patch.completed_at = at;
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('tasks').set(patch).where('id', '=', id).where('version', '=', t.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该指令已被他人更新，请刷新后重试', 'the task changed meanwhile; reload and try again'));
      await trx.insertInto('task_updates').values({ task_id: id, at, by: actor.username, agency_id: actor.agencyId, kind: step, note }).execute();
      if (t.incident_id) await appendTimeline(trx, t.incident_id, actor, `task_${step}`, null, null, { taskId: id, code: t.code, note }, null, at);
      await recordChange(trx, actor, 'task', id, step, { note });
      await enqueueEvent(trx, { type: `task.${step}`, entity: 'task', entityId: id, payload: { id, status: rule.to } });
    });
    this.outbox.kick();
    return this.get(actor, id);
  }

  async list(actor: Actor, q: { scope: 'mine' | 'issued' | 'all'; commandId?: string; status?: string; overdue?: 'true' | 'false'; limit: number }): Promise<{ tasks: Task[] }> {
    const now = nowIso();
    // whatever the filters, only what the reader may read (policies/tasks.ts)
    let s = this.db.kysely.selectFrom('tasks').selectAll().where((eb) => tasksVisibleTo(eb, taskScope(actor))).orderBy('deadline').limit(q.limit);
    if (q.commandId) {
      const command = await this.db.kysely.selectFrom('commands').select('incident_id').where('id', '=', q.commandId).executeTakeFirst();
      if (!command) throw notFound('command');
      await this.incidents.access(actor, command.incident_id);
      s = s.where('command_id', '=', q.commandId);
    } else if (q.scope === 'mine') s = s.where('to_agency_id', '=', actor.agencyId);
    else if (q.scope === 'issued') s = s.where('from_agency_id', '=', actor.agencyId);
    if (q.status) s = s.where('status', '=', q.status);
    if (q.overdue === 'true') s = s.where('status', 'in', OPEN_TASK_STATUSES).where('deadline', '<', now);
    const rows = await s.execute();
    const updates = rows.length ? await this.db.kysely.selectFrom('task_updates').selectAll().where('task_id', 'in', rows.map((r) => r.id)).orderBy('id').execute() : [];
    const files = await this.attachmentsOf(rows.map((r) => r.id));
    const person = await displayNames(this.db.kysely, [...rows.map((r) => r.issued_by), ...updates.map((u) => u.by)]);
    return { tasks: rows.map((r) => presentTask(r, updates.filter((u) => u.task_id === r.id), this.name, now, files.filter((f) => f.task_id === r.id), person)) };
  }

  /** Flags each task past its deadline to the issuer, once (and on the incident's timeline). */
  async sweepOverdue(now: string = nowIso()): Promise<{ flagged: number }> {
    const due = await this.db.kysely.selectFrom('tasks').selectAll().where('status', 'in', OPEN_TASK_STATUSES).where('deadline', '<', now).where('overdue_at', 'is', null).limit(500).execute();
    if (!due.length) return { flagged: 0 };
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const t of due) {
        await trx.updateTable('tasks').set({ overdue_at: now }).where('id', '=', t.id).execute();
        await trx.insertInto('task_updates').values({ task_id: t.id, at: now, by: 'system', agency_id: 'platform', kind: 'overdue', note: null }).execute();
        if (t.incident_id) await appendTimeline(trx, t.incident_id, SYSTEM_ACTOR, 'task_overdue', null, null, { taskId: t.id, code: t.code, deadline: t.deadline, to: t.to_agency_id }, null, now);
        await enqueueEvent(trx, { type: 'task.overdue', entity: 'task', entityId: t.id, payload: { id: t.id, code: t.code } });
      }
    });
    this.outbox.kick();
    return { flagged: due.length };
  }
}
