import { describe, expect, it } from 'vitest';
import { proposeHandover } from './handover.js';

const ps = (id: string) => ({ agencyId: id, name: `${id}派出所`, type: 'railway_police_station' as const });
const stop = (stationId: string | null, arrival: string, police = true) => ({
  stopId: stationId ?? 'x',
  stationId,
  name: stationId ?? '境外',
  arrival,
  departure: arrival,
  jurisdiction: police ? [ps(stationId ?? 'x'), { agencyId: 'cb', name: '县局', type: 'county_police_bureau' as const }] : [],
});

describe('handover station ahead', () => {
  const now = new Date('2026-12-01T07:20:00+08:00');
  it('skips stations reached too soon and proposes the first with time to prepare', () => {
    const p = proposeHandover({ train: 'G1501', state: 'running', nextStops: [stop('a', '2026-12-01T07:25:00+08:00'), stop('b', '2026-12-01T07:40:00+08:00'), stop('c', '2026-12-01T08:10:00+08:00')] }, now);
    expect(p.proposed).toMatchObject({ stationId: 'b', leadTimeS: 1200, police: { agencyId: 'b' }, county: { agencyId: 'cb' } });
    expect(p.options[0]!.feasible).toBe(false);
    expect(p.reason.zh).toContain('20 分钟');
  });
  it('needs a police station at the stop, and says so when none fits', () => {
    const p = proposeHandover({ train: 'K1', state: 'running', nextStops: [stop('a', '2026-12-01T08:00:00+08:00', false), stop(null, '2026-12-01T09:00:00+08:00')] }, now);
    expect(p.proposed).toBeNull();
    expect(p.reason.en).toMatch(/no station ahead/);
  });
  it('honours a configured lead time', () => {
    const p = proposeHandover({ train: 'G1', state: 'running', nextStops: [stop('a', '2026-12-01T07:25:00+08:00')] }, now, 120);
    expect(p.proposed?.stationId).toBe('a');
  });
});
