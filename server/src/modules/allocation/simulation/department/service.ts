import { SimulationScenario, type LonLat, type SimulationPolicy, type WhatIfMove, type WhatIfRequest, type WhatIfResult, type WhatIfRun, type WhatIfSetup } from '@railjoint/contracts';
import type { Db } from '../../../../platform/db/database.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import { authorize } from '../../../../platform/policies/actions.js';
import { fieldError, said, unprocessable, validationError, type FieldError } from '../../../../platform/http/errors.js';
import { distanceM } from '../../../network/geo.js';
import type { NetworkModel } from '../../../network/network-model.js';
import type { NetworkService } from '../../../network/service.js';
import type { OrganisationService } from '../../../organisation/service.js';
import type { RiskService } from '../../../risk/service.js';
import { CellSet } from '../../../risk/cells.js';
import { accessPointsOf } from '../../../dispatch/access-points.js';
import { etaModel, type EtaOptions } from '../../../dispatch/eta.js';
import type { PostPlanService } from '../../posts/service.js';
import { ScenarioError } from '../compile.js';
import { simulateInWorker } from '../run-in-worker.js';
import { SimulationCancelled } from '../simulate.js';
import { buildDepartmentScenario, nearestStretch, type BuiltScenario, type DepartmentData, type PostMove, type Stretch } from './build.js';

/** Stretches of 10 km: a car's post is known to a few minutes, and the districts stay a few hundred. */
export const STRETCH_M = 10_000;
const CAR_KINDS = ['patrol_car', 'local_police_car'];
/** A post moved to a point further than this from every stretch's middle is not by the line. */
export const MAX_OFF_LINE_M = 30_000;

/** The request as callers inside the server make it: moves may be left out. */
export type WhatIfInput = Omit<WhatIfRequest, 'moves'> & { moves?: WhatIfMove[] };

export interface PreparedWhatIf {
  req: WhatIfRequest;
  lang: 'zh-CN' | 'en';
  data: DepartmentData;
  moves: PostMove[];
  built: BuiltScenario;
  scenario: SimulationScenario;
  agencies: Array<{ id: string; name: string }>;
  t0: number;
}

export type WhatIfStage = 'posts' | 'simulating';
export type PolicyState = 'waiting' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ExecuteOptions {
  signal?: AbortSignal;
  onStage?: (stage: WhatIfStage) => void;
  /** a policy's state and its incidents generated so far over those expected */
  onPolicy?: (policy: SimulationPolicy, state: PolicyState, generated: number, expected: number) => void;
  /** a policy finished, with its figures, before the others end */
  onRun?: (run: WhatIfRun) => void;
}

/** The built scenario as the simulator takes it; the request decides only the horizon and the staffing, anything else is the data's. */
function checked(raw: BuiltScenario['scenario']): SimulationScenario {
  const parsed = SimulationScenario.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => {
    const zh = (i as { params?: { zh?: string } }).params?.zh ?? i.message;
    if (i.path[0] === 'horizonDays') return fieldError('body.days', zh, i.message);
    if (i.path[0] === 'units') return fieldError('body.staffing', `调整后没有警力：${zh}`, `no cars left after the staffing change: ${i.message}`);
    return fieldError(`scenario.${i.path.join('.')}`, zh, i.message);
  });
  throw validationError(fields);
}

/** A line drawn on the page's map: a point every kilometre, a few hundred at most. */
function alongLine(lengthM: number, at: (m: number) => LonLat, most = 300): LonLat[] {
  const n = Math.max(2, Math.min(most, Math.ceil(lengthM / 1000) + 1));
  return Array.from({ length: n }, (_, i) => {
    const [lon, lat] = at((lengthM * i) / (n - 1));
    return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5] as LonLat;
  });
}

/**
 * What-if on the department's own data: gathers the history, the responsibility matrix, the cars,
 * the closed incidents' times and the transfers, builds the scenario (build.ts) and runs each
 * policy in a worker thread of its own with the same seed.
 */
export class WhatIfService {
  private stretchCache: { model: NetworkModel; stretches: Stretch[]; cells: CellSet } | null = null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly organisation: OrganisationService,
    private readonly risk: RiskService,
    private readonly posts: PostPlanService,
    private readonly eta: Pick<EtaOptions, 'speeds'> = {},
  ) {}

  /** The whole what-if in one go: checked, gathered, then simulated (`execute`). */
  async run(actor: Actor, req: WhatIfInput, lang: 'zh-CN' | 'en', signal?: AbortSignal): Promise<WhatIfResult> {
    return this.execute(actor, await this.prepare(actor, req, lang), signal ? { signal } : {});
  }

  /**
   * Everything that can refuse the request before anything runs: unknown agencies, cars and
   * places (each named by its field), no history, a scenario the simulator would not take. What
   * comes back is ready to simulate; a run started from it fails only on what the simulation finds.
   */
  async prepare(actor: Actor, input: WhatIfInput, lang: 'zh-CN' | 'en'): Promise<PreparedWhatIf> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const req = { ...input, moves: input.moves ?? [] };
    const agencies = this.organisation.agencies().map((a) => ({ id: a.id, name: a.name }));
    const known = new Set(agencies.map((a) => a.id));
    const fields = Object.keys(req.staffing)
      .filter((id) => !known.has(id))
      .map((id) => fieldError(`body.staffing.${id}`, `未知单位“${id}”`, `unknown agency "${id}"`));
    const data = await this.gather(lang);
    const { moves, errors } = this.resolveMoves(data, req.moves, lang);
    fields.push(...errors);
    if (fields.length) throw validationError(fields);
    if (data.events.length === 0 || data.units.length === 0) throw unprocessable('no_history', said('沿线尚无历史警情或巡逻车，无法按本处数据仿真', 'no past incidents or patrol cars along the line to simulate the department on'));
    const eta = etaModel({ ...this.eta, lang });
    const built = buildDepartmentScenario(data, { days: req.days, seed: req.seed, staffing: req.staffing, moves, eta, lang });
    const scenario = checked(built.scenario);
    return { req, lang, data, moves, built, scenario, agencies, t0 };
  }

  /**
   * Simulates a prepared what-if: the post plan first when a policy asks for it, then every policy
   * in a worker thread of its own. Progress and each finished policy are told as they come; the
   * signal ends the workers (SimulationCancelled).
   */
  async execute(actor: Actor, p: PreparedWhatIf, opts: ExecuteOptions = {}): Promise<WhatIfResult> {
    const { req, lang, data } = p;
    const cancelled = () => {
      if (opts.signal?.aborted) throw new SimulationCancelled();
    };
    let { built, scenario } = p;
    if (req.policies.includes('joint_optimised_posts')) {
      opts.onStage?.('posts');
      const plan = await this.posts.plan(actor, { p: req.posts.p, limitMin: req.posts.limitMin, method: 'nkde' }, lang);
      cancelled();
      const withPosts = { ...data, proposedPosts: plan.sites.filter((s) => s.chosen).map((s) => s.coordinates as LonLat) };
      built = buildDepartmentScenario(withPosts, { days: req.days, seed: req.seed, staffing: req.staffing, moves: p.moves, eta: etaModel({ ...this.eta, lang }), lang });
      scenario = checked(built.scenario);
    }
    cancelled();
    opts.onStage?.('simulating');
    // one failing policy ends the others: the answer would be refused anyway
    const inner = new AbortController();
    const onOuter = () => inner.abort();
    opts.signal?.addEventListener('abort', onOuter, { once: true });
    const estimate = Math.round(built.incidentsPerDay * scenario.horizonDays);
    for (const policy of req.policies) opts.onPolicy?.(policy, 'waiting', 0, estimate);
    try {
      const runs = await Promise.all(
        req.policies.map(async (policy) => {
          try {
            opts.onPolicy?.(policy, 'running', 0, estimate);
            const result = await simulateInWorker(scenario, { policy, signal: inner.signal, onProgress: (done, expected) => opts.onPolicy?.(policy, 'running', done, expected) });
            const run = { policy, result, assumptions: policy === 'joint_optimised_posts' ? built.postAssumptions : [] };
            opts.onPolicy?.(policy, 'done', result.counts.generated, result.counts.generated);
            opts.onRun?.(run);
            return run;
          } catch (e) {
            inner.abort();
            opts.onPolicy?.(policy, e instanceof SimulationCancelled ? 'cancelled' : 'failed', 0, estimate);
            if (e instanceof ScenarioError) {
              const msg = e.message.replace(`${e.field}: `, '');
              throw validationError([e.field.startsWith('areas') || e.field === 'units' ? fieldError('body.staffing', e.zh, msg) : fieldError(`body.policies`, e.zh, msg)]);
            }
            throw e;
          }
        }),
      );
      cancelled();
      const categories = this.organisation.categories();
      return {
        days: req.days,
        seed: req.seed,
        staffing: req.staffing,
        moves: built.moves,
        model: {
          areas: scenario.areas.length,
          units: scenario.units.length,
          categories: scenario.categories.length,
          incidentsPerDay: Math.round(built.incidentsPerDay * 100) / 100,
          historyIncidents: data.events.length,
          historyDays: built.historyDays,
        },
        names: {
          categories: Object.fromEntries(categories.map((c) => [c.id, lang === 'en' ? c.nameEn : c.nameZh])),
          areas: built.areaNames,
          agencies: Object.fromEntries(p.agencies.map((a) => [a.id, a.name])),
        },
        assumptions: built.assumptions,
        runs,
        seconds: (performance.now() - p.t0) / 1000,
      };
    } finally {
      opts.signal?.removeEventListener('abort', onOuter);
    }
  }

  /** What the page offers to change: the cars the model counts, the places to move them to, the lines to draw. */
  async setup(actor: Actor, lang: 'zh-CN' | 'en'): Promise<WhatIfSetup> {
    authorize(actor, 'allocation.plan');
    const data = await this.gather(lang);
    const net = this.network.current();
    const perAgency = new Map<string, number>();
    for (const u of data.units) perAgency.set(u.agencyId, (perAgency.get(u.agencyId) ?? 0) + 1);
    const places = new Map<string, WhatIfSetup['places'][number]>();
    for (const a of data.access) if (!places.has(a.id)) places.set(a.id, { id: a.id, name: a.name, kind: a.kind, coordinates: a.coordinates, lineId: a.lineId });
    return {
      cars: data.units.map((u) => ({ id: u.id, callsign: u.callsign ?? u.id, agencyId: u.agencyId, coordinates: u.position, stretch: data.stretches[nearestStretch(data.stretches, u.position)]?.label ?? '' })),
      places: [...places.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN')),
      agencies: data.agencies.filter((a) => perAgency.has(a.id)).map((a) => ({ ...a, cars: perAgency.get(a.id)! })),
      lines: net.lines().map((l) => ({ id: l.id, name: l.name, points: alongLine(l.ref.lengthM, (m) => l.ref.pointAt(m)) })),
      maxOffLineM: MAX_OFF_LINE_M,
    };
  }

  /** The moves checked against the department's cars and places; every bad one named by its field. */
  private resolveMoves(data: DepartmentData, moves: readonly WhatIfMove[], lang: 'zh-CN' | 'en'): { moves: PostMove[]; errors: FieldError[] } {
    const cars = new Set(data.units.map((u) => u.id));
    const places = new Map(data.access.map((a) => [a.id, a]));
    const errors: FieldError[] = [];
    const out: PostMove[] = [];
    moves.forEach((m, i) => {
      const at = `body.moves[${i}]`;
      if (!cars.has(m.unitId)) errors.push(fieldError(`${at}.unitId`, `“${m.unitId}”不是模型计入的巡逻车（须为有位置的巡逻车或地方警车）`, `"${m.unitId}" is not a patrol car the model counts (a patrol or local police car with a position)`));
      if (m.to.kind === 'place') {
        const place = places.get(m.to.placeId);
        if (!place) errors.push(fieldError(`${at}.to.placeId`, `未知地点“${m.to.placeId}”（须为车站或通道门）`, `unknown place "${m.to.placeId}" (a station or an access gate)`));
        else out.push({ unitId: m.unitId, to: place.coordinates, toName: place.name });
      } else {
        const [lon, lat] = m.to.coordinates;
        const s = nearestStretch(data.stretches, m.to.coordinates);
        const off = s >= 0 ? distanceM(data.stretches[s]!.middle.coordinates, m.to.coordinates) : Infinity;
        if (off > MAX_OFF_LINE_M) errors.push(fieldError(`${at}.to.coordinates`, `该点距线路超过 ${MAX_OFF_LINE_M / 1000} 公里，模型按线路区段安放警力`, `the point is more than ${MAX_OFF_LINE_M / 1000} km from the line; the model places cars along the line`));
        else out.push({ unitId: m.unitId, to: m.to.coordinates, toName: lang === 'en' ? `the point ${lon.toFixed(4)}, ${lat.toFixed(4)}` : `地图点（${lon.toFixed(4)}，${lat.toFixed(4)}）` });
      }
    });
    return { moves: out, errors };
  }

  /** The department's data the scenario is built from. */
  private async gather(lang: 'zh-CN' | 'en'): Promise<DepartmentData> {
    const net = this.network.current();
    const { stretches, cells } = this.stretches(net);
    const events: DepartmentData['events'] = [];
    for (const e of await this.risk.events()) {
      const s = cells.cellAt(e.lineId, e.measure);
      if (s >= 0) events.push({ t: e.t, category: e.category, stretch: s });
    }
    const unitRows = await this.db.kysely.selectFrom('units').select(['id', 'callsign', 'agency_id', 'lon', 'lat']).where('kind', 'in', CAR_KINDS).where('lon', 'is not', null).where('lat', 'is not', null).orderBy('id').execute();
    const withCars = new Set(unitRows.map((u) => u.agency_id));
    // the responsibility matrix at each stretch's middle, for the categories that happened there
    const lead: DepartmentData['lead'] = {};
    for (const e of events) {
      const key = `${e.category}@${stretches[e.stretch]!.id}`;
      if (key in lead) continue;
      const [lon, lat] = stretches[e.stretch]!.middle.coordinates;
      const resolved = this.organisation.resolve({ lon, lat, categoryId: e.category, lang });
      const r = resolved.responsibility;
      if (!r) continue;
      // a lead without cars (a maintenance section, a township) is answered by the police that support it or hold the place
      const answering = [r.lead, ...r.support, ...resolved.jurisdiction].find((a) => a && withCars.has(a.agencyId));
      if (answering) lead[key] = { agencyId: answering.agencyId, limitS: r.timeLimitS, byLead: answering.agencyId === r.lead?.agencyId };
    }
    const closed = await this.db.kysely.selectFrom('incidents').select(['category_id', 'on_scene_at', 'cleared_at']).where('on_scene_at', 'is not', null).where('cleared_at', 'is not', null).execute();
    const serviceS: Record<string, number[]> = {};
    for (const c of closed) {
      const s = (Date.parse(c.cleared_at!) - Date.parse(c.on_scene_at!)) / 1000;
      if (Number.isFinite(s) && s >= 0) (serviceS[c.category_id] ??= []).push(s);
    }
    const incidents = Number((await this.db.kysely.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const transferRows = await this.db.kysely.selectFrom('transfers').select(['incident_id', 'sent_at', 'answered_at']).execute();
    const delaysS = transferRows.filter((t) => t.answered_at).map((t) => (Date.parse(t.answered_at!) - Date.parse(t.sent_at)) / 1000).filter((s) => Number.isFinite(s) && s >= 0);
    return {
      stretches,
      events,
      categories: this.organisation.categories().map((c) => ({ id: c.id, name: lang === 'en' ? c.nameEn : c.nameZh })),
      agencies: this.organisation.agencies().map((a) => ({ id: a.id, name: a.name })),
      lead,
      units: unitRows.map((u) => ({ id: u.id, callsign: u.callsign, agencyId: u.agency_id, position: [Number(u.lon), Number(u.lat)] as LonLat })),
      serviceS,
      transfers: { incidents, transferred: new Set(transferRows.map((t) => t.incident_id)).size, delaysS },
      access: accessPointsOf(net),
    };
  }

  private stretches(net: NetworkModel): { stretches: Stretch[]; cells: CellSet } {
    if (this.stretchCache?.model === net) return this.stretchCache;
    const cells = new CellSet(net.lines(), STRETCH_M);
    const stretches = cells.cells.map((c) => {
      const mid = (c.fromMeasure + c.toMeasure) / 2;
      const quarter = Math.min(c.toMeasure, mid + (c.toMeasure - c.fromMeasure) / 4);
      return {
        id: `${c.lineId}:${c.fromMileage}`,
        lineId: c.lineId,
        label: `${net.line(c.lineId)?.name ?? c.lineId} ${c.fromMileage}–${c.toMileage}`,
        middle: { coordinates: net.atMeasure(c.lineId, mid).onLine, measureM: mid },
        quarter: { coordinates: net.atMeasure(c.lineId, quarter).onLine, measureM: quarter },
      };
    });
    this.stretchCache = { model: net, stretches, cells };
    return this.stretchCache;
  }
}
