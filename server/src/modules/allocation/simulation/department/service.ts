import { SimulationScenario, type LonLat, type WhatIfRequest, type WhatIfResult } from '@railjoint/contracts';
import type { Db } from '../../../../platform/db/database.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import { authorize } from '../../../../platform/policies/actions.js';
import { fieldError, said, unprocessable, validationError } from '../../../../platform/http/errors.js';
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
import { buildDepartmentScenario, type DepartmentData, type Stretch } from './build.js';

/** Stretches of 10 km: a car's post is known to a few minutes, and the districts stay a few hundred. */
export const STRETCH_M = 10_000;
const CAR_KINDS = ['patrol_car', 'local_police_car'];

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

  async run(actor: Actor, req: WhatIfRequest, lang: 'zh-CN' | 'en', signal?: AbortSignal): Promise<WhatIfResult> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const agencies = this.organisation.agencies().map((a) => ({ id: a.id, name: a.name }));
    const known = new Set(agencies.map((a) => a.id));
    const unknown = Object.keys(req.staffing).filter((id) => !known.has(id));
    if (unknown.length) throw validationError(unknown.map((id) => fieldError(`body.staffing.${id}`, `未知单位“${id}”`, `unknown agency "${id}"`)));

    const data = await this.gather(lang);
    if (req.policies.includes('joint_optimised_posts')) {
      const plan = await this.posts.plan(actor, { p: req.posts.p, limitMin: req.posts.limitMin, method: 'nkde' }, lang);
      data.proposedPosts = plan.sites.filter((s) => s.chosen).map((s) => s.coordinates as LonLat);
    }
    if (data.events.length === 0 || data.units.length === 0) throw unprocessable('no_history', said('沿线尚无历史警情或巡逻车，无法按本处数据仿真', 'no past incidents or patrol cars along the line to simulate the department on'));
    const built = buildDepartmentScenario(data, { days: req.days, seed: req.seed, staffing: req.staffing, eta: etaModel({ ...this.eta, lang }), lang });
    const parsed = SimulationScenario.safeParse(built.scenario);
    if (!parsed.success) {
      // the request decides only the horizon and the staffing; anything else is the data's
      const fields = parsed.error.issues.map((i) => {
        const zh = (i as { params?: { zh?: string } }).params?.zh ?? i.message;
        if (i.path[0] === 'horizonDays') return fieldError('body.days', zh, i.message);
        if (i.path[0] === 'units') return fieldError('body.staffing', `调整后没有警力：${zh}`, `no cars left after the staffing change: ${i.message}`);
        return fieldError(`scenario.${i.path.join('.')}`, zh, i.message);
      });
      throw validationError(fields);
    }
    const scenario = parsed.data;
    const runs = await Promise.all(
      req.policies.map(async (policy) => {
        try {
          const result = await simulateInWorker(scenario, { policy, ...(signal ? { signal } : {}) });
          return { policy, result, assumptions: policy === 'joint_optimised_posts' ? built.postAssumptions : [] };
        } catch (e) {
          if (e instanceof ScenarioError) {
            const msg = e.message.replace(`${e.field}: `, '');
            throw validationError([e.field.startsWith('areas') || e.field === 'units' ? fieldError('body.staffing', e.zh, msg) : fieldError(`body.policies`, e.zh, msg)]);
          }
          throw e;
        }
      }),
    );
    const categories = this.organisation.categories();
    return {
      days: req.days,
      seed: req.seed,
      staffing: req.staffing,
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
        agencies: Object.fromEntries(agencies.map((a) => [a.id, a.name])),
      },
      assumptions: built.assumptions,
      runs,
      seconds: (performance.now() - t0) / 1000,
    };
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
    const unitRows = await this.db.kysely.selectFrom('units').select(['id', 'agency_id', 'lon', 'lat']).where('kind', 'in', CAR_KINDS).where('lon', 'is not', null).where('lat', 'is not', null).orderBy('id').execute();
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
      units: unitRows.map((u) => ({ id: u.id, agencyId: u.agency_id, position: [Number(u.lon), Number(u.lat)] as LonLat })),
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
