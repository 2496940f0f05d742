import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMileage, type KmPost } from '@railjoint/contracts';
import { LineReference } from './linear-ref.js';
import { NetworkError } from './network-error.js';
import { lineFeature, walk } from './fixtures.js';

/**
 * A line with posts every `spacingM` of track whose mileage advances by the same, except at chain
 * breaks: a short chain (短链) skips mileage, a long chain (长链) repeats it. Breaks sit on posts
 * that are not neighbours and are shorter than half a spacing, so two long chains never repeat the
 * same mileage (which real lines avoid too).
 */
interface Line {
  ref: LineReference;
  lengthM: number;
  origin: number;
  breaks: Array<{ post: number; measure: number; behind: number; ahead: number }>;
}

const lineArb = fc
  .record({
    spacingM: fc.constantFrom(500, 1000, 2000),
    posts: fc.integer({ min: 3, max: 12 }),
    origin: fc.integer({ min: 0, max: 400_000 }),
    turnDeg: fc.integer({ min: -120, max: 120 }),
    breaks: fc.array(fc.record({ at: fc.nat(), delta: fc.integer({ min: -240, max: 240 }).filter((d) => Math.abs(d) >= 5) }), { maxLength: 3 }),
  })
  .map(({ spacingM, posts, origin, turnDeg, breaks }): Line => {
    const lengthM = spacingM * (posts - 1);
    const w = walk([109.3, 24.2], lengthM, 100, (s) => (turnDeg * s) / lengthM);
    const chosen = new Map<number, number>();
    for (const b of breaks) {
      const k = 1 + (b.at % (posts - 2));
      if (!chosen.has(k - 1) && !chosen.has(k + 1)) chosen.set(k, Math.round((b.delta * spacingM) / 1000));
    }
    const kmPosts: KmPost[] = [];
    const out: Line['breaks'] = [];
    let shift = 0;
    for (let k = 0; k < posts; k++) {
      const behind = origin + k * spacingM + shift;
      const delta = chosen.get(k);
      const post: KmPost = { mileage: formatMileage(behind, 'K'), coordinates: w.at(k * spacingM) };
      if (delta) {
        post.ahead = formatMileage(behind + delta, 'K');
        out.push({ post: k, measure: k * spacingM, behind, ahead: behind + delta });
        shift += delta;
      }
      kmPosts.push(post);
    }
    return { ref: LineReference.fromFeature(lineFeature('L', '线', w, kmPosts)), lengthM, origin, breaks: out };
  });

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
/** Measures of the line's geometry agree with the walk's arc lengths to well under a metre. */
const TOLERANCE_M = 0.05;

describe('linear referencing, by property', () => {
  it('finds the measure of every place again from its mileage', () => {
    fc.assert(
      fc.property(lineArb, fraction, ({ ref }, f) => {
        const measure = f * ref.lengthM;
        const at = ref.measureToMileage(measure);
        const found = ref.mileageToMeasures(at.prefix, at.metres);
        expect(Math.min(...found.map((m) => Math.abs(m - measure)))).toBeLessThan(TOLERANCE_M);
      }),
    );
  });

  it('gives a mileage back from the point at it, located on the line', () => {
    fc.assert(
      fc.property(lineArb, fraction, ({ ref }, f) => {
        const at = ref.measureToMileage(f * ref.lengthM);
        for (const measure of ref.mileageToMeasures(at.prefix, at.metres)) {
          const located = ref.nearest(ref.pointAt(measure))!;
          expect(located.offsetM).toBeLessThan(0.01);
          expect(located.prefix).toBe(at.prefix);
          expect(Math.abs(located.metres - at.metres)).toBeLessThan(TOLERANCE_M);
        }
      }),
    );
  });

  it('is monotonic along the line: mileage falls back only across a long chain', () => {
    fc.assert(
      fc.property(lineArb, fraction, fraction, (line, f1, f2) => {
        const [a, b] = [Math.min(f1, f2) * line.lengthM, Math.max(f1, f2) * line.lengthM];
        const ma = line.ref.measureToMileage(a).metres;
        const mb = line.ref.measureToMileage(b).metres;
        const longBetween = line.breaks.some((x) => x.ahead < x.behind && x.measure > a && x.measure <= b);
        if (!longBetween) expect(mb).toBeGreaterThanOrEqual(ma - 1e-6);
        if (b - a > 1 && !longBetween) expect(mb).toBeGreaterThan(ma);
      }),
    );
  });

  it('adds up: track length between two mileages is their difference less short chains, plus long ones', () => {
    fc.assert(
      fc.property(lineArb, fraction, fraction, (line, f1, f2) => {
        const [a, b] = [Math.min(f1, f2) * line.lengthM, Math.max(f1, f2) * line.lengthM];
        const ma = line.ref.measureToMileage(a).metres;
        const mb = line.ref.measureToMileage(b).metres;
        const between = line.breaks.filter((x) => x.measure > a && x.measure <= b);
        const chained = between.reduce((sum, x) => sum + (x.ahead - x.behind), 0);
        expect(Math.abs(b - a - (mb - ma - chained))).toBeLessThan(TOLERANCE_M);
      }),
    );
  });

  it('has no place for a mileage inside a short chain, and says so', () => {
    fc.assert(
      fc.property(lineArb, fraction, (line, f) => {
        for (const x of line.breaks.filter((b) => b.ahead > b.behind)) {
          const gapped = x.behind + 0.5 + f * (x.ahead - x.behind - 1);
          let error: unknown = null;
          try {
            line.ref.mileageToMeasures('K', gapped);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(NetworkError);
          expect((error as NetworkError).code).toBe('short_chain_gap');
        }
      }),
    );
  });

  it('finds a mileage of a long chain twice, a chain length apart, first and second occurrence in order', () => {
    fc.assert(
      fc.property(lineArb, fraction, (line, f) => {
        for (const x of line.breaks.filter((b) => b.ahead < b.behind)) {
          const repeated = x.ahead + f * (x.behind - x.ahead);
          const places = line.ref.candidatesFor('K', repeated);
          expect(places).toHaveLength(2);
          expect(Math.abs(places[1]!.measure - places[0]!.measure - (x.behind - x.ahead))).toBeLessThan(TOLERANCE_M);
          expect(places.map((p) => p.chain?.occurrence)).toEqual([1, 2]);
        }
      }),
    );
  });
});
