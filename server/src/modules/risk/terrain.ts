import type { NetworkModel } from '../network/network-model.js';
import type { CellSet } from './cells.js';
import { fitPoisson } from './methods.js';

/** A thing along a line that may attract or deter incidents: a station, a crossing, a village, a camera's view. */
export interface TerrainFeature {
  lineId: string;
  fromMeasure: number;
  toMeasure: number;
}

/**
 * A risk factor as risk terrain modelling (Caplan & Kennedy) operationalises one: a cell is
 * exposed when a feature of the kind lies within `bandM` of it along the line. Two bands per kind
 * (near and farther) let the fit find how far an influence reaches instead of guessing one distance.
 */
export interface FactorSpec {
  name: string;
  features: readonly TerrainFeature[];
  bandM: number;
}

/** One 0/1 column per factor: is a feature within the band of the cell (along the same line)? */
export function exposure(cells: CellSet, factors: readonly FactorSpec[]): number[][] {
  const x = cells.cells.map(() => new Array<number>(factors.length).fill(0));
  factors.forEach((f, k) => {
    for (const feat of f.features) {
      const r = cells.range(feat.lineId);
      if (!r) continue;
      const lo = Math.min(feat.fromMeasure, feat.toMeasure) - f.bandM;
      const hi = Math.max(feat.fromMeasure, feat.toMeasure) + f.bandM;
      for (let i = Math.max(r.from, cells.cellAt(feat.lineId, lo)); i < r.to; i++) {
        const c = cells.cells[i]!;
        if (c.fromMeasure > hi) break;
        if (c.toMeasure >= lo) x[i]![k] = 1;
      }
    }
  });
  return x;
}

export interface TerrainModel {
  weights: Array<{ factor: string; coefficient: number; relativeRisk: number }>;
  /** relative risk per cell: exp(Σ coefficient · exposure), 1 where no factor applies */
  scores: Float64Array;
  /** per cell, per factor: 0 or 1 */
  exposures: number[][];
}

/**
 * Fits the factors' weights by Poisson regression of the training window's incidents per cell on
 * the cells' exposures, with each cell's length as exposure; the relative risk of a cell is the
 * product of the relative risks of the factors it is exposed to, as RTM reports them.
 */
export function fitTerrain(cells: CellSet, factors: readonly FactorSpec[], counts: ArrayLike<number>): TerrainModel {
  const x = exposure(cells, factors);
  const lengths = cells.cells.map((c) => (c.toMeasure - c.fromMeasure) / cells.cellM);
  // a factor no cell is exposed to (no cameras yet, no open hazards) is left out of the fit
  const used = factors.map((_, k) => x.some((row) => row[k] === 1) && x.some((row) => row[k] === 0));
  const cols = factors.map((_, k) => k).filter((k) => used[k]);
  const fit = fitPoisson(
    x.map((row) => cols.map((k) => row[k]!)),
    counts,
    lengths,
  );
  const coef = new Array<number>(factors.length).fill(0);
  cols.forEach((k, j) => (coef[k] = fit.coefficients[j]!));
  const scores = new Float64Array(cells.cells.length);
  for (let i = 0; i < scores.length; i++) {
    let eta = 0;
    for (let k = 0; k < factors.length; k++) eta += coef[k]! * x[i]![k]!;
    scores[i] = Math.exp(eta);
  }
  return {
    weights: factors.map((f, k) => ({ factor: f.name, coefficient: round(coef[k]!), relativeRisk: round(Math.exp(coef[k]!)) })),
    scores,
    exposures: x,
  };
}

/** The exposures of one cell by factor name, for the answer's `factors`. */
export function exposureOf(x: number[][], factors: readonly FactorSpec[], i: number): Record<string, number> {
  return Object.fromEntries(factors.map((f, k) => [f.name, x[i]![k]!]));
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** A hazard as the terrain needs it: where it was and while it was open (ms since epoch). */
export interface HazardSpan extends TerrainFeature {
  from: number;
  until: number;
}

/**
 * Anything along the line that holds for a while: a patrol plan's stretch while the plan is in
 * force, a site while its latest defensible-space assessment says it is weak.
 */
export type Span = HazardSpan;

/** Below this total (out of 100) a site's defensible space counts as weak: the lower third of the scale's usable range. */
export const WEAK_SPACE_SCORE = 60;

/**
 * The spans in which each assessed site was weak: from an assessment under the threshold until the
 * site's next assessment (or for ever), so a backtest sees the site as it was assessed then.
 */
export function weakSpaceSpans(assessments: ReadonlyArray<{ siteId: string; lineId: string; measure: number; at: number; total: number }>): Span[] {
  const bySite = new Map<string, typeof assessments[number][]>();
  for (const a of assessments) (bySite.get(a.siteId) ?? bySite.set(a.siteId, []).get(a.siteId)!).push(a);
  const out: Span[] = [];
  for (const list of bySite.values()) {
    const sorted = [...list].sort((a, b) => a.at - b.at);
    sorted.forEach((a, i) => {
      if (a.total < WEAK_SPACE_SCORE) out.push({ lineId: a.lineId, fromMeasure: a.measure, toMeasure: a.measure, from: a.at, until: sorted[i + 1]?.at ?? Infinity });
    });
  }
  return out;
}

/**
 * The factors along the network at a moment: stations, level crossings, villages, towns, schools
 * and markets (as the network file names them), hazards open at that moment, cameras' views of the line, the stretches
 * patrol plans cover then (a deterrent, or where incidents are and patrols were sent: the fit
 * says which) and sites whose defensible space was assessed weak.
 */
export function terrainAt(model: NetworkModel, hazards: readonly HazardSpan[], cameras: readonly TerrainFeature[], patrolled: readonly Span[] = [], weakSpace: readonly Span[] = []): (at: number) => FactorSpec[] {
  const stations: TerrainFeature[] = model.stations().flatMap((s) => s.lines.map((l) => ({ lineId: l.lineId, fromMeasure: l.measureM, toMeasure: l.measureM })));
  const crossings: TerrainFeature[] = model.sites().filter((s) => s.siteType === 'level_crossing').map((s) => ({ lineId: s.lineId, fromMeasure: s.fromMeasureM, toMeasure: s.toMeasureM }));
  const places = (type: 'village' | 'town' | 'school' | 'market'): TerrainFeature[] => model.places().flatMap((p) => (p.placeType === type && p.line ? [{ lineId: p.line.lineId, fromMeasure: p.line.measureM, toMeasure: p.line.measureM }] : []));
  const villages = places('village');
  const towns = places('town');
  const schools = places('school');
  const markets = places('market');
  return (at) => {
    const open = hazards.filter((h) => h.from <= at && h.until > at);
    const during = (spans: readonly Span[]) => spans.filter((s) => s.from <= at && s.until > at);
    return [
      { name: 'station_500m', features: stations, bandM: 500 },
      { name: 'station_1500m', features: stations, bandM: 1500 },
      { name: 'level_crossing_300m', features: crossings, bandM: 300 },
      { name: 'level_crossing_1000m', features: crossings, bandM: 1000 },
      { name: 'village_500m', features: villages, bandM: 500 },
      { name: 'village_1500m', features: villages, bandM: 1500 },
      { name: 'town_1500m', features: towns, bandM: 1500 },
      { name: 'school_1000m', features: schools, bandM: 1000 },
      { name: 'market_1000m', features: markets, bandM: 1000 },
      { name: 'open_hazard_500m', features: open, bandM: 500 },
      { name: 'camera_view', features: cameras, bandM: 0 },
      { name: 'patrolled_stretch', features: during(patrolled), bandM: 0 },
      { name: 'weak_defensible_space_1000m', features: during(weakSpace), bandM: 1000 },
    ];
  };
}
