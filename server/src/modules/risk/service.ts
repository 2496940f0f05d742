import type { RiskBacktestRequest, RiskBacktestResult, RiskCells, RiskCellsQuery } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { authorize } from '../../platform/policies.js';
import { badRequest, said, unprocessable } from '../../platform/http/errors.js';
import { now, nowIso } from '../../platform/clock.js';
import type { NetworkModel } from '../network/network-model.js';
import type { NetworkService } from '../network/service.js';
import { CellSet } from './cells.js';
import { backtest, ranks, scoreMethod } from './engine.js';
import { parseHistory, type HistoryRow } from './history.js';
import type { RiskEvent } from './methods.js';
import { terrainAt, weakSpaceSpans, type FactorSpec, type HazardSpan, type Span, type TerrainFeature } from './terrain.js';

/** Where the incident categories come from (the organisation service's taxonomy). */
export interface CategorySource {
  categories(): ReadonlyArray<{ id: string }>;
}

const BATCH = 500;

/**
 * Risk along the line: the history of past incidents (imported, and closed live incidents), cells
 * along every line, and the methods that rank them (engine.ts), answered per line or backtested.
 */
export class RiskService {
  private cellCache: { model: NetworkModel; cellM: number; cells: CellSet } | null = null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly categories: CategorySource,
  ) {}

  /** Loads a history CSV all or nothing; every bad row is named (line, column) in details.errors. */
  async importHistory(actor: Actor, text: string, source = 'import', progress?: (done: number, total: number) => void): Promise<{ imported: number }> {
    authorize(actor, 'risk.import');
    const { rows, problems } = parseHistory(text, this.network.current(), new Set(this.categories.categories().map((c) => c.id)), now(), progress);
    if (problems.length) {
      throw unprocessable('invalid_import', said(`文件中有 ${problems.length} 处问题，未导入任何内容`, `${problems.length} problem(s) in the file; nothing was imported`), { errors: problems });
    }
    await this.insert(rows, source);
    return { imported: rows.length };
  }

  /** Writes placed rows in one transaction, in batches (a few thousand rows at once). */
  async insert(rows: readonly HistoryRow[], source: string): Promise<void> {
    const at = nowIso();
    await this.db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        await trx
          .insertInto('risk_history')
          .values(rows.slice(i, i + BATCH).map((r) => ({ occurred_at: r.occurredAt, category: r.category, line_id: r.lineId, measure_m: r.measure, mileage: r.mileage, lon: r.lon, lat: r.lat, source, imported_at: at })))
          .execute();
      }
    });
  }

  /** Past incidents on the line: the history, and live incidents once closed (placed again on today's network). */
  async events(category?: string): Promise<RiskEvent[]> {
    const model = this.network.current();
    let q = this.db.kysely.selectFrom('risk_history').select(['occurred_at', 'category', 'line_id', 'measure_m']);
    if (category) q = q.where('category', '=', category);
    const history = (await q.execute()).filter((r) => model.line(r.line_id)).map((r) => ({ lineId: r.line_id, measure: r.measure_m, t: Date.parse(r.occurred_at), category: r.category }));
    let live = this.db.kysely.selectFrom('incidents').select(['occurred_at', 'category_id', 'line_id', 'lon', 'lat', 'mileage']).where('status', '=', 'closed').where('line_id', 'is not', null);
    if (category) live = live.where('category_id', '=', category);
    const closed: RiskEvent[] = [];
    for (const r of await live.execute()) {
      const measure = placeLive(model, r.line_id!, r.lon, r.lat, r.mileage);
      if (measure !== null) closed.push({ lineId: r.line_id!, measure, t: Date.parse(r.occurred_at), category: r.category_id });
    }
    return [...history, ...closed];
  }

  cellSet(cellM: number): CellSet {
    const model = this.network.current();
    if (this.cellCache?.model !== model || this.cellCache.cellM !== cellM) this.cellCache = { model, cellM, cells: new CellSet(model.lines(), cellM) };
    return this.cellCache.cells;
  }

  /** The terrain at a moment: stations, level crossings, villages and towns, open hazards, cameras. */
  async terrain(): Promise<(at: number) => FactorSpec[]> {
    const hazardRows = await this.db.kysely.selectFrom('hazards').select(['line_id', 'measure_m', 'reported_at', 'closed_at', 'rejected_at']).execute();
    const hazards: HazardSpan[] = hazardRows.map((h) => ({ lineId: h.line_id, fromMeasure: h.measure_m, toMeasure: h.measure_m, from: Date.parse(h.reported_at), until: Date.parse(h.closed_at ?? h.rejected_at ?? '9999-12-31T00:00:00Z') }));
    const cameraRows = await this.db.kysely.selectFrom('devices').select(['line_id', 'from_m', 'to_m']).where('kind', '=', 'camera').where('line_id', 'is not', null).where('enabled', '=', 1).execute();
    const cameras: TerrainFeature[] = cameraRows.filter((c) => c.from_m !== null).map((c) => ({ lineId: c.line_id!, fromMeasure: c.from_m!, toMeasure: c.to_m ?? c.from_m! }));
    const model = this.network.current();
    const measureOf = (lineId: string, mileage: string): number | null => {
      try {
        return model.line(lineId) ? model.position(lineId, mileage).candidates[0]!.measureM : null;
      } catch {
        return null;
      }
    };
    const planRows = await this.db.kysely.selectFrom('patrol_plans').select(['stretch', 'valid_from', 'valid_until', 'active', 'updated_at']).where('stretch', 'is not', null).execute();
    const patrolled: Span[] = [];
    for (const p of planRows) {
      const s = JSON.parse(p.stretch!) as { lineId: string; from: string; to: string };
      const from = measureOf(s.lineId, s.from);
      const to = measureOf(s.lineId, s.to);
      if (from === null || to === null) continue;
      // a plan stopped early stops counting when it was last changed
      const until = Number(p.active) === 1 ? (p.valid_until ? Date.parse(p.valid_until) : Infinity) : Date.parse(p.updated_at);
      patrolled.push({ lineId: s.lineId, fromMeasure: from, toMeasure: to, from: Date.parse(p.valid_from), until });
    }
    const assessed = await this.db.kysely
      .selectFrom('space_assessments')
      .innerJoin('space_sites', 'space_sites.id', 'space_assessments.site_id')
      .select(['space_assessments.site_id', 'space_sites.line_id', 'space_sites.measure_m', 'space_assessments.assessed_at', 'space_assessments.total'])
      .execute();
    const weak = weakSpaceSpans(assessed.filter((a) => model.line(a.line_id)).map((a) => ({ siteId: a.site_id, lineId: a.line_id, measure: Number(a.measure_m), at: Date.parse(a.assessed_at), total: Number(a.total) })));
    return terrainAt(model, hazards, cameras, patrolled, weak);
  }

  async cells(actor: Actor, query: RiskCellsQuery): Promise<RiskCells> {
    authorize(actor, 'risk.read');
    const at = query.at ? Date.parse(query.at) : now();
    if (query.lineId && !this.network.current().line(query.lineId)) throw badRequest('validation_failed', said(`线路「${query.lineId}」不存在`, `line "${query.lineId}" not found`), { fields: [{ field: 'query.lineId', message: said('线路不存在', 'no such line') }] });
    this.checkCategory(query.category, 'query.category');
    const cells = this.cellSet(query.cellM);
    const events = await this.events(query.category);
    const terrain = await this.terrain();
    const m = scoreMethod(query.method, cells, terrain(at), events, at);
    const rank = ranks(m.scores);
    const r = query.lineId ? cells.range(query.lineId)! : { from: 0, to: cells.cells.length };
    const out: RiskCells['cells'] = [];
    for (let i = r.from; i < r.to; i++) {
      const c = cells.cells[i]!;
      out.push({ lineId: c.lineId, fromMileage: c.fromMileage, toMileage: c.toMileage, fromMeasureM: round(c.fromMeasure), toMeasureM: round(c.toMeasure), risk: round(m.scores[i]!), rank: rank[i]!, factors: m.factors(i) });
    }
    return { method: query.method, at: new Date(at).toISOString(), cellM: query.cellM, events: events.filter((e) => e.t <= at).length, ...(m.weights ? { weights: m.weights } : {}), cells: out };
  }

  async backtest(actor: Actor, req: RiskBacktestRequest): Promise<RiskBacktestResult> {
    authorize(actor, 'risk.read');
    this.checkCategory(req.category, 'body.category');
    return this.backtestOn(await this.events(req.category), req);
  }

  /** A category the taxonomy does not have would answer an empty map, as if nothing had happened: refused. */
  checkCategory(category: string | undefined, field: string): void {
    if (category === undefined || this.categories.categories().some((c) => c.id === category)) return;
    throw badRequest('validation_failed', said(`未知的警情类别「${category}」`, `unknown incident category "${category}"`), { fields: [{ field, message: said('未知的警情类别', 'unknown incident category') }] });
  }

  /** The backtest on given incidents (the CLI brings a file), with the stored network and terrain. */
  async backtestOn(events: RiskEvent[], req: RiskBacktestRequest): Promise<RiskBacktestResult> {
    const trainUntil = Date.parse(req.trainUntil);
    const testUntil = Date.parse(req.testUntil);
    if (!(testUntil > trainUntil)) throw badRequest('validation_failed', said('testUntil 须晚于 trainUntil', 'testUntil must be after trainUntil'), { fields: [{ field: 'body.testUntil', message: said('须晚于 trainUntil', 'must be after trainUntil') }] });
    const cells = this.cellSet(req.cellM);
    const chosen = req.category ? events.filter((e) => e.category === req.category) : events;
    const outcome = backtest(cells, await this.terrain(), chosen, trainUntil, testUntil);
    return {
      trainUntil: new Date(trainUntil).toISOString(),
      testUntil: new Date(testUntil).toISOString(),
      cellM: req.cellM,
      category: req.category ?? null,
      lengthKm: Math.round(cells.lengthM / 100) / 10,
      ...outcome,
    };
  }
}

/** A closed live incident's measure on its line: from its point, else its mileage; null if neither places it. */
function placeLive(model: NetworkModel, lineId: string, lon: number | null, lat: number | null, mileage: string | null): number | null {
  if (!model.line(lineId)) return null;
  if (lon !== null && lat !== null) {
    const hit = model.locateOnLine(lineId, [lon, lat]);
    if (hit) return hit.measureM;
  }
  if (mileage) {
    try {
      return model.position(lineId, mileage).candidates[0]?.measureM ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
