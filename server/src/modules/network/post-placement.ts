import { parseMileage, type KmPost, type Mileage } from '@railjoint/contracts';
import type { LineProjection } from './line-geometry.js';
import type { SegmentIndex } from './segment-index.js';

export interface PostPlacement {
  measure: number;
  /** distance of the surveyed point from the geometry */
  offsetM: number;
  behind: Mileage;
  ahead: Mileage;
}

/** Posts further than this from the line are an import error. */
export const MAX_POST_OFFSET_M = 50;

/**
 * Places km posts on their line's geometry. Where the line passes a post's point more than once
 * (a loop, a hairpin), the nearest pass after the previous post is preferred, so well-ordered posts
 * stay in order; otherwise the nearest point wins and the validator reports the disorder.
 */
export function placePosts(posts: KmPost[], index: SegmentIndex, line: number): PostPlacement[] {
  let prev = -Infinity;
  return posts.map((post) => {
    const passes = nearestPerPass(index.candidatesOnLine(post.coordinates, MAX_POST_OFFSET_M, line));
    const chosen = passes.find((c) => c.measure >= prev) ?? passes[0] ?? index.projectOnLine(post.coordinates, line);
    prev = Math.max(prev, chosen.measure);
    const behind = parseMileage(post.mileage);
    return { measure: chosen.measure, offsetM: chosen.distanceM, behind, ahead: post.ahead ? parseMileage(post.ahead) : behind };
  });
}

/**
 * Segment projections near a point, reduced to the nearest one per pass of the line, nearest first.
 * Neighbouring segments of one pass also come within the radius (clamped at their ends) and must
 * not count as places of their own. A pass is a run of candidates whose measures lie within twice
 * the radius of each other: railway curves (radius ≥ 250 m) cannot fold more track than that into
 * a 50 m circle, while two passes of a loop are separated by the length of the loop.
 */
function nearestPerPass(candidates: LineProjection[]): LineProjection[] {
  const byMeasure = [...candidates].sort((a, b) => a.measure - b.measure);
  const out: LineProjection[] = [];
  let best: LineProjection | null = null;
  let last = -Infinity;
  for (const c of byMeasure) {
    if (c.measure - last > 2 * MAX_POST_OFFSET_M + 1e-6 && best) {
      out.push(best);
      best = null;
    }
    if (!best || c.distanceM < best.distanceM) best = c;
    last = c.measure;
  }
  if (best) out.push(best);
  return out.sort((a, b) => a.distanceM - b.distanceM);
}
