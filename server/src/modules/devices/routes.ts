import { z } from 'zod';
import { Availability, AvailabilityQuery, Device, DeviceEventBatch, DeviceEventBatchResult, DeviceExportQuery, DeviceFalseAlarms, FalseAlarmRateQuery, FalseAlarmRates, DeviceId, DeviceImportQuery, DeviceImportResult, DeviceInput, DeviceList, DeviceListQuery, DeviceSaved, IngestStats } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import { unprocessable, validationError, said, fieldError } from '../../platform/http/errors.js';
import { now } from '../../platform/clock.js';
import type { DeviceService } from './service.js';
import type { Ingest, Verdict } from './ingest.js';
import type { RefusalCounter } from './refusals.js';
import type { KpiService } from '../alarms/kpi-service.js';
import { devicesToCsv, devicesToGeoJson, parseDevicesCsv, parseDevicesGeoJson } from './formats.js';

const IMPORT_LIMIT = 20 * 1024 * 1024;
const Params = z.object({ id: DeviceId });

export interface DeviceRouteDeps {
  devices: DeviceService;
  ingest: Ingest;
  refusals: RefusalCounter;
  kpis: KpiService;
  mqtt: () => { mode: 'external' | 'embedded' | 'off'; url: string | null; connected: boolean };
}

export function deviceRoutes(d: DeviceRouteDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/devices',
      summary: 'Register a device (the key for signed HTTP batches is generated and shown once unless given)',
      tag: 'devices',
      access: 'signed-in',
      body: DeviceInput,
      status: 201,
      response: DeviceSaved,
      handler: async ({ actor, body }) => d.devices.save(actor!, body, 'create'),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/devices/:id',
      summary: 'Change a registered device (its key stays unless a new one is given)',
      tag: 'devices',
      access: 'signed-in',
      params: Params,
      body: DeviceInput,
      response: DeviceSaved,
      handler: async ({ actor, body, params }) => {
        if (body.id !== params.id) throw validationError([fieldError('body.id', '须与路径中的编号一致', 'must be the id in the path')]);
        return d.devices.save(actor!, body, 'update');
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/devices',
      summary: 'Devices the user may see (their agency’s own and where it has jurisdiction), with health',
      tag: 'devices',
      access: 'signed-in',
      reads: { lists: [{ kind: 'device', at: 'devices.*.id' }] },
      query: DeviceListQuery,
      response: DeviceList,
      handler: async ({ actor, query }) => d.devices.list(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/devices/:id',
      summary: 'One device',
      tag: 'devices',
      access: 'signed-in',
      reads: { item: { kind: 'device', param: 'id' } },
      params: Params,
      response: Device,
      handler: async ({ actor, params }) => d.devices.get(actor!, params.id),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/devices/import',
      summary: 'Import devices from CSV (text/csv) or GeoJSON (application/json): all or nothing, every refused row named',
      tag: 'devices',
      access: 'signed-in',
      query: DeviceImportQuery,
      body: z.unknown(),
      rawBody: ['text/csv', 'text/plain'],
      bodyLimit: IMPORT_LIMIT,
      response: DeviceImportResult,
      handler: async ({ actor, body, query }) => {
        const parsed = typeof body === 'string' && query.format !== 'geojson' ? parseDevicesCsv(body) : parseDevicesGeoJson(typeof body === 'string' ? safeJson(body) : body);
        // rows the schema refused and rows that cannot be placed are named together
        const result = await d.devices.importRows(actor!, parsed.rows, undefined, parsed.errors);
        // refused rows come in the documented error shape, each named in details.errors
        if (result.errors.length) throw unprocessable('invalid_import', said(`文件中有 ${result.errors.length} 处问题，未导入任何内容`, `${result.errors.length} problem(s) in the file; nothing was imported`), { errors: result.errors });
        return result;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/devices/export',
      summary: 'The devices the user may see as CSV or GeoJSON (never their keys)',
      tag: 'devices',
      access: 'signed-in',
      reads: { mentions: ['device'] },
      query: DeviceExportQuery,
      handler: async ({ actor, query, reply }) => {
        const devices = await d.devices.all(actor!);
        if (query.format === 'geojson') return reply.type('application/geo+json; charset=utf-8').send(JSON.stringify(devicesToGeoJson(devices)));
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="devices.csv"').send(devicesToCsv(devices));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/device-availability',
      summary: 'Availability per device and per owner over a period (default the last 24 h)',
      tag: 'devices',
      access: 'signed-in',
      reads: { lists: [{ kind: 'device', at: 'devices.*.id' }] },
      query: AvailabilityQuery,
      response: Availability,
      handler: async ({ actor, query }) => {
        const toMs = query.to ? Date.parse(query.to) : now();
        return d.kpis.availability(actor!, query.from ? Date.parse(query.from) : toMs - 86_400_000, toMs);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/device-false-alarms',
      summary: 'False-alarm rate of each device the user may see that raised alarms in a period (default the last 30 days), highest first, and per kind',
      tag: 'devices',
      access: 'signed-in',
      reads: { lists: [{ kind: 'device', at: 'devices.*.deviceId' }] },
      query: FalseAlarmRateQuery,
      response: FalseAlarmRates,
      handler: async ({ actor, query }) => d.kpis.falseAlarmRates(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/devices/:id/false-alarms',
      summary: 'One device’s false alarms over a period (default the last 30 days): totals, per day, the latest marked false with why',
      tag: 'devices',
      access: 'signed-in',
      reads: { item: { kind: 'device', param: 'id' }, lists: [{ kind: 'alarm', at: 'recent.*.alarmId' }] },
      params: Params,
      query: FalseAlarmRateQuery,
      response: DeviceFalseAlarms,
      handler: async ({ actor, params, query }) => {
        await d.devices.get(actor!, params.id); // 404 unless the user may read the device
        return d.kpis.deviceFalseAlarms(actor!, params.id, query);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/device-events',
      summary: 'A gateway’s batch of device messages (as over MQTT), each signed with its device’s key; answered once every accepted one is durable',
      tag: 'devices',
      access: 'public',
      body: DeviceEventBatch,
      bodyLimit: 16 * 1024 * 1024,
      response: DeviceEventBatchResult,
      handler: async ({ body }) => {
        // submitted in order (a clear follows its intrusion), written together, answered when durable
        const pending: Array<Promise<Verdict>> = [];
        await d.ingest.together(async () => {
          for (const m of body.messages) pending.push((await d.ingest.submitSigned(m.deviceId, m.topic, m.payload, m.signature)).done);
        });
        const results = (await Promise.all(pending)).map((v, index) => (v.ok ? { index, ok: true } : { index, ok: false, reason: v.reason }));
        const accepted = results.filter((r) => r.ok).length;
        return { accepted, refused: results.length - accepted, results };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/device-ingest',
      summary: 'Refused device messages by reason, and the MQTT connection',
      tag: 'devices',
      access: 'signed-in',
      reads: { reference: 'counts of refused messages by reason and the broker’s address: no agency data' },
      response: IngestStats,
      handler: async () => ({ refused: await d.refusals.totals(), mqtt: d.mqtt() }),
    }),
  ];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
