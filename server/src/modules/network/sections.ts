import type { SectionSummary } from '@railjoint/contracts';

/** A section (区间) with the measures of its two stations, ordered along its line. */
export interface SectionEntry extends SectionSummary {
  fromMeasureM: number;
  toMeasureM: number;
}

export interface StationStop {
  stationId: string;
  name: string;
  measureM: number;
  mileage: string;
}

/**
 * The sections of one line: one between every two adjacent stations, in order of measure (not of
 * mileage, which a long chain can make run backwards for a while).
 */
export function sectionsOfLine(lineId: string, stops: StationStop[]): SectionEntry[] {
  const on = [...stops].sort((a, b) => a.measureM - b.measureM || a.stationId.localeCompare(b.stationId));
  const out: SectionEntry[] = [];
  for (let i = 0; i + 1 < on.length; i++) {
    const a = on[i]!;
    const b = on[i + 1]!;
    out.push({
      id: `${lineId}:${a.stationId}-${b.stationId}`,
      lineId,
      name: `${a.name}—${b.name}`,
      fromStationId: a.stationId,
      toStationId: b.stationId,
      fromMileage: a.mileage,
      toMileage: b.mileage,
      fromMeasureM: a.measureM,
      toMeasureM: b.measureM,
    });
  }
  return out;
}

/**
 * The section holding a measure, by binary search; at a station between two sections, the one
 * ahead of it. Null before the first station and after the last.
 */
export function sectionAtMeasure(list: readonly SectionEntry[], measure: number): SectionEntry | null {
  let lo = 0;
  let hi = list.length - 1;
  let found: SectionEntry | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (measure < s.fromMeasureM) hi = mid - 1;
    else if (measure > s.toMeasureM) lo = mid + 1;
    else {
      found = s;
      // keep looking ahead: a station's own measure starts the next section
      lo = mid + 1;
    }
  }
  return found;
}
