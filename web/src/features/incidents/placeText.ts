import type { Incident } from '../../api/incidentSchemas';

/** Where, the way a dispatcher says it: "湘桂线 K499+940", "柳州站", "G1501 5车" — data, not catalogue text. */
export function placeText(location: Incident['location']): string {
  const parts: string[] = [];
  if (location.train) parts.push(location.train);
  if (location.stationName) parts.push(location.stationName);
  if (location.lineName && location.mileage) parts.push(`${location.lineName} ${location.mileage}`);
  else if (location.lineName) parts.push(location.lineName);
  if (parts.length === 0 && location.coordinates) parts.push(`${location.coordinates[0].toFixed(5)}, ${location.coordinates[1].toFixed(5)}`);
  return parts.join(' · ');
}
