import Flatbush from 'flatbush';
import { parseMileage, type Agency, type AgencyRef, type AgencyType, type LonLat, type OrganisationDocument } from '@railjoint/contracts';
import { bboxOf, pointInPolygon, polygonsOf, type PolygonRings } from './geometry.js';

export interface LineRangeHit {
  ref: AgencyRef;
  lineId: string;
  /** the jurisdiction's mileage as written, normalised so from ≤ to */
  from: string;
  to: string;
}

interface RangeEntry {
  agencyId: string;
  from: number;
  to: number;
  fromText: string;
  toText: string;
}

/** Ranges of one line and prefix sorted by start, with the running maximum end for early exit. */
interface RangeTable {
  entries: RangeEntry[];
  maxTo: number[];
}

interface AreaEntry {
  agencyId: string;
  rings: PolygonRings;
}

/**
 * Read-only lookups over a validated organisation document. Built once per document version so a
 * resolve is a few binary searches and one R-tree query.
 */
export class OrgIndex {
  private readonly agencies = new Map<string, Agency>();
  private readonly byType = new Map<AgencyType, Agency[]>();
  private readonly lines = new Map<string, Map<string, RangeTable>>();
  private readonly stations = new Map<string, string[]>();
  private readonly trains = new Map<string, string[]>();
  private readonly areas: AreaEntry[] = [];
  private readonly areaTree: Flatbush | null;

  constructor(doc: OrganisationDocument) {
    for (const a of doc.agencies) {
      this.agencies.set(a.id, a);
      const list = this.byType.get(a.type) ?? [];
      list.push(a);
      this.byType.set(a.type, list);
    }
    const raw = new Map<string, Map<string, RangeEntry[]>>();
    for (const j of doc.jurisdictions) {
      if (j.kind === 'line-range') {
        const a = parseMileage(j.from);
        const b = parseMileage(j.to);
        // validation rejects mixed prefixes; index under the start's prefix regardless
        const [lo, hi] = a.metres <= b.metres ? [a, b] : [b, a];
        const [loText, hiText] = a.metres <= b.metres ? [j.from, j.to] : [j.to, j.from];
        const perLine = raw.get(j.lineId) ?? new Map<string, RangeEntry[]>();
        raw.set(j.lineId, perLine);
        const list = perLine.get(lo.prefix) ?? [];
        perLine.set(lo.prefix, list);
        list.push({ agencyId: j.agencyId, from: lo.metres, to: hi.metres, fromText: loText, toText: hiText });
      } else if (j.kind === 'station') {
        push(this.stations, j.stationId, j.agencyId);
      } else if (j.kind === 'train') {
        for (const t of j.trains) push(this.trains, normTrain(t), j.agencyId);
      } else {
        for (const rings of polygonsOf(j.geometry)) this.areas.push({ agencyId: j.agencyId, rings });
      }
    }
    for (const [lineId, perLine] of raw) {
      const tables = new Map<string, RangeTable>();
      for (const [prefix, list] of perLine) {
        list.sort((x, y) => x.from - y.from || x.to - y.to);
        const maxTo: number[] = [];
        let m = -Infinity;
        for (const e of list) maxTo.push((m = Math.max(m, e.to)));
        tables.set(prefix, { entries: list, maxTo });
      }
      this.lines.set(lineId, tables);
    }
    if (this.areas.length > 0) {
      const tree = new Flatbush(this.areas.length);
      for (const a of this.areas) {
        const [x0, y0, x1, y1] = bboxOf(a.rings);
        tree.add(x0, y0, x1, y1);
      }
      tree.finish();
      this.areaTree = tree;
    } else {
      this.areaTree = null;
    }
  }

  agency(id: string): Agency | undefined {
    return this.agencies.get(id);
  }

  ref(id: string, via?: AgencyRef['via']): AgencyRef | null {
    const a = this.agencies.get(id);
    if (!a) return null;
    return via ? { agencyId: a.id, name: a.name, type: a.type, via } : { agencyId: a.id, name: a.name, type: a.type };
  }

  ofType(type: AgencyType): Agency[] {
    return this.byType.get(type) ?? [];
  }

  /** Parent, grandparent, … nearest first; stops at a loop so bad data cannot hang a resolve. */
  ancestors(id: string): Agency[] {
    const out: Agency[] = [];
    const seen = new Set<string>([id]);
    let cur = this.agencies.get(id)?.parentId ?? null;
    while (cur && !seen.has(cur)) {
      seen.add(cur);
      const a = this.agencies.get(cur);
      if (!a) break;
      out.push(a);
      cur = a.parentId ?? null;
    }
    return out;
  }

  /** Every line-range jurisdiction holding the mileage; ends are inclusive so a shared post belongs to both. */
  byLineMileage(lineId: string, prefix: string, metres: number): LineRangeHit[] {
    const t = this.lines.get(lineId)?.get(prefix);
    if (!t) return [];
    const out: LineRangeHit[] = [];
    for (let i = upperBound(t.entries, metres) - 1; i >= 0 && t.maxTo[i]! >= metres; i--) {
      const e = t.entries[i]!;
      if (e.to >= metres) this.pushHit(out, lineId, e);
    }
    return out.reverse();
  }

  /** The closest range of an agency type on the same line and prefix, for falling back in a coverage gap. */
  nearestLineRange(lineId: string, prefix: string, metres: number, type: AgencyType): (LineRangeHit & { distanceM: number }) | null {
    const t = this.lines.get(lineId)?.get(prefix);
    if (!t) return null;
    let best: { e: RangeEntry; d: number } | null = null;
    for (const e of t.entries) {
      if (this.agencies.get(e.agencyId)?.type !== type) continue;
      const d = metres < e.from ? e.from - metres : metres > e.to ? metres - e.to : 0;
      if (!best || d < best.d) best = { e, d };
    }
    if (!best) return null;
    const hits: LineRangeHit[] = [];
    this.pushHit(hits, lineId, best.e);
    const hit = hits[0];
    return hit ? { ...hit, distanceM: best.d } : null;
  }

  byStation(stationId: string): AgencyRef[] {
    return this.refs(this.stations.get(stationId), 'station');
  }

  byTrain(trainNo: string): AgencyRef[] {
    return this.refs(this.trains.get(normTrain(trainNo)), 'train');
  }

  byPoint(p: LonLat): AgencyRef[] {
    if (!this.areaTree) return [];
    const ids: string[] = [];
    for (const i of this.areaTree.search(p[0], p[1], p[0], p[1])) {
      const a = this.areas[i];
      if (a && !ids.includes(a.agencyId) && pointInPolygon(p, a.rings)) ids.push(a.agencyId);
    }
    return this.refs(ids, 'area');
  }

  private pushHit(out: LineRangeHit[], lineId: string, e: RangeEntry): void {
    const ref = this.ref(e.agencyId, 'line-range');
    if (ref) out.push({ ref, lineId, from: e.fromText, to: e.toText });
  }

  private refs(ids: string[] | undefined, via: AgencyRef['via']): AgencyRef[] {
    const out: AgencyRef[] = [];
    for (const id of ids ?? []) {
      const r = this.ref(id, via);
      if (r) out.push(r);
    }
    return out;
  }
}

function push(m: Map<string, string[]>, key: string, v: string): void {
  const list = m.get(key);
  if (list) {
    if (!list.includes(v)) list.push(v);
  } else m.set(key, [v]);
}

/** Train numbers are written G1234 / g1234 / "G 1234" in reports. */
export function normTrain(t: string): string {
  return t.replace(/\s+/g, '').toUpperCase();
}

/** First index whose start is greater than metres. */
function upperBound(entries: RangeEntry[], metres: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.from <= metres) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
