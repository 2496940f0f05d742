import type { IncidentDetail } from '@railjoint/contracts';

/**
 * An incident in the shape of the NENA EIDO (Emergency Incident Data Object, NENA-STA-021) JSON
 * exchange, for handing a case to another agency's CAD: components that point at each other by
 * `$ref` to an `$id`. Field names follow the standard and its published samples; our own facts
 * with no EIDO field (mileage, section, place kind) go into notes, so nothing is lost on the way.
 */

export interface EidoOptions {
  /** the domain identifiers are minted under, e.g. lz.railjoint.cn */
  domain: string;
  agencyName(id: string): string;
  exportedBy: { username: string; agencyId: string };
  at: string;
}

const STATUS: Record<string, string> = {
  received: 'Pending',
  dispatched: 'Dispatched',
  en_route: 'Enroute',
  on_scene: 'OnScene',
  cleared: 'Cleared',
  closed: 'Closed',
  transferred: 'Transferred',
  merged: 'Closed',
  cancelled: 'Cancelled',
};

function pidfPoint(lon: number, lat: number, entity: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="${entity}">` +
    '<dm:device id="incident-location"><gp:geopriv><gp:location-info>' +
    `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat.toFixed(7)} ${lon.toFixed(7)}</gml:pos></gml:Point>` +
    '</gp:location-info><gp:usage-rules/><gp:method>Derived</gp:method></gp:geopriv></dm:device></presence>'
  );
}

export function incidentToEido(i: IncidentDetail, o: EidoOptions): Record<string, unknown> {
  const id = (kind: string, local: string) => `urn:emergency:uid:${kind}:${local}:${o.domain}`;
  const agencyId = (a: string) => `${a}.${o.domain}`;
  const agentId = (u: string, a: string) => `${u}@${agencyId(a)}`;
  const by = (agency: string, agent?: string) => ({
    updatedByAgencyReference: { $ref: agencyId(agency) },
    ...(agent ? { updatedByAgentReference: { $ref: agent } } : {}),
  });
  const exporter = agentId(o.exportedBy.username, o.exportedBy.agencyId);
  const incidentId = id('incidentid', i.code);
  const locationId = id('locationid', i.code);
  const agencies = new Map<string, string[]>();
  const role = (a: { agencyId: string } | null, r: string) => a && agencies.set(a.agencyId, [...(agencies.get(a.agencyId) ?? []), r]);
  role(i.lead, 'Responsible');
  i.support.forEach((a) => role(a, 'Assisting'));
  i.inform.forEach((a) => role(a, 'Notified'));
  if (!agencies.has(o.exportedBy.agencyId)) agencies.set(o.exportedBy.agencyId, ['Sending']);
  const agents = new Map<string, string>();
  agents.set(exporter, o.exportedBy.agencyId);
  for (const e of i.timeline) agents.set(agentId(e.actor.username, e.actor.agencyId), e.actor.agencyId);
  for (const a of agents.values()) if (!agencies.has(a)) agencies.set(a, ['Participating']);

  const place = [i.location.lineName && i.location.mileage ? `${i.location.lineName} ${i.location.mileage}` : null, i.location.sectionName, i.location.stationName, i.location.train ? `${i.location.train} 次列车` : null].filter(Boolean).join(' · ');
  const notes = [
    { text: i.description, at: i.receivedAt, agent: i.timeline[0] ? agentId(i.timeline[0].actor.username, i.timeline[0].actor.agencyId) : exporter, agency: i.timeline[0]?.actor.agencyId ?? o.exportedBy.agencyId },
    { text: `地点 Location: ${place || '—'}；场所 place kind: ${i.placeKind}；等级 priority: ${i.priority}`, at: o.at, agent: exporter, agency: o.exportedBy.agencyId },
    ...i.timeline.map((e) => ({ text: `[${e.action}] ${e.fromStatus ?? ''}${e.toStatus ? ` → ${e.toStatus}` : ''} ${JSON.stringify(e.detail ?? {})}`.trim(), at: e.at, agent: agentId(e.actor.username, e.actor.agencyId), agency: e.actor.agencyId })),
  ];

  return {
    $id: incidentId,
    lastUpdateTimeStamp: o.at,
    ...by(o.exportedBy.agencyId, exporter),
    eidoVersion: '1.0',
    issuingElementIdentification: `railjoint.${o.domain}`,
    incidentComponent: [
      {
        $id: incidentId,
        lastUpdateTimeStamp: o.at,
        ...by(o.exportedBy.agencyId, exporter),
        incidentTrackingIdentifier: i.code,
        incidentTypeCommonRegistryText: [i.category],
        incidentTypeLocalText: [i.categoryName],
        incidentStatusCommonRegistryText: [STATUS[i.status] ?? i.status],
        incidentCreationTimestamp: i.receivedAt,
        incidentPriorityValue: Number(i.priority.slice(1)),
        locationReference: [{ $ref: locationId }],
        agencyReference: [...agencies.keys()].map((a) => ({ $ref: agencyId(a) })),
        notesReference: notes.map((_, k) => ({ $ref: id('noteid', `${i.code}-${k + 1}`) })),
      },
    ],
    locationComponent: [
      {
        $id: locationId,
        lastUpdateTimeStamp: i.receivedAt,
        ...by(o.exportedBy.agencyId),
        locationTypeDescriptionRegistryText: 'Incident',
        locationByValue: pidfPoint(i.location.coordinates[0], i.location.coordinates[1], `pres:${i.code}@${o.domain}`),
      },
    ],
    agencyComponent: [...agencies].map(([a, roles]) => ({
      $id: agencyId(a),
      lastUpdateTimeStamp: o.at,
      ...by(o.exportedBy.agencyId),
      agencyName: o.agencyName(a),
      agencyRoleDescriptionRegistryText: roles,
      agencyType: ['police'],
    })),
    agentComponent: [...agents].map(([agent, agency]) => ({
      $id: agent,
      lastUpdateTimeStamp: o.at,
      ...by(agency),
      agencyReference: { $ref: agencyId(agency) },
    })),
    notesComponent: notes.map((n, k) => ({
      $id: id('noteid', `${i.code}-${k + 1}`),
      lastUpdateTimeStamp: n.at,
      ...by(n.agency, n.agent),
      notesActionCommentText: n.text,
    })),
    '@context': { '@vocab': 'https://github.com/NENA911/EIDO-JSON/Schema/JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld' },
  };
}

/** Every `$ref` in the document, and every `$id`: a receiving CAD resolves one to the other. */
export function eidoReferences(doc: unknown): { ids: Set<string>; refs: string[] } {
  const ids = new Set<string>();
  const refs: string[] = [];
  const walk = (v: unknown, top: boolean) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, false));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$id' && typeof x === 'string' && !top) ids.add(x);
        else if (k === '$ref' && typeof x === 'string') refs.push(x);
        else walk(x, false);
      }
    }
  };
  walk(doc, true);
  return { ids, refs };
}
