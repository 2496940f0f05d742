import type { CoverInstance } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';

export interface RandomCoverOptions {
  sites: number;
  demands: number;
  p: number;
  fixed?: number;
  seed: number;
  /** covering radius, km */
  radiusKm?: number;
  /** side of the square, km */
  sizeKm?: number;
  /** `uniform`: demands and sites anywhere in the square, the textbook test case (and a harder one) */
  layout?: 'railway' | 'uniform';
}

/**
 * A covering instance shaped like a railway department: a handful of lines across a square (200 km unless told),
 * incidents along them clustered around towns (a few heavy, most light), candidate sites along the
 * lines (stations, gates) and in the towns (police stations), and a site covering what lies within
 * a radius — what the ETA model within a time limit does, with the road network left out.
 */
export function randomCoverInstance(o: RandomCoverOptions): CoverInstance {
  // the railway's draws are made in either layout, so a seed gives the same weights in both
  const rng = createRng(o.seed);
  const size = o.sizeKm ?? 200;
  const radius = o.radiusKm ?? 12;
  const lines = Array.from({ length: 6 }, () => {
    // from one side of the square to another
    const a = rng.next() < 0.5 ? [0, rng.range(0, size)] : [rng.range(0, size), 0];
    const b = rng.next() < 0.5 ? [size, rng.range(0, size)] : [rng.range(0, size), size];
    return [a as [number, number], b as [number, number]] as const;
  });
  const along = (t: number, l: (typeof lines)[number]): [number, number] => [l[0][0] + (l[1][0] - l[0][0]) * t, l[0][1] + (l[1][1] - l[0][1]) * t];
  const towns = Array.from({ length: 30 }, () => ({ at: along(rng.next(), rng.pick(lines)), pull: 0.2 + rng.next() ** 2 * 3 }));
  const pulls = towns.reduce((a, t) => a + t.pull, 0);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const demandsAt: Array<[number, number]> = [];
  const demands = Array.from({ length: o.demands }, (_, i) => {
    let pt: [number, number];
    if (o.layout === 'uniform') pt = [rng.range(0, size), rng.range(0, size)];
    else if (rng.next() < 0.6) {
      // around a town, chosen by its pull
      let r = rng.next() * pulls;
      let town = towns[0]!;
      for (const t of towns) {
        town = t;
        if ((r -= t.pull) <= 0) break;
      }
      const s = (3 + 5 * rng.next()) * (size / 200);
      pt = [town.at[0] + gauss() * s, town.at[1] + gauss() * s];
    } else {
      const q = along(rng.next(), rng.pick(lines));
      pt = [q[0] + gauss() * (size / 200), q[1] + gauss() * (size / 200)];
    }
    demandsAt.push(pt);
    // incident counts: mostly one or two, a few hot spots
    return { id: `d${i}`, weight: 1 + Math.floor(-Math.log(1 - rng.next()) * 2) };
  });
  const sitesAt: Array<[number, number]> = [];
  const sites = Array.from({ length: o.sites }, (_, j) => {
    if (o.layout === 'uniform') sitesAt.push([rng.range(0, size), rng.range(0, size)]);
    else if (rng.next() < 0.3) {
      const t = rng.pick(towns);
      sitesAt.push([t.at[0] + gauss() * 2 * (size / 200), t.at[1] + gauss() * 2 * (size / 200)]);
    } else sitesAt.push(along(rng.next(), rng.pick(lines)));
    return { id: `s${j}`, ...(j < (o.fixed ?? 0) ? { fixed: true } : {}) };
  });
  // a grid of cells one radius wide: only neighbouring cells can be within reach
  const cell = (x: number) => Math.floor(x / radius);
  const grid = new Map<string, number[]>();
  demandsAt.forEach(([x, y], i) => {
    const k = `${cell(x)},${cell(y)}`;
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  const covers: Record<string, string[]> = {};
  sitesAt.forEach(([x, y], j) => {
    const list: string[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of grid.get(`${cell(x) + dx},${cell(y) + dy}`) ?? []) {
          const [u, v] = demandsAt[i]!;
          if ((u - x) ** 2 + (v - y) ** 2 <= radius * radius) list.push(`d${i}`);
        }
      }
    }
    covers[`s${j}`] = list.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  });
  return { p: o.p, sites, demands, covers };
}
