import type { ApiErrorCode, LonLat, ResolveResult } from '@railjoint/contracts';
import { unprocessable, said, fieldError, HttpError, type Said } from '../../platform/http/errors.js';
import type { OrganisationService } from '../organisation/service.js';

export type IncidentLocation =
  | { lon: number; lat: number }
  | { lineId: string; mileage: string }
  | { stationId: string }
  | { train: string; car?: number; at?: string };

/** Where a train is at a time, as the timetable knows it (the trains module provides this). */
export type TrainLocator = (train: string, at: Date) => Promise<{ coordinates: LonLat; stationId: string | null } | null>;

/** The first train reaching a point of a line within the window, as the timetable knows it. */
export type ApproachingTrain = (lineId: string, measureM: number, at: Date, windowS: number) => Promise<{ train: string; inS: number } | null>;

/** What reception asks the timetable. */
export interface IncidentTrains {
  locate: TrainLocator;
  approaching: ApproachingTrain;
}

export interface LocatedIncident {
  resolution: ResolveResult;
  train: string | null;
}

/**
 * Turns the reported location into the resolver's answer for the category: mileage, section,
 * place kind, jurisdiction and responsibility. A location the network cannot place is refused
 * with the field named.
 */
export async function locateIncident(
  org: OrganisationService,
  location: IncidentLocation,
  categoryId: string,
  occurredAt: Date,
  locateTrain: TrainLocator | null,
): Promise<LocatedIncident> {
  const fail = (field: string, code: ApiErrorCode, message: Said) => unprocessable(code, message, { fields: [{ field: `body.location.${field}`, message }] });
  try {
    if ('train' in location) {
      if (!locateTrain) throw fail('train', 'no_timetable', said('尚未导入列车时刻表，无法定位列车', 'no timetable is loaded, so a train cannot be located'));
      const at = location.at ? new Date(location.at) : occurredAt;
      const where = await locateTrain(location.train, at);
      if (!where) throw fail('train', 'unknown_train', said(`时刻表中没有 ${location.train} 次列车，或该车在 ${at.toISOString()} 未运行`, `train ${location.train} is not in the timetable or not running at ${at.toISOString()}`));
      const resolution = where.stationId
        ? org.resolve({ stationId: where.stationId, categoryId, trainNo: location.train })
        : org.resolve({ lon: where.coordinates[0], lat: where.coordinates[1], categoryId, trainNo: location.train });
      return { resolution, train: location.train };
    }
    if ('stationId' in location) return { resolution: org.resolve({ stationId: location.stationId, categoryId }), train: null };
    if ('lineId' in location) return { resolution: org.resolve({ lineId: location.lineId, mileage: location.mileage, categoryId }), train: null };
    return { resolution: org.resolve({ lon: location.lon, lat: location.lat, categoryId }), train: null };
  } catch (e) {
    // The resolver's 404s (unknown line or station) and 422s (a mileage in a short chain, beyond
    // the line) are about the reported location: answer 422 naming the field.
    if (e instanceof HttpError && (e.status === 404 || e.status === 422 || e.status === 400)) {
      if (e.code === 'unknown_category') throw unprocessable('unknown_category', e.said, { fields: [fieldError('body.category', '未知的警情类别', 'unknown category')] });
      const field = 'stationId' in location ? 'stationId' : 'lineId' in location ? (e.code === 'unknown_line' ? 'lineId' : 'mileage') : 'train' in location ? 'train' : 'lon';
      throw fail(field, e.code, e.said);
    }
    throw e;
  }
}
