import { DeviceInput, formatPath, type Device } from '@railjoint/contracts';
import { parseCsv } from '../trains/gtfs-csv.js';

/**
 * Device registry files. CSV, one device a row, for spreadsheets and NVR exports; GeoJSON, one
 * Feature a device, for GIS tools (a linear sensor is drawn as its point but keeps lineId, from
 * and to). The key column is read on import and never written on export.
 */
export const CSV_COLUMNS = ['id', 'kind', 'name', 'ownerAgencyId', 'lon', 'lat', 'stationId', 'lineId', 'from', 'to', 'side', 'bearingDeg', 'angleDeg', 'rangeM', 'streamUrl', 'snapshotUrl', 'nvrCamera', 'heartbeatS', 'enabled', 'key'] as const;

export interface ImportRow {
  row: number;
  input: DeviceInput;
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

const num = (v: string) => (v === '' ? undefined : Number(v));

function toInput(get: (c: string) => string): unknown {
  const location = get('lineId') ? { lineId: get('lineId'), from: get('from'), to: get('to'), ...(get('side') ? { side: get('side') } : {}) } : get('stationId') ? { stationId: get('stationId') } : { lon: num(get('lon')), lat: num(get('lat')) };
  const fov = get('bearingDeg') || get('angleDeg') || get('rangeM') ? { bearingDeg: num(get('bearingDeg')), angleDeg: num(get('angleDeg')), rangeM: num(get('rangeM')) } : undefined;
  const opt = (c: string) => (get(c) === '' ? undefined : get(c));
  return {
    id: get('id'),
    kind: get('kind'),
    name: get('name'),
    ownerAgencyId: get('ownerAgencyId'),
    location,
    fieldOfView: fov,
    streamUrl: opt('streamUrl'),
    snapshotUrl: opt('snapshotUrl'),
    nvrCamera: opt('nvrCamera'),
    heartbeatS: num(get('heartbeatS')),
    key: opt('key'),
    enabled: get('enabled') === '' ? true : !['0', 'false', 'no'].includes(get('enabled').toLowerCase()),
  };
}

function validate(raw: unknown, row: number, rows: ImportRow[], errors: RowError[]): void {
  const parsed = DeviceInput.safeParse(raw);
  if (parsed.success) rows.push({ row, input: parsed.data });
  else for (const i of parsed.error.issues) errors.push({ row, field: formatPath(i.path), message: i.message });
}

export function parseDevicesCsv(text: string): { rows: ImportRow[]; errors: RowError[] } {
  const { table, problems } = parseCsv('devices.csv', text);
  const errors: RowError[] = problems.map((p) => ({ row: p.line ?? 0, field: '', message: p.message }));
  for (const required of ['id', 'kind', 'name', 'ownerAgencyId']) if (!table.has(required)) errors.push({ row: 1, field: required, message: 'column missing from the header' });
  if (errors.length) return { rows: [], errors };
  const rows: ImportRow[] = [];
  for (const r of table.rows) validate(toInput((c) => r.get(c)), r.line, rows, errors);
  return { rows, errors };
}

export function parseDevicesGeoJson(doc: unknown): { rows: ImportRow[]; errors: RowError[] } {
  // any JSON may arrive, null and bare values included
  const collection = (doc !== null && typeof doc === 'object' ? doc : {}) as { type?: unknown; features?: unknown };
  const features = collection.features;
  if (collection.type !== 'FeatureCollection' || !Array.isArray(features)) return { rows: [], errors: [{ row: 0, field: 'type', message: 'a GeoJSON FeatureCollection of devices' }] };
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  features.forEach((raw: unknown, i) => {
    const f = (raw !== null && typeof raw === 'object' ? raw : {}) as { properties?: unknown; geometry?: { coordinates?: unknown } | null };
    const p = (f.properties !== null && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    const coords = (Array.isArray(f.geometry?.coordinates) ? f.geometry.coordinates : []) as unknown[];
    const location = p.lineId !== undefined ? { lineId: p.lineId, from: p.from, to: p.to, ...(p.side !== undefined ? { side: p.side } : {}) } : p.stationId !== undefined ? { stationId: p.stationId } : { lon: coords[0], lat: coords[1] };
    const { lineId: _l, from: _f, to: _t, side: _s, stationId: _st, ...rest } = p;
    validate({ ...rest, location }, i, rows, errors);
  });
  return { rows, errors };
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function devicesToCsv(devices: readonly Device[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const d of devices) {
    const l = d.location;
    const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: d.id,
      kind: d.kind,
      name: d.name,
      ownerAgencyId: d.ownerAgencyId,
      lon: 'lon' in l ? l.lon : '',
      lat: 'lat' in l ? l.lat : '',
      stationId: 'stationId' in l ? l.stationId : '',
      lineId: 'lineId' in l ? l.lineId : '',
      from: 'lineId' in l ? l.from : '',
      to: 'lineId' in l ? l.to : '',
      side: 'lineId' in l ? l.side : '',
      bearingDeg: d.fieldOfView?.bearingDeg,
      angleDeg: d.fieldOfView?.angleDeg,
      rangeM: d.fieldOfView?.rangeM,
      streamUrl: d.streamUrl,
      snapshotUrl: d.snapshotUrl,
      nvrCamera: d.nvrCamera,
      heartbeatS: d.heartbeatS,
      enabled: d.enabled ? 1 : 0,
      key: '',
    };
    lines.push(CSV_COLUMNS.map((c) => cell(values[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function devicesToGeoJson(devices: readonly Device[]) {
  return {
    type: 'FeatureCollection' as const,
    features: devices.map((d) => {
      const l = d.location;
      const where = 'lineId' in l ? { lineId: l.lineId, from: l.from, to: l.to, side: l.side } : 'stationId' in l ? { stationId: l.stationId } : {};
      return {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: 'lon' in l ? [l.lon, l.lat] : d.placement.coordinates },
        properties: {
          id: d.id,
          kind: d.kind,
          name: d.name,
          ownerAgencyId: d.ownerAgencyId,
          ...where,
          ...(d.fieldOfView ? { fieldOfView: d.fieldOfView } : {}),
          ...(d.streamUrl ? { streamUrl: d.streamUrl } : {}),
          ...(d.snapshotUrl ? { snapshotUrl: d.snapshotUrl } : {}),
          ...(d.nvrCamera ? { nvrCamera: d.nvrCamera } : {}),
          heartbeatS: d.heartbeatS,
          enabled: d.enabled,
        },
      };
    }),
  };
}
