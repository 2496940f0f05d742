import type { Kysely } from 'kysely';
import type { Agency, Agreement, Category, Jurisdiction, OrganisationDocument, ResponsibilityRule } from '@railjoint/contracts';
import type { Database } from '../../platform/db/schema.js';

/** Queries for agencies, jurisdictions, the category taxonomy and the responsibility matrix. */
export class OrganisationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async loadDocument(): Promise<OrganisationDocument> {
    const [agencies, jurisdictions, agreements] = await Promise.all([
      this.db.selectFrom('agencies').selectAll().orderBy('id').execute(),
      this.db.selectFrom('jurisdictions').selectAll().orderBy('id').execute(),
      this.db.selectFrom('agreements').selectAll().orderBy('id').execute(),
    ]);
    return {
      agencies: agencies.map((a) => ({
        id: a.id,
        name: a.name,
        type: a.type as Agency['type'],
        parentId: a.parent_id,
        ...(a.duty_phone ? { dutyPhone: a.duty_phone } : {}),
      })),
      jurisdictions: jurisdictions.map((j) => JSON.parse(j.spec) as Jurisdiction),
      agreements: agreements.map((a) => ({ id: a.id, kind: 'joint_defence' as const, agencyIds: JSON.parse(a.agency_ids) as string[], ...(a.note ? { note: a.note } : {}) })),
    };
  }

  async agencyExists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async agencyCount(): Promise<number> {
    const row = await this.db.selectFrom('agencies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async upsertAgencies(trx: Kysely<Database>, agencies: Agency[], now: string): Promise<void> {
    for (const a of agencies) {
      const values = { name: a.name, type: a.type, parent_id: a.parentId ?? null, duty_phone: a.dutyPhone ?? null, updated_at: now };
      await trx
        .insertInto('agencies')
        .values({ id: a.id, ...values, created_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
    }
  }

  /** Replaces the jurisdictions of the given agencies. */
  async replaceJurisdictions(trx: Kysely<Database>, agencyIds: string[], jurisdictions: Jurisdiction[], now: string): Promise<void> {
    for (let i = 0; i < agencyIds.length; i += 500) {
      await trx.deleteFrom('jurisdictions').where('agency_id', 'in', agencyIds.slice(i, i + 500)).execute();
    }
    const rows = jurisdictions.map((j) => ({ agency_id: j.agencyId, kind: j.kind, spec: JSON.stringify(j), created_at: now }));
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('jurisdictions').values(rows.slice(i, i + 200)).execute();
  }

  async upsertAgreements(trx: Kysely<Database>, agreements: Agreement[], now: string): Promise<void> {
    for (const a of agreements) {
      const values = { kind: a.kind, agency_ids: JSON.stringify(a.agencyIds), note: a.note ?? null, updated_at: now };
      await trx.insertInto('agreements').values({ id: a.id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    }
  }

  async categories(): Promise<Category[]> {
    const rows = await this.db.selectFrom('categories').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      pinyin: r.pinyin,
      group: r.category_group,
      basePriority: r.base_priority as Category['basePriority'],
    }));
  }

  async upsertCategory(trx: Kysely<Database>, c: Category, now: string): Promise<void> {
    const values = { name_zh: c.nameZh, name_en: c.nameEn, pinyin: c.pinyin, category_group: c.group, base_priority: c.basePriority, updated_at: now };
    await trx.insertInto('categories').values({ id: c.id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  }

  async rules(): Promise<ResponsibilityRule[]> {
    const rows = await this.db.selectFrom('responsibility_rules').selectAll().orderBy('category_id').orderBy('place_kind').execute();
    return rows.map((r) => ({
      categoryId: r.category_id,
      placeKind: r.place_kind as ResponsibilityRule['placeKind'],
      lead: r.lead as ResponsibilityRule['lead'],
      support: JSON.parse(r.support),
      inform: JSON.parse(r.inform),
      timeLimitS: r.time_limit_s,
    }));
  }

  async upsertRule(trx: Kysely<Database>, r: ResponsibilityRule, now: string): Promise<void> {
    const values = { lead: r.lead, support: JSON.stringify(r.support), inform: JSON.stringify(r.inform), time_limit_s: r.timeLimitS, updated_at: now };
    await trx
      .insertInto('responsibility_rules')
      .values({ category_id: r.categoryId, place_kind: r.placeKind, ...values })
      .onConflict((oc) => oc.columns(['category_id', 'place_kind']).doUpdateSet(values))
      .execute();
  }
}
