import type { PostPlan, PostPlanQuery } from '@railjoint/contracts';
import type { Db } from '../../../platform/db/database.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/policies/actions.js';
import type { NetworkService } from '../../network/service.js';
import type { RiskService } from '../../risk/service.js';
import { accessPointsOf } from '../../dispatch/access-points.js';
import { etaModel } from '../../dispatch/eta.js';
import { solveCover } from '../cover/solve.js';
import { coveredBy, postCoverage, postInstance, type DemandCell, type PostCandidate } from './build.js';

/** Kilometre cells: fine enough for posts minutes apart, coarse enough to keep the instance small. */
const CELL_M = 1000;
const PATROL_KINDS = ['patrol_car', 'local_police_car'];

/**
 * Where the department's posts should be, on its own data, beside where its patrol cars stand
 * now: the covering solver over the risk along the line.
 */
export class PostPlanService {
  constructor(
    private readonly db: Db,
    private readonly network: NetworkService,
    private readonly risk: RiskService,
  ) {}

  async plan(actor: Actor, q: PostPlanQuery, lang: 'zh-CN' | 'en'): Promise<PostPlan> {
    authorize(actor, 'allocation.plan');
    const t0 = performance.now();
    const net = this.network.current();
    const risk = await this.risk.cells(actor, { cellM: CELL_M, method: q.method });
    const cells: DemandCell[] = risk.cells
      .filter((c) => c.risk > 0)
      .map((c) => {
        const measureM = (c.fromMeasureM + c.toMeasureM) / 2;
        return { id: `${c.lineId}:${c.fromMileage}`, lineId: c.lineId, measureM, coordinates: net.atMeasure(c.lineId, measureM).onLine, weight: c.risk };
      });
    const access = accessPointsOf(net);
    const candidates = new Map<string, PostCandidate>();
    for (const a of access) if (!candidates.has(a.id)) candidates.set(a.id, { id: a.id, name: a.name, kind: a.kind, coordinates: a.coordinates, current: false });
    const units = await this.db.kysely.selectFrom('units').select(['id', 'callsign', 'lon', 'lat']).where('kind', 'in', PATROL_KINDS).where('lon', 'is not', null).where('lat', 'is not', null).orderBy('id').execute();
    for (const u of units) candidates.set(`unit:${u.id}`, { id: `unit:${u.id}`, name: u.callsign, kind: 'unit_post', coordinates: [Number(u.lon), Number(u.lat)], current: true });
    const list = [...candidates.values()];
    const limitS = q.limitMin * 60;
    const covers = postCoverage(list, cells, access, etaModel({ lang }), limitS);
    const total = cells.reduce((a, c) => a + c.weight, 0);
    const current = list.filter((c) => c.current).map((c) => c.id);
    const now = coveredBy(current, cells, covers);
    const solved = solveCover(postInstance(q.p, list, cells, covers));
    const chosen = new Set(solved.chosen);
    const proposed = coveredBy(chosen, cells, covers);
    const share = (w: number) => (total > 0 ? Math.round((1000 * w) / total) / 10 : 0);
    const en = lang === 'en';
    return {
      p: solved.chosen.length,
      limitS,
      method: q.method,
      totalWeight: round(total),
      current: { posts: current.length, covered: round(now.weight), share: share(now.weight) },
      proposed: { posts: chosen.size, covered: round(proposed.weight), share: share(proposed.weight), bound: round(solved.bound), gapPct: round(solved.gapPct) },
      sites: list.filter((c) => c.current || chosen.has(c.id)).map((c) => ({ id: c.id, name: c.name, kind: c.kind, coordinates: c.coordinates, current: c.current, chosen: chosen.has(c.id) })),
      demands: risk.cells
        .filter((c) => c.risk > 0)
        .map((c) => {
          const id = `${c.lineId}:${c.fromMileage}`;
          return { id, lineId: c.lineId, fromMileage: c.fromMileage, toMileage: c.toMileage, fromMeasureM: c.fromMeasureM, toMeasureM: c.toMeasureM, weight: c.risk, now: now.cells.has(id), proposed: proposed.cells.has(id) };
        }),
      assumptions: [
        en ? `Demand: the risk along the line in ${CELL_M / 1000} km cells by the ${q.method} method, as of now.` : `需求：按 ${q.method} 方法计算的当前沿线风险，每 ${CELL_M / 1000} 公里一段。`,
        en ? `Covered: a patrol car from the post reaches the cell within ${q.limitMin} min by the dispatch ETA model (by road to a gate or station on the line, then on foot along the track).` : `覆盖：按派警到达时间模型，巡逻车从岗位出发 ${q.limitMin} 分钟内到达该段（公路至该线路的通道门或车站，再沿线步行）。`,
        en ? `Current posts: where the ${current.length} patrol cars stand now. Proposed: ${q.p} posts among stations, access gates and those places, chosen from scratch.` : `现有岗位：${current.length} 辆巡逻车当前所在位置；建议：在车站、通道门和这些位置中重新选出 ${q.p} 个岗位。`,
      ],
      seconds: (performance.now() - t0) / 1000,
    };
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
