import type { Recommendation } from '@railjoint/contracts';
import { distanceM } from '../network/geo.js';
import { describeEta, etaFigures, etaLowerBoundS, etaModel, prepareTarget, type AccessPoint, type DispatchTarget, type DispatchUnit, type EtaFigures, type EtaModel, type EtaOptions, type PreparedTarget, type TrainArrivalFn } from './eta.js';
import { UnitIndex } from './unit-index.js';

export { UnitIndex } from './unit-index.js';

export interface RecommendOptions {
  /** agencies whose units may be sent (the lead and supporting agencies); null: any */
  allowedAgencyIds: ReadonlySet<string> | readonly string[] | null;
  accessPoints: readonly AccessPoint[];
  /** the ETA model, or options to build one (pass a built model on hot paths) */
  speeds?: EtaModel | EtaOptions;
  trainArrival?: TrainArrivalFn | null;
  limit?: number;
  /** do not look further than this straight-line distance (metres) */
  maxRadiusM?: number;
}

interface Ctx {
  allowed: ReadonlySet<string> | null;
  model: EtaModel;
  limit: number;
  trainArrival: TrainArrivalFn | null;
}

function context(opts: RecommendOptions): Ctx {
  const a = opts.allowedAgencyIds;
  const model = opts.speeds && 'maxSpeedMps' in opts.speeds ? opts.speeds : etaModel(opts.speeds);
  return {
    allowed: a === null ? null : a instanceof Set ? a : new Set(a as readonly string[]),
    model,
    limit: opts.limit ?? 10,
    trainArrival: opts.trainArrival ?? null,
  };
}

interface Candidate {
  unit: DispatchUnit;
  /** rounded, so the ranking is the one the dispatcher sees */
  etaS: number;
  figures: EtaFigures;
}

// Ties broken by id, so the index and the scan give the same order.
const better = (a: Candidate, b: Candidate) => a.etaS - b.etaS || (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0);

/** A sorted list of at most `limit`: insertion is fine because limit is small (about 10). */
class TopK {
  readonly items: Candidate[] = [];
  constructor(private readonly limit: number) {}
  worst(): number {
    return this.items.length < this.limit ? Infinity : this.items[this.items.length - 1]!.etaS;
  }
  offer(c: Candidate): void {
    if (this.items.length >= this.limit && better(c, this.items[this.items.length - 1]!) >= 0) return;
    let i = this.items.length;
    while (i > 0 && better(c, this.items[i - 1]!) < 0) i--;
    this.items.splice(i, 0, c);
    if (this.items.length > this.limit) this.items.pop();
  }
  // Text is built for the winners only: formatting it for every candidate cost more than the ETA.
  recommendations(model: EtaModel): Recommendation[] {
    return this.items.map(({ unit, etaS, figures }) => ({
      unitId: unit.id,
      agencyId: unit.agencyId,
      etaS,
      distanceM: Math.round(figures.distanceM),
      route: figures.route,
      ...describeEta(figures, unit, model),
    }));
  }
}

function consider(u: DispatchUnit, prepared: PreparedTarget, ctx: Ctx, top: TopK, maxRadiusM: number): void {
  if (u.status !== 'available' || (ctx.allowed && !ctx.allowed.has(u.agencyId))) return;
  if (!u.train && u.position && maxRadiusM < Infinity && distanceM(u.position, prepared.target.coordinates) > maxRadiusM) return;
  const figures = etaFigures(u, prepared, ctx.model, ctx.trainArrival);
  if (figures) top.offer({ unit: u, etaS: Math.round(figures.etaS), figures });
}

/**
 * The units that can be there soonest, via the grid: rings are visited nearest first, and the
 * search stops once the ETA lower bound for the next ring's distance (fastest speed, straight
 * road, best access point: see etaLowerBoundS) is already slower than the limit-th best ETA, so
 * nothing further out can win.
 */
export function recommendUnits(target: DispatchTarget, index: UnitIndex, opts: RecommendOptions): Recommendation[] {
  const ctx = context(opts);
  const prepared = prepareTarget(target, opts.accessPoints);
  const top = new TopK(ctx.limit);
  const maxRadiusM = opts.maxRadiusM ?? Infinity;
  for (const u of index.ridingUnits()) consider(u, prepared, ctx, top, maxRadiusM);
  index.visitRings(
    target.coordinates,
    (units, lowerBoundM) => {
      // Rounded ETAs are compared, so stop only when the bound is clearly past the worst kept.
      if (etaLowerBoundS(prepared, ctx.model, lowerBoundM) > top.worst() + 1) return false;
      for (const u of units) consider(u, prepared, ctx, top, maxRadiusM);
      return true;
    },
    maxRadiusM,
  );
  return top.recommendations(ctx.model);
}

/** The baseline: every unit, every ETA. Kept for the property test and the benchmark. */
export function recommendUnitsLinear(target: DispatchTarget, units: Iterable<DispatchUnit>, opts: RecommendOptions): Recommendation[] {
  const ctx = context(opts);
  const prepared = prepareTarget(target, opts.accessPoints);
  const top = new TopK(ctx.limit);
  const maxRadiusM = opts.maxRadiusM ?? Infinity;
  for (const u of units) if (u.train || u.position) consider(u, prepared, ctx, top, maxRadiusM);
  return top.recommendations(ctx.model);
}
