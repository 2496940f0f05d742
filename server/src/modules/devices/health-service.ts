import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { now } from '../../platform/clock.js';
import { enqueueEvent } from '../../platform/bus/outbox.js';
import { recordChange } from '../../platform/change-log.js';
import type { TaskService } from '../command/task-service.js';
import type { DeviceView } from './registry.js';
import { afterMessage, MISSED_BEATS, type HealthStatus } from './health.js';
import { DEVICE_ACTOR, issueOwnerTask } from './owner-task.js';

const SWEEP_LOCK = 730_111;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Device health: every accepted message says the device lives (and moves when three intervals
 * will have passed without one); a last will or an offline state takes it offline at once; the
 * sweep takes overdue ones offline. Going offline opens an outage and gives the owner a repair
 * task order; coming back closes the outage. Times are the platform clock's, so a replayed
 * shift or a test moves them.
 */
export class HealthTracker {
  constructor(
    private readonly db: Db,
    private readonly tasks: TaskService,
    private readonly defaultHeartbeatS: number,
  ) {}

  private interval(d: { heartbeatS: number | null }): number {
    return d.heartbeatS ?? this.defaultHeartbeatS;
  }

  /** Inside the ingest transaction: the device was heard from now (or its will said it is gone). */
  async seen(trx: Kysely<Database>, device: DeviceView, kind: 'event' | 'heartbeat' | 'online' | 'offline', _atMs: number): Promise<void> {
    const at = now();
    const dueAt = iso(at + MISSED_BEATS * this.interval(device) * 1000);
    // the common case, one statement: an online device heard from again
    if (kind !== 'offline') {
      const alive = await trx.updateTable('device_health').set({ last_seen_at: iso(at), due_at: dueAt }).where('device_id', '=', device.id).where('status', '=', 'online').executeTakeFirst();
      if (Number(alive.numUpdatedRows) === 1) return;
    }
    const h = await trx.selectFrom('device_health').select(['status']).where('device_id', '=', device.id).executeTakeFirst();
    const status = (h?.status ?? 'unknown') as HealthStatus;
    const next = afterMessage(status, kind);
    if (!next.changed) {
      if (kind !== 'offline') await trx.updateTable('device_health').set({ last_seen_at: iso(at), due_at: dueAt }).where('device_id', '=', device.id).execute();
      return;
    }
    if (next.status === 'offline') return this.goOffline(trx, device, at, kind === 'offline' ? 'last_will' : 'missed_heartbeats');
    await trx.updateTable('device_health').set({ status: 'online', last_seen_at: iso(at), due_at: dueAt, offline_reason: null, offline_since: null, repair_task_id: null }).where('device_id', '=', device.id).execute();
    if (status === 'offline') await trx.updateTable('device_outages').set({ to_at: iso(at) }).where('device_id', '=', device.id).where('to_at', 'is', null).execute();
    // first heard of, or back: the health board changes either way
    await enqueueEvent(trx, { type: 'device.online', entity: 'device', entityId: device.id, payload: { id: device.id } });
  }

  /** The health of a batch's devices, read at once: most messages then only move the time on, written together at the end. */
  async begin(trx: Kysely<Database>, deviceIds: readonly string[]): Promise<HealthBatch> {
    const status = new Map<string, HealthStatus>();
    for (let i = 0; i < deviceIds.length; i += 500) {
      const rows = await trx.selectFrom('device_health').select(['device_id', 'status']).where('device_id', 'in', deviceIds.slice(i, i + 500)).execute();
      for (const r of rows) status.set(r.device_id, r.status as HealthStatus);
    }
    return new HealthBatch(this, status);
  }

  /** An online device heard from again: one statement for all of them with the same interval. */
  async touch(trx: Kysely<Database>, devices: readonly DeviceView[]): Promise<void> {
    const at = now();
    const byInterval = new Map<number, string[]>();
    for (const d of devices) {
      const s = this.interval(d);
      const ids = byInterval.get(s);
      if (ids) ids.push(d.id);
      else byInterval.set(s, [d.id]);
    }
    for (const [s, ids] of byInterval) {
      const dueAt = iso(at + MISSED_BEATS * s * 1000);
      for (let i = 0; i < ids.length; i += 500) {
        await trx.updateTable('device_health').set({ last_seen_at: iso(at), due_at: dueAt }).where('device_id', 'in', ids.slice(i, i + 500)).where('status', '=', 'online').execute();
      }
    }
  }

  private async goOffline(trx: Kysely<Database>, device: DeviceView, atMs: number, reason: 'missed_heartbeats' | 'last_will'): Promise<void> {
    const at = iso(atMs);
    // an outage already open (a will before the sweep, or after it) keeps its task
    const open = await trx.selectFrom('device_outages').select('id').where('device_id', '=', device.id).where('to_at', 'is', null).executeTakeFirst();
    let taskId: string | null = null;
    if (!open) {
      await trx.insertInto('device_outages').values({ device_id: device.id, from_at: at, to_at: null, reason }).execute();
      taskId = await issueOwnerTask(trx, this.tasks, {
        toAgencyId: device.ownerAgencyId,
        title: `设备离线检修：${device.name}（${device.id}）`,
        detail: reason === 'last_will' ? `${device.name} 断开连接（遗嘱消息），请尽快派员检修。` : `${device.name} 连续 ${MISSED_BEATS} 次未发送心跳（间隔 ${this.interval(device)} 秒），请尽快派员检修。`,
        at,
        deadlineMs: atMs + 24 * 3600_000,
      });
    }
    await trx
      .updateTable('device_health')
      .set({ status: 'offline', offline_reason: reason, offline_since: at, due_at: null, ...(taskId ? { repair_task_id: taskId } : {}) })
      .where('device_id', '=', device.id)
      .execute();
    await recordChange(trx, DEVICE_ACTOR, 'device', device.id, 'offline', { reason, taskId });
    await enqueueEvent(trx, { type: 'device.offline', entity: 'device', entityId: device.id, payload: { id: device.id, reason } });
  }

  /**
   * Devices that missed three beats go offline. One instance at a time on PostgreSQL (advisory
   * lock, as the outbox relay and webhook fan-out do); the others skip their turn.
   */
  async sweep(view: (id: string) => Promise<DeviceView | null>, atMs: number = now()): Promise<{ offline: number }> {
    const run = async (db: Kysely<Database>) => {
      const due = await db.selectFrom('device_health').select('device_id').where('status', '=', 'online').where('due_at', '<', iso(atMs)).limit(1000).execute();
      let n = 0;
      for (const { device_id } of due) {
        const device = await view(device_id);
        if (!device) continue;
        await db.transaction().execute(async (trx) => {
          // heard from meanwhile (another instance's ingest): leave it
          const still = await trx.selectFrom('device_health').select('device_id').where('device_id', '=', device_id).where('status', '=', 'online').where('due_at', '<', iso(atMs)).executeTakeFirst();
          if (!still) return;
          await this.goOffline(trx, device, atMs, 'missed_heartbeats');
          n++;
        });
      }
      return n;
    };
    if (!(this.db.kysely.getExecutor().adapter instanceof PostgresAdapter)) return { offline: await run(this.db.kysely) };
    return this.db.kysely.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${SWEEP_LOCK}) as ok`.execute(conn);
      if (!got.rows[0]?.ok) return { offline: 0 };
      try {
        return { offline: await run(this.db.kysely) };
      } finally {
        await sql`select pg_advisory_unlock(${SWEEP_LOCK})`.execute(conn);
      }
    });
  }
}

/**
 * One ingest batch's health work: a message from an online device only marks it to be touched at
 * the end (one statement); anything that changes a status goes through HealthTracker.seen at once,
 * in order, after the device's pending touch and the events buffered before it are written.
 */
export class HealthBatch {
  private readonly touched = new Map<string, DeviceView>();

  constructor(
    private readonly tracker: HealthTracker,
    private readonly status: Map<string, HealthStatus>,
  ) {}

  async seen(trx: Kysely<Database>, device: DeviceView, kind: 'event' | 'heartbeat' | 'online' | 'offline', atMs: number, before: { flush(trx: Kysely<Database>): Promise<void> }): Promise<void> {
    const status = this.status.get(device.id);
    if (kind !== 'offline' && status === 'online') {
      this.touched.set(device.id, device);
      return;
    }
    if (this.touched.delete(device.id)) await this.tracker.touch(trx, [device]);
    await before.flush(trx);
    await this.tracker.seen(trx, device, kind, atMs);
    if (status !== undefined) this.status.set(device.id, afterMessage(status, kind).status);
  }

  async write(trx: Kysely<Database>): Promise<void> {
    await this.tracker.touch(trx, [...this.touched.values()]);
    this.touched.clear();
  }
}
