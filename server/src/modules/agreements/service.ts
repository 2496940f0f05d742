import crypto from 'node:crypto';
import type { AgreementCompliance, CooperationAgreement, CooperationAgreementInput, ObligationInput, ObligationMeasure } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { departmentDay, now, nowIso } from '../../platform/clock.js';
import { nextNumber } from '../../platform/db/counters.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, forbidden, notFound, said, saidOf, validationError, type FieldError } from '../../platform/http/errors.js';
import { canManageCooperationAgreements, canReadCooperationAgreement, cooperationAgreementScope } from '../../platform/policies/cooperation-agreements.js';
import type { NetworkService } from '../network/service.js';
import type { OrganisationService } from '../organisation/service.js';
import { acceptAttachment, type UploadedFile } from '../sharing/attachment-upload.js';
import { displayNames } from '../users/display-names.js';
import { agreementProblems, statusOn, type PlacedLine } from './model.js';
import { measureObligation } from './compliance.js';
import type { CoopAgreementsTable } from './tables.js';

const today = () => {
  const d = departmentDay(now());
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
};

/**
 * Cooperation agreements: drawn up by the centre between two or more agencies over a stretch of
 * line and/or areas, with obligations the platform measures from its own data; in force once
 * signed (a signed copy filed) until the last day of their validity.
 */
export class CooperationAgreementService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly network: NetworkService,
  ) {}

  /** The stretches of line, each placed on the network; every mileage off its line named by field. */
  private placeLines(input: CooperationAgreementInput, problems: FieldError[]): PlacedLine[] {
    const model = this.network.current();
    const out: PlacedLine[] = [];
    input.scope.lines.forEach((l, i) => {
      const field = (f: string) => `body.scope.lines[${i}].${f}`;
      if (!model.line(l.lineId)) {
        problems.push({ field: field('lineId'), message: said(`线路「${l.lineId}」不存在`, `unknown line "${l.lineId}"`) });
        return;
      }
      const at = (text: string, f: string): number[] => {
        try {
          return model.position(l.lineId, text).candidates.map((c) => c.measureM);
        } catch (e) {
          problems.push({ field: field(f), message: saidOf(e) });
          return [];
        }
      };
      const from = at(l.from, 'from');
      const to = at(l.to, 'to');
      if (!from.length || !to.length) return;
      const fromM = from[0]!;
      const toM = to.find((m) => m > fromM);
      if (toM === undefined) problems.push({ field: field('to'), message: said(`终点里程 ${l.to} 须在起点 ${l.from} 之后`, `the end ${l.to} must lie after the start ${l.from}`) });
      else out.push({ lineId: l.lineId, from: l.from, to: l.to, fromM, toM });
    });
    return out;
  }

  /** Every problem of an agreement, its mileages placed on the network: all named by field, or the placed stretches. */
  private checked(input: CooperationAgreementInput): PlacedLine[] {
    const problems: FieldError[] = agreementProblems(input, (id) => this.org.findAgency(id)?.type).map((p) => ({ field: p.field, message: said(p.zh, p.en) }));
    const lines = this.placeLines(input, problems);
    if (problems.length) throw validationError(problems);
    return lines;
  }

  async create(actor: Actor, input: CooperationAgreementInput): Promise<CooperationAgreement> {
    if (!canManageCooperationAgreements(actor)) throw forbidden(said('联防联控协议由协调中心拟定', 'the coordination centre draws up cooperation agreements'));
    const lines = this.checked(input);
    const id = crypto.randomUUID();
    const at = nowIso();
    const parties = [...new Set(input.parties)];
    await this.db.kysely.transaction().execute(async (trx) => {
      const year = departmentDay(now()).slice(0, 4);
      const code = `XY${year}-${String(await nextNumber(trx, `coop-agreement:${year}`)).padStart(3, '0')}`;
      await trx
        .insertInto('coop_agreements')
        .values({ id, code, kind: input.kind, title: input.title, scope: JSON.stringify({ lines, areas: input.scope.areas }), obligations: JSON.stringify(input.obligations), valid_from: input.validFrom, valid_to: input.validTo, note: input.note ?? null, signed_at: null, created_by: actor.username, created_at: at })
        .execute();
      await trx.insertInto('coop_agreement_parties').values(parties.map((agency_id, seq) => ({ agreement_id: id, agency_id, seq }))).execute();
      await recordChange(trx, actor, 'cooperation_agreement', id, 'create', { code, parties, lines: lines.length, areas: input.scope.areas.length, obligations: input.obligations.length });
    });
    return this.get(actor, id);
  }

  /** Rewrites a draft as a whole (the centre); once in force, what the parties signed does not change. */
  async update(actor: Actor, id: string, input: CooperationAgreementInput): Promise<CooperationAgreement> {
    const before = await this.visible(actor, id);
    if (!canManageCooperationAgreements(actor)) throw forbidden(said('联防联控协议由协调中心拟定', 'the coordination centre draws up cooperation agreements'));
    if (before.signed_at) throw conflict('invalid_transition', said('协议已生效，不能修改；请另拟新协议', 'the agreement is in force and cannot change; draw up a new one'));
    const lines = this.checked(input);
    const parties = [...new Set(input.parties)];
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('coop_agreements')
        .set({ kind: input.kind, title: input.title, scope: JSON.stringify({ lines, areas: input.scope.areas }), obligations: JSON.stringify(input.obligations), valid_from: input.validFrom, valid_to: input.validTo, note: input.note ?? null })
        .where('id', '=', id)
        .where('signed_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('invalid_transition', said('协议已生效，不能修改', 'the agreement is in force and cannot change'));
      await trx.deleteFrom('coop_agreement_parties').where('agreement_id', '=', id).execute();
      await trx.insertInto('coop_agreement_parties').values(parties.map((agency_id, seq) => ({ agreement_id: id, agency_id, seq }))).execute();
      await recordChange(trx, actor, 'cooperation_agreement', id, 'update', { before: { title: before.title, scope: JSON.parse(before.scope), obligations: JSON.parse(before.obligations), validFrom: before.valid_from, validTo: before.valid_to }, after: { ...input, scope: { lines, areas: input.scope.areas } } });
    });
    return this.get(actor, id);
  }

  /** Files a signed copy (PDF, JPEG or PNG, judged by content, at most 5 MB). */
  async addCopy(actor: Actor, id: string, file: UploadedFile): Promise<CooperationAgreement> {
    await this.visible(actor, id);
    if (!canManageCooperationAgreements(actor)) throw forbidden(said('协议签署文本由协调中心归档', 'the coordination centre files the signed copies'));
    const { name, type } = acceptAttachment(file);
    await this.db.kysely.transaction().execute(async (trx) => {
      const copyId = crypto.randomUUID();
      await trx.insertInto('coop_agreement_copies').values({ id: copyId, agreement_id: id, name, content_type: type, size: file.bytes.length, data: file.bytes, uploaded_by: actor.username, uploaded_at: nowIso() }).execute();
      await recordChange(trx, actor, 'cooperation_agreement', id, 'copy', { copyId, name, type, size: file.bytes.length });
    });
    return this.get(actor, id);
  }

  /** Puts a draft in force: it must have a signed copy on file, and its validity must not be over. */
  async sign(actor: Actor, id: string): Promise<CooperationAgreement> {
    const a = await this.visible(actor, id);
    if (!canManageCooperationAgreements(actor)) throw forbidden(said('协议由协调中心确认生效', 'the coordination centre puts agreements in force'));
    if (a.signed_at) throw conflict('invalid_transition', said('该协议已生效', 'the agreement is already in force'));
    if (a.valid_to < today()) throw conflict('invalid_transition', said('协议有效期已过，不能生效', 'the agreement’s validity is over'));
    const copies = await this.db.kysely.selectFrom('coop_agreement_copies').select('id').where('agreement_id', '=', id).execute();
    if (!copies.length) throw conflict('no_signed_copy', said('须先上传各方签署的协议文本', 'file the copy the parties signed first'));
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.updateTable('coop_agreements').set({ signed_at: nowIso() }).where('id', '=', id).where('signed_at', 'is', null).executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('invalid_transition', said('该协议已生效', 'the agreement is already in force'));
      await recordChange(trx, actor, 'cooperation_agreement', id, 'sign', { copies: copies.length });
    });
    return this.get(actor, id);
  }

  async copy(actor: Actor, id: string, copyId: string): Promise<{ name: string; contentType: string; data: Buffer }> {
    await this.visible(actor, id);
    const c = await this.db.kysely.selectFrom('coop_agreement_copies').selectAll().where('id', '=', copyId).where('agreement_id', '=', id).executeTakeFirst();
    if (!c) throw notFound('attachment');
    return { name: c.name, contentType: c.content_type, data: Buffer.from(c.data) };
  }

  private async parties(id: string): Promise<string[]> {
    return (await this.db.kysely.selectFrom('coop_agreement_parties').select('agency_id').where('agreement_id', '=', id).orderBy('seq').execute()).map((r) => r.agency_id);
  }

  async readable(actor: Actor, id: string): Promise<boolean> {
    const parties = await this.parties(id);
    return parties.length > 0 && canReadCooperationAgreement(actor, parties);
  }

  private async visible(actor: Actor, id: string): Promise<CoopAgreementsTable> {
    const a = await this.db.kysely.selectFrom('coop_agreements').selectAll().where('id', '=', id).executeTakeFirst();
    if (!a || !(await this.readable(actor, id))) throw notFound('cooperation agreement');
    return a;
  }

  private present(a: CoopAgreementsTable, parties: string[], copies: CooperationAgreement['copies'], names: (k: string) => string): CooperationAgreement {
    const scope = JSON.parse(a.scope) as { lines: PlacedLine[]; areas: string[] };
    const model = this.network.current();
    return {
      id: a.id,
      code: a.code,
      kind: a.kind as CooperationAgreement['kind'],
      title: a.title,
      parties: parties.map((p) => ({ agencyId: p, name: this.org.agencyName(p) })),
      scope: { lines: scope.lines.map((l) => ({ ...l, lineName: model.line(l.lineId)?.name ?? l.lineId })), areas: scope.areas.map((x) => ({ agencyId: x, name: this.org.agencyName(x) })) },
      obligations: (JSON.parse(a.obligations) as ObligationInput[]).map((o) => ({ ...o, partyName: this.org.agencyName(o.partyAgencyId) })),
      validFrom: a.valid_from,
      validTo: a.valid_to,
      note: a.note,
      status: statusOn(today(), { signedAt: a.signed_at, validTo: a.valid_to }),
      signedAt: a.signed_at,
      copies,
      createdBy: names(a.created_by),
      createdAt: a.created_at,
    };
  }

  async get(actor: Actor, id: string): Promise<CooperationAgreement> {
    const a = await this.visible(actor, id);
    const copies = await this.db.kysely.selectFrom('coop_agreement_copies').select(['id', 'name', 'content_type', 'size', 'uploaded_at', 'uploaded_by']).where('agreement_id', '=', id).orderBy('uploaded_at').execute();
    const names = await displayNames(this.db.kysely, [a.created_by, ...copies.map((c) => c.uploaded_by)]);
    return this.present(
      a,
      await this.parties(id),
      copies.map((c) => ({ id: c.id, name: c.name, contentType: c.content_type, size: Number(c.size), uploadedAt: c.uploaded_at, uploadedBy: names(c.uploaded_by) })),
      names,
    );
  }

  async list(actor: Actor) {
    const scope = cooperationAgreementScope(actor);
    let q = this.db.kysely.selectFrom('coop_agreements').selectAll().orderBy('created_at', 'desc');
    if (!scope.all) q = q.where('id', 'in', this.db.kysely.selectFrom('coop_agreement_parties').select('agreement_id').where('agency_id', '=', scope.agencyId ?? ''));
    const rows = await q.execute();
    const parties = rows.length ? await this.db.kysely.selectFrom('coop_agreement_parties').selectAll().where('agreement_id', 'in', rows.map((r) => r.id)).orderBy('seq').execute() : [];
    const names = await displayNames(this.db.kysely, rows.map((r) => r.created_by));
    return rows.map((r) => {
      const { id, code, kind, title, parties: p, validFrom, validTo, status } = this.present(r, parties.filter((x) => x.agreement_id === r.id).map((x) => x.agency_id), [], names);
      return { id, code, kind, title, parties: p, validFrom, validTo, status };
    });
  }

  /** Each obligation measured over a Beijing month from the platform's own records, within the agreement's scope. */
  async compliance(actor: Actor, id: string, month: string): Promise<AgreementCompliance> {
    const a = await this.visible(actor, id);
    const scope = JSON.parse(a.scope) as { lines: PlacedLine[]; areas: string[] };
    const obligations = JSON.parse(a.obligations) as ObligationInput[];
    const measured: ObligationMeasure[] = [];
    let bounds = { from: '', to: '' };
    for (const [index, o] of obligations.entries()) {
      const m = await measureObligation(this.db.kysely, o, scope, month, nowIso());
      bounds = m.bounds;
      measured.push({ index, kind: o.kind, partyAgencyId: o.partyAgencyId, partyName: this.org.agencyName(o.partyAgencyId), target: o.target, limitMin: o.limitMin ?? null, ...m.result });
    }
    return { agreementId: id, month, ...bounds, obligations: measured };
  }
}
