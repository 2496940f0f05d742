import { parseMileage, type KmPost, type Mileage } from '@railjoint/contracts';
import type { LineGeometry } from './line-geometry.js';
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
 * (a hairpin or loop), the placement after the previous post is preferred, so that well-ordered
 * posts stay in order.
 */
export function placePosts(geometry: LineGeometry, posts: KmPost[], index: SegmentIndex, line: number): PostPlacement[] {
  let prev = -Infinity;
  return posts.map((post) => {
    const candidates = index.candidatesOnLine(post.coordinates, MAX_POST_OFFSET_M * 2, line);
    const chosen = candidates.find((c) => c.measure >= prev - 1e-6) ?? candidates[0] ?? geometry.projectBrute(post.coordinates);
    prev = Math.max(prev, chosen.measure);
    const behind = parseMileage(post.mileage);
    return { measure: chosen.measure, offsetM: chosen.distanceM, behind, ahead: post.ahead ? parseMileage(post.ahead) : behind };
  });
}
