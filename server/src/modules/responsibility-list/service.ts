import crypto from 'node:crypto';
import type { ResponsibilityDraftInput, ResponsibilityListDiff, ResponsibilityListIndex, ResponsibilityListRow, ResponsibilityListSummary, ResponsibilityListVersion } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { recordChange } from '../../platform/change-log.js';
import { conflict, notFound, said, validationError } from '../../platform/http/errors.js';
import { authorize, can } from '../../platform/policies/actions.js';
import type { OrganisationService } from '../organisation/service.js';
import { isPlatformAgency } from '../organisation/platform.js';
import { diffRows, listRows, namedAgencies, sameContent } from './model.js';
import { defaultLegalBasis } from './legal-basis.js';
import type { ResponsibilityListVersionsTable } from './tables.js';

/**
 * The power-and-responsibility list (权责清单): drafted by the centre from the matrix as it is,
 * approved by a commander of the centre (or an administrator) into version N, read by everyone.
 *
 * A draft the matrix (or a legal basis, or the agencies) has moved away from is refused at
 * approval (409 stale) rather than silently redrafted: the approver signs what they read, and a
 * redraft would publish rows nobody reviewed. The console offers the redraft, which is one click.
 */
export class ResponsibilityListService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
  ) {}

  private async basis(): Promise<Map<string, string>> {
    const rows = await this.db.kysely.selectFrom('responsibility_legal_basis').select(['category_id', 'text']).execute();
    return new Map(rows.map((r) => [r.category_id, r.text]));
  }

  /** The list as the matrix says it now. */
  private async current(): Promise<{ rows: ResponsibilityListRow[]; agencies: ReturnType<typeof namedAgencies> }> {
    const rows = listRows(this.org.categories(), this.org.rules(), await this.basis());
    return { rows, agencies: namedAgencies(rows, this.org.agencies(), isPlatformAgency) };
  }

  async legalBasis() {
    const basis = await this.basis();
    return { categories: this.org.categories().map((c) => ({ categoryId: c.id, categoryZh: c.nameZh, text: basis.get(c.id) ?? defaultLegalBasis(c), edited: basis.has(c.id) })) };
  }

  async index(actor: Actor): Promise<ResponsibilityListIndex> {
    const rows = await this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('status', 'in', ['draft', 'published']).orderBy('number', 'desc').execute();
    const mayDraft = can(actor, 'responsibility.draft');
    const mayApprove = can(actor, 'responsibility.approve');
    const draft = rows.find((r) => r.status === 'draft');
    return {
      versions: await Promise.all(rows.filter((r) => r.status === 'published').map((r) => this.summary(r))),
      // a draft binds nobody and is the centre's working paper: only those who may work on it see it
      draft: draft && mayDraft ? await this.summary(draft) : null,
      mayDraft,
      mayApprove,
    };
  }

  async version(n: number): Promise<ResponsibilityListVersion> {
    const r = await this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('number', '=', n).where('status', '=', 'published').executeTakeFirst();
    if (!r) throw notFound('responsibility list version');
    return this.full(r);
  }

  async latest(): Promise<ResponsibilityListVersion | null> {
    const r = await this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('status', '=', 'published').orderBy('number', 'desc').limit(1).executeTakeFirst();
    return r ? this.full(r) : null;
  }

  async draft(actor: Actor): Promise<ResponsibilityListVersion> {
    authorize(actor, 'responsibility.draft');
    const r = await this.openDraft();
    if (!r) throw notFound('responsibility list draft');
    return this.full(r);
  }

  /**
   * Drafts from the current matrix, or redrafts the open draft: its note and legal basis edits
   * are written with it, in one transaction, so the draft always shows what approval would publish.
   */
  async saveDraft(actor: Actor, input: ResponsibilityDraftInput): Promise<ResponsibilityListVersion> {
    authorize(actor, 'responsibility.draft');
    const known = new Set(this.org.categories().map((c) => c.id));
    const unknown = input.legalBasis.map((b, i) => ({ b, i })).filter((x) => !known.has(x.b.categoryId));
    if (unknown.length) throw validationError(unknown.map((x) => ({ field: `body.legalBasis[${x.i}].categoryId`, message: said(`警情类别 ${x.b.categoryId} 不存在`, `unknown category ${x.b.categoryId}`) })));
    const at = nowIso();
    const id = await this.db.kysely.transaction().execute(async (trx) => {
      for (const b of input.legalBasis) {
        const values = { text: b.text, updated_by: actor.username, updated_at: at };
        await trx.insertInto('responsibility_legal_basis').values({ category_id: b.categoryId, ...values }).onConflict((oc) => oc.column('category_id').doUpdateSet(values)).execute();
      }
      const basis = new Map((await trx.selectFrom('responsibility_legal_basis').select(['category_id', 'text']).execute()).map((r) => [r.category_id, r.text]));
      const rows = listRows(this.org.categories(), this.org.rules(), basis);
      const content = { rows: JSON.stringify(rows), agencies: JSON.stringify(namedAgencies(rows, this.org.agencies(), isPlatformAgency)), note: input.note ?? null, drafted_by: actor.displayName, drafted_at: at };
      const open = await trx.selectFrom('responsibility_list_versions').select('id').where('draft_slot', '=', 'open').executeTakeFirst();
      const draftId = open?.id ?? crypto.randomUUID();
      if (open) await trx.updateTable('responsibility_list_versions').set(content).where('id', '=', draftId).execute();
      // the unique draft slot turns a second, simultaneous first draft into an error rather than a second draft
      else await trx.insertInto('responsibility_list_versions').values({ id: draftId, number: null, status: 'draft', draft_slot: 'open', ...content, approved_by: null, approved_at: null }).execute();
      await recordChange(trx, actor, 'responsibility_list', draftId, open ? 'redraft' : 'draft', { note: input.note ?? null, legalBasis: input.legalBasis.map((b) => b.categoryId), rows: rows.length });
      return draftId;
    });
    return this.full(await this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }

  async discard(actor: Actor): Promise<void> {
    authorize(actor, 'responsibility.draft');
    const r = await this.openDraft();
    if (!r) throw notFound('responsibility list draft');
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.updateTable('responsibility_list_versions').set({ status: 'discarded', draft_slot: null }).where('id', '=', r.id).where('draft_slot', '=', 'open').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw notFound('responsibility list draft');
      await recordChange(trx, actor, 'responsibility_list', r.id, 'discard', {});
    });
  }

  /** Publishes the draft the approver read as the next version; refused when it is no longer the draft or no longer the matrix. */
  async approve(actor: Actor, draftId: string): Promise<ResponsibilityListVersion> {
    authorize(actor, 'responsibility.approve');
    const r = await this.openDraft();
    if (!r || r.id !== draftId) throw conflict('changed_meanwhile', said('该草稿已被重拟、批准或作废，请刷新后再审批', 'the draft was redrafted, approved or discarded meanwhile; reload it'));
    const now = await this.current();
    if (!sameContent({ rows: JSON.parse(r.rows), agencies: JSON.parse(r.agencies) }, now)) {
      throw conflict('stale', said('草稿拟定后责任分工、法律依据或单位已有变化，请重新拟定后再审批', 'the matrix, a legal basis or the agencies changed since the draft was made; redraft it before approving'));
    }
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('responsibility_list_versions').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      const done = await trx
        .updateTable('responsibility_list_versions')
        .set({ status: 'published', draft_slot: null, number, approved_by: actor.displayName, approved_at: at })
        .where('id', '=', r.id)
        .where('draft_slot', '=', 'open')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('changed_meanwhile', said('该草稿已被批准或作废', 'the draft was approved or discarded meanwhile'));
      await recordChange(trx, actor, 'responsibility_list', r.id, 'approve', { number, rows: JSON.parse(r.rows).length });
    });
    return this.full(await this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow());
  }

  async diff(from: number, to: number): Promise<ResponsibilityListDiff> {
    const [a, b] = await Promise.all([this.version(from), this.version(to)]);
    return diffRows({ number: a.number!, rows: a.rows }, { number: b.number!, rows: b.rows });
  }

  private openDraft() {
    return this.db.kysely.selectFrom('responsibility_list_versions').selectAll().where('draft_slot', '=', 'open').executeTakeFirst();
  }

  private async stale(r: ResponsibilityListVersionsTable): Promise<boolean> {
    return r.status === 'draft' && !sameContent({ rows: JSON.parse(r.rows), agencies: JSON.parse(r.agencies) }, await this.current());
  }

  private async summary(r: ResponsibilityListVersionsTable): Promise<ResponsibilityListSummary> {
    return {
      id: r.id,
      number: r.number === null ? null : Number(r.number),
      status: r.status as 'draft' | 'published',
      note: r.note,
      draftedBy: r.drafted_by,
      draftedAt: r.drafted_at,
      approvedBy: r.approved_by,
      approvedAt: r.approved_at,
      stale: await this.stale(r),
      rowCount: (JSON.parse(r.rows) as unknown[]).length,
    };
  }

  private async full(r: ResponsibilityListVersionsTable): Promise<ResponsibilityListVersion> {
    const { rowCount: _n, ...s } = await this.summary(r);
    return { ...s, rows: JSON.parse(r.rows), agencies: JSON.parse(r.agencies) };
  }
}
