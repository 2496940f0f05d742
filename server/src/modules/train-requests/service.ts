import crypto from 'node:crypto';
import { CreateTrainRequest, type TrainRequest, type TrainRequestKind } from '@railjoint/contracts';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import type { OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, unprocessable, validationError, said, fieldError } from '../../platform/http/errors.js';
import { canIssueTask } from '../../platform/policies.js';
import type { IncidentService } from '../incidents/service.js';
import { OPEN_STATUSES } from '../incidents/lifecycle.js';
import { STATUS_ZH } from '../incidents/actions.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import type { TaskService } from '../command/task-service.js';
import { isOverdue, type TaskRow } from '../command/task-presenter.js';
import { stationAgencyFor } from './recipient.js';
import { requestWording } from './wording.js';

type Request = z.output<typeof CreateTrainRequest>;

/** The task's own steps are the railway's reply; its issue is the request itself. */
const REPLY_KINDS = new Set(['acknowledge', 'progress', 'complete', 'cancel', 'overdue']);

/**
 * Stop and speed-restriction requests (停车/限速请求) for the trains near an incident. Each is a
 * task order to the railway station answering for the stretch, issued in the same transaction as
 * its own record, so the request and its task stand or fall together; whoever may read the task
 * (its two agencies, the centre) sees the request and the railway's answers.
 */
export class TrainRequestService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly tasks: TaskService,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
  ) {}

  async create(actor: Actor, incidentId: string, req: Request, lang: 'zh-CN' | 'en'): Promise<TrainRequest> {
    const { row, roles } = await this.incidents.access(actor, incidentId);
    if (!canIssueTask(actor, roles.includes('lead') ? 'commander' : null)) throw forbidden(said('只有协调中心和主办单位的指挥长可以请求铁路部门停车或限速', 'only the centre and the lead agency’s commanders ask the railway to stop or slow trains'));
    if (!(OPEN_STATUSES as string[]).includes(row.status)) throw conflict('incident_finished', said(`该警情${STATUS_ZH[row.status] ?? row.status}`, `the incident is ${row.status}`));
    if (!row.line_id || !row.mileage) throw unprocessable('not_on_a_line', said('该警情没有线路和里程，无从停车或限速', 'the incident has no line and mileage: there is nowhere to stop or slow trains'));
    const model = this.network.current();
    const line = model.line(row.line_id);
    if (!line) throw unprocessable('not_on_a_line', said(`线路 ${row.line_id} 已不在路网中`, `line ${row.line_id} is no longer in the network`));
    const measure = (row.lon !== null && row.lat !== null ? model.locateOnLine(line.id, [row.lon, row.lat], { maxOffsetM: 5000 })?.measureM : undefined) ?? model.position(line.id, row.mileage).candidates[0]!.measureM;
    const toAgencyId = req.toAgencyId ?? stationAgencyFor(model, this.org.document(), line.id, measure);
    if (!toAgencyId) throw unprocessable('no_station_agency', said('本线没有车站单位负责相关车站，请指定受理请求的单位', 'no railway station answers for a station of this line: name the agency to ask'), { fields: [fieldError('body.toAgencyId', '此处必填', 'required here')] });
    const agency = this.org.findAgency(toAgencyId);
    if (!agency) throw validationError([fieldError('body.toAgencyId', `单位「${toAgencyId}」不存在`, `unknown agency "${toAgencyId}"`)]);
    if (agency.type !== 'railway_station') {
      throw unprocessable('not_a_railway_station', said(`${agency.name}不是车站：停车须经与列车调度员联系的车站办理`, `${agency.name} is not a railway station: trains are stopped through the station that speaks to the train dispatcher`), { fields: [fieldError('body.toAgencyId', '不是车站', 'not a railway station')] });
    }
    const category = this.org.categories().find((c) => c.id === row.category_id);
    const trains = [...new Set(req.trains.map((t) => t.toUpperCase()))];
    const speedKmh = req.kind === 'slow' ? req.speedKmh! : null;
    const words = requestWording({ kind: req.kind, trains, speedKmh, lineName: line.name, mileage: row.mileage, incidentCode: row.code, category: (lang === 'en' ? category?.nameEn : category?.nameZh) ?? row.category_id, note: req.note ?? null }, lang);
    const at = nowIso();
    const id = crypto.randomUUID();
    await this.db.kysely.transaction().execute(async (trx) => {
      const task: TaskRow = {
        id: crypto.randomUUID(),
        code: await this.tasks.nextCode(trx, at),
        command_id: null,
        incident_id: incidentId,
        campaign: null,
        title: words.title,
        detail: words.detail,
        to_agency_id: toAgencyId,
        to_unit_id: null,
        from_agency_id: actor.agencyId,
        issued_by: actor.username,
        issued_at: at,
        deadline: new Date(Date.parse(at) + req.replyWithinS * 1000).toISOString(),
        status: 'issued',
        acknowledged_at: null,
        completed_at: null,
        overdue_at: null,
        version: 1,
      };
      await this.tasks.insert(trx, actor, task);
      await trx
        .insertInto('train_requests')
        .values({ id, incident_id: incidentId, task_id: task.id, kind: req.kind, trains: JSON.stringify(trains), speed_kmh: speedKmh, line_id: line.id, mileage: row.mileage!, created_at: at, created_by: actor.username })
        .execute();
      await recordChange(trx, actor, 'train_request', id, 'request', { incidentId, taskId: task.id, kind: req.kind, trains, speedKmh, to: toAgencyId });
    });
    this.outbox.kick();
    const made = (await this.list(actor, incidentId)).find((r) => r.id === id);
    if (!made) throw new Error(`train request ${id} not readable by its own issuer`);
    return made;
  }

  /** The incident's requests whose task the reader may read, newest first, with the railway's replies. */
  async list(actor: Actor, incidentId: string): Promise<TrainRequest[]> {
    await this.incidents.access(actor, incidentId);
    const rows = await this.db.kysely.selectFrom('train_requests').selectAll().where('incident_id', '=', incidentId).orderBy('created_at', 'desc').execute();
    const readable = await this.tasks.readableIds(actor, rows.map((r) => r.task_id));
    const shown = rows.filter((r) => readable.has(r.task_id));
    if (!shown.length) return [];
    const taskIds = shown.map((r) => r.task_id);
    const [tasks, updates] = await Promise.all([
      this.db.kysely.selectFrom('tasks').selectAll().where('id', 'in', taskIds).execute(),
      this.db.kysely.selectFrom('task_updates').selectAll().where('task_id', 'in', taskIds).orderBy('id').execute(),
    ]);
    const people = [...new Set([...shown.map((r) => r.created_by), ...updates.map((u) => u.by)])];
    const names = new Map((await this.db.kysely.selectFrom('users').select(['username', 'display_name']).where('username', 'in', people).execute()).map((u) => [u.username, u.display_name]));
    const now = nowIso();
    const model = this.network.current();
    return shown.map((r) => {
      const task = tasks.find((t) => t.id === r.task_id)!;
      return {
        id: r.id,
        incidentId: r.incident_id,
        taskId: task.id,
        taskCode: task.code,
        kind: r.kind as TrainRequestKind,
        trains: JSON.parse(r.trains) as string[],
        speedKmh: r.speed_kmh,
        lineId: r.line_id,
        lineName: model.line(r.line_id)?.name ?? r.line_id,
        mileage: r.mileage,
        toAgencyId: task.to_agency_id,
        toAgencyName: this.org.agencyName(task.to_agency_id),
        requestedAt: r.created_at,
        // a person, never an account name; an account since removed is shown as no one
        requestedByName: names.get(r.created_by) ?? '',
        deadline: task.deadline,
        status: task.status as TrainRequest['status'],
        overdue: isOverdue(task, now),
        replies: updates
          .filter((u) => u.task_id === task.id && REPLY_KINDS.has(u.kind))
          .map((u) => ({ at: u.at, kind: u.kind, note: u.note, agencyName: u.agency_id === 'platform' ? '' : this.org.agencyName(u.agency_id), byName: names.get(u.by) ?? '' })),
      };
    });
  }
}
