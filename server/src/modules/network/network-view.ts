import type { LonLat } from '@railjoint/contracts';
import type { NetworkView, StationNearby } from '../organisation/network-view.js';
import type { NetworkModel } from './network-model.js';

/**
 * The network as the organisation core reads it. Built once per model (the model is immutable),
 * with per-line station lists so `stationsNear` is a short scan of one line's stations.
 */
export function networkView(model: NetworkModel): NetworkView {
  const stationsByLine = new Map<string, Array<{ stationId: string; name: string; measureM: number; precinctM: number }>>();
  for (const s of model.stations()) {
    for (const on of s.lines) {
      const list = stationsByLine.get(on.lineId) ?? [];
      list.push({ stationId: s.id, name: s.name, measureM: on.measureM, precinctM: s.precinctM });
      stationsByLine.set(on.lineId, list);
    }
  }
  for (const list of stationsByLine.values()) list.sort((a, b) => a.measureM - b.measureM);

  return {
    locate: (point: LonLat, maxOffsetM: number) => model.locate(point, { maxOffsetM }),
    locateOnLine: (lineId, point, maxOffsetM) => (model.line(lineId) ? model.locateOnLine(lineId, point, { maxOffsetM }) : null),
    lineInfo(lineId) {
      const line = model.line(lineId);
      if (!line) return null;
      return {
        id: line.id,
        name: line.name,
        highSpeed: line.highSpeed,
        formationHalfWidthM: line.formationHalfWidthM,
        mileageRanges: line.ref.prefixRanges(),
        areaClassAt: (prefix, metres) => model.areaClassAt(lineId, prefix, metres),
      };
    },
    stationInfo(stationId) {
      const s = model.station(stationId);
      if (!s) return null;
      return {
        id: s.id,
        name: s.name,
        coordinates: s.coordinates,
        precinctM: s.precinctM,
        lines: s.lines.map((l) => ({ lineId: l.lineId, prefix: l.prefix, metres: l.metres, measureM: l.measureM })),
      };
    },
    stationsNear(lineId, measureM, withinM): StationNearby[] {
      return (stationsByLine.get(lineId) ?? [])
        .map((s) => ({ stationId: s.stationId, name: s.name, precinctM: s.precinctM, alongM: Math.abs(s.measureM - measureM) }))
        .filter((s) => s.alongM <= withinM)
        .sort((a, b) => a.alongM - b.alongM);
    },
    positionOf(lineId, mileageText) {
      return model.position(lineId, mileageText).candidates[0]!.coordinates;
    },
  };
}
