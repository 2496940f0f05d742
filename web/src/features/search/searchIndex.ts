import type { LonLat } from '@railjoint/contracts';
import type { NetworkGeoJSON } from '../../api/endpoints';
import { boundsOf, type Bounds } from '../map/mapFeatures';

export interface StationEntry {
  id: string;
  name: string;
  telecode: string | null;
  coordinates: LonLat;
  lineIds: string[];
}

export interface LineEntry {
  id: string;
  name: string;
  highSpeed: boolean;
  bounds: Bounds | null;
}

export interface SearchIndex {
  stations: StationEntry[];
  lines: LineEntry[];
  lineName(id: string): string;
}

/** Built once per network load; searching then runs on every keystroke without the server. */
export function buildSearchIndex(network: NetworkGeoJSON): SearchIndex {
  const stations: StationEntry[] = [];
  const lines: LineEntry[] = [];
  for (const f of network.features) {
    const p = f.properties;
    if (p.kind === 'station' && f.geometry.type === 'Point') {
      stations.push({
        id: p.id,
        name: p.name,
        telecode: p.telecode ? p.telecode.toUpperCase() : null,
        coordinates: f.geometry.coordinates,
        lineIds: p.lines.map((l) => l.lineId),
      });
    } else if (p.kind === 'line') {
      lines.push({ id: p.id, name: p.name, highSpeed: p.highSpeed, bounds: boundsOf([f.geometry]) });
    }
  }
  lines.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const names = new Map(lines.map((l) => [l.id, l.name]));
  return { stations, lines, lineName: (id) => names.get(id) ?? id };
}

/** "柳州站" finds 柳州: people add the 站 that the data leaves out. */
function normalise(text: string): string {
  const t = text.trim();
  return t.length > 1 && t.endsWith('站') ? t.slice(0, -1) : t;
}

export function matchStations(index: SearchIndex, text: string, limit = 10): StationEntry[] {
  const q = normalise(text);
  if (!q) return [];
  const upper = q.toUpperCase();
  const isCode = /^[A-Z]{1,4}$/.test(upper);
  const scored: Array<[number, StationEntry]> = [];
  for (const s of index.stations) {
    let score = Infinity;
    if (s.name === q) score = 0;
    else if (s.name.startsWith(q)) score = 1;
    else if (s.name.includes(q)) score = 2;
    if (isCode && s.telecode) {
      if (s.telecode === upper) score = Math.min(score, 0);
      else if (s.telecode.startsWith(upper)) score = Math.min(score, 1.5);
    }
    if (score < Infinity) scored.push([score, s]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].name.length - b[1].name.length || a[1].name.localeCompare(b[1].name, 'zh-CN'));
  return scored.slice(0, limit).map(([, s]) => s);
}
