import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LonLat } from '@railjoint/contracts';
import { offsetPoint } from '../network/geo.js';
import { angleBetween, bearingDeg, coveredStretch, fovCovers } from './fov.js';

const AT: LonLat = [109.4, 24.3];

describe('field of view', () => {
  it('sees what lies inside its wedge and range, not behind it or beyond', () => {
    const fov = { bearingDeg: 90, angleDeg: 60, rangeM: 200 };
    expect(fovCovers(AT, fov, offsetPoint(AT, 150, 0))).toBe(true); // due east, 150 m
    expect(fovCovers(AT, fov, offsetPoint(AT, 150, 80))).toBe(true); // 28° off axis
    expect(fovCovers(AT, fov, offsetPoint(AT, 100, 100))).toBe(false); // 45° off: outside 30°
    expect(fovCovers(AT, fov, offsetPoint(AT, -150, 0))).toBe(false); // behind
    expect(fovCovers(AT, fov, offsetPoint(AT, 250, 0))).toBe(false); // beyond range
  });

  it('measures bearings clockwise from north and angles the short way round', () => {
    expect(bearingDeg(AT, offsetPoint(AT, 0, 100))).toBeCloseTo(0, 3);
    expect(bearingDeg(AT, offsetPoint(AT, 100, 0))).toBeCloseTo(90, 3);
    expect(bearingDeg(AT, offsetPoint(AT, 0, -100))).toBeCloseTo(180, 3);
    expect(angleBetween(350, 10)).toBe(20);
  });

  it('never sees beyond its range, and always sees along its axis within it (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 359.99, noNaN: true }), fc.double({ min: 1, max: 360, noNaN: true }), fc.double({ min: 10, max: 3000, noNaN: true }), fc.double({ min: 0.05, max: 0.98, noNaN: true }), (bearing, angle, range, share) => {
        const fov = { bearingDeg: bearing, angleDeg: angle, rangeM: range };
        const rad = (bearing * Math.PI) / 180;
        const d = range * share;
        const onAxis = offsetPoint(AT, Math.sin(rad) * d, Math.cos(rad) * d);
        const beyond = offsetPoint(AT, Math.sin(rad) * range * 1.05, Math.cos(rad) * range * 1.05);
        return fovCovers(AT, fov, onAxis) && !fovCovers(AT, fov, beyond);
      }),
    );
  });

  it('finds the stretch of a straight line a camera sees', () => {
    // a line running north through a point 100 m east of the camera, measure 0 at 1 km south
    const lineAt = (m: number) => offsetPoint(AT, 100, m - 1000);
    const s = coveredStretch(AT, { bearingDeg: 90, angleDeg: 90, rangeM: 300 }, lineAt, 1000, 2000)!;
    // ±45° either side of east, 100 m away: from 100 m south to 100 m north
    expect(s.fromM).toBeGreaterThan(895);
    expect(s.fromM).toBeLessThan(905);
    expect(s.toM).toBeGreaterThan(1095);
    expect(s.toM).toBeLessThan(1105);
    expect(coveredStretch(AT, { bearingDeg: 270, angleDeg: 30, rangeM: 300 }, lineAt, 1000, 2000)).toBeNull();
  });
});
