import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { PersonalData } from '../../platform/crypto/personal-data.js';
import { nowIso } from '../../platform/clock.js';

/**
 * The one place personal data of civil defence is written and read: team members' names, phone
 * and identity numbers, and public reporters' contact details. Each subject's fields are one JSON
 * value sealed with SM4 (platform/crypto, issue 15) in `personal_records`, listed in
 * src/personal-data.ts so a key rotation re-seals it. No other code touches the table. Who may
 * *see* the fields is decided by the read rules (MEMBER_READ, REPORTER_CONTACT_READ) before
 * anything here is called.
 */
export type SubjectKind = 'member' | 'reporter';

export interface PersonalFields {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  email: string | null;
}

const recordId = (kind: SubjectKind, id: string) => `${kind}:${id}`;

export class PersonalRecords {
  constructor(private readonly pd: PersonalData) {}

  async put(trx: Kysely<Database>, kind: SubjectKind, id: string, f: Partial<PersonalFields>): Promise<void> {
    const fields: PersonalFields = { name: f.name ?? null, phone: f.phone ?? null, idNumber: f.idNumber ?? null, email: f.email ?? null };
    const row = { data: this.pd.seal(JSON.stringify(fields)), updated_at: nowIso() };
    await trx
      .insertInto('personal_records')
      .values({ id: recordId(kind, id), subject_kind: kind, subject_id: id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async get(db: Kysely<Database>, kind: SubjectKind, ids: readonly string[]): Promise<Map<string, PersonalFields>> {
    const out = new Map<string, PersonalFields>();
    // in slices: a long IN list is fine on both engines, an unbounded one is not
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('personal_records').select(['subject_id', 'data']).where('id', 'in', ids.slice(i, i + 500).map((x) => recordId(kind, x))).execute();
      for (const r of rows) out.set(r.subject_id, JSON.parse(this.pd.read(r.data)) as PersonalFields);
    }
    return out;
  }

  async has(db: Kysely<Database>, kind: SubjectKind, id: string): Promise<boolean> {
    const f = (await this.get(db, kind, [id])).get(id);
    return !!f && Object.values(f).some((v) => v !== null && v !== '');
  }
}
