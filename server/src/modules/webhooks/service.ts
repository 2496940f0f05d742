import crypto from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { forbidden, notFound, validationError, said, fieldError } from '../../platform/http/errors.js';
import type { OrganisationService } from '../organisation/service.js';
import { urlProblem } from './model.js';
import { newSecret } from './dispatcher.js';

type Row = { id: string; agency_id: string; url: string; events: string; active: number; created_by: string; created_at: string };

function present(r: Row) {
  return { id: r.id, agencyId: r.agency_id, url: r.url, events: r.events.split(','), active: Number(r.active) === 1, createdBy: r.created_by, createdAt: r.created_at };
}

/** Agencies register webhooks for the events they may see; admins and commanders manage them. */
export class WebhookService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly allowPrivate: boolean,
  ) {}

  private mayManage(actor: Actor, agencyId: string): boolean {
    return actor.roles.includes('admin') || (agencyId === actor.agencyId && actor.roles.some((r) => r === 'commander' || r === 'dispatcher'));
  }

  async create(actor: Actor, req: { url: string; events: string[]; agencyId?: string }) {
    const agencyId = req.agencyId ?? actor.agencyId;
    if (!this.mayManage(actor, agencyId)) throw forbidden(said('指挥长管理本单位的 Webhook，管理员可管理所有 Webhook', 'commanders manage their own agency’s webhooks; admins any'));
    const problem = urlProblem(req.url, this.allowPrivate);
    if (problem) throw validationError([{ field: 'body.url', message: problem }]);
    if (!this.org.findAgency(agencyId)) throw validationError([fieldError('body.agencyId', `单位「${agencyId}」不存在`, `unknown agency "${agencyId}"`)]);
    const row: Row & { secret: string } = { id: crypto.randomUUID(), agency_id: agencyId, url: req.url, secret: newSecret(), events: [...new Set(req.events)].join(','), active: 1, created_by: actor.username, created_at: nowIso() };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('webhooks').values(row).execute();
      await recordChange(trx, actor, 'webhook', row.id, 'create', { agencyId, url: row.url, events: row.events });
    });
    return { ...present(row), secret: row.secret };
  }

  async list(actor: Actor) {
    let q = this.db.kysely.selectFrom('webhooks').select(['id', 'agency_id', 'url', 'events', 'active', 'created_by', 'created_at']).orderBy('created_at');
    if (!actor.roles.includes('admin')) q = q.where('agency_id', '=', actor.agencyId);
    return { webhooks: (await q.execute()).map(present) };
  }

  private async own(actor: Actor, id: string): Promise<Row> {
    const r = await this.db.kysely.selectFrom('webhooks').select(['id', 'agency_id', 'url', 'events', 'active', 'created_by', 'created_at']).where('id', '=', id).executeTakeFirst();
    if (!r || (!actor.roles.includes('admin') && r.agency_id !== actor.agencyId)) throw notFound('webhook');
    if (!this.mayManage(actor, r.agency_id)) throw forbidden(said('指挥长只能管理本单位的 Webhook', 'commanders manage their own agency’s webhooks'));
    return r;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.own(actor, id);
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('webhooks').set({ active: 0 }).where('id', '=', id).execute();
      await trx.updateTable('webhook_deliveries').set({ status: 'failed', last_error: 'webhook removed' }).where('webhook_id', '=', id).where('status', '=', 'pending').execute();
      await recordChange(trx, actor, 'webhook', id, 'remove');
    });
  }

  async deliveries(actor: Actor, id: string) {
    await this.own(actor, id);
    const rows = await this.db.kysely.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', id).orderBy('id', 'desc').limit(200).execute();
    return {
      deliveries: rows.map((d) => ({
        id: Number(d.id),
        eventId: d.event_id,
        eventType: d.event_type,
        status: d.status as 'pending' | 'delivered' | 'failed',
        attempts: Number(d.attempts),
        lastStatus: d.last_status === null ? null : Number(d.last_status),
        lastError: d.last_error,
        createdAt: d.created_at,
        deliveredAt: d.delivered_at,
        nextAttemptAt: d.next_attempt_at,
      })),
    };
  }
}
