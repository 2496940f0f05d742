import { formatMileage, tryParseMileage, type RiskCell } from '@railjoint/contracts';
import type { I18n } from '../../app/i18n/context';

const FACTORS = ['station_500m', 'station_1500m', 'level_crossing_300m', 'level_crossing_1000m', 'village_500m', 'village_1500m', 'town_1500m', 'open_hazard_500m', 'camera_view'] as const;
type Factor = (typeof FACTORS)[number];
const isFactor = (name: string): name is Factor => (FACTORS as readonly string[]).includes(name);

/** A mileage as people read it (K123+456); the server's text as it came if it does not parse. */
export function mileageText(text: string): string {
  const m = tryParseMileage(text);
  return m ? formatMileage(m.metres, m.prefix) : text;
}

export function cellRange(t: I18n['t'], c: Pick<RiskCell, 'fromMileage' | 'toMileage'>): string {
  return t('risk.cell.range', { from: mileageText(c.fromMileage), to: mileageText(c.toMileage) });
}

/** A terrain factor's name; one the console does not know yet is named as such rather than by its key. */
export function factorName(t: I18n['t'], name: string): string {
  return isFactor(name) ? t(`risk.factor.${name}`) : t('risk.factor.other');
}

/** What a cell's score is made of, in words: its past incidents, density, and the terrain factors it is exposed to. */
export function factorsText(t: I18n['t'], factors: Record<string, number>): string {
  const parts: string[] = [];
  if (factors.incidents !== undefined) parts.push(t('risk.factor.incidents', { n: factors.incidents }));
  if (factors.density !== undefined) parts.push(t('risk.factor.density', { n: factors.density.toFixed(2) }));
  for (const [k, v] of Object.entries(factors)) if (k !== 'incidents' && k !== 'density' && v > 0) parts.push(factorName(t, k));
  return parts.length ? parts.join(' · ') : t('risk.factor.none');
}

/** Scores vary by method (counts, densities, relative risks): three significant figures read alike for each. */
export function riskText(v: number): string {
  return v === 0 ? '0' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}
