import { describe, expect, it } from 'vitest';
import { buildSegments, runPositionAt, trainsPassing, type PassingQuery } from './passing.js';
import type { TrackView, TrainRun } from './whereabouts.js';

const measures: Record<string, Array<{ lineId: string; measureM: number }>> = {
  a: [{ lineId: 'L', measureM: 0 }],
  b: [{ lineId: 'L', measureM: 60_000 }],
  c: [{ lineId: 'L', measureM: 120_000 }],
};
const track: TrackView = { stationLines: (id) => measures[id] ?? [], at: () => ({ lineName: 'L', mileage: 'K0+000', sectionId: null, sectionName: null }) };

// down: a 08:00 → b 08:30–08:32 → c 09:02; up: c 08:10 → a 09:10 without stopping at b
const down: TrainRun = {
  tripId: 'down',
  serviceId: 'daily',
  stops: [
    { stopId: 'a', stationId: 'a', name: 'A', arrivalS: 8 * 3600, departureS: 8 * 3600 },
    { stopId: 'b', stationId: 'b', name: 'B', arrivalS: 8.5 * 3600, departureS: 8.5 * 3600 + 120 },
    { stopId: 'c', stationId: 'c', name: 'C', arrivalS: 9 * 3600 + 120, departureS: 9 * 3600 + 120 },
  ],
};
const up: TrainRun = {
  tripId: 'up',
  serviceId: 'weekday',
  stops: [
    { stopId: 'c', stationId: 'c', name: 'C', arrivalS: 8 * 3600 + 600, departureS: 8 * 3600 + 600 },
    { stopId: 'a', stationId: 'a', name: 'A', arrivalS: 9 * 3600 + 600, departureS: 9 * 3600 + 600 },
  ],
};
const segments = buildSegments([{ trainNo: 'D1', runs: [down] }, { trainNo: 'D2', runs: [up] }], track);
const query = (iso: string, measureM: number, extra: Partial<PassingQuery> = {}) =>
  trainsPassing(segments, { lineId: 'L', measureM, at: Date.parse(iso), windowS: 600, toleranceM: 200, timeZone: 'Asia/Shanghai', isActive: (s) => s === 'daily' || s === 'weekday', ...extra });

describe('trainsPassing', () => {
  it('finds a train reaching a point between stations, with the time and direction', () => {
    // D1 covers 0 → 60 km in 30 min: 30 km at 08:15
    const r = query('2026-12-01T08:10:00+08:00', 30_000);
    expect(r.map((t) => [t.train, t.at, t.inS, t.direction])).toEqual([['D1', '2026-12-01T08:15:00+08:00', 300, 'up_measure']]);
  });

  it('finds a through train that does not stop at the station next to the point', () => {
    // D2 runs 120 km → 0 in 60 min without stopping at b: 90 km at 08:25, 60 km (b) at 08:40
    const r = query('2026-12-01T08:31:00+08:00', 60_000);
    expect(r.map((t) => [t.train, t.inS, t.direction])).toEqual([
      ['D1', 0, null], // standing at b until 08:32
      ['D2', 540, 'down_measure'],
    ]);
    // once D1 has left b, only D2 is still to come
    expect(query('2026-12-01T08:35:00+08:00', 60_000).map((t) => t.train)).toEqual(['D2']);
  });

  it('leaves out trains beyond the window, trains already past, and lines that differ', () => {
    expect(query('2026-12-01T07:00:00+08:00', 30_000)).toEqual([]);
    expect(query('2026-12-01T08:16:00+08:00', 30_000, { windowS: 60 }).map((t) => t.train)).toEqual([]);
    expect(query('2026-12-01T08:10:00+08:00', 30_000, { lineId: 'M' })).toEqual([]);
  });

  it('respects the service calendar', () => {
    expect(query('2026-12-01T08:10:00+08:00', 30_000, { isActive: (s) => s === 'weekday' })).toEqual([]);
  });

  it('reports trains after midnight on the service date they started on', () => {
    const night: TrainRun = {
      tripId: 'night',
      serviceId: 'only-1201',
      stops: [
        { stopId: 'a', stationId: 'a', name: 'A', arrivalS: 23.5 * 3600, departureS: 23.5 * 3600 },
        { stopId: 'b', stationId: 'b', name: 'B', arrivalS: 24.5 * 3600, departureS: 24.5 * 3600 },
      ],
    };
    const segs = buildSegments([{ trainNo: 'K9', runs: [night] }], track);
    const r = trainsPassing(segs, { lineId: 'L', measureM: 30_000, at: Date.parse('2026-12-01T23:55:00+08:00'), windowS: 600, toleranceM: 0, timeZone: 'Asia/Shanghai', isActive: (s, d) => s === 'only-1201' && d === '20261201' });
    expect(r.map((t) => [t.train, t.serviceDate, t.at])).toEqual([['K9', '2026-12-01', '2026-12-02T00:00:00+08:00']]);
  });
});

describe('runPositionAt', () => {
  const at = (iso: string) => runPositionAt(segments, 'down', '2026-12-01', Date.parse(iso), 'Asia/Shanghai');
  it('places a run along the stretch it is on, standing during a dwell, nowhere before or after', () => {
    expect(at('2026-12-01T08:15:00+08:00')).toEqual({ lineId: 'L', measureM: 30_000 });
    expect(at('2026-12-01T08:31:00+08:00')).toEqual({ lineId: 'L', measureM: 60_000 });
    expect(at('2026-12-01T07:59:00+08:00')).toBeNull();
    expect(at('2026-12-01T09:03:00+08:00')).toBeNull();
  });
});
