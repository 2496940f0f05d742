import { formatMileage } from '@railjoint/contracts';
import type { AreaClass, LineFeature, LonLat, NetworkGeoJSON, SiteFeature, SiteType, StationFeature } from '@railjoint/contracts';
import { cumulativeM, insertAtMeasures, LocalProjection, roundLonLat, smoothPolyline, type ControlPoint } from './geometry.js';
import { cnNumber, mountainName, RIVERS_GUANGXI, villageName } from './names.js';
import type { Rng } from './prng.js';

export type StationSize = 'city' | 'town' | 'village';
export type Terrain = 'plain' | 'hilly' | 'mountain';

export interface StationInfo {
  id: string;
  name: string;
  at: LonLat;
  size: StationSize;
  telecode?: string;
  /** telephone area code of the place, for duty phones of the agencies based there */
  area?: string;
}

/** A station name (looked up in the station registry) or a point the line must pass. */
export type StopSpec = string | { at: LonLat; anchor: boolean };

export interface ChainSpec {
  /** measured from this station (default: the line start) */
  afterStation?: string;
  distanceM: number;
  /** the chain-break post stands at the next kilometre + behindM and continues at + aheadM */
  behindM: number;
  aheadM: number;
}

export interface NamedSiteSpec {
  siteType: SiteType;
  name: string;
  near: string;
  /** from the station along the line (negative: before it) */
  offsetM: number;
  lengthM?: number;
}

export interface LineSpec {
  id: string;
  name: string;
  highSpeed: boolean;
  prefix: string;
  startKm: number;
  halfWidthM: number;
  /** vertex spacing range; one value is drawn per stretch between anchors */
  spacingM: [number, number];
  /** invented bends between anchors: one steering point every wavelength, off the chord by up to the amplitude */
  wiggle: { wavelengthM: [number, number]; amplitudeM: number };
  terrain: Terrain;
  stops: StopSpec[];
  chains?: ChainSpec[];
  namedSites?: NamedSiteSpec[];
  /** stations placed along the line at intervals (national scale), besides the stops */
  midStations?: { everyM: [number, number]; make: (rng: Rng) => StationInfo };
  /** multiplies the gaps between generated bridges, tunnels, culverts and crossings */
  siteSpacing?: number;
  /** access gates on a high-speed line, every so many metres */
  gateEveryM?: [number, number];
}

export interface Post {
  measure: number;
  mileage: number;
  ahead?: number;
}

/**
 * The interpolation model shared with the network module: between two posts mileage grows
 * metre for metre with length along the geometry, starting from the first post's `ahead` (if it is
 * a chain break) or its own mileage.
 */
export class MileageModel {
  readonly zones: Array<[number, number]>;
  constructor(readonly prefix: string, readonly posts: readonly Post[]) {
    this.zones = posts.filter((p) => p.ahead !== undefined).map((p) => [Math.min(p.mileage, p.ahead!), Math.max(p.mileage, p.ahead!)]);
  }
  at(measure: number): number {
    let lo = 0;
    let hi = this.posts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (this.posts[mid]!.measure <= measure) lo = mid;
      else hi = mid;
    }
    const p = measure >= this.posts[hi]!.measure ? this.posts[hi]! : this.posts[lo]!;
    return (p.ahead ?? p.mileage) + (measure - p.measure);
  }
  /** false near a chain break: the mileage occurs twice there (long chain) or not at all (short chain) */
  isClear(mileage: number, marginM = 5): boolean {
    return this.zones.every(([lo, hi]) => mileage < lo - marginM || mileage > hi + marginM);
  }
  /** the nearest measure at or after `measure` whose mileage is unambiguous */
  clearMeasure(measure: number, lengthM: number): number {
    let s = measure;
    while (!this.isClear(this.at(s)) && s < lengthM) s += 10;
    if (s >= lengthM) {
      s = measure;
      while (!this.isClear(this.at(s)) && s > 0) s -= 10;
    }
    return Math.max(0, Math.min(lengthM, s));
  }
  text(measure: number): string {
    return formatMileage(Math.round(this.at(measure)), this.prefix);
  }
}

export interface BuiltStation {
  info: StationInfo;
  measure: number;
  vertex: number;
}

export interface BuiltSite {
  id: string;
  name: string;
  siteType: SiteType;
  from: number;
  to: number;
  /** the site is written as a Point at the middle of its extent (a bridge's or tunnel's centre) */
  vertex: number;
}

export interface BuiltLine {
  spec: LineSpec;
  coords: LonLat[];
  lengthM: number;
  model: MileageModel;
  postVertex: number[];
  stations: BuiltStation[];
  sites: BuiltSite[];
  areaClasses: Array<{ from: string; to: string; areaClass: AreaClass }>;
  /** first and last mileage (metres), the extent every range over the whole line uses */
  firstMileage: number;
  lastMileage: number;
}

export interface BuiltNetwork {
  lines: BuiltLine[];
  stations: Map<string, { info: StationInfo; on: Array<{ line: BuiltLine; station: BuiltStation }> }>;
}

/** Builds one line: geometry, posts, stations, sites and area classes, all from the seeded stream. */
export function buildLine(spec: LineSpec, registry: ReadonlyMap<string, StationInfo>, rng: Rng): BuiltLine {
  // 1. geometry through the stops, with invented bends in between
  const controls: ControlPoint[] = [];
  const stopStations: Array<StationInfo | null> = [];
  spec.stops.forEach((stop, i) => {
    const c = resolveStop(stop, registry);
    if (i > 0) controls.push(...bends(controls[controls.length - 1]!.at, c.point.at, spec, rng));
    controls.push(c.point);
    if (c.point.anchor) stopStations.push(c.station);
  });
  const smooth = smoothPolyline(controls, () => rng.range(spec.spacingM[0], spec.spacingM[1]));
  const coords0 = smooth.coords;
  const measures0 = cumulativeM(coords0);
  const lengthM = measures0[measures0.length - 1]!;
  const stations: Array<{ info: StationInfo; measure: number; vertex: number }> = [];
  smooth.anchorIndex.forEach((v, k) => {
    const info = stopStations[k];
    if (info) stations.push({ info, measure: measures0[v]!, vertex: -1 });
  });
  const stationMeasure = (name: string): number => {
    const s = stations.find((x) => x.info.name === name);
    if (!s) throw new Error(`${spec.id}: no station ${name}`);
    return s.measure;
  };

  // 2. kilometre posts, with the chain breaks
  const posts = placePosts(spec, lengthM, stationMeasure);
  const model = new MileageModel(spec.prefix, posts);

  // 3. stations placed along the line (national scale)
  const midStations: Array<{ info: StationInfo; measure: number }> = [];
  if (spec.midStations) {
    const ends = stations.map((s) => s.measure);
    let s = rng.range(spec.midStations.everyM[0], spec.midStations.everyM[1]);
    while (s < lengthM - 3000) {
      const m = model.clearMeasure(s, lengthM);
      if (ends.every((e) => Math.abs(e - m) > 3000) && model.isClear(model.at(m), 50)) midStations.push({ info: spec.midStations.make(rng), measure: m });
      s += rng.range(spec.midStations.everyM[0], spec.midStations.everyM[1]);
    }
  }
  const allStations = [...stations, ...midStations.map((m) => ({ ...m, vertex: -1 }))].sort((a, b) => a.measure - b.measure);

  // 4. key sites
  const sitePlans = planSites(spec, lengthM, model, allStations, stationMeasure, rng);

  // 5. make every post, placed station and site end an exact vertex
  const targets: number[] = [];
  posts.forEach((p) => targets.push(p.measure));
  midStations.forEach((m) => targets.push(m.measure));
  sitePlans.forEach((p) => targets.push((p.from + p.to) / 2));
  const order = targets.map((t, i) => i).sort((a, b) => targets[a]! - targets[b]! || a - b);
  const inserted = insertAtMeasures(coords0, measures0, order.map((i) => targets[i]!));
  const vertexOf = new Array<number>(targets.length);
  order.forEach((ti, k) => (vertexOf[ti] = inserted.indexOf[k]!));
  // anchors keep their identity: map their old index to the new one by walking both lists
  const remap = remapAnchors(coords0, inserted.coords, smooth.anchorIndex);
  const coords = inserted.coords.map(roundLonLat);

  let t = 0;
  const postVertex = posts.map(() => vertexOf[t++]!);
  const midVertex = midStations.map(() => vertexOf[t++]!);
  const sites: BuiltSite[] = sitePlans.map((p) => ({ ...p, vertex: vertexOf[t++]! }));
  let a = 0;
  smooth.anchorIndex.forEach((_, k) => {
    if (stopStations[k]) stations[a++]!.vertex = remap[k]!;
  });
  // a station placed along the line is where the line puts it
  midStations.forEach((m, i) => (m.info.at = coords[midVertex[i]!]!));
  const built: BuiltStation[] = [...stations, ...midStations.map((m, i) => ({ ...m, vertex: midVertex[i]! }))].sort((x, y) => x.measure - y.measure);

  const finalMeasures = cumulativeM(coords);
  return {
    spec,
    coords,
    lengthM: finalMeasures[finalMeasures.length - 1]!,
    model,
    postVertex,
    stations: built,
    sites,
    areaClasses: areaClasses(spec, lengthM, model, built, rng),
    firstMileage: posts[0]!.mileage,
    lastMileage: posts[posts.length - 1]!.mileage,
  };
}

function resolveStop(stop: StopSpec, registry: ReadonlyMap<string, StationInfo>): { point: ControlPoint; station: StationInfo | null } {
  if (typeof stop !== 'string') return { point: { at: stop.at, anchor: stop.anchor }, station: null };
  const info = registry.get(stop);
  if (!info) throw new Error(`unknown station ${stop}`);
  return { point: { at: info.at, anchor: true }, station: info };
}

/** Steering points between two stops, off the chord by a seeded amount, so the line bends plausibly. */
function bends(from: LonLat, to: LonLat, spec: LineSpec, rng: Rng): ControlPoint[] {
  const proj = new LocalProjection((from[0] + to[0]) / 2, (from[1] + to[1]) / 2);
  const a = proj.toXY(from);
  const b = proj.toXY(to);
  const d = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const wavelength = rng.range(spec.wiggle.wavelengthM[0], spec.wiggle.wavelengthM[1]);
  const n = Math.floor(d / wavelength);
  const amp = Math.min(spec.wiggle.amplitudeM, 0.1 * d);
  const ux = (b[0] - a[0]) / d;
  const uy = (b[1] - a[1]) / d;
  const out: ControlPoint[] = [];
  for (let q = 1; q <= n; q++) {
    const f = (q + rng.range(-0.2, 0.2)) / (n + 1);
    const off = rng.range(-1, 1) * amp;
    out.push({ at: proj.toLonLat([a[0] + (b[0] - a[0]) * f - uy * off, a[1] + (b[1] - a[1]) * f + ux * off]), anchor: false });
  }
  return out;
}

function placePosts(spec: LineSpec, lengthM: number, stationMeasure: (name: string) => number): Post[] {
  // resolve each chain break to a measure, in line order, using the mileage the earlier ones leave
  type Chain = { measure: number; behind: number; ahead: number };
  const chains: Chain[] = [];
  let mBase = spec.startKm * 1000;
  let sBase = 0;
  const specs = (spec.chains ?? [])
    .map((c) => ({ c, trigger: (c.afterStation ? stationMeasure(c.afterStation) : 0) + c.distanceM }))
    .sort((x, y) => x.trigger - y.trigger);
  for (const { c, trigger } of specs) {
    const km = Math.floor((mBase + (trigger - sBase)) / 1000) + 1;
    const behind = km * 1000 + c.behindM;
    const ahead = km * 1000 + c.aheadM;
    const measure = sBase + (behind - mBase);
    if (measure >= lengthM - 1000) continue;
    chains.push({ measure, behind, ahead });
    mBase = ahead;
    sBase = measure;
  }
  const posts: Post[] = [{ measure: 0, mileage: spec.startKm * 1000 }];
  mBase = spec.startKm * 1000;
  sBase = 0;
  let ci = 0;
  for (;;) {
    const nextWhole = (Math.floor(mBase / 1000 + 1e-9) + 1) * 1000;
    const chain = chains[ci];
    const byWhole = sBase + (nextWhole - mBase);
    if (chain && chain.measure <= byWhole) {
      posts.push({ measure: chain.measure, mileage: chain.behind, ahead: chain.ahead });
      mBase = chain.ahead;
      sBase = chain.measure;
      ci++;
      continue;
    }
    // the last post stands at the end of the line; avoid a sliver of a few metres before it
    if (byWhole > lengthM - 20) break;
    posts.push({ measure: byWhole, mileage: nextWhole });
    mBase = nextWhole;
    sBase = byWhole;
  }
  posts.push({ measure: lengthM, mileage: Math.round(mBase + (lengthM - sBase)) });
  return posts;
}

interface SitePlan {
  id: string;
  name: string;
  siteType: SiteType;
  from: number;
  to: number;
}

const SITE_CODE: Record<SiteType, string> = { bridge: 'br', tunnel: 'tu', level_crossing: 'lc', culvert: 'cv', access_gate: 'ag', substation: 'ss' };

/**
 * Key sites: the named ones first, then a sweep along the line drawing the next site by terrain
 * (tunnels in the mountains, level crossings only on conventional lines), then access gates in the
 * fence of high-speed lines, never inside a bridge or tunnel.
 */
function planSites(
  spec: LineSpec,
  lengthM: number,
  model: MileageModel,
  stations: ReadonlyArray<{ info: StationInfo; measure: number }>,
  stationMeasure: (name: string) => number,
  rng: Rng,
): SitePlan[] {
  const plans: Array<Omit<SitePlan, 'id'>> = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number, gap: number) => a > 300 && b < lengthM - 300 && taken.every(([x, y]) => b + gap < x || a - gap > y);
  const add = (p: Omit<SitePlan, 'id'>, reserve: boolean) => {
    plans.push(p);
    if (reserve) taken.push([p.from, p.to]);
  };
  for (const n of spec.namedSites ?? []) {
    const from = stationMeasure(n.near) + n.offsetM;
    const to = from + (n.lengthM ?? 0);
    if (from < 0 || to > lengthM) throw new Error(`${spec.id}: named site ${n.name} falls off the line`);
    add({ name: n.name, siteType: n.siteType, from, to }, true);
  }
  const scale = spec.siteSpacing ?? 1;
  const tunnelWeight = { plain: 0.05, hilly: 0.25, mountain: 0.5 }[spec.terrain];
  const crossingWeight = spec.highSpeed ? 0 : { plain: 0.35, hilly: 0.2, mountain: 0.08 }[spec.terrain];
  const weights: Array<[SiteType, number]> = [
    ['bridge', spec.highSpeed ? 0.45 : 0.3],
    ['tunnel', tunnelWeight],
    ['culvert', 0.3],
    ['level_crossing', crossingWeight],
  ];
  const usedNames = new Set(plans.map((p) => p.name));
  const nearestStation = (s: number) => {
    let best = stations[0];
    for (const st of stations) if (best === undefined || Math.abs(st.measure - s) < Math.abs(best.measure - s)) best = st;
    return best;
  };
  let s = rng.range(1500, 4000) * scale;
  while (s < lengthM - 1000) {
    const type = weighted(weights, rng);
    let len = 0;
    if (type === 'bridge') len = spec.highSpeed ? rng.range(150, 2200) : rng.range(40, 800);
    if (type === 'tunnel') len = spec.terrain === 'mountain' ? rng.range(300, 4200) : rng.range(150, 900);
    const from = model.clearMeasure(s, lengthM);
    const to = from + len;
    const nearStation = stations.some((st) => Math.abs(st.measure - from) < 700 || Math.abs(st.measure - to) < 700);
    if (free(from, to, 200) && !(type === 'tunnel' && nearStation) && !(type === 'level_crossing' && nearStation)) {
      add({ name: siteName(type, len, from, model, usedNames, rng), siteType: type, from, to }, true);
    }
    s = to + rng.range(3000, 9000) * scale;
  }
  if (spec.highSpeed) {
    const every = spec.gateEveryM ?? [1800, 4200];
    let g = rng.range(every[0], every[1]) / 2;
    while (g < lengthM - 500) {
      const m = model.clearMeasure(g, lengthM);
      if (free(m, m, 60)) add({ name: `${model.text(m)}通道门`, siteType: 'access_gate', from: m, to: m }, false);
      g = m + rng.range(every[0], every[1]);
    }
  }
  // traction substations every 40–60 km where no named one is near
  const named = plans.filter((p) => p.siteType === 'substation').map((p) => p.from);
  let sub = rng.range(15000, 30000);
  while (sub < lengthM - 5000) {
    if (named.every((n) => Math.abs(n - sub) > 25000)) {
      const near = nearestStation(sub);
      const m = model.clearMeasure(sub, lengthM);
      if (near && free(m, m, 50)) {
        const base = `${near.info.name}牵引变电所`;
        const name = usedNames.has(base) ? `${near.info.name}${model.text(m)}牵引变电所` : base;
        usedNames.add(name);
        add({ name, siteType: 'substation', from: m, to: m }, false);
      }
    }
    sub += rng.range(40000, 60000) * Math.max(1, scale / 2);
  }
  plans.sort((x, y) => x.from - y.from || x.siteType.localeCompare(y.siteType));
  const counters = new Map<string, number>();
  return plans.map((p) => {
    const code = SITE_CODE[p.siteType];
    const n = (counters.get(code) ?? 0) + 1;
    counters.set(code, n);
    return { ...p, id: `${spec.id}-${code}-${String(n).padStart(3, '0')}` };
  });
}

function weighted<T>(items: ReadonlyArray<[T, number]>, rng: Rng): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return items[items.length - 1]![0];
}

function siteName(type: SiteType, len: number, at: number, model: MileageModel, used: Set<string>, rng: Rng): string {
  const unique = (base: string, suffix: string) => {
    let name = `${base}${suffix}`;
    for (let i = 2; used.has(name); i++) name = `${base}${cnNumber(i)}号${suffix}`;
    used.add(name);
    return name;
  };
  switch (type) {
    case 'bridge': {
      const suffix = len >= 500 ? '特大桥' : len >= 100 ? '大桥' : '中桥';
      const place = len >= 500 && rng.chance(0.5) ? rng.pick(RIVERS_GUANGXI) : villageName(rng);
      return unique(place, suffix);
    }
    case 'tunnel':
      return unique(rng.chance(0.5) ? mountainName(rng) : villageName(rng), '隧道');
    case 'level_crossing':
      return unique(villageName(rng), '道口');
    default:
      // culverts are known by their mileage on the line
      return unique(model.text(at), '涵洞');
  }
}

/**
 * Land-use class by stretch (it sets the protection-zone width): urban around cities, suburban
 * beyond them and around towns, village around small stations and at scattered hamlets.
 */
function areaClasses(
  spec: LineSpec,
  lengthM: number,
  model: MileageModel,
  stations: readonly BuiltStation[],
  rng: Rng,
): Array<{ from: string; to: string; areaClass: AreaClass }> {
  const CELL = 50;
  const n = Math.ceil(lengthM / CELL);
  const cls = new Uint8Array(n); // 0 other, 1 village, 2 suburban, 3 urban
  const paint = (centre: number, half: number, c: number) => {
    const a = Math.max(0, Math.floor((centre - half) / CELL));
    const b = Math.min(n - 1, Math.floor((centre + half) / CELL));
    for (let i = a; i <= b; i++) if (cls[i]! < c) cls[i] = c;
  };
  let v = rng.range(4000, 12000);
  while (v < lengthM) {
    paint(v, rng.range(200, 800), 1);
    v += rng.range(6000, 18000);
  }
  for (const st of stations) {
    if (st.info.size === 'city') {
      paint(st.measure, 8000, 2);
      paint(st.measure, 3000, 3);
    } else if (st.info.size === 'town') {
      paint(st.measure, 2500, 1);
      paint(st.measure, 1000, 2);
    } else paint(st.measure, 1200, 1);
  }
  const names: AreaClass[] = ['other', 'village', 'suburban', 'urban'];
  const out: Array<{ from: string; to: string; areaClass: AreaClass }> = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && cls[j + 1] === cls[i]) j++;
    if (cls[i] !== 0) {
      const a = i === 0 ? 0 : model.clearMeasure(i * CELL, lengthM);
      const b = j === n - 1 ? lengthM : model.clearMeasure((j + 1) * CELL, lengthM);
      const from = Math.round(model.at(a));
      const to = Math.round(model.at(b));
      if (to > from) out.push({ from: formatMileage(from, spec.prefix), to: formatMileage(to, spec.prefix), areaClass: names[cls[i]!]! });
    }
    i = j + 1;
  }
  return out;
}

/** Maps anchor vertex indices from the smoothed line to the line with inserted vertices. */
function remapAnchors(before: readonly LonLat[], after: readonly LonLat[], anchors: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0, k = 0; i < before.length && k < anchors.length; i++) {
    while (after[j] !== before[i]) j++;
    if (anchors[k] === i) {
      out.push(j);
      k++;
    }
  }
  return out;
}

/** Writes the built lines as the import format, with one station feature per station name. */
export function toGeoJSON(net: BuiltNetwork): NetworkGeoJSON {
  const features: NetworkGeoJSON['features'] = [];
  for (const line of net.lines) {
    const f: LineFeature = {
      type: 'Feature',
      id: line.spec.id,
      geometry: { type: 'LineString', coordinates: line.coords },
      properties: {
        kind: 'line',
        id: line.spec.id,
        name: line.spec.name,
        highSpeed: line.spec.highSpeed,
        kmPosts: line.model.posts.map((p, i) => ({
          mileage: formatMileage(p.mileage, line.spec.prefix),
          ...(p.ahead !== undefined ? { ahead: formatMileage(p.ahead, line.spec.prefix) } : {}),
          coordinates: line.coords[line.postVertex[i]!]!,
        })),
        formationHalfWidthM: line.spec.halfWidthM,
        areaClasses: line.areaClasses,
      },
    };
    features.push(f);
  }
  for (const [id, st] of net.stations) {
    const first = st.on[0]!;
    const f: StationFeature = {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: first.line.coords[first.station.vertex]! },
      properties: {
        kind: 'station',
        id,
        name: st.info.name,
        ...(st.info.telecode ? { telecode: st.info.telecode } : {}),
        lines: st.on.map((o) => ({ lineId: o.line.spec.id, mileage: o.line.model.text(o.station.measure) })),
        ...(st.info.size === 'city' ? { precinctM: 1200 } : st.info.size === 'village' ? { precinctM: 400 } : {}),
      },
    };
    features.push(f);
  }
  for (const line of net.lines) {
    for (const site of line.sites) {
      // Points, as the rest of the system expects for key sites; the extent is not needed to dispatch to one
      const geometry: SiteFeature['geometry'] = { type: 'Point', coordinates: line.coords[site.vertex]! };
      features.push({
        type: 'Feature',
        id: site.id,
        geometry,
        properties: { kind: 'site', id: site.id, name: site.name, siteType: site.siteType, lineId: line.spec.id },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Builds all lines and gathers stations shared between lines (junctions) into one record each. */
export function buildNetwork(specs: readonly LineSpec[], registry: ReadonlyMap<string, StationInfo>, rng: Rng): BuiltNetwork {
  return assembleNetwork(specs.map((spec) => buildLine(spec, registry, rng.fork(`line:${spec.id}`))));
}

export function assembleNetwork(lines: BuiltLine[]): BuiltNetwork {
  const stations: BuiltNetwork['stations'] = new Map();
  for (const line of lines) {
    for (const station of line.stations) {
      const rec = stations.get(station.info.id);
      if (rec) rec.on.push({ line, station });
      else stations.set(station.info.id, { info: station.info, on: [{ line, station }] });
    }
  }
  return { lines, stations };
}
