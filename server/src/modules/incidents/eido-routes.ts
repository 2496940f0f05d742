import { z } from 'zod';
import { IncidentDetail } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { auditRead } from '../../platform/audit/trail.js';
import { nowIso } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { OrganisationService } from '../organisation/service.js';
import type { IncidentService } from './service.js';
import { incidentToEido } from './eido.js';

/** An incident as NENA EIDO JSON for another agency's CAD; the export is on the audit chain. */
export function eidoRoutes(db: Db, incidents: IncidentService, org: OrganisationService, domain: string): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/eido',
      summary: 'The incident as a NENA EIDO (NENA-STA-021) JSON document: incident, location (PIDF-LO point), agencies, agents and the timeline as notes, linked by $ref/$id',
      tag: 'incidents',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, mentions: ['task'] },
      params: z.object({ id: z.string().uuid() }),
      handler: async ({ actor, params, reply }) => {
        // parsed with the contract so the exporter works on exactly what the API shows
        const incident = IncidentDetail.parse(await incidents.get(actor!, params.id));
        const doc = incidentToEido(incident, { domain, agencyName: (id) => org.agencyName(id), exportedBy: { username: actor!.username, agencyId: actor!.agencyId }, at: nowIso() });
        await auditRead(db.kysely, actor, { entity: 'incident', entityId: params.id, action: 'export:eido' });
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${incident.code}.eido.json"`)
          .send(JSON.stringify(doc, null, 2));
      },
    }),
  ];
}
