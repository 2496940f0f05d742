import { formatMileage, tryParseMileage, type Hazard } from '@railjoint/contracts';
import type { I18n } from '../../app/i18n/context';

/** 湘桂线 K500+200: the line by name and the mileage as railway people write it. */
export function placeText(h: Pick<Hazard, 'lineName' | 'mileage'>): string {
  const m = tryParseMileage(h.mileage);
  return `${h.lineName} ${m ? formatMileage(m.metres, m.prefix) : h.mileage}`;
}

/** What a reader may look for: the number, the words, the place, the township and the owners. */
export function matches(h: Hazard, words: string, t: I18n['t']): boolean {
  const q = words.trim().toLowerCase();
  if (!q) return true;
  const hay = [h.code, h.description, placeText(h), h.townshipName ?? '', h.railwayOwner.agencyName, h.localOwner.agencyName, t(`hazards.type.${h.type}`)].join(' ').toLowerCase();
  return q.split(/\s+/).every((w) => hay.includes(w));
}

/** Owed work first and the most pressing on top: overdue, then severity, then the nearest deadline. */
export function byUrgency(a: Hazard, b: Hazard): number {
  const rank = { critical: 0, major: 1, minor: 2 } as const;
  const finished = (h: Hazard) => (h.status === 'closed' || h.status === 'rejected' ? 1 : 0);
  return finished(a) - finished(b) || Number(b.overdue) - Number(a.overdue) || rank[a.severity] - rank[b.severity] || a.deadline.localeCompare(b.deadline);
}
