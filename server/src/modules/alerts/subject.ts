import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ResourceRef } from '../../platform/bus/event.js';
import type { AgencyDirectory } from './audience.js';
import type { FactRule } from './kinds.js';

export interface SubjectText {
  code: string | null;
  title: string | null;
  incidentCode: string | null;
}

const NONE: SubjectText = { code: null, title: null, incidentCode: null };

/**
 * The number and title people know the alerted resource by, taken when the alert is raised. A
 * kind of resource without a describer (an alarm, a patrol alert) is shown by its kind's words and
 * facts alone.
 */
export async function describeSubject(db: Kysely<Database>, about: ResourceRef): Promise<SubjectText> {
  switch (about.kind) {
    case 'incident': {
      const r = await db.selectFrom('incidents').select(['code']).where('id', '=', about.id).executeTakeFirst();
      return r ? { ...NONE, code: r.code, incidentCode: r.code } : NONE;
    }
    case 'bulletin': {
      const r = await db.selectFrom('bulletins').select(['code', 'title']).where('id', '=', about.id).executeTakeFirst();
      return r ? { ...NONE, code: r.code, title: r.title } : NONE;
    }
    case 'task': {
      const r = await db
        .selectFrom('tasks')
        .leftJoin('incidents', 'incidents.id', 'tasks.incident_id')
        .select(['tasks.code', 'tasks.title', 'incidents.code as incident_code'])
        .where('tasks.id', '=', about.id)
        .executeTakeFirst();
      return r ? { code: r.code, title: r.title, incidentCode: r.incident_code ?? null } : NONE;
    }
    case 'hazard': {
      const r = await db.selectFrom('hazards').select(['code', 'description']).where('id', '=', about.id).executeTakeFirst();
      return r ? { ...NONE, code: r.code, title: r.description.slice(0, 60) } : NONE;
    }
    default:
      return NONE;
  }
}

/** The kind's particulars from the payload, ids turned into the names people read. */
export async function factsOf(db: Kysely<Database>, rules: readonly FactRule[], payload: Record<string, unknown>, dir: AgencyDirectory): Promise<Record<string, string | number | null>> {
  const out: Record<string, string | number | null> = {};
  for (const rule of rules) {
    const v = payload[rule.from];
    if (rule.as === 'unit') {
      const u = typeof v === 'string' ? await db.selectFrom('units').select('callsign').where('id', '=', v).executeTakeFirst() : undefined;
      out[rule.name] = u?.callsign ?? null;
    } else if (rule.as === 'agency') {
      out[rule.name] = typeof v === 'string' && dir.exists(v) ? dir.name(v) : null;
    } else {
      out[rule.name] = typeof v === 'string' || typeof v === 'number' ? v : null;
    }
  }
  return out;
}
