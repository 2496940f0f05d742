import { CoverInstance, type PostPlan, type PostPlanRequest } from '@railjoint/contracts';
import type { Db } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/policies/actions.js';
import { fieldError, validationError, type FieldError } from '../../../platform/http/errors.js';
import type { NetworkModel } from '../../network/network-model.js';
import type { NetworkService } from '../../network/service.js';
import type { OrganisationService } from '../../organisation/service.js';
import type { RiskService } from '../../risk/service.js';
import { accessPointsOf } from '../../dispatch/access-points.js';
import { etaModel } from '../../dispatch/eta.js';
import { solveCover } from '../cover/solve.js';
import { answeredBy, bestEta, coveredBy, coversWithin, postEtas, postInstance, type DemandCell, type PostCandidate } from './build.js';
import { PostCandidateService } from './candidates.js';

/** Kilometre cells: fine enough for posts minutes apart, coarse enough to keep the instance small. */
const CELL_M = 1000;
const PATROL_KINDS = ['patrol_car', 'local_police_car'];
const METHOD_NAMES: Record<PostPlanRequest['method'], { zh: string; en: string }> = {
  retrospective: { zh: '历史计数', en: 'retrospective counts' },
  nkde: { zh: '网络核密度', en: 'network kernel density' },
  near_repeat: { zh: '近重复', en: 'near repeat' },
  rtm: { zh: '风险地形模型', en: 'risk terrain model' },
};

/**
 * What a caller asks: the API gives every field (keep defaults to true there); the what-if and the
 * effectiveness report ask for p posts from scratch, the cars being moved to them, so a missing
 * `keep` means from scratch here.
 */
export type PostPlanOptions = Pick<PostPlanRequest, 'p' | 'limitMin' | 'method'> & Partial<Pick<PostPlanRequest, 'keep' | 'capacity' | 'budgets'>>;

/** ETAs are estimated this far beyond the limit, so a stretch just out of reach still shows how far out. */
export const horizonFor = (limitS: number) => Math.min(7200, Math.max(2 * limitS, limitS + 1800));

/**
 * Where the department's posts should be, on its own data, beside where its patrol cars stand
 * now: the covering solver over the risk along the line, with the places analysts add, the
 * current posts kept or not, and a budget of posts per agency.
 */
export class PostPlanService {
  readonly candidates: PostCandidateService;
  /** who holds each access point and cell: the network and the organisation change rarely */
  private holders: { net: NetworkModel; doc: unknown; byKey: Map<string, string | null> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly risk: RiskService,
    private readonly organisation: OrganisationService,
  ) {
    this.candidates = new PostCandidateService(db, network, organisation);
  }

  async plan(actor: Actor, q: PostPlanOptions, lang: 'zh-CN' | 'en'): Promise<PostPlan> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const keep = q.keep ?? false;
    const budgets = q.budgets ?? {};
    const net = this.network.current();
    const risk = await this.risk.cells(actor, { cellM: CELL_M, method: q.method });
    const riskCells = risk.cells.filter((c) => c.risk > 0);
    const cells: DemandCell[] = riskCells.map((c) => {
      const measureM = (c.fromMeasureM + c.toMeasureM) / 2;
      return { id: `${c.lineId}:${c.fromMileage}`, lineId: c.lineId, measureM, coordinates: net.atMeasure(c.lineId, measureM).onLine, weight: c.risk };
    });
    const access = accessPointsOf(net);
    const candidates = new Map<string, PostCandidate>();
    for (const a of access) {
      if (candidates.has(a.id)) continue;
      const agencyId = this.holder(net, a.kind === 'station' ? `station:${a.id}` : `point:${a.id}`, a.kind === 'station' ? { stationId: a.id } : { lon: a.coordinates[0], lat: a.coordinates[1] });
      candidates.set(a.id, { id: a.id, name: a.name, kind: a.kind, coordinates: a.coordinates, current: false, agencyId });
    }
    const units = await this.db.kysely.selectFrom('units').select(['id', 'callsign', 'agency_id', 'lon', 'lat']).where('kind', 'in', PATROL_KINDS).where('lon', 'is not', null).where('lat', 'is not', null).orderBy('id').execute();
    for (const u of units) candidates.set(`unit:${u.id}`, { id: `unit:${u.id}`, name: u.callsign, kind: 'unit_post', coordinates: [Number(u.lon), Number(u.lat)], current: true, agencyId: u.agency_id });
    for (const c of await this.candidates.all()) candidates.set(`place:${c.id}`, { id: `place:${c.id}`, name: c.name, kind: 'user_place', coordinates: c.coordinates, current: false, agencyId: c.agencyId });
    const list = [...candidates.values()];

    const limitS = q.limitMin * 60;
    const horizonS = horizonFor(limitS);
    const etas = postEtas(list, cells, access, etaModel({ lang }), horizonS);
    const covers = coversWithin(list, etas, limitS);
    const current = list.filter((c) => c.current).map((c) => c.id);
    this.checkBudgets(budgets, list, keep);
    const instance = postInstance({ p: q.p, keep, budgets, ...(q.capacity !== undefined ? { capacity: q.capacity } : {}) }, list, cells, covers);
    const parsed = CoverInstance.safeParse(instance);
    if (!parsed.success) {
      throw validationError(
        parsed.error.issues.map((i) => {
          const zh = (i as { params?: { zh?: string } }).params?.zh ?? i.message;
          return i.path[0] === 'budgets' ? fieldError(`body.budgets.${String(i.path[1])}`, zh, i.message) : fieldError(`instance.${i.path.join('.')}`, zh, i.message);
        }),
      );
    }
    const solved = solveCover(parsed.data);
    const chosen = new Set(solved.chosen);
    const total = cells.reduce((a, c) => a + c.weight, 0);
    const now = coveredBy(current, cells, covers);
    const proposed = coveredBy(chosen, cells, covers);
    const nowAnswered = answeredBy(current, cells, covers, q.capacity);
    const proposedAnswered = answeredBy(chosen, cells, covers, q.capacity);
    const currentSet = new Set(current);
    const share = (w: number) => (total > 0 ? Math.round((1000 * w) / total) / 10 : 0);
    const en = lang === 'en';
    const agencyName = (id: string) => this.organisation.agencyName(id);

    const areaOf = new Map<string, { id: string; name: string; kind: 'jurisdiction' | 'line' }>();
    const areas = new Map<string, { id: string; name: string; kind: 'jurisdiction' | 'line'; weight: number; now: number; proposed: number }>();
    for (const c of cells) {
      const held = this.holder(net, `cell:${c.id}`, { lon: c.coordinates[0], lat: c.coordinates[1] });
      const area = held ? { id: held, name: agencyName(held), kind: 'jurisdiction' as const } : { id: `line:${c.lineId}`, name: net.line(c.lineId)?.name ?? c.lineId, kind: 'line' as const };
      areaOf.set(c.id, area);
      const a = areas.get(area.id) ?? areas.set(area.id, { ...area, weight: 0, now: 0, proposed: 0 }).get(area.id)!;
      a.weight += c.weight;
      if (now.cells.has(c.id)) a.now += c.weight;
      if (proposed.cells.has(c.id)) a.proposed += c.weight;
    }

    const agencies = new Map<string, { agencyId: string; name: string; candidates: number; now: number; proposed: number; budget: number | null }>();
    for (const c of list) {
      if (!c.agencyId) continue;
      const a = agencies.get(c.agencyId) ?? agencies.set(c.agencyId, { agencyId: c.agencyId, name: agencyName(c.agencyId), candidates: 0, now: 0, proposed: 0, budget: budgets[c.agencyId] ?? null }).get(c.agencyId)!;
      a.candidates++;
      if (c.current) a.now++;
      if (chosen.has(c.id)) a.proposed++;
    }
    const fixed = keep ? current.length : 0;
    const capacityText = q.capacity !== undefined ? (en ? ` Each post answers at most ${q.capacity} of the risk weight (shared between the posts that reach a stretch); the shares above count what the posts can answer.` : `每个岗位至多承担 ${q.capacity} 的风险权重（可由能到达同一段的岗位分担）；上面的比例按岗位能承担的计。`) : '';
    const budgetText = Object.keys(budgets).length
      ? en
        ? ` Budgets (most posts per agency, kept ones included): ${Object.entries(budgets).map(([a, b]) => `${agencyName(a)} ${b}`).join(', ')}.`
        : `预算（各单位岗位数上限，含保留的）：${Object.entries(budgets).map(([a, b]) => `${agencyName(a)} ${b} 个`).join('，')}。`
      : '';
    return {
      p: chosen.size - fixed,
      limitS,
      horizonS,
      method: q.method,
      keep,
      capacity: q.capacity ?? null,
      totalWeight: round(total),
      current: { posts: current.length, covered: round(nowAnswered), share: share(nowAnswered) },
      proposed: { posts: chosen.size, covered: round(proposedAnswered), share: share(proposedAnswered), bound: round(solved.bound), gapPct: round(solved.gapPct) },
      sites: list
        .filter((c) => c.current || chosen.has(c.id) || c.kind === 'user_place')
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind, coordinates: c.coordinates, agencyId: c.agencyId, current: c.current, chosen: chosen.has(c.id) })),
      agencies: [...agencies.values()].filter((a) => a.now > 0 || a.proposed > 0 || a.budget !== null || list.some((c) => c.kind === 'user_place' && c.agencyId === a.agencyId)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      areas: [...areas.values()].map((a) => ({ ...a, weight: round(a.weight), now: round(a.now), proposed: round(a.proposed) })).sort((a, b) => b.weight - a.weight),
      demands: riskCells.map((c, i) => {
        const id = cells[i]!.id;
        return {
          id,
          lineId: c.lineId,
          areaId: areaOf.get(id)!.id,
          fromMileage: c.fromMileage,
          toMileage: c.toMileage,
          fromMeasureM: c.fromMeasureM,
          toMeasureM: c.toMeasureM,
          weight: c.risk,
          now: now.cells.has(id),
          proposed: proposed.cells.has(id),
          etaNowS: bestEta(etas.get(id), currentSet),
          etaProposedS: bestEta(etas.get(id), chosen),
        };
      }),
      assumptions: [
        en ? `Demand: the risk along the line in ${CELL_M / 1000} km cells by ${METHOD_NAMES[q.method].en}, as of now.` : `需求：按${METHOD_NAMES[q.method].zh}方法计算的当前沿线风险，每 ${CELL_M / 1000} 公里一段。`,
        en
          ? `Covered: a patrol car from the post reaches the cell within ${q.limitMin} min by the dispatch ETA model (by road to a gate or station on the line, then on foot along the track); ETAs are shown up to ${Math.round(horizonS / 60)} min.`
          : `覆盖：按派警到达时间模型，巡逻车从岗位出发 ${q.limitMin} 分钟内到达该段（公路至该线路的通道门或车站，再沿线步行）；到达时间估算至 ${Math.round(horizonS / 60)} 分钟。`,
        keep
          ? en
            ? `Current posts: where the ${current.length} patrol cars stand now, all kept. Proposed: those and ${q.p} more among stations, access gates and the places analysts added.`
            : `现有岗位：${current.length} 辆巡逻车当前所在位置，全部保留；建议：在此之外，从车站、通道门和研判人员添加的地点中再增设 ${q.p} 个岗位。`
          : en
            ? `Current posts: where the ${current.length} patrol cars stand now. Proposed: ${q.p} posts among stations, access gates, the places analysts added and those places, chosen from scratch.`
            : `现有岗位：${current.length} 辆巡逻车当前所在位置；建议：在车站、通道门、研判人员添加的地点和这些位置中重新选出 ${q.p} 个岗位。`,
        (en ? 'Agencies: a station or gate belongs to the railway police station whose jurisdiction holds it, a car’s post to the car’s agency, an added place to the agency given.' : '所属单位：车站、通道门归其所在辖区的铁路派出所，巡逻车位置归该车所属单位，添加的地点归指定单位。') + budgetText + capacityText,
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  }

  /** A budget names an agency that staffs a candidate, and (keeping the posts) leaves room for those it holds. */
  private checkBudgets(budgets: Record<string, number>, list: readonly PostCandidate[], keep: boolean): void {
    const problems: FieldError[] = [];
    for (const [agencyId, budget] of Object.entries(budgets)) {
      const field = `body.budgets.${agencyId}`;
      if (!this.organisation.findAgency(agencyId)) {
        problems.push(fieldError(field, `未知单位“${agencyId}”`, `unknown agency "${agencyId}"`));
        continue;
      }
      const mine = list.filter((c) => c.agencyId === agencyId);
      const held = mine.filter((c) => c.current).length;
      if (mine.length === 0) problems.push(fieldError(field, `${this.organisation.agencyName(agencyId)}没有候选岗位`, `${this.organisation.agencyName(agencyId)} staffs no candidate post`));
      else if (keep && held > budget) problems.push(fieldError(field, `${this.organisation.agencyName(agencyId)}现有 ${held} 个岗位，全部保留时预算不能少于 ${held}`, `${this.organisation.agencyName(agencyId)} holds ${held} posts now; keeping them, its budget cannot be below ${held}`));
    }
    if (problems.length) throw validationError(problems);
  }

  /** The railway police station holding a place (its jurisdiction), or null; remembered per network and organisation. */
  private holder(net: NetworkModel, key: string, where: { stationId: string } | { lon: number; lat: number }): string | null {
    const doc = this.organisation.document();
    if (!this.holders || this.holders.net !== net || this.holders.doc !== doc) this.holders = { net, doc, byKey: new Map() };
    const cached = this.holders.byKey.get(key);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    try {
      found = this.organisation.resolve(where).jurisdiction.find((j) => j.type === 'railway_police_station')?.agencyId ?? null;
    } catch {
      // a place off the network has no jurisdiction to find: it stays without an agency
    }
    this.holders.byKey.set(key, found);
    return found;
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
