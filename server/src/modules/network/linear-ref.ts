import { formatMileage, parseMileage, type ChainInfo, type Mileage } from '@railjoint/contracts';
import type { LineGeometry } from './line-geometry.js';

/** A km post placed on the geometry. `ahead` differs from `behind` only at a chain break. */
export interface PlacedPost {
  measure: number;
  behind: Mileage;
  ahead: Mileage;
}

/**
 * A stretch of line over which mileage is interpolated linearly in length: between two posts, or
 * before the first / after the last post (extrapolated 1:1).
 */
export interface Stretch {
  fromMeasure: number;
  toMeasure: number;
  prefix: string;
  fromMetres: number;
  toMetres: number;
  extrapolated: boolean;
  /** index of the post at each end (-1 where the stretch is extrapolated) */
  fromPost: number;
  toPost: number;
}

export interface ChainBreak {
  postIndex: number;
  measure: number;
  kind: 'long' | 'short';
  behind: Mileage;
  ahead: Mileage;
  lengthM: number;
}

export interface MileageAt extends Mileage {
  extrapolated: boolean;
  chain?: ChainInfo;
}

export type MileageLookupError = { code: 'prefix_not_on_line' | 'short_chain_gap' | 'beyond_line'; message: string };

const EPS = 1e-6;

/**
 * Linear referencing of one line: measure (metres along the geometry) ↔ mileage, honouring chain
 * breaks. Posts must already be placed and in order (the validator guarantees it).
 */
export class LineReference {
  readonly stretches: Stretch[];
  readonly chains: ChainBreak[];

  constructor(
    readonly geometry: LineGeometry,
    readonly posts: PlacedPost[],
  ) {
    this.stretches = buildStretches(geometry.lengthM, posts);
    this.chains = posts.flatMap((p, i): ChainBreak[] => {
      if (p.ahead.prefix !== p.behind.prefix || Math.abs(p.ahead.metres - p.behind.metres) < EPS) return [];
      const kind = p.ahead.metres > p.behind.metres ? 'short' : 'long';
      return [{ postIndex: i, measure: p.measure, kind, behind: p.behind, ahead: p.ahead, lengthM: round3(Math.abs(p.ahead.metres - p.behind.metres)) }];
    });
  }

  get lengthM(): number {
    return this.geometry.lengthM;
  }

  stretchIndexAt(measure: number): number {
    const s = this.stretches;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]!.fromMeasure <= measure) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  measureToMileage(measure: number): MileageAt {
    const i = this.stretchIndexAt(measure);
    const s = this.stretches[i]!;
    const span = s.toMeasure - s.fromMeasure;
    const f = span > 0 ? (measure - s.fromMeasure) / span : 0;
    const metres = Math.max(0, s.fromMetres + f * (s.toMetres - s.fromMetres));
    const result: MileageAt = { prefix: s.prefix, metres: round3(metres), extrapolated: s.extrapolated };
    const chain = this.chainNear(s, measure, metres);
    if (chain) result.chain = chain;
    return result;
  }

  /** Every measure where this mileage occurs: two inside a long chain's repeated stretch. */
  mileageToMeasures(m: Mileage): number[] | MileageLookupError {
    const found: number[] = [];
    let prefixSeen = false;
    for (const s of this.stretches) {
      if (s.prefix !== m.prefix) continue;
      prefixSeen = true;
      const lo = Math.min(s.fromMetres, s.toMetres);
      const hi = Math.max(s.fromMetres, s.toMetres);
      if (m.metres < lo - EPS || m.metres > hi + EPS) continue;
      const dm = s.toMetres - s.fromMetres;
      const measure = Math.abs(dm) < EPS ? s.fromMeasure : s.fromMeasure + ((m.metres - s.fromMetres) / dm) * (s.toMeasure - s.fromMeasure);
      if (!found.some((x) => Math.abs(x - measure) < 1e-3)) found.push(measure);
    }
    if (found.length) return found.sort((a, b) => a - b);
    if (!prefixSeen) {
      const prefixes = [...new Set(this.stretches.map((s) => s.prefix))].join(', ');
      return { code: 'prefix_not_on_line', message: `this line has no ${m.prefix} mileage (it uses ${prefixes})` };
    }
    const gap = this.chains.find((c) => c.kind === 'short' && c.behind.prefix === m.prefix && m.metres > c.behind.metres && m.metres < c.ahead.metres);
    if (gap) {
      return {
        code: 'short_chain_gap',
        message: `${formatMileage(m.metres, m.prefix)} falls in a short chain (短链): the mileage jumps from ${fmt(gap.behind)} to ${fmt(gap.ahead)}, so it does not exist on this line`,
      };
    }
    const first = this.stretches[0]!;
    const last = this.stretches[this.stretches.length - 1]!;
    return {
      code: 'beyond_line',
      message: `${formatMileage(m.metres, m.prefix)} is beyond the line, which runs from ${formatMileage(first.fromMetres, first.prefix)} to ${formatMileage(last.toMetres, last.prefix)}`,
    };
  }

  /** Chain information for a point in a stretch that begins or ends at a chain break. */
  private chainNear(s: Stretch, measure: number, metres: number): ChainInfo | undefined {
    for (const c of this.chains) {
      const endsHere = s.toPost === c.postIndex;
      const startsHere = s.fromPost === c.postIndex;
      if (!endsHere && !startsHere) continue;
      const info: ChainInfo = {
        kind: c.kind,
        behind: fmt(c.behind),
        ahead: fmt(c.ahead),
        lengthM: c.lengthM,
        note: '',
      };
      if (c.kind === 'long') {
        const repeated = metres >= c.ahead.metres - EPS && metres <= c.behind.metres + EPS;
        if (repeated) info.occurrence = measure <= c.measure ? 1 : 2;
        info.note = repeated
          ? `long chain (长链) of ${c.lengthM} m: ${fmt(c.ahead)}–${fmt(c.behind)} occurs twice; this is the ${info.occurrence === 1 ? 'first occurrence, behind' : 'second occurrence, ahead of'} the chain-break post`
          : `near a long chain (长链) of ${c.lengthM} m: ${fmt(c.ahead)}–${fmt(c.behind)} occurs twice`;
      } else {
        info.note = `near a short chain (短链) of ${c.lengthM} m: the mileage jumps from ${fmt(c.behind)} to ${fmt(c.ahead)}`;
      }
      return info;
    }
    return undefined;
  }
}

function buildStretches(lengthM: number, posts: PlacedPost[]): Stretch[] {
  const out: Stretch[] = [];
  const first = posts[0]!;
  const last = posts[posts.length - 1]!;
  if (first.measure > EPS) {
    out.push({ fromMeasure: 0, toMeasure: first.measure, prefix: first.behind.prefix, fromMetres: first.behind.metres - first.measure, toMetres: first.behind.metres, extrapolated: true, fromPost: -1, toPost: 0 });
  }
  for (let k = 0; k + 1 < posts.length; k++) {
    const a = posts[k]!;
    const b = posts[k + 1]!;
    out.push({ fromMeasure: a.measure, toMeasure: b.measure, prefix: a.ahead.prefix, fromMetres: a.ahead.metres, toMetres: b.behind.metres, extrapolated: false, fromPost: k, toPost: k + 1 });
  }
  if (lengthM - last.measure > EPS) {
    out.push({ fromMeasure: last.measure, toMeasure: lengthM, prefix: last.ahead.prefix, fromMetres: last.ahead.metres, toMetres: last.ahead.metres + (lengthM - last.measure), extrapolated: true, fromPost: posts.length - 1, toPost: -1 });
  }
  return out;
}

export function placedPost(measure: number, mileage: string, ahead?: string): PlacedPost {
  const behind = parseMileage(mileage);
  return { measure, behind, ahead: ahead ? parseMileage(ahead) : behind };
}

function fmt(m: Mileage): string {
  return formatMileage(m.metres, m.prefix);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
