import { describe, expect, it } from 'vitest';
import { ProtectionZoneVerdict } from '@railjoint/contracts';
import { protectionZoneVerdict, protectionZoneWidthM } from './protection-zone.js';

describe('protection zone (条例 art. 27)', () => {
  it.each([
    ['urban', false, 8],
    ['urban', true, 10],
    ['suburban', false, 10],
    ['suburban', true, 12],
    ['village', false, 12],
    ['village', true, 15],
    ['other', false, 15],
    ['other', true, 20],
  ] as const)('%s, high-speed %s → %i m', (areaClass, highSpeed, width) => {
    expect(protectionZoneWidthM(areaClass, highSpeed)).toBe(width);
    const v = protectionZoneVerdict(12 + width, highSpeed, areaClass, 12);
    expect(v.widthM).toBe(width);
    expect(v.inside).toBe(true);
    expect(v.distanceFromEdgeM).toBe(width);
    expect(protectionZoneVerdict(12 + width + 0.5, highSpeed, areaClass, 12).inside).toBe(false);
    expect(() => ProtectionZoneVerdict.parse(v)).not.toThrow();
  });

  it('measures from the formation edge, not the centre line', () => {
    const v = protectionZoneVerdict(35, true, 'village', 25);
    expect(v.distanceFromEdgeM).toBe(10);
    expect(v.inside).toBe(true);
    expect(protectionZoneVerdict(35, true, 'village').inside).toBe(false); // default 12 m: 23 m from the edge
  });

  it('a point on the formation is railway ground, not zone', () => {
    const v = protectionZoneVerdict(5, false, 'other', 12);
    expect(v.inside).toBe(false);
    expect(v.distanceFromEdgeM).toBe(-7);
  });

  it('uses the absolute offset whichever side the point is on', () => {
    expect(protectionZoneVerdict(-20, false, 'urban', 12).inside).toBe(true);
  });
});
