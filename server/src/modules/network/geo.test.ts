import { describe, expect, it } from 'vitest';
import type { LonLat } from '@railjoint/contracts';
import { metresPerDegree, projectOnSegment, segmentLengthM, sideAtVertex } from './geo.js';

/** Vincenty's inverse formula on WGS84: the reference the local projection is judged against. */
function vincenty(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = (1 - f) * a;
  const rad = Math.PI / 180;
  const L = (lon2 - lon1) * rad;
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad));
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  let sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda);
    const cosL = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL);
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const prev = lambda;
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-12) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dSigma = B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return b * A * (sigma - dSigma);
}

describe('local projection lengths', () => {
  it('agree with Vincenty within 0.01% for segments up to 5 km, from the tropics to the north', () => {
    let worst = 0;
    for (const lat of [18, 24.3, 35, 45, 50]) {
      for (const bearing of [0, 30, 45, 90, 135]) {
        const d = 5000;
        const dLat = (Math.cos((bearing * Math.PI) / 180) * d) / 111_000;
        const dLon = (Math.sin((bearing * Math.PI) / 180) * d) / (111_000 * Math.cos((lat * Math.PI) / 180));
        const ours = segmentLengthM(109, lat, 109 + dLon, lat + dLat);
        const ref = vincenty(109, lat, 109 + dLon, lat + dLat);
        worst = Math.max(worst, Math.abs(ours - ref) / ref);
      }
    }
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('metres per degree', () => {
  it('matches the WGS84 values at the equator and at 45°', () => {
    // Published values: 1° of longitude at the equator is 111 319.49 m; 1° of latitude there is
    // 110 574.3 m (meridional radius), and at 45° they are 78 846.8 m and 111 131.7 m.
    expect(metresPerDegree(0).kx).toBeCloseTo(111_319.49, 1);
    expect(metresPerDegree(0).ky).toBeCloseTo(110_574.27, 0);
    expect(metresPerDegree(45).kx).toBeCloseTo(78_846.8, 0);
    expect(metresPerDegree(45).ky).toBeCloseTo(111_131.7, 0);
  });
});

describe('projection onto a segment', () => {
  it('finds the nearest point within 1 m of the geodesic answer and its distance within 0.1%', () => {
    // A 5 km segment at 40° N running north-east; points up to 500 m off. The reference scans the
    // segment in 1 m steps with Vincenty distances.
    const a: LonLat = [116.3, 40.0];
    const b: LonLat = [116.3 + 3500 / metresPerDegree(40).kx, 40.0 + 3570 / metresPerDegree(40).ky];
    for (const [fx, off] of [[0.3, 480], [0.62, -250], [0.9, 35]] as const) {
      const { kx, ky } = metresPerDegree(40);
      const base: LonLat = [a[0] + fx * (b[0] - a[0]), a[1] + fx * (b[1] - a[1])];
      // perpendicular to the segment in local metres
      const dx = (b[0] - a[0]) * kx;
      const dy = (b[1] - a[1]) * ky;
      const len = Math.hypot(dx, dy);
      const p: LonLat = [base[0] + ((-dy / len) * off) / kx, base[1] + ((dx / len) * off) / ky];
      const { kx: pkx, ky: pky } = metresPerDegree(p[1]);
      const ours = projectOnSegment(p[0], p[1], a[0], a[1], b[0], b[1], pkx, pky);
      let best = { d: Infinity, lon: 0, lat: 0 };
      const steps = 5000;
      for (let i = 0; i <= steps; i++) {
        const lon = a[0] + (i / steps) * (b[0] - a[0]);
        const lat = a[1] + (i / steps) * (b[1] - a[1]);
        const d = vincenty(p[0], p[1], lon, lat);
        if (d < best.d) best = { d, lon, lat };
      }
      expect(Math.abs(ours.distanceM - best.d) / best.d).toBeLessThan(1e-3);
      expect(vincenty(ours.lon, ours.lat, best.lon, best.lat)).toBeLessThan(1);
      expect(ours.cross > 0).toBe(off > 0); // positive offsets went to the left of a→b
    }
  });

  it('tells the side at a sharp bend from the tangent, not from one segment', () => {
    const { kx, ky } = metresPerDegree(30);
    const u: LonLat = [110, 30];
    const v: LonLat = [110 + 1000 / kx, 30]; // east 1 km
    const w: LonLat = [v[0] - 700 / kx, v[1] + 700 / ky]; // then back north-west: a sharp left turn
    // On the extension of the first segment beyond the bend: outside the left turn, so right.
    expect(sideAtVertex([v[0] + 50 / kx, v[1]], u, v, w, kx, ky)).toBe('right');
    // Inside the bend (north of the first segment, south-west of the second): left.
    expect(sideAtVertex([v[0] - 100 / kx, v[1] + 30 / ky], u, v, w, kx, ky)).toBe('left');
  });
});
