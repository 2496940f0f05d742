import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { DomainEvent } from '../../platform/bus/event.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { recordChange } from '../../platform/change-log.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import type { AlertKinds } from './kinds.js';
import { resolveAudience, type AgencyDirectory } from './audience.js';
import { describeSubject, factsOf } from './subject.js';

const BATCH = 200;
/** a round stops after this many batches and leaves the rest to the next, so one round stays short */
const MAX_BATCHES = 25;

function payloadOf(e: { payload: unknown }): Record<string, unknown> {
  return e.payload && typeof e.payload === 'object' ? (e.payload as Record<string, unknown>) : {};
}

function aboutOf(e: DomainEvent) {
  return e.about ?? { kind: e.entity, id: e.entityId };
}

function agree(keys: readonly string[] | undefined, a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return (keys ?? []).every((k) => a[k] === b[k]);
}

/**
 * Derives alerts from the events the platform already emits, after they have committed: it reads
 * the outbox past its cursor (as the webhook fan-out does) and, for each event, settles the alerts
 * it answers and raises those it calls for, with the cursor moved in the same transaction — so an
 * alert is raised once per event however often a round is cut short, and survives any restart.
 * It runs as a periodic job on one instance (platform/jobs); `(event, kind)` is unique besides,
 * so a second instance reading the same rows fails its transaction instead of doubling alerts.
 */
export class AlertEngine {
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kinds: AlertKinds,
    private readonly dir: AgencyDirectory,
    private readonly outbox: OutboxRelay | null,
    /** the cursor's name: a second engine (a test's) keeps its own place in the outbox */
    private readonly cursor = 'outbox',
  ) {}

  /**
   * One round over what has committed so far; a round already under way is waited for and
   * another run after it, since the caller wants what was committed before it asked.
   */
  async tick(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<number> {
    let alerts = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const { read, changed } = await this.batch();
      alerts += changed;
      if (read < BATCH) break;
    }
    if (alerts) this.outbox?.kick();
    return alerts;
  }

  private async batch(): Promise<{ read: number; changed: number }> {
    const cursor = await this.db.selectFrom('alert_cursor').select('seq').where('name', '=', this.cursor).executeTakeFirst();
    if (!cursor) {
      // a new installation alerts from now on, not about everything that ever happened
      const top = await this.db.selectFrom('outbox').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
      await this.db.insertInto('alert_cursor').values({ name: this.cursor, seq: Number(top?.m ?? 0) }).onConflict((oc) => oc.doNothing()).execute();
      return { read: 0, changed: 0 };
    }
    const after = Number(cursor.seq);
    const rows = await this.db.selectFrom('outbox').select(['id', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) return { read: 0, changed: 0 };
    const last = Number(rows[rows.length - 1]!.id);
    const changed = await this.db.transaction().execute(async (trx) => {
      let n = 0;
      for (const r of rows) {
        const e = JSON.parse(r.body) as DomainEvent;
        n += await this.settle(trx, e);
        n += await this.raise(trx, e);
      }
      const moved = await trx.updateTable('alert_cursor').set({ seq: last }).where('name', '=', this.cursor).where('seq', '=', after).executeTakeFirst();
      // another instance read these rows meanwhile: its alerts stand, ours roll back
      if (Number(moved.numUpdatedRows) !== 1) throw new Error('the alert cursor moved meanwhile');
      return n;
    });
    return { read: rows.length, changed };
  }

  /** Alerts this event answers are settled for their agencies (or the one agency it names). */
  private async settle(trx: Kysely<Database>, e: DomainEvent): Promise<number> {
    const about = aboutOf(e);
    const payload = payloadOf(e);
    let settled = 0;
    for (const { kind, rule } of this.kinds.settledBy(e.type)) {
      let q = trx
        .selectFrom('alerts')
        .innerJoin('alert_recipients as r', 'r.alert_id', 'alerts.id')
        .select(['alerts.id', 'alerts.payload', 'r.agency_id'])
        .where('alerts.kind', '=', kind.kind)
        .where('alerts.about_kind', '=', about.kind)
        .where('alerts.about_id', '=', about.id)
        .where('r.acknowledged_at', 'is', null)
        .where('r.resolved_at', 'is', null);
      if (rule.agency) {
        const agency = payload[rule.agency];
        if (typeof agency !== 'string') continue;
        q = q.where('r.agency_id', '=', agency);
      }
      const open = (await q.execute()).filter((o) => agree(rule.match, JSON.parse(o.payload) as Record<string, unknown>, payload));
      const byAlert = new Map<string, string[]>();
      for (const o of open) byAlert.set(o.id, [...(byAlert.get(o.id) ?? []), o.agency_id]);
      const at = nowIso();
      for (const [id, agencies] of byAlert) {
        await trx.updateTable('alert_recipients').set({ resolved_at: at, resolved_by: e.type }).where('alert_id', '=', id).where('agency_id', 'in', agencies).where('resolved_at', 'is', null).where('acknowledged_at', 'is', null).execute();
        await recordChange(trx, SYSTEM_ACTOR, 'alert', id, 'resolve', { by: e.type, event: e.id, agencies });
        await enqueueEvent(trx, { type: 'alert.resolved', entity: 'alert', entityId: id, payload: { id, kind: kind.kind } });
        settled++;
      }
    }
    return settled;
  }

  /** Alerts this event calls for, to each agency of the kind's audience that is not already alerted. */
  private async raise(trx: Kysely<Database>, e: DomainEvent): Promise<number> {
    const about = aboutOf(e);
    const payload = payloadOf(e);
    let raised = 0;
    for (const { kind, audience } of this.kinds.raisedBy(e.type)) {
      let agencies = await resolveAudience(trx, audience, e, this.dir);
      if (!agencies.length) continue;
      // an agency with the same alert still waiting is not told twice (a reminder while it waits)
      const waiting = await trx
        .selectFrom('alerts')
        .innerJoin('alert_recipients as r', 'r.alert_id', 'alerts.id')
        .select(['alerts.payload', 'r.agency_id'])
        .where('alerts.kind', '=', kind.kind)
        .where('alerts.about_kind', '=', about.kind)
        .where('alerts.about_id', '=', about.id)
        .where('r.agency_id', 'in', agencies)
        .where('r.acknowledged_at', 'is', null)
        .where('r.resolved_at', 'is', null)
        .execute();
      const told = new Set(waiting.filter((w) => agree(kind.distinctBy, JSON.parse(w.payload) as Record<string, unknown>, payload)).map((w) => w.agency_id));
      agencies = agencies.filter((a) => !told.has(a));
      if (!agencies.length) continue;
      const id = crypto.randomUUID();
      const subject = await describeSubject(trx, about);
      const facts = await factsOf(trx, kind.facts ?? [], payload, this.dir);
      await trx
        .insertInto('alerts')
        .values({ id, kind: kind.kind, severity: kind.severity, event_id: e.id, event_type: e.type, about_kind: about.kind, about_id: about.id, payload: JSON.stringify(payload), subject: JSON.stringify(subject), facts: JSON.stringify(facts), raised_at: e.at })
        .execute();
      await trx.insertInto('alert_recipients').values(agencies.map((agency_id) => ({ alert_id: id, agency_id, acknowledged_at: null, acknowledged_by: null, acknowledged_by_name: null, resolved_at: null, resolved_by: null }))).execute();
      await recordChange(trx, SYSTEM_ACTOR, 'alert', id, 'raise', { kind: kind.kind, about, event: e.id, agencies });
      await enqueueEvent(trx, { type: 'alert.raised', entity: 'alert', entityId: id, payload: { id, kind: kind.kind, severity: kind.severity } });
      raised++;
    }
    return raised;
  }
}
