import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/schema.js';
import type { Facts } from '../../src/platform/policies.js';
import type { Reader } from './oracle.js';

/**
 * The facts of civil defence's read rules, read straight from the tables — the plans' own lists
 * of teams and checkpoints (JSON), not the join tables the services filter by — so a filter that
 * drifts from the rules shows as a disagreement.
 */
export class CivilFacts {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly incidentRelations: (incidentId: string, reader: Reader) => Promise<string[] | null>,
  ) {}

  private centre(reader: Reader): string[] {
    return reader.agencyType === 'coordination_centre' ? ['centre'] : [];
  }

  /** Plans the reader's agency made or has a team in, with the teams and checkpoints each names. */
  private async plansOf(agencyId: string): Promise<Array<{ id: string; teams: string[]; checkpoints: string[] }>> {
    const plans = await this.db.selectFrom('patrol_plans').select(['id', 'agency_id', 'team_ids', 'checkpoint_ids']).execute();
    const teams = new Map((await this.db.selectFrom('patrol_teams').select(['id', 'agency_id']).execute()).map((t) => [t.id, t.agency_id]));
    return plans
      .map((p) => ({ id: p.id, owner: p.agency_id, teams: JSON.parse(p.team_ids) as string[], checkpoints: JSON.parse(p.checkpoint_ids) as string[] }))
      .filter((p) => p.owner === agencyId || p.teams.some((t) => teams.get(t) === agencyId));
  }

  async facts(kind: string, id: string, reader: Reader): Promise<Facts | null> {
    const none = {} as Record<string, string>;
    const relations = this.centre(reader);
    switch (kind) {
      case 'patrol_team': {
        const t = await this.db.selectFrom('patrol_teams').select('agency_id').where('id', '=', id).executeTakeFirst();
        if (!t) return null;
        if (t.agency_id === reader.agencyId) relations.push('owner');
        if ((await this.plansOf(reader.agencyId)).some((p) => p.teams.includes(id))) relations.push('plan_partner');
        return { relations, dims: none };
      }
      case 'patrol_member': {
        const m = await this.db.selectFrom('patrol_members').innerJoin('patrol_teams', 'patrol_teams.id', 'patrol_members.team_id').select('patrol_teams.agency_id').where('patrol_members.id', '=', id).executeTakeFirst();
        if (!m) return null;
        if (m.agency_id === reader.agencyId) relations.push('owner');
        return { relations, dims: none };
      }
      case 'checkpoint': {
        const c = await this.db.selectFrom('checkpoints').select('agency_id').where('id', '=', id).executeTakeFirst();
        if (!c) return null;
        if (c.agency_id === reader.agencyId) relations.push('owner');
        if ((await this.plansOf(reader.agencyId)).some((p) => p.checkpoints.includes(id))) relations.push('plan_partner');
        return { relations, dims: none };
      }
      case 'patrol_plan': {
        const p = await this.db.selectFrom('patrol_plans').select(['agency_id', 'team_ids']).where('id', '=', id).executeTakeFirst();
        if (!p) return null;
        if (p.agency_id === reader.agencyId) relations.push('owner');
        const teams = JSON.parse(p.team_ids) as string[];
        const mine = await this.db.selectFrom('patrol_teams').select('id').where('agency_id', '=', reader.agencyId).execute();
        if (mine.some((t) => teams.includes(t.id))) relations.push('participant');
        return { relations, dims: none };
      }
      case 'patrol': {
        const p = await this.db.selectFrom('patrols').innerJoin('patrol_teams', 'patrol_teams.id', 'patrols.team_id').select(['patrol_teams.agency_id', 'patrols.duty_id']).where('patrols.id', '=', id).executeTakeFirst();
        if (!p) return null;
        if (p.agency_id === reader.agencyId) relations.push('team');
        const duty = p.duty_id ? await this.db.selectFrom('patrol_duties').select('plan_id').where('id', '=', p.duty_id).executeTakeFirst() : undefined;
        if (duty && (await this.plansOf(reader.agencyId)).some((x) => x.id === duty.plan_id)) relations.push('plan');
        return { relations, dims: none };
      }
      case 'finding': {
        const f = await this.db.selectFrom('patrol_findings').innerJoin('patrols', 'patrols.id', 'patrol_findings.patrol_id').innerJoin('patrol_teams', 'patrol_teams.id', 'patrols.team_id').select(['patrol_teams.agency_id', 'patrol_findings.incident_id']).where('patrol_findings.id', '=', id).executeTakeFirst();
        if (!f) return null;
        if (f.agency_id === reader.agencyId) relations.push('team');
        const part = f.incident_id ? await this.db.selectFrom('incident_agencies').select('agency_id').where('incident_id', '=', f.incident_id).where('agency_id', '=', reader.agencyId).executeTakeFirst() : undefined;
        if (part) relations.push('incident');
        return { relations, dims: none };
      }
      case 'patrol_alert': {
        const a = await this.db.selectFrom('patrol_alerts').innerJoin('patrol_teams', 'patrol_teams.id', 'patrol_alerts.team_id').select('patrol_teams.agency_id').where('patrol_alerts.id', '=', id).executeTakeFirst();
        if (!a) return null;
        if (a.agency_id === reader.agencyId) relations.push('addressee');
        return { relations, dims: none };
      }
      case 'public_report': {
        const r = await this.db.selectFrom('public_reports').select('incident_id').where('id', '=', id).executeTakeFirst();
        const rel = r ? await this.incidentRelations(r.incident_id, reader) : null;
        return rel && { relations: rel, dims: none };
      }
      case 'reporter_contact': {
        const r = await this.db.selectFrom('public_reports').innerJoin('incidents', 'incidents.id', 'public_reports.incident_id').select('incidents.lead_agency_id').where('public_reports.id', '=', id).executeTakeFirst();
        if (!r) return null;
        if (r.lead_agency_id === reader.agencyId) relations.push('handler');
        return { relations, dims: none };
      }
    }
    return null;
  }
}
