import { createRng, type Rng } from '../../demo/prng.js';
import type { NetworkModel } from '../network/network-model.js';
import type { HistoryRow } from './history.js';
import type { RiskService } from './service.js';

const DAY_MS = 86_400_000;
const YEARS = 3;

/** Spring Festival (春节) by year: the travel rush (春运) runs from 15 days before to 25 after. */
const SPRING_FESTIVAL: Record<number, string> = {
  2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29',
  2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03',
  2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19', 2035: '2035-02-08',
};

type Kind = 'station' | 'crossing' | 'village' | 'emerging' | 'background';

/** What happens where: stations draw thefts and disorder, crossings collisions, villages trespass and stones. */
const CATEGORIES: Record<Kind, ReadonlyArray<readonly [string, number]>> = {
  station: [['passenger_theft', 4], ['station_disorder', 2], ['track_intrusion', 2], ['fraud', 1]],
  crossing: [['level_crossing_collision', 3], ['vehicle_on_line', 2], ['livestock_on_line', 2], ['track_intrusion', 1]],
  village: [['track_intrusion', 4], ['stone_throwing', 2], ['fence_damage', 2], ['child_on_line', 1], ['livestock_on_line', 1]],
  emerging: [['cable_theft', 3], ['equipment_theft', 2], ['fence_damage', 1]],
  background: [['track_intrusion', 2], ['fence_damage', 1], ['obstacle_on_line', 1], ['burning_near_line', 1]],
};

/** Every category the generator writes, so the caller can check them against the platform's taxonomy. */
export const DEMO_HISTORY_CATEGORIES = [...new Set(Object.values(CATEGORIES).flatMap((l) => l.map(([c]) => c)))];

interface Hotspot {
  kind: Kind;
  lineId: string;
  measure: number;
  weight: number;
  /** the share of the three years from which it is active (emerging hotspots start late; some fade) */
  from: number;
  to: number;
}

/**
 * Three years of past incidents for the demo department, ending at `until`, from a seeded
 * generator: hotspots at stations, level crossings and villages (each with its own strength,
 * a few appearing or fading over the years), a summer high and the Spring Festival travel rush,
 * and near-repeats (an incident makes more nearby within days, as burglaries and cable thefts do).
 * The same seed and `until` give the same rows.
 */
export function generateDemoHistory(model: NetworkModel, until: number, seed = 20_121): HistoryRow[] {
  const rng = createRng(seed).fork('risk-history');
  const hot = hotspots(model, rng.fork('hotspots'));
  const lines = model.lines();
  const totalLength = lines.reduce((s, l) => s + l.ref.lengthM, 0);
  if (!lines.length || totalLength <= 0) return [];
  const start = until - YEARS * 365 * DAY_MS;
  const days = YEARS * 365;
  const draw = rng.fork('days');
  const rows: HistoryRow[] = [];
  const emit = (kind: Kind, lineId: string, measure: number, t: number, category: string) => {
    const line = model.line(lineId)!;
    const m = Math.min(Math.max(measure, 0), line.ref.lengthM);
    const at = model.atMeasure(lineId, m);
    rows.push({ occurredAt: new Date(t).toISOString(), category, lineId, measure: Math.round(m * 100) / 100, mileage: at.mileage, lon: at.onLine[0], lat: at.onLine[1] });
    return kind;
  };
  const totalWeight = hot.reduce((s, h) => s + h.weight, 0);
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY_MS;
    const share = d / days;
    const n = poisson(draw, 2.6 * season(dayStart) * rush(dayStart));
    for (let k = 0; k < n; k++) {
      const t = dayStart + Math.floor(draw.next() * DAY_MS);
      let kind: Kind;
      let lineId: string;
      let measure: number;
      if (draw.chance(0.2)) {
        // background: anywhere, in proportion to length
        let x = draw.next() * totalLength;
        const line = lines.find((l) => (x -= l.ref.lengthM) < 0) ?? lines[lines.length - 1]!;
        kind = 'background';
        lineId = line.id;
        measure = draw.next() * line.ref.lengthM;
      } else {
        const h = pickHotspot(hot, totalWeight, share, draw);
        kind = h.kind;
        lineId = h.lineId;
        measure = h.measure + laplace(draw, h.kind === 'station' ? 200 : 250);
      }
      const category = weighted(draw, CATEGORIES[kind]);
      emit(kind, lineId, measure, t, category);
      // near-repeats: a quarter of incidents bring one or more close by within ten days
      if (draw.chance(0.25)) {
        const followers = 1 + poisson(draw, 0.6);
        for (let f = 0; f < followers; f++) {
          const tf = t + Math.floor(draw.range(0.5, 10) * DAY_MS);
          if (tf > until) continue;
          emit(kind, lineId, measure + draw.range(-150, 150), tf, category);
        }
      }
    }
  }
  return rows.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
}

/** The history as the import reads it (occurredAt,category,lineId,mileage). */
export function historyCsv(rows: readonly HistoryRow[], form: 'mileage' | 'point' = 'point'): string {
  const head = form === 'point' ? 'occurredAt,category,lon,lat' : 'occurredAt,category,lineId,mileage';
  return [head, ...rows.map((r) => (form === 'point' ? `${r.occurredAt},${r.category},${r.lon},${r.lat}` : `${r.occurredAt},${r.category},${r.lineId},${r.mileage}`))].join('\n');
}

function hotspots(model: NetworkModel, rng: Rng): Hotspot[] {
  const out: Hotspot[] = [];
  // strengths vary a lot between places, as real hotspots do (a squared uniform: many weak, few strong)
  const strength = (base: number) => base * (0.15 + 1.85 * rng.next() ** 2);
  for (const s of model.stations()) for (const l of s.lines) out.push({ kind: 'station', lineId: l.lineId, measure: l.measureM, weight: strength(3), from: 0, to: 1 });
  for (const s of model.sites()) if (s.siteType === 'level_crossing') out.push({ kind: 'crossing', lineId: s.lineId, measure: (s.fromMeasureM + s.toMeasureM) / 2, weight: strength(1.5), from: 0, to: 1 });
  for (const p of model.places()) if (p.placeType === 'village' && p.line) out.push({ kind: 'village', lineId: p.line.lineId, measure: p.line.measureM, weight: strength(2), from: 0, to: 1 });
  // places that turn bad in the last year (a new cable route, a gap in the fence), and some that calm down
  for (const line of model.lines()) {
    const n = Math.max(1, Math.round(line.ref.lengthM / 60_000));
    for (let i = 0; i < n; i++) out.push({ kind: 'emerging', lineId: line.id, measure: rng.next() * line.ref.lengthM, weight: strength(2.5), from: rng.range(0.55, 0.8), to: 1 });
  }
  for (const h of out) if (h.kind !== 'emerging' && rng.chance(0.1)) h.to = rng.range(0.3, 0.7);
  return out;
}

function pickHotspot(hot: readonly Hotspot[], totalWeight: number, share: number, rng: Rng): Hotspot {
  // rejection: draw by weight, keep it if it is active now (the active ones are most of the weight)
  for (;;) {
    let x = rng.next() * totalWeight;
    const h = hot.find((c) => (x -= c.weight) < 0) ?? hot[hot.length - 1]!;
    if (share >= h.from && share <= h.to) return h;
  }
}

/** More trespass and stones in the long summer evenings: +25% in July, −25% in January. */
function season(t: number): number {
  const d = new Date(t);
  const doy = (t - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  return 1 + 0.25 * Math.cos((2 * Math.PI * (doy - 196)) / 365);
}

/** The Spring Festival travel rush (春运): 1.6 times as many incidents. */
function rush(t: number): number {
  const y = new Date(t).getUTCFullYear();
  for (const year of [y, y + 1]) {
    const day = SPRING_FESTIVAL[year];
    if (!day) continue;
    const f = Date.parse(`${day}T00:00:00+08:00`);
    if (t >= f - 15 * DAY_MS && t <= f + 25 * DAY_MS) return 1.6;
  }
  return 1;
}

function poisson(rng: Rng, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function laplace(rng: Rng, scale: number): number {
  const u = rng.next() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

function weighted(rng: Rng, items: ReadonlyArray<readonly [string, number]>): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [c, w] of items) if ((x -= w) < 0) return c;
  return items[items.length - 1]![0];
}

/**
 * Loads the demo history when the demo department is seeded: three years up to the start of the
 * seeding day, through the same placement as an import (rows already placed, written in batches).
 */
export async function seedDemoHistory(risk: RiskService, network: NetworkModel, categories: ReadonlyArray<{ id: string }>, now: number): Promise<number> {
  const known = new Set(categories.map((c) => c.id));
  const missing = DEMO_HISTORY_CATEGORIES.filter((c) => !known.has(c));
  if (missing.length) throw new Error(`the demo history uses categories the platform does not have: ${missing.join(', ')}`);
  const rows = generateDemoHistory(network, Math.floor(now / DAY_MS) * DAY_MS);
  await risk.insert(rows, 'demo');
  return rows.length;
}
