import { parseMileage, type NetworkGeoJSON, type SectionCoverage } from '@railjoint/contracts';

export type Freshness = 'fresh' | 'day' | 'old' | 'never';

/** How a section is coloured: patrolled within 4 hours, within a day, longer ago, or not in 30 days. */
export function freshness(hoursSince: number | null): Freshness {
  if (hoursSince === null) return 'never';
  if (hoursSince <= 4) return 'fresh';
  if (hoursSince <= 24) return 'day';
  return 'old';
}

export const FRESHNESS_COLOURS: Record<Freshness, string> = { fresh: '#2e7d32', day: '#f9a825', old: '#c62828', never: '#7a7a7a' };

function metres(text: string): number | null {
  try {
    return parseMileage(text).metres;
  } catch {
    return null;
  }
}

/**
 * Each section drawn along its line: the line's km posts between the section's two mileages (the
 * stations at its ends), which follow the track closely enough to colour a stretch. The section
 * report carries only ids and figures; the geometry is the network's the console already holds.
 */
export function sectionFeatures(network: NetworkGeoJSON, sections: readonly SectionCoverage[], ranges: ReadonlyMap<string, { from: string; to: string }>): GeoJSON.FeatureCollection<GeoJSON.LineString, { sectionId: string; name: string; colour: string; hours: number }> {
  const features: GeoJSON.Feature<GeoJSON.LineString, { sectionId: string; name: string; colour: string; hours: number }>[] = [];
  for (const s of sections) {
    const range = ranges.get(s.sectionId);
    const line = network.features.find((f) => f.properties.kind === 'line' && f.properties.id === s.lineId);
    if (!range || !line || line.properties.kind !== 'line') continue;
    const a = metres(range.from);
    const b = metres(range.to);
    if (a === null || b === null) continue;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const posts = line.properties.kmPosts
      .map((p) => ({ m: metres(p.mileage), at: p.coordinates }))
      .filter((p): p is { m: number; at: [number, number] } => p.m !== null && p.m >= lo - 1000 && p.m <= hi + 1000)
      .sort((x, y) => x.m - y.m);
    if (posts.length < 2) continue;
    features.push({
      type: 'Feature',
      properties: { sectionId: s.sectionId, name: s.name, colour: FRESHNESS_COLOURS[freshness(s.hoursSince)], hours: s.hoursSince ?? -1 },
      geometry: { type: 'LineString', coordinates: posts.map((p) => p.at) },
    });
  }
  return { type: 'FeatureCollection', features };
}
