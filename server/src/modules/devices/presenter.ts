import type { Device, DeviceLocation, FieldOfView } from '@railjoint/contracts';
import type { DeviceHealthTable, DevicesTable } from './tables.js';

export function presentDevice(r: DevicesTable, health: DeviceHealthTable | undefined, agencies: ReadonlyArray<{ agency_id: string; relation: string }>, ownerName: string, lineName: string | null, defaultHeartbeatS: number): Device {
  return {
    id: r.id,
    kind: r.kind as Device['kind'],
    name: r.name,
    ownerAgencyId: r.owner_agency_id,
    ownerName,
    location: JSON.parse(r.location) as DeviceLocation,
    placement: {
      coordinates: [r.lon, r.lat],
      lineId: r.line_id,
      lineName,
      fromMileage: r.from_mileage,
      toMileage: r.to_mileage,
      fromMeasureM: r.from_m,
      toMeasureM: r.to_m,
    },
    fieldOfView: r.fov ? (JSON.parse(r.fov) as FieldOfView) : null,
    streamUrl: r.stream_url,
    snapshotUrl: r.snapshot_url,
    nvrCamera: r.nvr_camera,
    heartbeatS: r.heartbeat_s ?? defaultHeartbeatS,
    enabled: r.enabled === 1,
    health: {
      status: (health?.status ?? 'unknown') as Device['health']['status'],
      lastSeenAt: health?.last_seen_at ?? null,
      offlineReason: (health?.offline_reason ?? null) as Device['health']['offlineReason'],
      offlineSince: health?.offline_since ?? null,
    },
    jurisdiction: agencies.filter((a) => a.relation === 'jurisdiction').map((a) => a.agency_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
