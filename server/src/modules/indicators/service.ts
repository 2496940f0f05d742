import { sql, type RawBuilder } from 'kysely';
import type { IndicatorDef, IndicatorRecords, IndicatorTable, IndicatorValue } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { fieldError, notFound, validationError } from '../../platform/http/errors.js';
import { canReadAgencyIndicators, indicatorScope } from '../../platform/policies/indicators.js';
import type { OrganisationService } from '../organisation/service.js';
import { isPlatformAgency } from '../organisation/platform.js';
import { INDICATORS, describe, findIndicator } from './definitions.js';
import { fold, recordOk, round, type Group } from './aggregate.js';
import type { Indicator, IndicatorRow, SourceContext } from './source.js';

type Lang = 'zh-CN' | 'en';

/**
 * The indicator engine: every indicator for every agency the reader may see, one grouped query
 * per indicator over the records behind it, and the drill-down to those records. A reader outside
 * the centre gets only their own agency's figures, and of incident-based records only those of
 * incidents their agency has a part in — the same rows the incident rule lets them read.
 */
export class IndicatorService {
  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
  ) {}

  defs(lang: Lang): IndicatorDef[] {
    return INDICATORS.map((i) => describe(i, lang));
  }

  async compute(actor: Actor, q: { from: string; to: string; agencyIds?: string[] | undefined; lang?: Lang | undefined }): Promise<IndicatorTable> {
    const period = this.period(q.from, q.to);
    const unknown = (q.agencyIds ?? []).map((id, i) => ({ id, i })).filter((x) => !this.org.findAgency(x.id));
    if (unknown.length) throw validationError(unknown.map((x) => fieldError(`query.agency[${x.i}]`, `单位 ${x.id} 不存在`, `unknown agency ${x.id}`)));
    const scope = indicatorScope(actor);
    const wanted = scope.all ? (q.agencyIds ?? this.assessed()) : scope.agencyId ? [scope.agencyId] : [];
    const agencies = [...new Set(wanted)].map((id) => ({ id, name: this.org.agencyName(id) }));
    const values: IndicatorValue[] = [];
    const ctx = this.context(period);
    if (agencies.length) {
      const groups = await Promise.all(INDICATORS.map((ind) => this.groups(ind, ctx, actor, scope.all ? null : agencies.map((a) => a.id))));
      INDICATORS.forEach((ind, k) => {
        for (const a of agencies) values.push({ indicatorId: ind.id, agencyId: a.id, ...fold(ind.aggregate, groups[k]!.get(a.id)) });
      });
    }
    return { from: period.from, to: period.to, asOf: ctx.asOf, defs: this.defs(q.lang ?? 'zh-CN'), agencies, values };
  }

  async records(actor: Actor, q: { indicatorId: string; agencyId: string; from: string; to: string; limit?: number | undefined }): Promise<IndicatorRecords> {
    const ind = findIndicator(q.indicatorId);
    if (!ind) throw validationError([fieldError('params.id', `没有指标 ${q.indicatorId}`, `no indicator ${q.indicatorId}`)]);
    if (!this.org.findAgency(q.agencyId)) throw validationError([fieldError('query.agency', `单位 ${q.agencyId} 不存在`, `unknown agency ${q.agencyId}`)]);
    // another agency's figures are hidden as incidents are: 404, never a hint that they exist
    if (!canReadAgencyIndicators(actor, q.agencyId)) throw notFound('agency');
    const period = this.period(q.from, q.to);
    const limit = q.limit ?? 200;
    const rows = await sql<IndicatorRow>`select * from (${ind.rows(this.context(period))}) r
      where r.agency_id = ${q.agencyId} ${this.visible(actor, indicatorScope(actor).all)}
      order by r.at desc, r.rec_id limit ${limit + 1}`.execute(this.db.kysely);
    return {
      indicatorId: ind.id,
      agencyId: q.agencyId,
      from: period.from,
      to: period.to,
      truncated: rows.rows.length > limit,
      records: rows.rows.slice(0, limit).map((x) => ({
        kind: ind.kind,
        id: String(x.rec_id),
        label: String(x.label ?? ''),
        at: String(x.at),
        measure: x.measure === null || x.measure === undefined ? null : round(Number(x.measure)),
        ok: recordOk(ind.aggregate, ind.direction, x.hit === null || x.hit === undefined ? null : Number(x.hit)),
        incidentId: x.incident_id ?? null,
        incidentCode: x.incident_code ?? null,
      })),
    };
  }

  /** The agencies assessed: every one of the department but the platform's own administration. */
  private assessed(): string[] {
    return this.org.agencies().filter((a) => !isPlatformAgency(a.id)).map((a) => a.id);
  }

  private period(from: string, to: string): { from: string; to: string } {
    const f = Date.parse(from);
    const t = Date.parse(to);
    if (!Number.isFinite(f)) throw validationError([fieldError('query.from', '应为时间', 'must be an instant')]);
    if (!Number.isFinite(t) || t <= f) throw validationError([fieldError('query.to', '须晚于开始时间', 'must be after from')]);
    return { from: new Date(f).toISOString(), to: new Date(t).toISOString() };
  }

  private context(p: { from: string; to: string }): SourceContext {
    const now = nowIso();
    return { engine: this.db.engine, from: p.from, to: p.to, asOf: now < p.to ? (now > p.from ? now : p.from) : p.to };
  }

  /** Outside the centre, incident-based records only of incidents the reader's agency has a part in. */
  private visible(actor: Actor, all: boolean): RawBuilder<unknown> {
    if (all) return sql``;
    return sql`and (r.incident_id is null or exists (select 1 from incident_agencies ia where ia.incident_id = r.incident_id and ia.agency_id = ${actor.agencyId}))`;
  }

  private async groups(ind: Indicator, ctx: SourceContext, actor: Actor, only: string[] | null): Promise<Map<string, Group>> {
    const filter = only ? sql`and r.agency_id in (${sql.join(only)})` : sql``;
    const res = await sql<{ agency_id: string; n: number; hits: number | null; total: number | null; measured: number }>`
      select r.agency_id, count(*) as n, sum(r.hit) as hits, sum(r.measure) as total, count(r.measure) as measured
      from (${ind.rows(ctx)}) r where r.agency_id is not null ${filter} ${this.visible(actor, only === null)}
      group by r.agency_id`.execute(this.db.kysely);
    return new Map(res.rows.map((g) => [g.agency_id, { n: Number(g.n), hits: Number(g.hits ?? 0), total: Number(g.total ?? 0), measured: Number(g.measured) }]));
  }
}
