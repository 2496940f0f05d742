import type { Incident } from '../../api/incidentSchemas';
import { placeText } from './placeText';

/**
 * Free text over what a dispatcher remembers of a case: its number (or the end of it, "0012"),
 * the description, the place (line, mileage, station, train) and the category. Every word must match.
 */
export function matchesQueueSearch(incident: Incident, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [incident.code, incident.description, placeText(incident.location), incident.categoryName, incident.category].join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}
