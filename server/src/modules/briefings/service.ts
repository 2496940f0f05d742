import crypto from 'node:crypto';
import type { Briefing, BriefingFigures, BriefingKind, BriefingRequest, BriefingSummary } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/policies/actions.js';
import { canMakeBriefing } from '../../platform/policies/briefings.js';
import { departmentDay, now } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, fieldError, forbidden, notFound, said, unprocessable } from '../../platform/http/errors.js';
import type { OrganisationService } from '../organisation/service.js';
import type { SharingService } from '../sharing/service.js';
import type { BulletinRow } from '../sharing/store.js';
import { KIND_DEFAULTS } from '../sharing/defaults.js';
import { displayNames } from '../users/display-names.js';
import { briefingFigures } from './figures.js';
import { briefingHtml, chartSvgs, overview } from './document.js';
import { briefingPdf } from './pdf.js';
import { briefingCode, briefingTitle, dueBriefings, isOver, MEMBER_TYPES, periodOf, type BriefingSchedule, type Period } from './model.js';
import type { BriefingsTable } from './tables.js';

/** How long the bulletin a briefing is published as stays current. */
const BULLETIN_DAYS: Record<BriefingKind, number> = { daily: 7, weekly: 30, monthly: 90 };

/**
 * Briefings: the figures of a period read once, charted with the shared chart definitions,
 * written as HTML and PDF, and published as a bulletin of the centre to the member agencies —
 * the briefing, its bulletin, the bulletin's recipients and files in one transaction, once per
 * kind and period whoever asks first (the schedule, or the centre by hand).
 */
export class BriefingService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly sharing: SharingService,
    private readonly outbox: { kick(): void },
    private readonly schedule: BriefingSchedule | null,
    private readonly department: () => string,
  ) {}

  /** The centre asks for a briefing of a period that is over. */
  async request(actor: Actor, req: BriefingRequest): Promise<Briefing> {
    if (!canMakeBriefing(actor)) throw forbidden(said('警情通报由协调中心的调度员和指挥长生成', 'the coordination centre’s dispatchers and commanders make briefings'));
    const p = periodOf(req.kind, req.period);
    if (!isOver(p, now())) throw unprocessable('period_not_over', said('该期间尚未结束，不能生成通报', 'the period is not over yet'), { fields: [fieldError('body.period', '期间尚未结束', 'is not over yet')] });
    const existing = await this.byPeriod(p);
    if (existing) throw conflict('briefing_exists', said(`${existing.title}已于此前生成`, `the briefing of ${p.period} is already made`), { id: existing.id, code: existing.code });
    const id = await this.make(actor, p, actor.username);
    return this.get(actor, id);
  }

  /** The schedule's round: each briefing due and not yet made is made now. */
  async sweep(at: number = now()): Promise<{ made: string[] }> {
    const made: string[] = [];
    if (!this.schedule) return { made };
    const centre = this.org.centres()[0];
    if (!centre) return { made };
    const actor: Actor = { ...SYSTEM_ACTOR, agencyId: centre.id, agencyType: 'coordination_centre', roles: ['dispatcher'] };
    const since = await this.scheduledSince();
    for (const p of dueBriefings(this.schedule, at)) {
      // a period that was over before the schedule first ran is no one's news: a fresh platform
      // does not publish yesterday's, last week's and last month's briefings the moment it starts
      if (p.toMs <= since) continue;
      if (await this.byPeriod(p)) continue;
      try {
        await this.make(actor, p, null);
        made.push(briefingCode(p));
      } catch (e) {
        // someone (the centre by hand) made it meanwhile: the unique key kept it to one
        if ((e as { code?: string }).code !== 'briefing_exists') throw e;
      }
    }
    return { made };
  }

  /** When the schedule first ran on this database (the platform clock), kept in settings for every instance. */
  private async scheduledSince(): Promise<number> {
    await this.db.kysely
      .insertInto('settings')
      .values({ key: 'briefings.scheduled_since', value: new Date(now()).toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db.kysely.selectFrom('settings').select('value').where('key', '=', 'briefings.scheduled_since').executeTakeFirstOrThrow();
    return Date.parse(row.value);
  }

  /** Reads, charts, renders and publishes one briefing; answers its id. */
  async make(actor: Actor, p: Period, by: string | null): Promise<string> {
    const names = { category: (id: string) => this.org.categories().find((c) => c.id === id)?.nameZh ?? id, agency: (id: string) => this.org.agencyName(id) };
    const figures = await briefingFigures(this.db.kysely, p, names);
    const at = new Date(now()).toISOString();
    const code = briefingCode(p);
    const title = briefingTitle(p);
    const doc = { title, code, department: this.department(), period: p, generatedAt: at, figures };
    const charts = await chartSvgs(figures);
    const html = briefingHtml(doc, charts);
    const pdf = await briefingPdf(doc, charts);
    const recipients = this.org
      .agencies()
      .filter((a) => MEMBER_TYPES.includes(a.type) && a.id !== actor.agencyId)
      .map((a) => a.id);
    const id = crypto.randomUUID();
    const bulletinId = crypto.randomUUID();
    try {
      await this.db.kysely.transaction().execute(async (trx) => {
        await trx
          .insertInto('briefings')
          .values({ id, code, kind: p.kind, period: p.period, from_at: new Date(p.fromMs).toISOString(), to_at: new Date(p.toMs).toISOString(), title, figures: JSON.stringify(figures), html, pdf, bulletin_id: bulletinId, generated_at: at, generated_by: by })
          .execute();
        const day = departmentDay(Date.parse(at));
        const d = KIND_DEFAULTS.security_notice;
        const row: BulletinRow = {
          id: bulletinId,
          code: `TB${day}-${String(await nextNumber(trx, `bulletin:${day}`)).padStart(4, '0')}`,
          kind: 'security_notice',
          title,
          body: `${overview(figures)}\n\n图表、重点警情与各方工作情况见附件（HTML、PDF）。`,
          instruction: null,
          classification: 'internal',
          class_rank: 1,
          status: 'published',
          sender_agency_id: actor.agencyId,
          created_by: actor.username,
          created_at: at,
          valid_from: at,
          valid_until: new Date(Date.parse(at) + BULLETIN_DAYS[p.kind] * 86_400_000).toISOString(),
          urgency: d.urgency,
          severity: d.severity,
          certainty: d.certainty,
          distribution: JSON.stringify({ agencies: recipients, areas: [], roles: [], areaDescriptions: [] }),
          roles: '',
          source: 'local',
          cap_sender: null,
          cap_identifier: null,
          cap_sent: null,
          updated_at: at,
          version: 1,
        };
        await this.sharing.insert(trx, row, recipients);
        const files = [
          { name: `${code}.html`, content_type: 'text/html; charset=utf-8', data: Buffer.from(html, 'utf8') },
          { name: `${code}.pdf`, content_type: 'application/pdf', data: pdf },
        ];
        for (const f of files) {
          const sha256 = crypto.createHash('sha256').update(f.data).digest('hex');
          await trx.insertInto('bulletin_attachments').values({ id: crypto.randomUUID(), bulletin_id: bulletinId, name: f.name, content_type: f.content_type, size: f.data.length, sha256, data: f.data, created_by: actor.username, created_at: at }).execute();
        }
        await recordChange(trx, actor, 'briefing', id, 'generate', { code, kind: p.kind, period: p.period, bulletinId, received: figures.totals.received, by: by ?? 'schedule' });
        await recordChange(trx, actor, 'bulletin', bulletinId, 'publish', { code: row.code, classification: row.classification, recipients, briefingId: id });
        await this.sharing.announce(trx, row, recipients, 'bulletin.published');
      });
    } catch (e) {
      const other = await this.byPeriod(p).catch(() => undefined);
      if (other) throw conflict('briefing_exists', said(`${other.title}已于此前生成`, `the briefing of ${p.period} is already made`), { id: other.id, code: other.code });
      throw e;
    }
    this.outbox.kick();
    return id;
  }

  private byPeriod(p: Period) {
    return this.db.kysely.selectFrom('briefings').select(['id', 'code', 'title']).where('kind', '=', p.kind).where('period', '=', p.period).executeTakeFirst();
  }

  async list(actor: Actor, q: { kind?: BriefingKind | undefined }): Promise<BriefingSummary[]> {
    authorize(actor, 'briefings.read');
    let s = this.db.kysely.selectFrom('briefings').select(['id', 'code', 'kind', 'period', 'from_at', 'to_at', 'title', 'figures', 'bulletin_id', 'generated_at', 'generated_by']).orderBy('from_at', 'desc').orderBy('kind');
    if (q.kind) s = s.where('kind', '=', q.kind);
    const rows = await s.limit(200).execute();
    return this.summaries(rows);
  }

  async get(actor: Actor, id: string): Promise<Briefing> {
    authorize(actor, 'briefings.read');
    const row = await this.db.kysely.selectFrom('briefings').select(['id', 'code', 'kind', 'period', 'from_at', 'to_at', 'title', 'figures', 'bulletin_id', 'generated_at', 'generated_by']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('briefing');
    const [summary] = await this.summaries([row]);
    return { ...summary!, figures: JSON.parse(row.figures) as BriefingFigures };
  }

  async file(actor: Actor, id: string, format: 'html' | 'pdf'): Promise<{ name: string; contentType: string; data: Buffer | string }> {
    authorize(actor, 'briefings.read');
    const row = await this.db.kysely.selectFrom('briefings').select(['code', 'html', 'pdf']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('briefing');
    return format === 'pdf' ? { name: `${row.code}.pdf`, contentType: 'application/pdf', data: Buffer.from(row.pdf) } : { name: `${row.code}.html`, contentType: 'text/html; charset=utf-8', data: row.html };
  }

  private async summaries(rows: Array<Pick<BriefingsTable, 'id' | 'code' | 'kind' | 'period' | 'from_at' | 'to_at' | 'title' | 'figures' | 'bulletin_id' | 'generated_at' | 'generated_by'>>): Promise<BriefingSummary[]> {
    if (!rows.length) return [];
    const bulletins = await this.db.kysely
      .selectFrom('bulletins as b')
      .leftJoin('bulletin_recipients as r', 'r.bulletin_id', 'b.id')
      .select(['b.id', 'b.code', (eb) => eb.fn.count('r.agency_id').as('n')])
      .where(
        'b.id',
        'in',
        rows.map((r) => r.bulletin_id),
      )
      .groupBy(['b.id', 'b.code'])
      .execute();
    const byId = new Map(bulletins.map((b) => [b.id, b]));
    const nameOf = await displayNames(this.db.kysely, rows.map((r) => r.generated_by).filter((x): x is string => !!x));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      kind: r.kind as BriefingKind,
      period: r.period,
      from: r.from_at,
      to: r.to_at,
      title: r.title,
      generatedAt: r.generated_at,
      generatedBy: r.generated_by ? nameOf(r.generated_by) : null,
      bulletinId: r.bulletin_id,
      bulletinCode: byId.get(r.bulletin_id)?.code ?? '',
      recipients: Number(byId.get(r.bulletin_id)?.n ?? 0),
      received: (JSON.parse(r.figures) as BriefingFigures).totals.received,
    }));
  }
}
