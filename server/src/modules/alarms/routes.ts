import { z } from 'zod';
import { AckRequest, Alarm, AlarmGroup, AlarmKpis, AlarmList, AlarmListQuery, AlarmRules, CoveringCameras, FalseAlarmRequest, KpiQuery, ShelveRequest } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { AlarmService } from './service.js';
import type { AlarmRulesService } from './rules-service.js';
import type { KpiService } from './kpi-service.js';
import type { DeviceService } from '../devices/service.js';
import type { IncidentService } from '../incidents/service.js';

const Params = z.object({ id: z.string().uuid() });

export function alarmRoutes(alarms: AlarmService, rules: AlarmRulesService, kpis: KpiService, devices: DeviceService, incidents: IncidentService): RouteSpec[] {
  const act = (url: string, summary: string, body: z.ZodType, run: (actor: Parameters<AlarmService['get']>[0], id: string, b: any) => Promise<unknown>) =>
    defineRoute({ method: 'POST', url, summary, tag: 'alarms', access: 'signed-in', params: Params, body, response: Alarm, handler: async ({ actor, params, body: b }) => run(actor!, params.id, b) });
  return [
    defineRoute({
      method: 'GET',
      url: '/api/alarms',
      summary: 'Alarms at the user’s console, with their groups; in a flood (over 10 in 10 minutes) the list says grouped',
      tag: 'alarms',
      access: 'signed-in',
      reads: { lists: [{ kind: 'alarm', at: 'alarms.*.id' }, { kind: 'alarm', at: 'groups.*.alarms.*.id' }] },
      query: AlarmListQuery,
      response: AlarmList,
      handler: async ({ actor, query }) => alarms.list(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/alarms/:id',
      summary: 'One alarm',
      tag: 'alarms',
      access: 'signed-in',
      reads: { item: { kind: 'alarm', param: 'id' } },
      params: Params,
      response: Alarm,
      handler: async ({ actor, params }) => alarms.get(actor!, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/alarm-groups/:id',
      summary: 'An alarm group: its extent along the line, confirmation, the rules’ decision, its incident, and the alarms the user may read',
      tag: 'alarms',
      access: 'signed-in',
      reads: { lists: [{ kind: 'alarm', at: 'alarms.*.id' }] },
      params: Params,
      response: AlarmGroup,
      handler: async ({ actor, params }) => alarms.group(actor!, params.id),
    }),
    act('/api/alarms/:id/acknowledge', 'Acknowledge an alarm', AckRequest, (a, id, b: { note?: string }) => alarms.acknowledge(a, id, b.note)),
    act('/api/alarms/:id/shelve', 'Shelve an alarm for a time, with a reason (it leaves the active list until then)', ShelveRequest, (a, id, b: { reason: string; minutes: number }) => alarms.shelve(a, id, b.reason, b.minutes)),
    act('/api/alarms/:id/unshelve', 'Bring a shelved alarm back', z.object({}), (a, id) => alarms.unshelve(a, id)),
    act('/api/alarms/:id/false', 'Mark an alarm false (counts in the device’s and kind’s false-alarm rate)', FalseAlarmRequest, (a, id, b: { reason: string }) => alarms.markFalse(a, id, b.reason)),
    defineRoute({
      method: 'GET',
      url: '/api/alarm-rules',
      summary: 'The rules that turn alarm groups into incidents, in order (first match wins)',
      tag: 'alarms',
      access: 'signed-in',
      reads: { reference: 'the department’s alarm rules, the same for everyone' },
      response: AlarmRules,
      handler: async () => ({ rules: await rules.rules() }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/alarm-rules',
      summary: 'Replace the alarm rules (administrators)',
      tag: 'alarms',
      access: 'signed-in',
      body: AlarmRules,
      response: AlarmRules,
      handler: async ({ actor, body }) => ({ rules: await rules.replace(actor!, body.rules) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/alarm-kpis',
      summary: 'ISA-18.2 figures for the user’s console over a period (default the last 24 h, at most 366 days): alarms per hour against the targets, share of time in flood, top ten, chattering, stale, false-alarm rates, availability',
      tag: 'alarms',
      access: 'signed-in',
      reads: { lists: [{ kind: 'alarm', at: 'top.*.id' }, { kind: 'alarm', at: 'chattering.*.alarmId' }, { kind: 'alarm', at: 'stale.*.alarmId' }] },
      query: KpiQuery,
      response: AlarmKpis,
      handler: async ({ actor, query }) => kpis.kpis(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/incidents/:id/cameras',
      summary: 'Cameras whose field of view covers the incident’s place, nearest first, with snapshot and live-view links',
      tag: 'alarms',
      access: 'signed-in',
      reads: { item: { kind: 'incident', param: 'id' }, lists: [{ kind: 'device', at: 'cameras.*.id' }] },
      params: Params,
      response: CoveringCameras,
      handler: async ({ actor, params }) => {
        const { row } = await incidents.access(actor!, params.id);
        if (row.lon === null || row.lat === null) return { cameras: [] };
        const found = await devices.camerasCovering(actor!, [row.lon, row.lat]);
        return {
          cameras: found.map(({ device, distanceM }) => ({
            id: device.id,
            name: device.name,
            ownerAgencyId: device.ownerAgencyId,
            distanceM,
            fieldOfView: device.fieldOfView!,
            snapshotUrl: device.snapshotUrl,
            streamUrl: device.streamUrl,
            online: device.health.status === 'online',
          })),
        };
      },
    }),
  ];
}
