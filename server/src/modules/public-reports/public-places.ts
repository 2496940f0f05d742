import { z } from 'zod';
import type { LonLat } from '@railjoint/contracts';
import type { NetworkModel } from '../network/network-model.js';

/**
 * What the public report page needs to say where, without signing in: station names and points
 * ("I am at station …"), line names with the mileage they span (a km post), and each line's course
 * thinned to at most 400 points (the pin map). All of it is what a timetable or a paper map shows.
 */
export const PublicPlaces = z.object({
  stations: z.array(z.object({ id: z.string(), name: z.string(), coordinates: z.tuple([z.number(), z.number()]) })),
  lines: z.array(z.object({ id: z.string(), name: z.string(), from: z.string(), to: z.string(), paths: z.array(z.array(z.tuple([z.number(), z.number()]))) })),
});
export type PublicPlaces = z.infer<typeof PublicPlaces>;

const MAX_POINTS = 400;

function thin(path: readonly LonLat[]): LonLat[] {
  if (path.length <= MAX_POINTS) return path.map((p) => [p[0], p[1]]);
  const step = Math.ceil(path.length / MAX_POINTS);
  const out = path.filter((_, i) => i % step === 0).map((p): LonLat => [p[0], p[1]]);
  const last = path[path.length - 1]!;
  out.push([last[0], last[1]]);
  return out;
}

export function publicPlaces(model: NetworkModel): PublicPlaces {
  return {
    stations: model
      .stations()
      .map((s) => ({ id: s.id, name: s.name, coordinates: [s.coordinates[0], s.coordinates[1]] as [number, number] }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    lines: model.lines().map((l) => {
      const posts = l.feature.properties.kmPosts;
      const g = l.feature.geometry;
      const paths = g.type === 'LineString' ? [g.coordinates as LonLat[]] : (g.coordinates as LonLat[][]);
      return { id: l.id, name: l.name, from: posts[0]!.mileage, to: posts[posts.length - 1]!.mileage, paths: paths.map(thin) };
    }),
  };
}
