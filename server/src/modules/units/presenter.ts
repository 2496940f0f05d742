import type { Unit, UnitKind, UnitStatus } from '@railjoint/contracts';
import type { UnitRow } from './store.js';
import type { DispatchUnit } from '../dispatch/eta.js';

export function presentUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.callsign,
    agencyId: row.agency_id,
    kind: row.kind as UnitKind,
    capabilities: JSON.parse(row.capabilities) as string[],
    crew: row.crew,
    status: row.status as UnitStatus,
    position: row.lon !== null && row.lat !== null ? [row.lon, row.lat] : null,
    positionAt: row.position_at,
    train: row.train,
  };
}

export function toDispatchUnit(row: UnitRow): DispatchUnit {
  return {
    id: row.id,
    agencyId: row.agency_id,
    kind: row.kind as UnitKind,
    status: row.status as UnitStatus,
    position: row.lon !== null && row.lat !== null ? [row.lon, row.lat] : null,
    train: row.train,
  };
}
