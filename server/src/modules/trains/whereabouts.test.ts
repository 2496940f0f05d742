import { describe, expect, it } from 'vitest';
import { whereabouts, type TrackView, type TrainRun } from './whereabouts.js';

const track: TrackView = {
  stationLines: (id) => ({ a: [{ lineId: 'L', measureM: 0 }], b: [{ lineId: 'L', measureM: 60_000 }], c: [{ lineId: 'M', measureM: 5000 }] } as Record<string, Array<{ lineId: string; measureM: number }>>)[id] ?? [],
  at: (lineId, m) => ({ lineName: lineId, mileage: `K${Math.floor(m / 1000)}+${String(Math.round(m % 1000)).padStart(3, '0')}`, sectionId: `${lineId}:s`, sectionName: 'A—B' }),
};

// a night train: 23:00 from a, 00:00 (24:00) at b for 5 min, 01:00 at c (no common line with b)
const run: TrainRun = {
  tripId: 't1',
  serviceId: 'only-1201',
  stops: [
    { stopId: 'a', stationId: 'a', name: 'A', arrivalS: 23 * 3600, departureS: 23 * 3600 },
    { stopId: 'b', stationId: 'b', name: 'B', arrivalS: 24 * 3600, departureS: 24 * 3600 + 300 },
    { stopId: 'c', stationId: 'c', name: 'C', arrivalS: 25 * 3600, departureS: 25 * 3600 },
  ],
};
const at = (iso: string) => whereabouts({ train: 'K1', runs: [run], isActive: (s, d) => s === 'only-1201' && d === '20261201', timeZone: 'Asia/Shanghai', at: Date.parse(iso), track });

describe('whereabouts', () => {
  it('interpolates the mileage between two stations on a common line', () => {
    const w = at('2026-12-01T23:30:00+08:00');
    expect(w).toMatchObject({ state: 'running', serviceDate: '2026-12-01', lastStop: { stationId: 'a' }, mileage: 'K30+000', position: { lineId: 'L', sectionId: 'L:s', estimated: true } });
    expect(w.nextStops.map((s) => [s.stationId, s.arrival])).toEqual([
      ['b', '2026-12-02T00:00:00+08:00'],
      ['c', '2026-12-02T01:00:00+08:00'],
    ]);
  });

  it('finds a run of the previous service date past midnight, at a station', () => {
    const w = at('2026-12-02T00:03:00+08:00');
    expect(w).toMatchObject({ state: 'at_station', serviceDate: '2026-12-01', lastStop: { stationId: 'b', departure: '2026-12-02T00:05:00+08:00' }, mileage: 'K60+000' });
    expect(w.nextStops.map((s) => s.stationId)).toEqual(['c']);
  });

  it('gives no mileage where the two stations share no line', () => {
    const w = at('2026-12-02T00:30:00+08:00');
    expect(w.state).toBe('running');
    expect(w.mileage).toBeUndefined();
  });

  it('is not running outside the run and on days without service', () => {
    expect(at('2026-12-02T01:30:00+08:00')).toMatchObject({ state: 'not_running', serviceDate: null, lastStop: null, nextStops: [] });
    expect(at('2026-12-02T23:30:00+08:00').state).toBe('not_running');
  });
});
