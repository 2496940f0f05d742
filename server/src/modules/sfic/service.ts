import crypto from 'node:crypto';
import { periodRange, type IndicatorTable, type SficView, type SfiComponent, type Survey, type SurveyAnswer, type SurveyResults } from '@railjoint/contracts';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/auth/actor.js';
import { departmentDay, now } from '../../platform/clock.js';
import { conflict, forbidden, said, validationError, type Lang } from '../../platform/http/errors.js';
import { assessmentScope } from '../../platform/policies/assessment.js';
import type { OrganisationService } from '../organisation/service.js';
import type { IndicatorService } from '../indicators/service.js';
import { INDICATORS } from '../indicators/definitions.js';
import { fold } from '../indicators/aggregate.js';
import { storedKey } from '../patrols/checkpoint-key.js';
import { COMPONENT_NAMES, COMPONENTS, SURVEY_ITEMS } from './items.js';
import { answerProblems, MIN_RESPONSES, monthsEnding, quarterAt, quartersBefore, summarise, type Answers } from './model.js';

const TREND_QUARTERS = 3;

/**
 * The SFIC view and its survey. Who reads what follows the assessment's rule: the centre sees
 * the department and every agency, an agency its own. The survey is answered once a quarter by
 * each member of an agency's working staff, anonymously (see the tables).
 */
export class SficService {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: Db,
    private readonly org: OrganisationService,
    private readonly indicators: IndicatorService,
  ) {}

  private items(lang: Lang) {
    return SURVEY_ITEMS.map((i) => ({ id: i.id, component: i.component, text: lang === 'en' ? i.en : i.zh }));
  }

  private async person(quarter: string, username: string): Promise<string> {
    this.key ??= storedKey(this.db.kysely, 'survey.participation_key');
    return crypto.createHmac('sha256', await this.key).update(`${quarter}\n${username}`).digest('hex');
  }

  async survey(actor: Actor, lang: Lang): Promise<Survey> {
    const quarter = quarterAt(now());
    const mayAnswer = assessmentScope(actor) !== null;
    const answered = mayAnswer && !!(await this.db.kysely.selectFrom('survey_participation').select('quarter').where('quarter', '=', quarter).where('person', '=', await this.person(quarter, actor.username)).executeTakeFirst());
    return { quarter, items: this.items(lang), answered, mayAnswer };
  }

  /** One response per person per quarter, filed under their agency without their name. */
  async answer(actor: Actor, input: SurveyAnswer): Promise<{ quarter: string }> {
    if (!assessmentScope(actor)) throw forbidden(said('问卷由各成员单位的工作人员填写', 'the survey is for the member agencies’ staff'));
    const problems = answerProblems(SURVEY_ITEMS, input.answers);
    if (problems.length) throw validationError(problems.map((p) => ({ field: p.field, message: said(p.zh, p.en) })));
    const quarter = quarterAt(now());
    const person = await this.person(quarter, actor.username);
    await this.db.kysely.transaction().execute(async (trx) => {
      const done = await trx.insertInto('survey_participation').values({ quarter, person }).onConflict((oc) => oc.columns(['quarter', 'person']).doNothing()).executeTakeFirst();
      if (Number(done.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('survey_answered', said(`您已填写 ${quarter} 的问卷`, `you have answered the survey of ${quarter}`));
      const day = departmentDay(now());
      await trx.insertInto('survey_responses').values({ id: crypto.randomUUID(), quarter, agency_id: actor.agencyId, answers: JSON.stringify(input.answers), comment: input.comment ?? null, submitted_on: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}` }).execute();
    });
    return { quarter };
  }

  async results(actor: Actor, quarter: string | undefined, lang: Lang): Promise<SurveyResults> {
    const scope = assessmentScope(actor);
    if (!scope) throw forbidden(said('无权查看问卷结果', 'not allowed to read the survey'));
    const q = quarter ?? quarterAt(now());
    const rows = async (quarters: string[]) => {
      let query = this.db.kysely.selectFrom('survey_responses').select(['quarter', 'agency_id', 'answers']).where('quarter', 'in', quarters);
      if (scope === 'own') query = query.where('agency_id', '=', actor.agencyId);
      return (await query.execute()).map((r) => ({ quarter: r.quarter, agencyId: r.agency_id, answers: JSON.parse(r.answers) as Answers }));
    };
    const now_ = await rows([q]);
    const agencyIds = scope === 'all' ? [...new Set(now_.map((r) => r.agencyId))] : [actor.agencyId];
    const before = quartersBefore(q, TREND_QUARTERS);
    const past = await rows(before);
    return {
      quarter: q,
      minResponses: MIN_RESPONSES,
      scope,
      items: this.items(lang),
      department: scope === 'all' ? summarise(SURVEY_ITEMS, now_.map((r) => r.answers)) : null,
      agencies: agencyIds
        .map((id) => ({ agencyId: id, agencyName: this.org.agencyName(id), ...summarise(SURVEY_ITEMS, now_.filter((r) => r.agencyId === id).map((r) => r.answers)) }))
        .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'zh-CN')),
      trend: [...before, q].map((x) => {
        const s = summarise(SURVEY_ITEMS, [...past, ...now_].filter((r) => r.quarter === x).map((r) => r.answers));
        return { quarter: x, components: s.components ?? COMPONENTS.map((c) => ({ component: c, n: s.n, mean: null })) };
      }),
    };
  }

  /** Each component's indicators month by month (the department's for the centre, the agency's own otherwise) and its survey means. */
  async view(actor: Actor, months: number, lang: Lang): Promise<SficView> {
    const scope = assessmentScope(actor);
    if (!scope) throw forbidden(said('无权查看协同治理评价', 'not allowed to read the governance view'));
    const current = new Date(now() + 8 * 3600_000).toISOString().slice(0, 7);
    const labels = monthsEnding(current, months);
    const tables: IndicatorTable[] = [];
    for (const m of labels) tables.push(await this.indicators.compute(actor, { ...periodRange({ month: m })!, lang }));
    const series = (id: string): Array<number | null> => {
      const ind = INDICATORS.find((i) => i.id === id)!;
      return tables.map((t) => {
        const vs = t.values.filter((v) => v.indicatorId === id && (scope === 'all' || v.agencyId === actor.agencyId));
        const num = vs.reduce((a, v) => a + v.numerator, 0);
        const den = vs.reduce((a, v) => a + v.denominator, 0);
        // the department's figure is the indicator's own fold over all its records, not a mean of agencies'
        const group = ind.aggregate === 'rate' ? { n: den, hits: num, total: 0, measured: 0 } : ind.aggregate === 'mean' ? { n: den, hits: 0, total: num, measured: den } : { n: den, hits: 0, total: num, measured: 0 };
        return fold(ind.aggregate, group).value;
      });
    };
    // participation at the level of the network (Provan & Milward): how many agencies took part at all
    const activeAgencies = scope === 'all' ? tables.map((t) => new Set(t.values.filter((v) => v.indicatorId === 'participation.actions' && (v.value ?? 0) > 0).map((v) => v.agencyId)).size) : null;
    const survey = await this.results(actor, undefined, lang);
    const defs = this.indicators.defs(lang);
    return {
      months: labels,
      scope: scope === 'all' ? { kind: 'department', agencyId: null, name: lang === 'en' ? 'The department' : '全处' } : { kind: 'agency', agencyId: actor.agencyId, name: this.org.agencyName(actor.agencyId) },
      activeAgencies,
      components: COMPONENTS.map((c: SfiComponent) => ({
        component: c,
        name: lang === 'en' ? COMPONENT_NAMES[c].en : COMPONENT_NAMES[c].zh,
        indicators: defs.filter((d) => d.component === c).map((d) => ({ id: d.id, name: d.name, unit: d.unit, direction: d.direction, target: d.target, series: series(d.id) })),
        survey: survey.trend.map((t) => {
          const x = t.components.find((y) => y.component === c);
          return { quarter: t.quarter, n: x?.n ?? 0, mean: x?.mean ?? null };
        }),
      })),
    };
  }
}
