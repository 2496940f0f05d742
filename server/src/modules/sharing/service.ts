import crypto from 'node:crypto';
import type { Bulletin, BulletinReceipts, CreateBulletinRequest, SharingAgreement } from '@railjoint/contracts';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { nextNumber } from '../../platform/db/counters.js';
import type { Actor } from '../../platform/auth/actor.js';
import { departmentDay, nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { auditRead } from '../../platform/audit/trail.js';
import { enqueueEvent, type OutboxRelay } from '../../platform/bus/outbox.js';
import { conflict, forbidden, notFound, unprocessable, validationError, type FieldError, said, fieldError } from '../../platform/http/errors.js';
import { acceptAttachment, type UploadedFile } from './attachment-upload.js';
import { bulletinAccess, canPublishBulletin, CLASS_RANK, type ClassificationName, canReadAgreement } from '../../platform/policies.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { SharingStore, type BulletinRow } from './store.js';
import { resolveRecipients } from './recipients.js';
import { presentBulletin } from './presenter.js';
import { KIND_DEFAULTS } from './defaults.js';
import { bulletinToCap } from './cap/cap-export.js';
import { displayNames } from '../users/display-names.js';

export interface SharingSettings {
  /** first reminder to recipients that have not acknowledged, and then again every so often */
  remindAfterS: number;
  /** the domain CAP sender addresses are written under */
  capDomain: string;
}

/** The incident a bulletin names, by number, if the actor may read it (else null). */
export type IncidentLookup = (actor: Actor, id: string) => Promise<{ code: string } | null>;

export const DEFAULT_SHARING_SETTINGS: SharingSettings = { remindAfterS: 1800, capDomain: 'railjoint.cn' };

/**
 * Bulletins (通报): published to agencies and stretches of line, seen only as the classification,
 * the distribution and the data-sharing agreements allow, acknowledged by each receiving agency,
 * every read recorded. Restricted and secret reads go on the audit chain, refused ones too.
 */
export class SharingService {
  readonly store: SharingStore;
  private incidentOf: IncidentLookup = async () => null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly org: OrganisationService,
    private readonly outbox: OutboxRelay,
    private readonly settings: SharingSettings = DEFAULT_SHARING_SETTINGS,
  ) {
    this.store = new SharingStore(db.kysely);
  }

  /** How bulletins learn of incidents (the incidents module is built after this one). */
  linkIncidentsWith(lookup: IncidentLookup): void {
    this.incidentOf = lookup;
  }

  private agencyName(id: string): string {
    return this.org.agencyName(id);
  }

  async publish(actor: Actor, req: CreateBulletinRequest): Promise<Bulletin> {
    if (!canPublishBulletin(actor)) throw forbidden(said('只有调度员和指挥长可以发布通报', 'only dispatchers and commanders publish bulletins'));
    const now = nowIso();
    const validFrom = req.validFrom ? new Date(req.validFrom).toISOString() : now;
    const validUntil = new Date(req.validUntil).toISOString();
    const errors: FieldError[] = [];
    if (req.incidentId && !(await this.incidentOf(actor, req.incidentId))) errors.push(fieldError('body.incidentId', '没有您可查看的这一警情', 'no such incident you may read'));
    if (validUntil <= validFrom) errors.push(fieldError('body.validUntil', '须晚于生效时间', 'must be after validFrom'));
    if (validUntil <= now) errors.push(fieldError('body.validUntil', '已过期', 'is already past'));
    const resolved = resolveRecipients(req.distribution, this.network, this.org);
    errors.push(...resolved.errors);
    if (errors.length) throw validationError(errors);
    const recipients = resolved.agencyIds.filter((id) => id !== actor.agencyId);
    const rank = CLASS_RANK[req.classification];
    if (rank > 0 && recipients.length === 0) throw validationError([fieldError('body.distribution', '没有指定接收单位', 'names no agency to receive it')]);
    if (rank >= 2) {
      // Better refuse than publish to an agency that will never be shown it.
      const cleared = await this.store.cleared(actor.agencyId, recipients, 'bulletin', rank, now);
      const missing = recipients.filter((id) => !cleared.has(id));
      if (missing.length) {
        throw unprocessable('no_sharing_agreement', said(`没有数据共享协议允许${missing.map((id) => this.agencyName(id)).join('、')}接收${this.agencyName(actor.agencyId)}的${CLASS_ZH[req.classification]}级通报`, `no data-sharing agreement lets ${missing.map((id) => this.agencyName(id)).join('、')} receive ${req.classification} bulletins from ${this.agencyName(actor.agencyId)}`), {
          agencies: missing,
          fields: missing.map((id) => {
            const i = req.distribution.agencies.indexOf(id);
            return fieldError(i >= 0 ? `body.distribution.agencies[${i}]` : 'body.distribution.areas', `没有协议涵盖向 ${this.agencyName(id)} 发送${CLASS_ZH[req.classification]}级通报`, `no agreement covers ${req.classification} bulletins to ${id}`);
          }),
        });
      }
    }
    const defaults = KIND_DEFAULTS[req.kind];
    const id = crypto.randomUUID();
    const row = await this.db.kysely.transaction().execute(async (trx) => {
      const day = departmentDay(Date.parse(now));
      const n = await nextNumber(trx, `bulletin:${day}`);
      const r: BulletinRow = {
        id,
        code: `TB${day}-${String(n).padStart(4, '0')}`,
        kind: req.kind,
        title: req.title,
        body: req.body,
        instruction: req.instruction ?? null,
        classification: req.classification,
        class_rank: rank,
        status: 'published',
        sender_agency_id: actor.agencyId,
        created_by: actor.username,
        created_at: now,
        valid_from: validFrom,
        valid_until: validUntil,
        urgency: req.urgency ?? defaults.urgency,
        severity: req.severity ?? defaults.severity,
        certainty: req.certainty ?? defaults.certainty,
        distribution: JSON.stringify({ ...req.distribution, areaDescriptions: resolved.areaDescriptions }),
        roles: req.distribution.roles.length ? `,${req.distribution.roles.join(',')},` : '',
        source: 'local',
        cap_sender: null,
        cap_identifier: null,
        cap_sent: null,
        updated_at: now,
        version: 1,
      };
      await this.insert(trx, r, recipients);
      if (req.incidentId) await trx.insertInto('bulletin_incidents').values({ bulletin_id: id, incident_id: req.incidentId }).execute();
      await recordChange(trx, actor, 'bulletin', id, 'publish', { code: r.code, classification: r.classification, recipients, incidentId: req.incidentId ?? null });
      await this.announce(trx, r, recipients, 'bulletin.published');
      return r;
    });
    this.outbox.kick();
    return this.present(actor, row, now);
  }

  /** Shared with the CAP import: the bulletin row and its recipient rows. */
  async insert(trx: Kysely<Database>, row: BulletinRow, recipients: string[]): Promise<void> {
    await trx.insertInto('bulletins').values(row).execute();
    if (recipients.length) await trx.insertInto('bulletin_recipients').values(recipients.map((agency_id) => ({ bulletin_id: row.id, agency_id, acknowledged_at: null, acknowledged_by: null, reminded_at: null }))).execute();
  }

  async announce(trx: Kysely<Database>, row: BulletinRow, recipients: string[], type: 'bulletin.published' | 'bulletin.withdrawn'): Promise<void> {
    await enqueueEvent(trx, { type, entity: 'bulletin', entityId: row.id, payload: { id: row.id, code: row.code, kind: row.kind } });
  }

  private async present(actor: Actor, row: BulletinRow, now: string): Promise<Bulletin> {
    const [mine, attachments, person, link] = await Promise.all([
      this.store.recipient(row.id, actor.agencyId),
      this.store.attachments(row.id),
      displayNames(this.db.kysely, [row.created_by]),
      this.db.kysely.selectFrom('bulletin_incidents').select('incident_id').where('bulletin_id', '=', row.id).executeTakeFirst(),
    ]);
    // the incident is named only to those who may read it; to others the bulletin stands alone
    const seen = link ? await this.incidentOf(actor, link.incident_id) : null;
    const incident = link && seen ? { id: link.incident_id, code: seen.code } : null;
    return presentBulletin(row, { senderName: this.agencyName(row.sender_agency_id), authorName: person(row.created_by), now, myAck: mine ? { acknowledgedAt: mine.acknowledged_at } : null, attachments, incident });
  }

  async list(actor: Actor, q: { kind?: string; classification?: string; code?: string; incidentId?: string; view: 'current' | 'all' | 'unacknowledged'; offset: number; limit: number }) {
    const now = nowIso();
    const { rows, total } = await this.store.list(bulletinAccess(actor), q, now);
    const bulletins = await Promise.all(
      rows.map(async (r) => {
        const { body: _body, ...rest } = await this.present(actor, r, now);
        return rest;
      }),
    );
    return { bulletins, total };
  }

  /**
   * The bulletin if the user may see it. A refused or unknown one is a 404 either way (nobody
   * learns that a secret bulletin exists), but a refused look at a restricted or secret one is
   * audited with its result.
   */
  async visible(actor: Actor, id: string, what: string): Promise<BulletinRow> {
    const now = nowIso();
    const row = await this.store.visible(id, bulletinAccess(actor), now);
    if (!row) {
      const raw = await this.store.raw(id);
      if (raw && raw.class_rank >= 2) await auditRead(this.db.kysely, actor, { entity: 'bulletin', entityId: id, action: `read:${what}`, result: 'denied', detail: { classification: raw.classification } });
      throw notFound('bulletin');
    }
    if (row.class_rank >= 2) await auditRead(this.db.kysely, actor, { entity: 'bulletin', entityId: id, action: `read:${what}`, detail: { classification: row.classification } });
    return row;
  }

  /**
   * For the live channel and webhooks: may the actor read this bulletin now — the read route's
   * SQL rule, without recording a read (hearing of a bulletin is not reading it).
   */
  async readable(actor: Actor, id: string): Promise<boolean> {
    return (await this.store.visible(id, bulletinAccess(actor), nowIso())) !== undefined;
  }

  /**
   * A person opened the bulletin: one read, however often the page is read again while it stays
   * open (live updates, an acknowledgement). The sending agency's own looks are not reads.
   */
  async opened(actor: Actor, id: string): Promise<void> {
    const row = await this.visible(actor, id, 'open');
    if (row.sender_agency_id !== actor.agencyId) await this.store.recordRead(id, actor.userId, actor.agencyId, nowIso(), 'bulletin');
  }

  async get(actor: Actor, id: string): Promise<Bulletin> {
    const row = await this.visible(actor, id, 'bulletin');
    return this.present(actor, row, nowIso());
  }

  async acknowledge(actor: Actor, id: string): Promise<Bulletin> {
    const row = await this.visible(actor, id, 'acknowledge');
    const mine = await this.store.recipient(id, actor.agencyId);
    if (!mine) throw conflict('not_a_recipient', said('本单位不是此通报的接收单位', 'your agency is not among the recipients of this bulletin'));
    if (!mine.acknowledged_at) {
      const now = nowIso();
      await this.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('bulletin_recipients').set({ acknowledged_at: now, acknowledged_by: actor.username }).where('bulletin_id', '=', id).where('agency_id', '=', actor.agencyId).where('acknowledged_at', 'is', null).execute();
        await recordChange(trx, actor, 'bulletin', id, 'acknowledge', { agency: actor.agencyId });
        await enqueueEvent(trx, { type: 'bulletin.acknowledged', entity: 'bulletin', entityId: id, payload: { id, agencyId: actor.agencyId } });
      });
      this.outbox.kick();
    }
    return this.present(actor, row, nowIso());
  }

  /** Who has acknowledged and read it: for the sending agency and the centre that oversees it. */
  async receipts(actor: Actor, id: string): Promise<BulletinReceipts> {
    const row = await this.visible(actor, id, 'receipts');
    const access = bulletinAccess(actor);
    if (row.sender_agency_id !== actor.agencyId && access.centreUpTo < row.class_rank) throw forbidden(said('只有发送单位和协调中心可以查看签收情况', 'only the sending agency and the coordination centre see the receipts'));
    const rows = await this.store.recipients(id);
    const person = await displayNames(this.db.kysely, rows.map((r) => r.acknowledged_by));
    const recipients = rows.map((r) => ({
      agencyId: r.agency_id,
      agencyName: this.agencyName(r.agency_id),
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.acknowledged_by,
      acknowledgedByName: r.acknowledged_by ? person(r.acknowledged_by) : null,
      reads: r.reads,
      lastReadAt: r.lastReadAt,
      remindedAt: r.reminded_at,
      reminders: Number(r.reminders),
    }));
    const acknowledged = recipients.filter((r) => r.acknowledgedAt).length;
    return { bulletinId: id, recipients, acknowledged, outstanding: recipients.length - acknowledged };
  }

  async withdraw(actor: Actor, id: string, reason: string): Promise<Bulletin> {
    const row = await this.visible(actor, id, 'withdraw');
    if (row.sender_agency_id !== actor.agencyId || !canPublishBulletin(actor)) throw forbidden(said('只有发送单位可以撤回通报', 'only the sending agency withdraws a bulletin'));
    if (row.status === 'withdrawn') throw conflict('already_withdrawn', said('该通报已撤回', 'the bulletin is already withdrawn'));
    const next = await this.markWithdrawn(actor, row, reason);
    this.outbox.kick();
    return this.present(actor, next, nowIso());
  }

  async markWithdrawn(actor: Actor, row: BulletinRow, reason: string): Promise<BulletinRow> {
    const now = nowIso();
    return this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.updateTable('bulletins').set({ status: 'withdrawn', updated_at: now, version: row.version + 1 }).where('id', '=', row.id).where('version', '=', row.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('stale', said('该通报已被他人更新，请刷新后重试', 'the bulletin changed meanwhile; reload and try again'));
      await recordChange(trx, actor, 'bulletin', row.id, 'withdraw', { reason });
      const recipients = (await trx.selectFrom('bulletin_recipients').select('agency_id').where('bulletin_id', '=', row.id).execute()).map((r) => r.agency_id);
      const next = { ...row, status: 'withdrawn', updated_at: now, version: row.version + 1 };
      await this.announce(trx, next, recipients, 'bulletin.withdrawn');
      return next;
    });
  }

  /** The bulletin as an OASIS CAP 1.2 alert (Cancel once withdrawn). */
  async cap(actor: Actor, id: string): Promise<string> {
    const row = await this.visible(actor, id, 'cap');
    const recipients = (await this.store.recipients(id)).map((r) => r.agency_id);
    const dist = JSON.parse(row.distribution) as { areaDescriptions?: string[] };
    return bulletinToCap({
      code: row.code,
      kind: row.kind as Bulletin['kind'],
      title: row.title,
      body: row.body,
      instruction: row.instruction,
      classification: row.classification as Bulletin['classification'],
      status: row.status as Bulletin['status'],
      senderAgencyId: row.sender_agency_id,
      senderAgencyName: this.agencyName(row.sender_agency_id),
      createdAt: row.created_at,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      updatedAt: row.updated_at,
      urgency: row.urgency,
      severity: row.severity,
      certainty: row.certainty,
      recipients,
      areaDescriptions: dist.areaDescriptions ?? [],
      senderDomain: this.settings.capDomain,
    });
  }

  /** Reminds every recipient that has not acknowledged in time, once per interval (sweeper and the sender's button). */
  async sweepReminders(now: string = nowIso(), onlyBulletin?: string): Promise<{ reminded: number }> {
    const before = onlyBulletin ? now : new Date(Date.parse(now) - this.settings.remindAfterS * 1000).toISOString();
    const due = (await this.store.dueReminders(now, before)).filter((d) => !onlyBulletin || d.bulletin_id === onlyBulletin);
    if (!due.length) return { reminded: 0 };
    await this.db.kysely.transaction().execute(async (trx) => {
      for (const d of due) {
        await trx.updateTable('bulletin_recipients').set({ reminded_at: now, reminders: Number(d.reminders) + 1 }).where('bulletin_id', '=', d.bulletin_id).where('agency_id', '=', d.agency_id).execute();
        await enqueueEvent(trx, { type: 'bulletin.reminder', entity: 'bulletin', entityId: d.bulletin_id, payload: { id: d.bulletin_id, code: d.code, agencyId: d.agency_id } });
      }
    });
    this.outbox.kick();
    return { reminded: due.length };
  }

  async remind(actor: Actor, id: string): Promise<{ reminded: number }> {
    const row = await this.visible(actor, id, 'remind');
    if (row.sender_agency_id !== actor.agencyId && bulletinAccess(actor).centreUpTo < row.class_rank) throw forbidden(said('只有发送单位和协调中心可以催签', 'only the sending agency and the centre send reminders'));
    return this.sweepReminders(nowIso(), id);
  }

  /** The sending agency attaches a photograph or a scanned notice; checked by content, size-limited. */
  async attach(actor: Actor, id: string, file: UploadedFile): Promise<Bulletin> {
    const row = await this.visible(actor, id, 'attach');
    if (row.sender_agency_id !== actor.agencyId || !canPublishBulletin(actor)) throw forbidden(said('只有发送单位可以添加附件', 'only the sending agency adds attachments'));
    if (file.name && file.bytes.length === 0) throw validationError([fieldError('body', '文件为空', 'the file is empty')]);
    const { name, type } = acceptAttachment(file);
    const bytes = file.bytes;
    const count = (await this.store.attachments(id)).length;
    if (count >= 20) throw conflict('too_many_attachments', said('每条通报至多 20 个附件', 'a bulletin holds at most 20 attachments'));
    const now = nowIso();
    const attachmentId = crypto.randomUUID();
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('bulletin_attachments').values({ id: attachmentId, bulletin_id: id, name, content_type: type, size: bytes.length, sha256, data: bytes, created_by: actor.username, created_at: now }).execute();
      await recordChange(trx, actor, 'bulletin', id, 'attach', { attachmentId, name, type, size: bytes.length, sha256 });
    });
    return this.present(actor, row, now);
  }

  /** An attachment's bytes, to whoever may see its bulletin; the read is recorded like the bulletin's. */
  async attachment(actor: Actor, id: string, attachmentId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    const row = await this.visible(actor, id, `attachment:${attachmentId}`);
    // a restricted bulletin's files need an agreement that covers attachments, not only bulletins
    if (row.class_rank >= 2 && row.sender_agency_id !== actor.agencyId && bulletinAccess(actor).centreUpTo < row.class_rank) {
      const cleared = await this.store.cleared(row.sender_agency_id, [actor.agencyId], 'attachment', row.class_rank, nowIso());
      if (!cleared.has(actor.agencyId)) throw notFound('attachment');
    }
    const a = await this.store.attachment(id, attachmentId);
    if (!a) throw notFound('attachment');
    return { name: a.name, contentType: a.content_type, data: Buffer.from(a.data) };
  }

  // ---- data-sharing agreements ----------------------------------------------------------

  /** The agreements this reader may know of (policies/agreements.ts): its own, or all for the centre and admins. */
  async agreements(actor: Actor): Promise<SharingAgreement[]> {
    const rows = (await this.store.agreements()).filter((r) => canReadAgreement(actor, { fromAgencyId: r.from_agency_id, toAgencyId: r.to_agency_id }));
    return rows.map((r) => ({
      id: r.id,
      fromAgencyId: r.from_agency_id,
      toAgencyId: r.to_agency_id,
      kinds: r.kinds.split(',').filter(Boolean) as SharingAgreement['kinds'],
      maxClassification: (Object.keys(CLASS_RANK) as ClassificationName[])[Number(r.max_rank)]!,
      ...(r.valid_from ? { validFrom: r.valid_from } : {}),
      ...(r.valid_until ? { validUntil: r.valid_until } : {}),
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  async saveAgreement(actor: Actor, a: SharingAgreement): Promise<SharingAgreement> {
    const errors: FieldError[] = [];
    if (!this.org.findAgency(a.fromAgencyId)) errors.push(fieldError('body.fromAgencyId', `单位「${a.fromAgencyId}」不存在`, `unknown agency "${a.fromAgencyId}"`));
    if (!this.org.findAgency(a.toAgencyId)) errors.push(fieldError('body.toAgencyId', `单位「${a.toAgencyId}」不存在`, `unknown agency "${a.toAgencyId}"`));
    if (a.fromAgencyId === a.toAgencyId) errors.push(fieldError('body.toAgencyId', '单位与自身之间无需协议', 'an agency needs no agreement with itself'));
    if (a.validFrom && a.validUntil && a.validUntil <= a.validFrom) errors.push(fieldError('body.validUntil', '须晚于生效时间', 'must be after validFrom'));
    if (errors.length) throw validationError(errors);
    const values = {
      id: a.id,
      from_agency_id: a.fromAgencyId,
      to_agency_id: a.toAgencyId,
      kinds: `,${[...new Set(a.kinds)].join(',')},`,
      max_rank: CLASS_RANK[a.maxClassification],
      valid_from: a.validFrom ? new Date(a.validFrom).toISOString() : null,
      valid_until: a.validUntil ? new Date(a.validUntil).toISOString() : null,
      note: a.note ?? null,
      updated_at: nowIso(),
    };
    await this.db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('sharing_agreements').values(values).onConflict((oc) => oc.column('id').doUpdateSet({ ...values })).execute();
      await recordChange(trx, actor, 'sharing_agreement', a.id, 'save', a);
    });
    return a;
  }

  async deleteAgreement(actor: Actor, id: string): Promise<void> {
    await this.db.kysely.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('sharing_agreements').where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound('agreement');
      await recordChange(trx, actor, 'sharing_agreement', id, 'delete');
    });
  }
}

/** The classifications as the console names them. */
const CLASS_ZH: Record<string, string> = { public: '公开', internal: '内部', restricted: '限制', secret: '秘密' };
