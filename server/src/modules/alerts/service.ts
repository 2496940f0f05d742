import type { Kysely } from 'kysely';
import type { Alert, AlertList } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { ResourceReaders } from '../../platform/bus/readers.js';
import type { ResourceRef } from '../../platform/bus/event.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { recordChange } from '../../platform/change-log.js';
import { nowIso } from '../../platform/clock.js';
import { HttpError, notFound } from '../../platform/http/errors.js';
import { alertAgency, canReadAlert } from '../../platform/policies.js';

/** How many waiting alerts of an agency are looked at (and counted) at most. */
const OPEN_WINDOW = 500;

type Row = {
  id: string;
  kind: string;
  severity: string;
  about_kind: string;
  about_id: string;
  subject: string;
  facts: string;
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by_name: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
};

function present(r: Row): Alert {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity as Alert['severity'],
    raisedAt: r.raised_at,
    subject: { kind: r.about_kind, id: r.about_id, ...(JSON.parse(r.subject) as { code: string | null; title: string | null; incidentCode: string | null }) },
    facts: JSON.parse(r.facts) as Alert['facts'],
    acknowledged: r.acknowledged_at ? { at: r.acknowledged_at, by: r.acknowledged_by_name ?? '' } : null,
    resolved: r.resolved_at ? { at: r.resolved_at, by: r.resolved_by ?? '' } : null,
  };
}

/**
 * The alert centre as each agency sees it: the alerts addressed to it whose subject the reader may
 * read (ALERT_READ), waiting ones first, and a person's acknowledgement for the agency, recorded on
 * the audit chain and told to every other console of the agency by the live channel.
 */
export class AlertService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly readers: ResourceReaders,
    private readonly outbox: OutboxRelay,
  ) {}

  private rows(agencyId: string) {
    return this.db
      .selectFrom('alert_recipients as r')
      .innerJoin('alerts as a', 'a.id', 'r.alert_id')
      .select(['a.id', 'a.kind', 'a.severity', 'a.about_kind', 'a.about_id', 'a.subject', 'a.facts', 'a.raised_at', 'r.acknowledged_at', 'r.acknowledged_by_name', 'r.resolved_at', 'r.resolved_by'])
      .where('r.agency_id', '=', agencyId);
  }

  /** Each subject asked once per request, by its own read check. */
  private readableBy(actor: Actor) {
    const memo = new Map<string, Promise<boolean>>();
    return (r: Row) => {
      const ref: ResourceRef = { kind: r.about_kind, id: r.about_id };
      const key = `${ref.kind}:${ref.id}`;
      let answer = memo.get(key);
      if (!answer) memo.set(key, (answer = this.readers.canRead(actor, ref)));
      return answer.then((yes) => canReadAlert(actor, true, yes));
    };
  }

  private async keep(rows: Row[], may: (r: Row) => Promise<boolean>): Promise<Row[]> {
    const verdicts = await Promise.all(rows.map(may));
    return rows.filter((_, i) => verdicts[i]);
  }

  async list(actor: Actor, q: { state: 'open' | 'all'; limit: number }): Promise<AlertList> {
    const agency = alertAgency(actor);
    if (!agency) return { alerts: [], open: 0 };
    const may = this.readableBy(actor);
    const waiting = await this.keep(
      await this.rows(agency).where('r.acknowledged_at', 'is', null).where('r.resolved_at', 'is', null).orderBy('a.raised_at', 'desc').orderBy('a.id').limit(OPEN_WINDOW).execute(),
      may,
    );
    let settled: Row[] = [];
    if (q.state === 'all' && waiting.length < q.limit) {
      const rows = await this.rows(agency)
        .where((eb) => eb.or([eb('r.acknowledged_at', 'is not', null), eb('r.resolved_at', 'is not', null)]))
        .orderBy('a.raised_at', 'desc')
        .orderBy('a.id')
        .limit(q.limit - waiting.length)
        .execute();
      settled = await this.keep(rows, may);
    }
    return { alerts: [...waiting.slice(0, q.limit), ...settled].map(present), open: waiting.length };
  }

  private async visibleRow(actor: Actor, id: string): Promise<Row> {
    const agency = alertAgency(actor);
    const row = agency ? await this.rows(agency).where('a.id', '=', id).executeTakeFirst() : undefined;
    if (!row || !(await this.readableBy(actor)(row))) throw notFound('alert');
    return row;
  }

  async get(actor: Actor, id: string): Promise<Alert> {
    return present(await this.visibleRow(actor, id));
  }

  /** For the live channel: may the actor read this alert now (the read route's check). */
  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.visibleRow(actor, id).then(
      () => true,
      (e: unknown) => (e instanceof HttpError && e.status === 404 ? false : Promise.reject(e)),
    );
  }

  /**
   * A person takes the alert for their agency. Once settled it stays so: acknowledging again, or
   * after what happened resolved it, changes nothing and records nothing.
   */
  async acknowledge(actor: Actor, id: string): Promise<Alert> {
    const row = await this.visibleRow(actor, id);
    if (!row.acknowledged_at && !row.resolved_at) {
      const at = nowIso();
      const done = await this.db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('alert_recipients')
          .set({ acknowledged_at: at, acknowledged_by: actor.userId, acknowledged_by_name: actor.displayName })
          .where('alert_id', '=', id)
          .where('agency_id', '=', actor.agencyId)
          .where('acknowledged_at', 'is', null)
          .where('resolved_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) return false;
        await recordChange(trx, actor, 'alert', id, 'acknowledge', { kind: row.kind, agency: actor.agencyId, about: { kind: row.about_kind, id: row.about_id } });
        await enqueueEvent(trx, { type: 'alert.acknowledged', entity: 'alert', entityId: id, payload: { id, kind: row.kind } });
        return true;
      });
      if (done) this.outbox.kick();
    }
    return this.get(actor, id);
  }
}
