import type { Kysely } from 'kysely';
import type { Role } from '@railjoint/contracts';
import type { Database } from '../../src/platform/db/schema.js';
import { grantFor, READ_POLICIES, type Facts, type ResourceKind } from '../../src/platform/policies.js';
import { CivilFacts } from './civil-oracle.js';

/** A person the matrix signs in as: what the read rules look at. */
export interface Reader {
  username: string;
  agencyId: string;
  agencyType: string | null;
  roles: Role[];
}

/**
 * The matrix's oracle: the facts of a reader and a resource read straight from the tables (who has
 * which part, which agreements hold, who sits in which command), then the read rule's own grants
 * decide. The code under test answers through its services, SQL filters and the live channel;
 * this answers from the description alone, so a disagreement is a leak or a wrongful refusal.
 */
export class Oracle {
  /** how often each grant of each rule decided a case, and how many refusals each rule made */
  readonly used = new Map<string, number>();

  private readonly civil: CivilFacts;

  constructor(private readonly db: Kysely<Database>) {
    this.civil = new CivilFacts(db, (incidentId, reader) => this.incidentRelations(incidentId, reader));
  }

  async expect(kind: ResourceKind, id: string, reader: Reader): Promise<boolean> {
    const facts = await this.facts(kind, id, reader);
    if (!facts) return false;
    const policy = READ_POLICIES[kind] as { grants: readonly unknown[] };
    const grant = grantFor(READ_POLICIES[kind] as never, reader.roles, facts as never);
    const key = grant === null ? `${kind}:refused` : `${kind}:${policy.grants.indexOf(grant)}`;
    this.used.set(key, (this.used.get(key) ?? 0) + 1);
    return grant !== null;
  }

  private centre(reader: Reader): string[] {
    return reader.agencyType === 'coordination_centre' ? ['centre'] : [];
  }

  private async agreement(from: string | null, to: string, kind: string, rank: number): Promise<boolean> {
    if (!from) return false;
    const now = new Date().toISOString();
    const rows = await this.db.selectFrom('sharing_agreements').selectAll().where('from_agency_id', '=', from).where('to_agency_id', '=', to).execute();
    return rows.some((a) => a.kinds.split(',').includes(kind) && Number(a.max_rank) >= rank && (!a.valid_from || a.valid_from <= now) && (!a.valid_until || a.valid_until >= now));
  }

  private async incidentRelations(incidentId: string, reader: Reader): Promise<string[] | null> {
    const inc = await this.db.selectFrom('incidents').select(['lead_agency_id']).where('id', '=', incidentId).executeTakeFirst();
    if (!inc) return null;
    const parts = await this.db.selectFrom('incident_agencies').select('role').where('incident_id', '=', incidentId).where('agency_id', '=', reader.agencyId).execute();
    const out = [...this.centre(reader), ...parts.map((p) => p.role)];
    if (await this.agreement(inc.lead_agency_id, reader.agencyId, 'incident', 1)) out.push('agreement');
    return out;
  }

  private async commandMember(commandId: string | null, agencyId: string): Promise<boolean> {
    if (!commandId) return false;
    return (await this.db.selectFrom('command_members').select('agency_id').where('command_id', '=', commandId).where('agency_id', '=', agencyId).executeTakeFirst()) !== undefined;
  }

  /** The rule's answer without counting it: an alert asks its subject's rule on the side. */
  private async allowsQuietly(kind: string, id: string, reader: Reader): Promise<boolean> {
    if (!(kind in READ_POLICIES)) return false;
    const facts = await this.facts(kind as ResourceKind, id, reader);
    return facts !== null && grantFor(READ_POLICIES[kind as ResourceKind] as never, reader.roles, facts as never) !== null;
  }

  async facts(kind: ResourceKind, id: string, reader: Reader): Promise<Facts | null> {
    const none = {} as Record<string, string>;
    switch (kind) {
      case 'incident': {
        const relations = await this.incidentRelations(id, reader);
        return relations && { relations, dims: none };
      }
      case 'command': {
        const c = await this.db.selectFrom('commands').select('incident_id').where('id', '=', id).executeTakeFirst();
        const relations = c ? await this.incidentRelations(c.incident_id, reader) : null;
        return relations && { relations, dims: none };
      }
      case 'task': {
        const t = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
        if (!t) return null;
        const relations = this.centre(reader);
        if (t.from_agency_id === reader.agencyId) relations.push('issuer');
        if (t.to_agency_id === reader.agencyId) relations.push('receiver');
        if (await this.commandMember(t.command_id, reader.agencyId)) relations.push('command_member');
        return { relations, dims: none };
      }
      case 'unit': {
        const u = await this.db.selectFrom('units').select(['agency_id']).where('id', '=', id).executeTakeFirst();
        if (!u) return null;
        const relations = this.centre(reader);
        if (u.agency_id === reader.agencyId) relations.push('owner');
        const working = await this.db
          .selectFrom('assignments')
          .innerJoin('incident_agencies', 'incident_agencies.incident_id', 'assignments.incident_id')
          .select('assignments.id')
          .where('assignments.unit_id', '=', id)
          .where('assignments.status', 'in', ['assigned', 'acknowledged'])
          .where('incident_agencies.agency_id', '=', reader.agencyId)
          .executeTakeFirst();
        if (working) relations.push('on_my_incident');
        return { relations, dims: none };
      }
      case 'bulletin':
      case 'bulletin_file': {
        const b = await this.db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
        if (!b) return null;
        const relations = this.centre(reader);
        if (b.sender_agency_id === reader.agencyId) relations.push('sender');
        const recipient = await this.db.selectFrom('bulletin_recipients').select('agency_id').where('bulletin_id', '=', id).where('agency_id', '=', reader.agencyId).executeTakeFirst();
        if (recipient) relations.push('recipient');
        const roles = b.roles.split(',').filter(Boolean);
        const rank = Number(b.class_rank);
        const dims: Record<string, string> = {
          classification: b.classification,
          agreement: (await this.agreement(b.sender_agency_id, reader.agencyId, 'bulletin', rank)) ? 'covers' : 'none',
          roleFits: roles.length === 0 || reader.roles.some((r) => roles.includes(r)) ? 'yes' : 'no',
        };
        if (kind === 'bulletin_file') dims.files = (await this.agreement(b.sender_agency_id, reader.agencyId, 'attachment', rank)) ? 'covers' : 'none';
        return { relations, dims };
      }
      case 'sitrep': {
        const s = await this.db.selectFrom('sitreps').select(['incident_id', 'status']).where('id', '=', id).executeTakeFirst();
        const relations = s ? await this.incidentRelations(s.incident_id, reader) : null;
        return relations && s ? { relations, dims: { status: s.status } } : null;
      }
      case 'message': {
        const m = await this.db.selectFrom('messages').select(['incident_id', 'channel']).where('id', '=', id).executeTakeFirst();
        if (!m) return null;
        const relations = await this.incidentRelations(m.incident_id, reader);
        if (!relations) return null;
        const c = await this.db.selectFrom('commands').select('id').where('incident_id', '=', m.incident_id).executeTakeFirst();
        if (c && (await this.commandMember(c.id, reader.agencyId))) relations.push('command_member');
        return { relations, dims: { channel: m.channel } };
      }
      case 'alert': {
        const a = await this.db.selectFrom('alerts').select(['about_kind', 'about_id']).where('id', '=', id).executeTakeFirst();
        if (!a) return null;
        const addressed = await this.db.selectFrom('alert_recipients').select('agency_id').where('alert_id', '=', id).where('agency_id', '=', reader.agencyId).executeTakeFirst();
        const readable = await this.allowsQuietly(a.about_kind, a.about_id, reader);
        return { relations: addressed ? ['addressee'] : [], dims: { subject: readable ? 'readable' : 'unreadable' } };
      }
      case 'device':
      case 'alarm': {
        const deviceId = kind === 'device' ? id : (await this.db.selectFrom('alarms').select('device_id').where('id', '=', id).executeTakeFirst())?.device_id;
        const rows = deviceId ? await this.db.selectFrom('device_agencies').select(['relation']).where('device_id', '=', deviceId).where('agency_id', '=', reader.agencyId).execute() : [];
        if (!deviceId || !(await this.db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst())) return null;
        return { relations: [...this.centre(reader), ...new Set(rows.map((r) => r.relation))], dims: none };
      }
      case 'maintenance_window': {
        const w = await this.db.selectFrom('maintenance_windows').select(['agency_id', 'declarer_agency_id']).where('id', '=', id).executeTakeFirst();
        if (!w) return null;
        const relations = this.centre(reader);
        if (w.agency_id === reader.agencyId) relations.push('worker');
        if (w.declarer_agency_id === reader.agencyId) relations.push('declarer');
        if (await this.db.selectFrom('maintenance_window_agencies').select('agency_id').where('window_id', '=', id).where('agency_id', '=', reader.agencyId).executeTakeFirst()) relations.push('jurisdiction');
        return { relations, dims: none };
      }
      case 'patrol_team':
      case 'patrol_member':
      case 'checkpoint':
      case 'patrol_plan':
      case 'patrol':
      case 'finding':
      case 'patrol_alert':
      case 'public_report':
      case 'reporter_contact':
        return this.civil.facts(kind, id, reader);
      case 'federation_node':
      case 'federated_incident':
      case 'federated_bulletin': {
        const found =
          kind === 'federation_node'
            ? await this.db.selectFrom('federation_nodes').select('code').where('code', '=', id).executeTakeFirst()
            : kind === 'federated_incident'
              ? await this.db.selectFrom('federation_incidents').select('id').where('id', '=', id).executeTakeFirst()
              : await this.db.selectFrom('federation_bulletins').select('id').where('id', '=', id).executeTakeFirst();
        return found ? { relations: this.centre(reader), dims: none } : null;
      }
      case 'cooperation_agreement': {
        const parties = (await this.db.selectFrom('coop_agreement_parties').select('agency_id').where('agreement_id', '=', id).execute()).map((r) => r.agency_id);
        if (!parties.length) return null;
        return { relations: [...this.centre(reader), ...(parties.includes(reader.agencyId) ? ['party'] : [])], dims: none };
      }
      case 'meeting': {
        const invited = (await this.db.selectFrom('meeting_agencies').select('agency_id').where('meeting_id', '=', id).execute()).map((r) => r.agency_id);
        if (!invited.length) return null;
        return { relations: [...this.centre(reader), ...(invited.includes(reader.agencyId) ? ['invited'] : [])], dims: none };
      }
      case 'agency_indicators': {
        const agency = await this.db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst();
        if (!agency) return null;
        return { relations: [...this.centre(reader), ...(id === reader.agencyId ? ['own'] : [])], dims: none };
      }
      case 'hazard': {
        const h = await this.db.selectFrom('hazards').select(['railway_agency_id', 'local_agency_id', 'county_id', 'finder_agency_id']).where('id', '=', id).executeTakeFirst();
        if (!h) return null;
        const relations = this.centre(reader);
        if (h.railway_agency_id === reader.agencyId || h.local_agency_id === reader.agencyId) relations.push('owner');
        if (h.county_id === reader.agencyId) relations.push('county');
        if (h.finder_agency_id === reader.agencyId) relations.push('finder');
        return { relations, dims: none };
      }
      case 'agreement': {
        const a = await this.db.selectFrom('sharing_agreements').select(['from_agency_id', 'to_agency_id']).where('id', '=', id).executeTakeFirst();
        if (!a) return null;
        const relations = this.centre(reader);
        if (a.from_agency_id === reader.agencyId || a.to_agency_id === reader.agencyId) relations.push('party');
        return { relations, dims: none };
      }
    }
  }
}
