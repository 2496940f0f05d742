import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { DomainEvent } from '../../platform/bus/event.js';
import type { AudienceRule } from './kinds.js';
import { isPlatformAgency } from '../organisation/platform.js';

/** What the audience and fact rules need of the organisation. */
export interface AgencyDirectory {
  /** the coordination centres of the department (not the platform's own administration) */
  centres(): string[];
  exists(id: string): boolean;
  name(id: string): string;
}

function payloadOf(e: DomainEvent): Record<string, unknown> {
  return e.payload && typeof e.payload === 'object' ? (e.payload as Record<string, unknown>) : {};
}

async function resolveOne(db: Kysely<Database>, rule: AudienceRule, e: DomainEvent, dir: AgencyDirectory): Promise<Array<string | null | undefined>> {
  const p = payloadOf(e);
  if (typeof rule === 'object') return [typeof p[rule.payload] === 'string' ? (p[rule.payload] as string) : null];
  const about = e.about ?? { kind: e.entity, id: e.entityId };
  switch (rule) {
    case 'centre':
      return dir.centres();
    case 'incident:lead': {
      if (about.kind !== 'incident') return [];
      const row = await db.selectFrom('incidents').select('lead_agency_id').where('id', '=', about.id).executeTakeFirst();
      return [row?.lead_agency_id];
    }
    case 'unit:agency': {
      if (typeof p.unitId !== 'string') return [];
      const row = await db.selectFrom('units').select('agency_id').where('id', '=', p.unitId).executeTakeFirst();
      return [row?.agency_id];
    }
    case 'transfer:from': {
      if (about.kind !== 'incident') return [];
      const row = await db.selectFrom('transfers').select('from_agency_id').where('incident_id', '=', about.id).orderBy('sent_at', 'desc').orderBy('id').executeTakeFirst();
      return [row?.from_agency_id];
    }
    case 'task:issuer':
    case 'task:receiver': {
      if (about.kind !== 'task') return [];
      const row = await db.selectFrom('tasks').select(['from_agency_id', 'to_agency_id']).where('id', '=', about.id).executeTakeFirst();
      return [rule === 'task:issuer' ? row?.from_agency_id : row?.to_agency_id];
    }
    case 'device:jurisdiction': {
      // the device's owner (a maintenance section) reads its alarms but gets repair tasks, not alerts
      if (typeof p.deviceId !== 'string') return [];
      const rows = await db.selectFrom('device_agencies').select('agency_id').where('device_id', '=', p.deviceId).where('relation', '=', 'jurisdiction').execute();
      return rows.map((r) => r.agency_id);
    }
    case 'bulletin:waiting': {
      if (about.kind !== 'bulletin') return [];
      const rows = await db.selectFrom('bulletin_recipients').select('agency_id').where('bulletin_id', '=', about.id).where('acknowledged_at', 'is', null).execute();
      return rows.map((r) => r.agency_id);
    }
  }
}

/**
 * The agencies an alert goes to: each rule resolved against the event and the data as it stands
 * when the alert is raised, known agencies only, each once. Whoever does not exist as an agency of
 * the department (the platform's administration, the system) is never addressed.
 */
export async function resolveAudience(db: Kysely<Database>, rules: readonly AudienceRule[], e: DomainEvent, dir: AgencyDirectory): Promise<string[]> {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const id of await resolveOne(db, rule, e, dir)) if (id && !isPlatformAgency(id) && dir.exists(id)) out.add(id);
  }
  return [...out];
}
