import { parseMileage, type ChainInfo, type LineFeature, type LonLat, type Mileage } from '@railjoint/contracts';
import { chainNote, mileageText } from './chain-notes.js';
import { LineGeometry } from './line-geometry.js';
import { NetworkError } from './network-error.js';
import { said } from '../../platform/http/errors.js';
import { placePosts } from './post-placement.js';
import { SegmentIndex } from './segment-index.js';

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

/** A chain break within one chainage (same prefix behind and ahead): mileage repeats or skips. */
export interface ChainBreak {
  postIndex: number;
  measure: number;
  kind: 'long' | 'short';
  behind: Mileage;
  ahead: Mileage;
  lengthM: number;
  /**
   * Long chain: the measures where the repeated mileage begins behind the post and ends ahead of
   * it (the first occurrence is [repeatFromM, measure), the second [measure, repeatToM]).
   * Short chain: both equal `measure`.
   */
  repeatFromM: number;
  repeatToM: number;
}

export interface MileageAt extends Mileage {
  extrapolated: boolean;
  chain?: ChainInfo;
}

export interface MileageCandidate {
  measure: number;
  extrapolated: boolean;
  chain?: ChainInfo;
}

export interface NearestOnLine extends MileageAt {
  measure: number;
  offsetM: number;
  side: 'left' | 'right';
  onLine: LonLat;
}

/** Where a line sits in a shared segment index. */
export interface LineLocator {
  index: SegmentIndex;
  line: number;
}

/**
 * Within this distance of a chain-break post a located point gets chain information even where
 * its mileage is unambiguous: GNSS fixes and surveyed posts are a few metres off, so the mileage
 * of such a point may belong to either side of the break.
 */
export const AT_BREAK_M = 10;

const EPS = 1e-6;

/**
 * Linear referencing of one line: measure (metres along the geometry) ↔ mileage, honouring chain
 * breaks. Posts must already be placed and in order along the geometry (the validator sees to it).
 */
export class LineReference {
  readonly stretches: Stretch[];
  readonly chains: ChainBreak[];
  /** posts carrying an `ahead` that differs from their mileage, including changes of prefix */
  readonly breakPosts: number;
  private locator: LineLocator | undefined;

  constructor(
    readonly geometry: LineGeometry,
    readonly posts: PlacedPost[],
    locator?: LineLocator,
  ) {
    this.locator = locator;
    this.stretches = buildStretches(geometry.lengthM, posts);
    this.breakPosts = posts.filter((p) => p.ahead.prefix !== p.behind.prefix || Math.abs(p.ahead.metres - p.behind.metres) > EPS).length;
    this.chains = posts.flatMap((p, i): ChainBreak[] => {
      if (p.ahead.prefix !== p.behind.prefix || Math.abs(p.ahead.metres - p.behind.metres) <= EPS) return [];
      const kind = p.ahead.metres > p.behind.metres ? 'short' : 'long';
      const chain: ChainBreak = {
        postIndex: i,
        measure: p.measure,
        kind,
        behind: p.behind,
        ahead: p.ahead,
        lengthM: round3(Math.abs(p.ahead.metres - p.behind.metres)),
        repeatFromM: p.measure,
        repeatToM: p.measure,
      };
      if (kind === 'long') {
        chain.repeatFromM = this.findAcross(i, p.ahead.metres, -1);
        chain.repeatToM = this.findAcross(i, p.behind.metres, +1);
      }
      return [chain];
    });
  }

  /** Builds a line on its own (with its own small index), placing its posts on the geometry. */
  static fromFeature(feature: LineFeature): LineReference {
    const geometry = LineGeometry.from(feature.geometry);
    const index = new SegmentIndex([geometry]);
    const placed = placePosts(feature.properties.kmPosts, index, 0);
    return new LineReference(
      geometry,
      placed.map((p) => ({ measure: p.measure, behind: p.behind, ahead: p.ahead })),
      { index, line: 0 },
    );
  }

  get lengthM(): number {
    return this.geometry.lengthM;
  }

  /** The stretch holding a measure; at a post, the stretch that starts there (except at the last post). */
  stretchIndexAt(measure: number): number {
    const s = this.stretches;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]!.fromMeasure <= measure) lo = mid;
      else hi = mid - 1;
    }
    // Exactly at the last post the mileage is surveyed, not extrapolated.
    const here = s[lo]!;
    if (lo > 0 && here.extrapolated && here.fromPost >= 0 && measure - here.fromMeasure <= EPS) return lo - 1;
    return lo;
  }

  measureToMileage(measure: number): MileageAt {
    const m = Math.min(Math.max(measure, 0), this.lengthM);
    const i = this.stretchIndexAt(m);
    const s = this.stretches[i]!;
    const result: MileageAt = { prefix: s.prefix, metres: round3(Math.max(0, metresIn(s, m))), extrapolated: s.extrapolated };
    const chain = this.chainAt(i, m);
    if (chain) result.chain = chain;
    return result;
  }

  /** Every measure where a mileage occurs: two inside a long chain's repeated stretch. */
  mileageToMeasures(prefix: string, metres: number): number[] {
    return this.candidatesFor(prefix, metres).map((c) => c.measure);
  }

  /**
   * Every place where a mileage occurs, with chain information for each. Throws a NetworkError
   * saying why when there is none: unknown prefix, inside a short chain, or off the line's mileage.
   */
  candidatesFor(prefix: string, metres: number): MileageCandidate[] {
    const found: MileageCandidate[] = [];
    this.stretches.forEach((s, i) => {
      if (s.prefix !== prefix) return;
      const lo = Math.min(s.fromMetres, s.toMetres);
      const hi = Math.max(s.fromMetres, s.toMetres);
      if (metres < lo - EPS || metres > hi + EPS) return;
      const dm = s.toMetres - s.fromMetres;
      const measure = Math.abs(dm) < EPS ? s.fromMeasure : s.fromMeasure + ((metres - s.fromMetres) / dm) * (s.toMeasure - s.fromMeasure);
      // A mileage at a post is found at the end of one stretch and the start of the next: once.
      if (found.some((f) => Math.abs(f.measure - measure) < 1e-3)) return;
      const candidate: MileageCandidate = { measure, extrapolated: s.extrapolated };
      const chain = this.chainAt(i, measure);
      if (chain) candidate.chain = chain;
      found.push(candidate);
    });
    if (found.length) return found.sort((a, b) => a.measure - b.measure);
    throw this.notFound(prefix, metres);
  }

  /** The point at a measure (clamped to the line). */
  pointAt(measure: number): LonLat {
    return this.geometry.pointAt(measure);
  }

  /**
   * The nearest point of the line to `point` with its mileage; null when farther than maxOffsetM.
   * Without a limit, a point far from the line falls back to a scan of every segment.
   */
  nearest(point: LonLat, maxOffsetM = Infinity): NearestOnLine | null {
    const { index, line } = this.ensureLocator();
    const hit = Number.isFinite(maxOffsetM) ? index.nearestPerLine(point, maxOffsetM, line)[0] : index.projectOnLine(point, line);
    if (!hit) return null;
    return { ...this.measureToMileage(hit.measure), measure: hit.measure, offsetM: hit.distanceM, side: hit.side, onLine: [hit.lon, hit.lat] };
  }

  /** The mileage each prefix covers (over the whole geometry, extrapolated ends included). */
  prefixRanges(): Array<{ prefix: string; fromMetres: number; toMetres: number }> {
    const ranges = new Map<string, { prefix: string; fromMetres: number; toMetres: number }>();
    for (const s of this.stretches) {
      const lo = Math.max(0, Math.min(s.fromMetres, s.toMetres));
      const hi = Math.max(s.fromMetres, s.toMetres);
      const r = ranges.get(s.prefix);
      if (r) {
        r.fromMetres = Math.min(r.fromMetres, lo);
        r.toMetres = Math.max(r.toMetres, hi);
      } else ranges.set(s.prefix, { prefix: s.prefix, fromMetres: lo, toMetres: hi });
    }
    return [...ranges.values()];
  }

  /**
   * Chain information for a measure in stretch i: the occurrence inside a long chain's repeated
   * stretch, or the break itself within AT_BREAK_M of its post. The stretch says which side of a
   * post the measure belongs to, which the measure alone cannot at the post itself.
   */
  private chainAt(i: number, measure: number): ChainInfo | undefined {
    const s = this.stretches[i]!;
    for (const c of this.chains) {
      if (c.kind !== 'long') continue;
      const behind = s.toMeasure <= c.measure + EPS && measure >= c.repeatFromM - EPS && measure <= c.measure + EPS;
      const ahead = s.fromMeasure >= c.measure - EPS && measure >= c.measure - EPS && measure <= c.repeatToM + EPS;
      if (behind || ahead) return info(c, behind ? 1 : 2);
    }
    for (const c of this.chains) {
      if (Math.abs(measure - c.measure) <= AT_BREAK_M) return info(c);
    }
    return undefined;
  }

  /**
   * From chain-break post k, walks the stretches behind it (dir −1) or ahead of it (dir +1) in the
   * same chainage until the mileage reaches `metres`; the line's end or a change of prefix stops it.
   */
  private findAcross(k: number, metres: number, dir: -1 | 1): number {
    const s = this.stretches;
    let i = s.findIndex((x) => (dir < 0 ? x.toPost === k : x.fromPost === k));
    if (i < 0) return this.posts[k]!.measure;
    const prefix = dir < 0 ? this.posts[k]!.behind.prefix : this.posts[k]!.ahead.prefix;
    let edge = this.posts[k]!.measure;
    for (; i >= 0 && i < s.length && s[i]!.prefix === prefix; i += dir) {
      const x = s[i]!;
      const lo = Math.min(x.fromMetres, x.toMetres);
      const hi = Math.max(x.fromMetres, x.toMetres);
      if (metres >= lo - EPS && metres <= hi + EPS && Math.abs(x.toMetres - x.fromMetres) > EPS) {
        return x.fromMeasure + ((metres - x.fromMetres) / (x.toMetres - x.fromMetres)) * (x.toMeasure - x.fromMeasure);
      }
      edge = dir < 0 ? x.fromMeasure : x.toMeasure;
    }
    return edge;
  }

  private notFound(prefix: string, metres: number): NetworkError {
    const text = mileageText({ prefix, metres });
    const ranges = this.prefixRanges();
    const mine = ranges.filter((r) => r.prefix === prefix);
    if (!mine.length) {
      const used = ranges.map((r) => r.prefix);
      return new NetworkError('prefix_not_on_line', said(`本线没有 ${prefix} 里程（使用 ${used.join('、')}），${text} 不在本线上`, `this line has no ${prefix} mileage (it uses ${used.join(', ')}), so ${text} is not on it`));
    }
    const gap = this.chains.find((c) => c.kind === 'short' && c.behind.prefix === prefix && metres > c.behind.metres && metres < c.ahead.metres);
    if (gap) {
      const [behind, ahead] = [mileageText(gap.behind), mileageText(gap.ahead)];
      return new NetworkError(
        'short_chain_gap',
        said(
          `${text} 落在 ${behind} 与 ${ahead} 之间的短链内：里程在断链标处由前者直接跳到后者，本线不存在 ${text}`,
          `${text} falls in a short chain (短链) between ${behind} and ${ahead}: the mileage jumps from the one to the other at the chain-break post, so ${text} does not exist on this line`,
        ),
      );
    }
    // A prefix can come back after another (K, then DK, then K again): name each run.
    const runs = this.runsOf(prefix);
    const ends = runs.map((r) => [mileageText({ prefix, metres: r.fromMetres }), mileageText({ prefix, metres: r.toMetres })] as const);
    const all = mine[0]!;
    const outside = metres < all.fromMetres || metres > all.toMetres;
    return new NetworkError(
      'beyond_line',
      said(
        `${text} ${outside ? '超出本线范围' : '不在本线上'}，本线 ${prefix} 里程为 ${ends.map(([a, b]) => `${a} 至 ${b}`).join('、')}`,
        `${text} is ${outside ? 'beyond the line' : 'not on this line'}, whose ${prefix} mileage runs from ${ends.map(([a, b]) => `${a} to ${b}`).join(' and from ')}`,
      ),
    );
  }

  /** Mileage ranges of the consecutive stretches in one prefix, in order along the line. */
  private runsOf(prefix: string): Array<{ fromMetres: number; toMetres: number }> {
    const runs: Array<{ fromMetres: number; toMetres: number }> = [];
    let open = false;
    for (const s of this.stretches) {
      if (s.prefix !== prefix) {
        open = false;
        continue;
      }
      const lo = Math.max(0, Math.min(s.fromMetres, s.toMetres));
      const hi = Math.max(s.fromMetres, s.toMetres);
      const last = runs[runs.length - 1];
      if (open && last) {
        last.fromMetres = Math.min(last.fromMetres, lo);
        last.toMetres = Math.max(last.toMetres, hi);
      } else runs.push({ fromMetres: lo, toMetres: hi });
      open = true;
    }
    return runs;
  }

  private ensureLocator(): LineLocator {
    this.locator ??= { index: new SegmentIndex([this.geometry]), line: 0 };
    return this.locator;
  }
}

function info(c: ChainBreak, occurrence?: 1 | 2): ChainInfo {
  const out: ChainInfo = { kind: c.kind, behind: mileageText(c.behind), ahead: mileageText(c.ahead), lengthM: c.lengthM, note: '' };
  if (occurrence) out.occurrence = occurrence;
  out.note = chainNote(out);
  return out;
}

function metresIn(s: Stretch, measure: number): number {
  const span = s.toMeasure - s.fromMeasure;
  const f = span > 0 ? (measure - s.fromMeasure) / span : 0;
  return s.fromMetres + f * (s.toMetres - s.fromMetres);
}

function buildStretches(lengthM: number, posts: PlacedPost[]): Stretch[] {
  const out: Stretch[] = [];
  const first = posts[0];
  const last = posts[posts.length - 1];
  if (!first || !last) {
    // Without posts (never after validation) the measure itself is the mileage.
    return [{ fromMeasure: 0, toMeasure: lengthM, prefix: 'K', fromMetres: 0, toMetres: lengthM, extrapolated: true, fromPost: -1, toPost: -1 }];
  }
  if (first.measure > EPS) {
    out.push({ fromMeasure: 0, toMeasure: first.measure, prefix: first.behind.prefix, fromMetres: first.behind.metres - first.measure, toMetres: first.behind.metres, extrapolated: true, fromPost: -1, toPost: 0 });
  }
  for (let k = 0; k + 1 < posts.length; k++) {
    const a = posts[k]!;
    const b = posts[k + 1]!;
    out.push({ fromMeasure: a.measure, toMeasure: b.measure, prefix: a.ahead.prefix, fromMetres: a.ahead.metres, toMetres: b.behind.metres, extrapolated: false, fromPost: k, toPost: k + 1 });
  }
  if (lengthM - last.measure > EPS || out.length === 0) {
    out.push({ fromMeasure: last.measure, toMeasure: Math.max(lengthM, last.measure), prefix: last.ahead.prefix, fromMetres: last.ahead.metres, toMetres: last.ahead.metres + Math.max(0, lengthM - last.measure), extrapolated: true, fromPost: posts.length - 1, toPost: -1 });
  }
  return out;
}

/** A post placed at a known measure (for tests and hand-made lines). */
export function placedPost(measure: number, mileage: string, ahead?: string): PlacedPost {
  const behind = parseMileage(mileage);
  return { measure, behind, ahead: ahead ? parseMileage(ahead) : behind };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
