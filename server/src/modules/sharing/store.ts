import { type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { BulletinsTable, Database, SharingAgreementsTable } from '../../platform/db/schema.js';
import type { BulletinAccess } from '../../platform/policies.js';

export type BulletinRow = Selectable<BulletinsTable>;
export type AgreementRow = Selectable<SharingAgreementsTable>;

type Eb = ExpressionBuilder<Database & { b: BulletinsTable }, 'b'>;

/**
 * The bulletins a user may see, as a WHERE clause on `bulletins as b`: the rule of
 * policies/bulletins.ts `BULLETIN_READ`, stated in SQL so a list never loads what it must not
 * show (an empty OR is `1 = 0` in Kysely: a reader no grant lets in sees nothing).
 */
export function visibleTo(eb: Eb, a: BulletinAccess, now: string) {
  const recipient = eb.exists(eb.selectFrom('bulletin_recipients as r').select('r.agency_id').whereRef('r.bulletin_id', '=', 'b.id').where('r.agency_id', '=', a.agencyId));
  const roleFits = eb.or([eb('b.roles', '=', ''), ...a.roles.map((r) => eb('b.roles', 'like', `%,${r},%`))]);
  const agreement = eb.exists(
    eb
      .selectFrom('sharing_agreements as sa')
      .select('sa.id')
      .whereRef('sa.from_agency_id', '=', 'b.sender_agency_id')
      .where('sa.to_agency_id', '=', a.agencyId)
      .where('sa.kinds', 'like', '%,bulletin,%')
      .whereRef('sa.max_rank', '>=', 'b.class_rank')
      .where((w) => w.or([w('sa.valid_from', 'is', null), w('sa.valid_from', '<=', now)]))
      .where((w) => w.or([w('sa.valid_until', 'is', null), w('sa.valid_until', '>=', now)])),
  );
  return eb.or([
    ...(a.senderSees ? [eb('b.sender_agency_id', '=', a.agencyId)] : []),
    ...(a.anyPublic ? [eb('b.class_rank', '=', 0)] : []),
    ...(a.centreUpTo >= 0 ? [eb('b.class_rank', '<=', a.centreUpTo)] : []),
    ...(a.recipientUpTo >= 1 ? [eb.and([recipient, roleFits, eb.or([eb('b.class_rank', '=', 1), eb.and([agreement, eb('b.class_rank', '>=', 2), eb('b.class_rank', '<=', a.recipientUpTo)])])])] : []),
  ]);
}

export interface BulletinFilter {
  kind?: string;
  classification?: string;
  code?: string;
  view: 'current' | 'all' | 'unacknowledged';
  incidentId?: string;
  offset: number;
  limit: number;
}

export class SharingStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(a: BulletinAccess, f: BulletinFilter, now: string): Promise<{ rows: BulletinRow[]; total: number }> {
    let q = this.db.selectFrom('bulletins as b').where((eb) => visibleTo(eb, a, now));
    if (f.kind) q = q.where('b.kind', '=', f.kind);
    if (f.classification) q = q.where('b.classification', '=', f.classification);
    if (f.code) q = q.where('b.code', '=', f.code);
    if (f.incidentId) q = q.where((eb) => eb.exists(eb.selectFrom('bulletin_incidents as bi').select('bi.bulletin_id').whereRef('bi.bulletin_id', '=', 'b.id').where('bi.incident_id', '=', f.incidentId!)));
    if (f.view !== 'all') q = q.where('b.status', '=', 'published').where('b.valid_until', '>=', now);
    if (f.view === 'unacknowledged') {
      q = q.where((eb) => eb.exists(eb.selectFrom('bulletin_recipients as r').select('r.agency_id').whereRef('r.bulletin_id', '=', 'b.id').where('r.agency_id', '=', a.agencyId).where('r.acknowledged_at', 'is', null)));
    }
    const [rows, count] = await Promise.all([
      q.selectAll('b').orderBy('b.created_at', 'desc').orderBy('b.id').offset(f.offset).limit(f.limit).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  visible(id: string, a: BulletinAccess, now: string): Promise<BulletinRow | undefined> {
    return this.db.selectFrom('bulletins as b').selectAll('b').where('b.id', '=', id).where((eb) => visibleTo(eb, a, now)).executeTakeFirst();
  }

  /** Without the access rule: only to decide whether a refused read must be audited. */
  raw(id: string): Promise<BulletinRow | undefined> {
    return this.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byCap(trx: Kysely<Database>, sender: string, identifier: string): Promise<BulletinRow | undefined> {
    return trx.selectFrom('bulletins').selectAll().where('cap_sender', '=', sender).where('cap_identifier', '=', identifier).executeTakeFirst();
  }

  async recipients(id: string) {
    const rows = await this.db.selectFrom('bulletin_recipients').selectAll().where('bulletin_id', '=', id).orderBy('agency_id').execute();
    const reads = await this.db
      .selectFrom('bulletin_reads')
      .select(['agency_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('at').as('last')])
      .where('bulletin_id', '=', id)
      .groupBy('agency_id')
      .execute();
    const byAgency = new Map(reads.map((r) => [r.agency_id, { n: Number(r.n), last: (r.last as string | null) ?? null }]));
    return rows.map((r) => ({ ...r, reads: byAgency.get(r.agency_id)?.n ?? 0, lastReadAt: byAgency.get(r.agency_id)?.last ?? null }));
  }

  recipient(id: string, agencyId: string) {
    return this.db.selectFrom('bulletin_recipients').selectAll().where('bulletin_id', '=', id).where('agency_id', '=', agencyId).executeTakeFirst();
  }

  attachments(id: string) {
    return this.db.selectFrom('bulletin_attachments').select(['id', 'name', 'content_type', 'size', 'sha256']).where('bulletin_id', '=', id).orderBy('created_at').execute();
  }

  attachment(id: string, attachmentId: string) {
    return this.db.selectFrom('bulletin_attachments').selectAll().where('bulletin_id', '=', id).where('id', '=', attachmentId).executeTakeFirst();
  }

  async recordRead(bulletinId: string, userId: string, agencyId: string, at: string, what: string): Promise<void> {
    await this.db.insertInto('bulletin_reads').values({ bulletin_id: bulletinId, user_id: userId, agency_id: agencyId, at, what }).execute();
  }

  /** Recipients still to acknowledge whose last reminder (or the publication) is older than `before`. */
  dueReminders(now: string, before: string) {
    return this.db
      .selectFrom('bulletin_recipients as r')
      .innerJoin('bulletins as b', 'b.id', 'r.bulletin_id')
      .select(['r.bulletin_id', 'r.agency_id', 'r.reminders', 'b.code', 'b.title', 'b.classification', 'b.sender_agency_id'])
      .where('r.acknowledged_at', 'is', null)
      .where('b.status', '=', 'published')
      .where('b.valid_until', '>=', now)
      .where((eb) => eb.or([eb.and([eb('r.reminded_at', 'is', null), eb('b.created_at', '<=', before)]), eb('r.reminded_at', '<=', before)]))
      .limit(500)
      .execute();
  }

  agreements(): Promise<AgreementRow[]> {
    return this.db.selectFrom('sharing_agreements').selectAll().orderBy('id').execute();
  }

  /** Agencies among `to` that a current agreement lets receive `kind` from `from` at this rank. */
  async cleared(from: string, to: string[], kind: string, rank: number, now: string): Promise<Set<string>> {
    if (!to.length) return new Set();
    const rows = await this.db
      .selectFrom('sharing_agreements')
      .select('to_agency_id')
      .where('from_agency_id', '=', from)
      .where('to_agency_id', 'in', to)
      .where('kinds', 'like', `%,${kind},%`)
      .where('max_rank', '>=', rank)
      .where((w) => w.or([w('valid_from', 'is', null), w('valid_from', '<=', now)]))
      .where((w) => w.or([w('valid_until', 'is', null), w('valid_until', '>=', now)]))
      .execute();
    return new Set(rows.map((r) => r.to_agency_id));
  }
}

