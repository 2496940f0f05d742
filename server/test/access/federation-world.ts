import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { World } from './world.js';

/**
 * The bureau's view in the access world (issue 15): what a department node would have sent,
 * applied by the importer as if it had arrived over NATS (the only way such data comes in) — a
 * department 南宁处 announcing itself, one of its incidents, its figures for a day, and a bulletin
 * of its centre to another department that passes through here.
 */
export async function buildFederation(w: World): Promise<void> {
  const importer = w.t.app.services.federation.importer;
  const at = new Date(Date.parse((await w.t.http.inject({ method: 'GET', url: '/api/clock' })).json().now)).toISOString();
  const send = async (type: string, to: string, body: unknown) => {
    const outcome = await importer.apply({ v: 1, id: `nn.${type}.${crypto.randomUUID()}`, type, from: 'nn', to, at, body } as never);
    expect(outcome).toBe('imported');
  };
  await send('node', 'nnj', { code: 'nn', name: '南宁处', role: 'department', agencies: [{ id: 'nn-centre', name: '南宁处指挥中心', type: 'coordination_centre' }] });
  const incidentId = crypto.randomUUID();
  await send('incident', 'nnj', {
    id: incidentId,
    code: 'JQ20261203-0007',
    categoryId: 'stone_throwing',
    categoryName: '击打列车',
    channel: 'hotline',
    status: 'dispatched',
    priority: 'P1',
    responseLevel: null,
    lineId: 'nankun',
    lineName: '南昆线',
    mileage: 'K12+300',
    stationName: null,
    lon: 108.2,
    lat: 22.8,
    leadAgencyId: 'nn-ps-1',
    leadAgencyName: '南宁站派出所',
    occurredAt: at,
    receivedAt: at,
    dispatchedAt: at,
    onSceneAt: null,
    clearedAt: null,
    closedAt: null,
    version: 2,
    updatedAt: at,
  });
  await send('indicators', 'nnj', { day: '20261203', computedAt: at, indicators: [{ name: 'incidents', unit: 'count', rows: [{ dims: { category: 'stone_throwing', status: 'dispatched' }, value: 1 }] }] });
  const bulletinId = crypto.randomUUID();
  await send('bulletin', 'gl', {
    id: bulletinId,
    code: 'TB20261203-0003',
    kind: 'bolo',
    title: '南宁处协查：灰色双肩包男子',
    body: '请沿线注意',
    instruction: null,
    classification: 'internal',
    status: 'published',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Likely',
    createdAt: at,
    validFrom: at,
    validUntil: new Date(Date.parse(at) + 86_400_000).toISOString(),
    sender: { agencyId: 'nn-centre', agencyName: '南宁处指挥中心', authorName: '南宁调度' },
    targets: [{ node: 'gl', agencies: [] }],
  });
  w.add({ kind: 'federation_node', id: 'nn', label: 'department 南宁处' });
  w.add({ kind: 'federated_incident', id: incidentId, label: 'an incident of 南宁处', marker: 'JQ20261203-0007' });
  w.add({ kind: 'federated_bulletin', id: bulletinId, label: 'a bulletin of 南宁处 to 桂林处', marker: 'TB20261203-0003' });
}
