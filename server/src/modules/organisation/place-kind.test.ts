import { describe, expect, it } from 'vitest';
import { decidePlaceKind, type PlaceFacts } from './place-kind.js';
import { protectionZoneVerdict } from './protection-zone.js';

const facts = (offsetM: number | null, extra: Partial<PlaceFacts> = {}): PlaceFacts => ({
  offsetM,
  formationHalfWidthM: 12,
  zone: offsetM === null ? null : protectionZoneVerdict(offsetM, true, 'village', 12),
  ...extra,
});

describe('decidePlaceKind', () => {
  it('a train outranks everything', () => {
    expect(decidePlaceKind(facts(5, { onTrain: true, stationGiven: true }))).toBe('train');
  });
  it('a given station is a station', () => {
    expect(decidePlaceKind(facts(null, { stationGiven: true }))).toBe('station');
  });
  it('within the precinct length and 150 m of the track is a station', () => {
    expect(decidePlaceKind(facts(100, { nearestStation: { alongM: 500, precinctM: 600 } }))).toBe('station');
    expect(decidePlaceKind(facts(160, { nearestStation: { alongM: 500, precinctM: 600 } }))).toBe('outside');
    expect(decidePlaceKind(facts(5, { nearestStation: { alongM: 700, precinctM: 600 } }))).toBe('line_enclosure');
  });
  it('enclosure, zone, outside by offset', () => {
    expect(decidePlaceKind(facts(12))).toBe('line_enclosure');
    expect(decidePlaceKind(facts(20))).toBe('protection_zone');
    expect(decidePlaceKind(facts(27))).toBe('protection_zone');
    expect(decidePlaceKind(facts(28))).toBe('outside');
  });
  it('no line within reach is outside', () => {
    expect(decidePlaceKind(facts(null))).toBe('outside');
  });
});
