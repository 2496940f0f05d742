import type { LocateResult, LonLat, OrganisationDocument, PlaceHit, PlaceMatch, PlaceOnLine } from '@railjoint/contracts';
import type { NetworkModel } from '../network/network-model.js';
import { spell, type Spelling } from './spell.js';

/** A hit before it is matched: what it is, without how the text found it (kept apart per kind). */
type BareHit = PlaceHit extends unknown ? (PlaceHit extends infer H ? (H extends unknown ? Omit<H, 'matched'> : never) : never) : never;

interface Entry {
  hit: BareHit;
  /** the name and its aliases, each with its spelling */
  names: Array<{ text: string; alias: boolean; spelling: Spelling }>;
  telecode: string | null;
  /** among equally good matches, what a caller more likely means comes first */
  rank: number;
}

export interface LineName {
  id: string;
  name: string;
  spelling: Spelling;
}

const RANK = { station: 0, town: 1, level_crossing: 1, police_station: 2, village: 2, school: 2, market: 2, line: 2, bridge: 3, tunnel: 3, access_gate: 4, culvert: 4, substation: 4 } as const;

/**
 * Every place a caller may name, built once per network and organisation: stations, railway police
 * stations (at the station they sit in), key sites, towns and villages, lines; each with the pinyin
 * and initials of its names, and, where it has one, the nearest point of its line (the place a unit
 * is sent to). Matching is a scan: a department's few thousand names take well under a millisecond
 * per keystroke, a national network's fifty thousand a few.
 */
export class PlaceIndex {
  private readonly entries: Entry[] = [];
  readonly lines: LineName[];
  private readonly prefixes: Set<string>;

  constructor(readonly model: NetworkModel, org: Pick<OrganisationDocument, 'agencies' | 'jurisdictions'>) {
    const lineName = (id: string) => model.line(id)?.name ?? id;
    const onLine = (r: LocateResult | null): PlaceOnLine | null =>
      r ? { lineId: r.lineId, lineName: r.lineName, mileage: r.mileage, offsetM: Math.round(r.offsetM), onLine: r.onLine } : null;
    this.lines = model.lines().map((l) => ({ id: l.id, name: l.name, spelling: spell(l.name) }));
    this.prefixes = new Set(model.lines().flatMap((l) => l.ref.prefixRanges().map((r) => r.prefix)));

    for (const s of model.stations()) {
      this.add({ kind: 'station', key: `station:${s.id}`, id: s.id, name: s.name, telecode: s.telecode?.toUpperCase() ?? null, lineNames: s.lines.map((l) => lineName(l.lineId)), coordinates: s.coordinates }, [], RANK.station, s.telecode);
    }
    for (const l of model.lines()) {
      const bounds = boundsOf(l.feature.geometry.type === 'LineString' ? l.feature.geometry.coordinates : l.feature.geometry.coordinates.flat());
      this.add({ kind: 'line', key: `line:${l.id}`, id: l.id, name: l.name, highSpeed: l.highSpeed, bounds }, [], RANK.line);
    }
    for (const s of model.sites()) {
      const measure = (s.fromMeasureM + s.toMeasureM) / 2;
      const at = model.atMeasure(s.lineId, measure);
      const point = s.feature.geometry.type === 'Point' ? s.feature.geometry.coordinates : at.onLine;
      this.add({ kind: 'site', key: `site:${s.id}`, id: s.id, name: s.name, siteType: s.siteType, coordinates: point, line: onLine(at)! }, [], RANK[s.siteType]);
    }
    for (const p of model.places()) {
      this.add({ kind: 'place', key: `place:${p.id}`, id: p.id, name: p.name, placeType: p.placeType, coordinates: p.coordinates, line: onLine(p.line) }, p.aliases, RANK[p.placeType]);
    }
    for (const a of org.agencies) {
      if (a.type !== 'railway_police_station') continue;
      const own = org.jurisdictions.flatMap((j) => (j.agencyId === a.id && j.kind === 'station' ? [model.station(j.stationId)] : [])).filter((s) => s !== undefined);
      // 柳州站派出所 sits in 柳州 station; otherwise at the first station it answers for
      const seat = own.find((s) => a.name.startsWith(`${s.name}站`)) ?? own[0];
      if (seat) this.add({ kind: 'police_station', key: `agency:${a.id}`, id: a.id, name: a.name, stationId: seat.id, stationName: seat.name, coordinates: seat.coordinates }, [], RANK.police_station);
    }
  }

  private add(hit: BareHit, aliases: string[], rank: number, telecode?: string | null): void {
    const names = [hit.name, ...aliases].map((text, i) => ({ text, alias: i > 0, spelling: spell(text) }));
    this.entries.push({ hit, names, telecode: telecode?.toUpperCase() ?? null, rank });
  }

  /** Does the network write mileages with these letters (K, DK…)? */
  isPrefix(letters: string): boolean {
    return this.prefixes.has(letters);
  }

  /** Lines whose name, pinyin or initials the text gives: "湘桂", "湘桂线", "xianggui", "xg". */
  matchLines(text: string): LineName[] {
    const q = fold(text);
    if (!q) return [];
    const score = (l: LineName) => {
      const bare = l.name.replace(/线$/, '');
      if (l.name === q || bare === q) return 0;
      if (/^[a-z]+$/.test(q)) {
        const s = l.spelling;
        if (s.full === q || s.initials === q || s.full === `${q}xian` || s.initials === `${q}x`) return 0;
        if (s.full.startsWith(q) || (q.length >= 2 && s.initials.startsWith(q))) return 1;
        return Infinity;
      }
      return l.name.startsWith(q) ? 1 : l.name.includes(q) ? 2 : Infinity;
    };
    const scored = this.lines.map((l) => [score(l), l] as const).filter(([s]) => s < Infinity);
    const best = Math.min(...scored.map(([s]) => s));
    return scored.filter(([s]) => s === best).map(([, l]) => l);
  }

  /** Places whose name or alias, pinyin, initials or telecode the text gives, best first. */
  match(text: string, limit: number): PlaceHit[] {
    const q = fold(text);
    if (!q) return [];
    const latin = /^[a-z]+$/.test(q);
    const found: Array<{ score: number; entry: Entry; matched: PlaceMatch }> = [];
    for (const entry of this.entries) {
      const best = latin ? matchLatin(entry, q) : matchHan(entry, q);
      if (best) found.push({ ...best, entry });
    }
    found.sort((a, b) => a.score - b.score || a.entry.rank - b.entry.rank || a.entry.hit.name.length - b.entry.hit.name.length || a.entry.hit.name.localeCompare(b.entry.hit.name, 'zh-CN'));
    return found.slice(0, limit).map(({ entry, matched }) => ({ ...entry.hit, matched }) as PlaceHit);
  }
}

/** Spaces gone, Latin letters lower case, full-width letters half-width: what two spellings compare by. */
export function fold(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** "柳州站" finds 柳州: people add the 站 that station names leave out. */
function matchHan(entry: Entry, q: string): { score: number; matched: PlaceMatch } | null {
  const bare = entry.hit.kind === 'station' && q.length > 1 && q.endsWith('站') ? q.slice(0, -1) : q;
  let best: { score: number; matched: PlaceMatch } | null = null;
  for (const n of entry.names) {
    const name = n.text.toLowerCase();
    const score = name === q || name === bare ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : Infinity;
    const s = score + (n.alias ? 0.1 : 0);
    if (score < Infinity && (!best || s < best.score)) best = { score: s, matched: n.alias ? 'alias' : 'name' };
  }
  return best;
}

function matchLatin(entry: Entry, q: string): { score: number; matched: PlaceMatch } | null {
  let best: { score: number; matched: PlaceMatch } | null = null;
  const consider = (score: number, matched: PlaceMatch) => {
    if (!best || score < best.score) best = { score, matched };
  };
  if (entry.telecode) {
    const up = q.toUpperCase();
    if (entry.telecode === up) consider(0, 'telecode');
    else if (entry.telecode.startsWith(up)) consider(1.5, 'telecode');
  }
  for (const n of entry.names) {
    const { full, initials } = n.spelling;
    const a = n.alias ? 0.1 : 0;
    if (!full) continue;
    if (full === q) consider(0.2 + a, 'pinyin');
    else if (initials === q) consider(0.5 + a, 'initials');
    else if (full.startsWith(q)) consider(1 + a, 'pinyin');
    else if (q.length >= 2 && initials.startsWith(q)) consider(1.5 + a, 'initials');
  }
  return best;
}

function boundsOf(points: readonly LonLat[]): [LonLat, LonLat] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return [
    [minX, minY],
    [maxX, maxY],
  ];
}
