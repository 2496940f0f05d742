import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { IncidentStatus, PublicCategory, PublicReport, PublicReportStatus, PublicWhere } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { now, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { auditRead } from '../../platform/audit/trail.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, HttpError, notFound, validationError, type FieldError, said, fieldError } from '../../platform/http/errors.js';
import { canReadReporterContact, incidentScope, isCentreOperator } from '../../platform/policies.js';
import type { IncidentService } from '../incidents/service.js';
import { appendTimeline } from '../incidents/timeline.js';
import type { OrganisationService } from '../organisation/service.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { cleanPhoto } from '../patrols/photos.js';
import type { PersonalRecords } from '../patrols/personal-data.js';
import { requestHash } from '../patrols/idempotency.js';
import { beijingMonth, POINT_RULES } from '../patrols/points.js';
import type { PublicReportsTable } from './tables.js';
import { incidentCategoryFor, publicCategory } from './categories.js';
import { publicStatus } from './public-status.js';
import { addressLimitKey, deviceLimitKey, type Limit, type RateLimiter } from './rate-limit.js';
import { clientHash, codeHash, newTrackingCode, normaliseCode, reportIdFor, trackingCodeFor } from './tracking-code.js';

/** Who reports when nobody signs in: what the timeline and the audit trail name. */
export const PUBLIC_ACTOR: Actor = { userId: 'public', username: 'public', displayName: '群众', agencyId: 'public', agencyType: null, roles: ['volunteer'] };

export const MAX_PUBLIC_PHOTOS = 3;

const open311Code = (key: Buffer, reportId: string) => trackingCodeFor(key, `open311:${reportId}`);
/** Photos may follow a report for a day; after that a leaked code cannot be used to add any. */
const PHOTO_WINDOW_MS = 86_400_000;

export interface Submission {
  clientId?: string;
  category: PublicCategory;
  where: PublicWhere;
  description: string;
  contact?: { name?: string; phone?: string; email?: string };
  occurredAt?: string;
  source: 'web' | 'open311';
  open311ClientId?: string | null;
  mediaUrl?: string | null;
}

/** Where a public request came from, for its limits: the address, and the device id the page or app keeps, if any. */
export interface Origin {
  ip: string;
  deviceId: string | null;
  /** an Open311 application: counted by its key, not by the address its server posts from */
  open311ClientId?: string;
}

const NOTICE = {
  'zh-CN': '已收到您的举报。请保存查询码，用它查看处理进展。情况紧急请拨打110。',
  en: 'Your report has been received. Keep the tracking code to follow it. In an emergency call 110.',
};

/**
 * Reports from the public. Nothing a reporter sends reaches another reporter: the public answer
 * for a tracking code holds its status, the handling agency's public notes and its points — never
 * the description, the photos or the place, and never anything of the report it may have been
 * merged with. The contact details go to personal-data.ts, for the handling agency alone.
 */
export class PublicReportService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly incidents: IncidentService,
    private readonly outbox: OutboxRelay,
    private readonly key: Buffer,
    private readonly limiter: RateLimiter,
    private readonly perHour: number,
    private readonly personal: PersonalRecords,
  ) {}

  private get k() {
    return this.db.kysely;
  }

  private limits(scope: 'report' | 'photo' | 'lookup', origin: Origin): Limit[] {
    const per = scope === 'report' ? this.perHour : scope === 'photo' ? this.perHour * 3 : 300;
    if (origin.open311ClientId) return [{ key: `${scope}:open311:${origin.open311ClientId}`, max: per * 20, windowS: 3600 }, ...(origin.deviceId ? [{ key: deviceLimitKey(scope, origin.deviceId), max: Math.ceil(per / 2), windowS: 3600 }] : [])];
    return [{ key: addressLimitKey(scope, origin.ip), max: per, windowS: 3600 }, ...(origin.deviceId ? [{ key: deviceLimitKey(scope, origin.deviceId), max: Math.ceil(per / 2), windowS: 3600 }] : [])];
  }

  async submit(sub: Submission, origin: Origin, lang: 'zh-CN' | 'en', client: string): Promise<{ created: boolean; reportId: string; trackingCode: string; status: PublicReportStatus['status']; submittedAt: string; notice: string }> {
    const request = { category: sub.category, where: sub.where, description: sub.description, contact: sub.contact ?? null, occurredAt: sub.occurredAt ?? null, source: sub.source };
    const hash = requestHash('public_report', request);
    // a retry of the same report is answered with its code again, without counting against the limits
    if (sub.clientId) {
      const earlier = await this.k.selectFrom('public_reports').selectAll().where('client_hash', '=', clientHash(sub.clientId)).executeTakeFirst();
      if (earlier) {
        if (earlier.request_hash !== hash) throw conflict('id_reused', said('此 clientId 已用于另一份不同的报告，请重新生成', 'this clientId was already used for a different report; make a new one'));
        return { created: false, reportId: earlier.id, trackingCode: trackingCodeFor(this.key, sub.clientId), status: (await this.statusOf(earlier.incident_id)).status, submittedAt: earlier.submitted_at, notice: NOTICE[lang] };
      }
    }
    const def = publicCategory(sub.category)!;
    const category = incidentCategoryFor(def, new Set(this.org.categories().map((c) => c.id)));
    if (!category) throw validationError([fieldError('body.category', '本单位不受理此类报告', 'this kind of report is not taken by this department')]);
    await this.limiter.take(this.limits('report', origin), now());
    const reportId = sub.clientId ? reportIdFor(this.key, sub.clientId) : crypto.randomUUID();
    // an Open311 application lists its own requests later: their codes must be made again from the report
    const code = sub.clientId ? trackingCodeFor(this.key, sub.clientId) : sub.source === 'open311' ? open311Code(this.key, reportId) : newTrackingCode();
    const where = sub.where;
    let created;
    try {
      created = await this.incidents.create(PUBLIC_ACTOR, { category, channel: 'public', location: where, description: sub.description, occurredAt: sub.occurredAt, externalRef: `public:${reportId}` }, client);
    } catch (e) {
      // the place is refused by the resolver under body.location: here it is body.where
      if (e instanceof HttpError && e.details && typeof e.details === 'object' && 'fields' in e.details) {
        const fields = (e.details as { fields: FieldError[] }).fields.map((f) => ({ ...f, field: f.field.replace(/^body\.location/, 'body.where') }));
        throw new HttpError(e.status, e.code, e.said, { ...e.details, fields });
      }
      throw e;
    }
    const incident = created.incident;
    const submittedAt = nowIso();
    const coordinates = incident.location?.coordinates ?? null;
    await this.k.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('public_reports').select('id').where('id', '=', reportId).executeTakeFirst();
      if (exists) return;
      const row: PublicReportsTable = {
        id: reportId,
        code_hash: codeHash(normaliseCode(code)!),
        client_hash: sub.clientId ? clientHash(sub.clientId) : null,
        request_hash: hash,
        category: sub.category,
        description: sub.description,
        place: JSON.stringify(where),
        lon: coordinates?.[0] ?? null,
        lat: coordinates?.[1] ?? null,
        incident_id: incident.id,
        source: sub.source,
        open311_client_id: sub.open311ClientId ?? null,
        media_url: sub.mediaUrl ?? null,
        submitted_at: submittedAt,
      };
      await trx.insertInto('public_reports').values(row).execute();
      const contact = sub.contact ?? {};
      if (contact.name || contact.phone || contact.email) await this.personal.put(trx, 'reporter', reportId, { name: contact.name ?? null, phone: contact.phone ?? null, email: contact.email ?? null });
      await recordChange(trx, PUBLIC_ACTOR, 'public_report', reportId, 'submit', { incidentId: incident.id, category: sub.category, source: sub.source, contact: Boolean(contact.name || contact.phone || contact.email) });
    });
    return { created: true, reportId, trackingCode: code, status: publicStatus(incident.status as IncidentStatus), submittedAt, notice: NOTICE[lang] };
  }

  private async byCode(input: string, origin: Origin | null): Promise<PublicReportsTable> {
    if (origin) await this.limiter.take(this.limits('lookup', origin), now());
    const code = normaliseCode(input);
    const row = code ? await this.k.selectFrom('public_reports').selectAll().where('code_hash', '=', codeHash(code)).executeTakeFirst() : undefined;
    if (!row) throw notFound('report');
    return row;
  }

  /** The incident's public state, following a merge to the incident it went into. */
  private async statusOf(incidentId: string): Promise<{ status: PublicReportStatus['status']; updatedAt: string }> {
    let id: string | null = incidentId;
    let row = null;
    for (let hops = 0; id && hops < 5; hops++) {
      row = await this.k.selectFrom('incidents').select(['status', 'merged_into', 'updated_at']).where('id', '=', id).executeTakeFirst();
      if (!row || row.status !== 'merged') break;
      id = row.merged_into;
    }
    return { status: row ? publicStatus(row.status as IncidentStatus) : 'received', updatedAt: row?.updated_at ?? nowIso() };
  }

  /** What anyone holding the code sees. */
  async status(code: string, origin: Origin | null, lang: 'zh-CN' | 'en'): Promise<PublicReportStatus> {
    return this.presentPublic(await this.byCode(code, origin), code, lang);
  }

  /** For Open311 GET requests: the reports named by their codes, unknown ones left out. */
  async statuses(codes: readonly string[], origin: Origin, lang: 'zh-CN' | 'en'): Promise<Array<{ row: PublicReportsTable; status: PublicReportStatus; agency: string | null }>> {
    await this.limiter.take(this.limits('lookup', origin), now());
    const out = [];
    for (const c of codes.slice(0, 100)) {
      const row = await this.byCode(c, null).catch(() => null);
      if (row) out.push({ row, status: await this.presentPublic(row, c, lang), agency: await this.agencyResponsible(row.incident_id) });
    }
    return out;
  }

  /** The Open311 token of a report sent with the phone's own id is that id: it names the code once the report has arrived. */
  async codeForToken(token: string, origin: Origin): Promise<string> {
    await this.limiter.take(this.limits('lookup', origin), now());
    const row = /^[0-9a-fA-F-]{36}$/.test(token) ? await this.k.selectFrom('public_reports').select('id').where('client_hash', '=', clientHash(token)).executeTakeFirst() : undefined;
    if (!row) throw notFound('token');
    return trackingCodeFor(this.key, token);
  }

  /** Reports an Open311 application itself submitted, newest first. */
  async ofOpen311Client(clientId: string, q: { from: string; to: string; categories?: string[] }, lang: 'zh-CN' | 'en') {
    let query = this.k.selectFrom('public_reports').selectAll().where('open311_client_id', '=', clientId).where('submitted_at', '>=', q.from).where('submitted_at', '<=', q.to).orderBy('submitted_at', 'desc').limit(1000);
    if (q.categories?.length) query = query.where('category', 'in', q.categories);
    const rows = await query.execute();
    return Promise.all(rows.map(async (row) => ({ row, status: await this.presentPublic(row, open311Code(this.key, row.id), lang), agency: await this.agencyResponsible(row.incident_id) })));
  }

  async agencyResponsible(incidentId: string): Promise<string | null> {
    const inc = await this.k.selectFrom('incidents').select('lead_agency_id').where('id', '=', incidentId).executeTakeFirst();
    return inc?.lead_agency_id ? this.org.agencyName(inc.lead_agency_id) : null;
  }

  private async presentPublic(row: PublicReportsTable, code: string | null, lang: 'zh-CN' | 'en'): Promise<PublicReportStatus> {
    const notes = await this.k.selectFrom('public_report_notes').select(['at', 'text']).where('report_id', '=', row.id).orderBy('at').execute();
    const photos = await this.k.selectFrom('public_report_photos').select((eb) => eb.fn.countAll().as('n')).where('report_id', '=', row.id).executeTakeFirst();
    const points = await this.k.selectFrom('patrol_points').select((eb) => eb.fn.sum('points').as('p')).where('public_report_id', '=', row.id).executeTakeFirst();
    const s = await this.statusOf(row.incident_id);
    const def = publicCategory(row.category)!;
    const normal = code ? normaliseCode(code) : null;
    return {
      trackingCode: normal ? `RJ-${normal.slice(2).match(/.{4}/g)!.join('-')}` : '',
      category: row.category as PublicCategory,
      categoryName: def[lang === 'en' ? 'en' : 'zh'].name,
      status: s.status,
      submittedAt: row.submitted_at,
      updatedAt: [s.updatedAt, ...notes.map((n) => n.at)].sort().at(-1)!,
      notes,
      photos: Number(photos?.n ?? 0),
      points: Number(points?.p ?? 0),
    };
  }

  /**
   * A photo after the report, by its code: JPEG or PNG judged by content, cleaned of location and
   * camera metadata, at most three, within a day. The same photo sent twice is kept once.
   */
  async addPhoto(code: string, file: UploadedFile, origin: Origin, lang: 'zh-CN' | 'en'): Promise<{ created: boolean; status: PublicReportStatus }> {
    const row = await this.byCode(code, null);
    await this.limiter.take(this.limits('photo', origin), now());
    if (now() - Date.parse(row.submitted_at) > PHOTO_WINDOW_MS) throw new HttpError(422, 'photo_window_closed', said('照片须在报告后一天内补充', 'photos are added within a day of the report'));
    const accepted = acceptAttachment(file);
    if (accepted.type !== 'image/jpeg' && accepted.type !== 'image/png') throw new HttpError(415, 'forbidden_file_type', said('照片须为 JPEG 或 PNG 格式（按文件内容判断）', 'a photo is a JPEG or PNG (judged by content)'));
    const cleaned = cleanPhoto(file.bytes);
    if (!cleaned.ok) throw new HttpError(415, 'unreadable_photo', said('照片无法完整读取', 'the photo could not be read to its end'));
    const sha256 = crypto.createHash('sha256').update(cleaned.bytes).digest('hex');
    const created = await this.k.transaction().execute(async (trx) => {
      const have = await trx.selectFrom('public_report_photos').select(['id', 'sha256']).where('report_id', '=', row.id).execute();
      if (have.some((p) => p.sha256 === sha256)) return false;
      if (have.length >= MAX_PUBLIC_PHOTOS) throw new HttpError(422, 'too_many_photos', said(`每份报告至多 ${MAX_PUBLIC_PHOTOS} 张照片`, `a report has at most ${MAX_PUBLIC_PHOTOS} photos`));
      const id = crypto.randomUUID();
      await trx.insertInto('public_report_photos').values({ id, report_id: row.id, content_type: cleaned.type, size: cleaned.bytes.length, sha256, data: cleaned.bytes, received_at: nowIso() }).execute();
      await recordChange(trx, PUBLIC_ACTOR, 'public_report', row.id, 'photo', { photoId: id, size: cleaned.bytes.length, removed: cleaned.removed });
      return true;
    });
    return { created, status: await this.presentPublic(row, code, lang) };
  }

  // ---- for the agencies --------------------------------------------------------------------

  private async row(actor: Actor, id: string): Promise<PublicReportsTable> {
    const row = await this.k.selectFrom('public_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(await this.incidents.readable(actor, row.incident_id))) throw notFound('report');
    return row;
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    return this.row(actor, id).then(
      () => true,
      () => false,
    );
  }

  async list(actor: Actor, filter: { status?: PublicReportStatus['status'] }): Promise<PublicReport[]> {
    const rows = await this.k.selectFrom('public_reports').selectAll().orderBy('submitted_at', 'desc').limit(500).execute();
    const scope = incidentScope(actor);
    const visible = scope.all ? null : await this.incidents.store.visibleIds(rows.map((r) => r.incident_id), scope.agencyId ?? undefined);
    const shown = scope.all ? rows : scope.agencyId === null ? [] : rows.filter((r) => visible!.has(r.incident_id));
    const out = [];
    for (const r of shown.slice(0, 200)) {
      const p = await this.present(r);
      if (!filter.status || p.status === filter.status) out.push(p);
    }
    return out;
  }

  async get(actor: Actor, id: string): Promise<PublicReport> {
    return this.present(await this.row(actor, id));
  }

  private async present(r: PublicReportsTable): Promise<PublicReport> {
    const inc = await this.k.selectFrom('incidents').select(['code']).where('id', '=', r.incident_id).executeTakeFirst();
    const notes = await this.k.selectFrom('public_report_notes').select(['id', 'at', 'text', 'agency_id']).where('report_id', '=', r.id).orderBy('at').execute();
    const photos = await this.k.selectFrom('public_report_photos').select(['id', 'content_type', 'size', 'received_at']).where('report_id', '=', r.id).orderBy('received_at').execute();
    const points = await this.k.selectFrom('patrol_points').select((eb) => eb.fn.sum('points').as('p')).where('public_report_id', '=', r.id).executeTakeFirst();
    return {
      id: r.id,
      incidentId: r.incident_id,
      incidentCode: inc?.code ?? '',
      category: r.category as PublicCategory,
      description: r.description,
      where: JSON.parse(r.place) as unknown,
      coordinates: r.lon !== null && r.lat !== null ? [r.lon, r.lat] : null,
      source: r.source as PublicReport['source'],
      submittedAt: r.submitted_at,
      status: (await this.statusOf(r.incident_id)).status,
      notes: notes.map((n) => ({ id: n.id, at: n.at, text: n.text, agencyId: n.agency_id })),
      photos: photos.map((p) => ({ id: p.id, contentType: p.content_type, size: p.size, receivedAt: p.received_at })),
      mediaUrl: r.media_url,
      points: Number(points?.p ?? 0),
      hasContact: await this.personal.has(this.k, 'reporter', r.id),
    };
  }

  private async handles(actor: Actor, r: PublicReportsTable): Promise<boolean> {
    const inc = await this.k.selectFrom('incidents').select('lead_agency_id').where('id', '=', r.incident_id).executeTakeFirst();
    return inc?.lead_agency_id === actor.agencyId;
  }

  async contactReadable(actor: Actor, id: string): Promise<boolean> {
    const r = await this.k.selectFrom('public_reports').selectAll().where('id', '=', id).executeTakeFirst();
    return !!r && canReadReporterContact(actor, await this.handles(actor, r));
  }

  /** The reporter's contact details: the handling agency and the centre's call-takers only; every look is audited. */
  async contact(actor: Actor, id: string) {
    const r = await this.k.selectFrom('public_reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !canReadReporterContact(actor, await this.handles(actor, r))) {
      if (r) await auditRead(this.k, actor, { entity: 'public_report', entityId: id, action: 'read_contact', result: 'denied' });
      throw notFound('report');
    }
    await auditRead(this.k, actor, { entity: 'public_report', entityId: id, action: 'read_contact' });
    const p = (await this.personal.get(this.k, 'reporter', [id])).get(id);
    return { reportId: id, name: p?.name ?? null, phone: p?.phone ?? null, email: p?.email ?? null };
  }

  /** A note the public sees with the report's status: the handling agency or the centre write it. */
  async addNote(actor: Actor, id: string, text: string): Promise<PublicReport> {
    const r = await this.row(actor, id);
    const { roles } = await this.incidents.access(actor, r.incident_id);
    if (!isCentreOperator(actor) && !(roles.includes('lead') && actor.roles.some((x) => x === 'officer' || x === 'commander' || x === 'liaison' || x === 'dispatcher'))) {
      throw forbidden(said('只有承办单位和协调中心可以填写对群众公开的说明', 'the handling agency and the centre write public notes'));
    }
    const at = nowIso();
    await this.k.transaction().execute(async (trx) => {
      const noteId = crypto.randomUUID();
      await trx.insertInto('public_report_notes').values({ id: noteId, report_id: r.id, text, agency_id: actor.agencyId, by_user: actor.username, at }).execute();
      await recordChange(trx, actor, 'public_report', r.id, 'public_note', { noteId });
      // the incident's readers see on its timeline what the public was told
      await appendTimeline(trx, r.incident_id, actor, 'public_note', null, null, { reportId: r.id, text }, null, at);
      await enqueueEvent(trx, { type: 'incident.note', entity: 'incident', entityId: r.incident_id, payload: { id: r.incident_id } });
    });
    this.outbox.kick();
    return this.present(r);
  }

  async photo(actor: Actor, id: string, photoId: string) {
    const r = await this.row(actor, id);
    const p = await this.k.selectFrom('public_report_photos').selectAll().where('id', '=', photoId).where('report_id', '=', r.id).executeTakeFirst();
    if (!p) throw notFound('photo');
    return { name: `${photoId}.${p.content_type === 'image/png' ? 'png' : 'jpg'}`, contentType: p.content_type, data: Buffer.from(p.data) };
  }

  /** Inside the incident's transaction when it is closed: the report was useful and earns its points. */
  async onIncidentClosed(trx: Kysely<Database>, incidentId: string, at: string): Promise<void> {
    const reports = await trx.selectFrom('public_reports').select('id').where('incident_id', '=', incidentId).execute();
    for (const r of reports) {
      await trx
        .insertInto('patrol_points')
        .values({ id: `report_useful:${r.id}`, team_id: null, member_id: null, public_report_id: r.id, kind: 'report_useful', points: POINT_RULES.report_useful, hours: 0, ref_id: incidentId, at, month: beijingMonth(Date.parse(at)), credit_key: `report_useful:${r.id}` })
        .onConflict((oc) => oc.column('credit_key').doNothing())
        .execute();
    }
  }
}
