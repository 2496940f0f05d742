import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PostPlan } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { paths } from '../../app/paths';
import { setMapLayer } from '../map/useMapLayers';
import { DEFAULT_POST_PARAMS, rememberPostParams, usePostPlan, type PostParams } from './postsApi';
import { POST_COLOURS } from './postsLayer';
import { CandidatePlaces } from './CandidatePlaces';
import { useLinesAndStations } from '../patrol-admin/shared';
import './posts.css';

/** The stretches listed under the plan: enough to read, the map shows them all. */
const STRETCHES_SHOWN = 30;

/**
 * 岗位配置: where posts would cover the most risk along the line — the patrol cars' posts kept and
 * p more added, or p from scratch — among stations, access gates and the places analysts add,
 * within each agency's budget; beside where the cars stand now: the share of the risk each
 * covers, per agency and per area, the fastest arrival per stretch, and on the map which
 * stretches gain and lose.
 */
export function PostsTab() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [form, setForm] = useState<PostParams>(DEFAULT_POST_PARAMS);
  const [asked, setAsked] = useState<PostParams | null>(null);
  const q = usePostPlan(asked);
  const plan = q.data;
  const run = () => {
    rememberPostParams(form);
    setAsked({ ...form, budgets: { ...form.budgets } });
  };
  const onMap = () => {
    setMapLayer('posts', true);
    navigate(paths.map);
  };
  const gained = plan?.demands.filter((d) => d.proposed && !d.now).length ?? 0;
  const lost = plan?.demands.filter((d) => d.now && !d.proposed).length ?? 0;
  const setBudget = (agencyId: string, text: string) => {
    const budgets = { ...form.budgets };
    if (text.trim() === '' || !Number.isFinite(Number(text))) delete budgets[agencyId];
    else budgets[agencyId] = Math.max(0, Math.floor(Number(text)));
    setForm({ ...form, budgets });
  };
  return (
    <div className="posts-tab" data-testid="posts-tab">
      <header className="risk-head">
        <label className="field-inline">
          {t('posts.p')}
          <input type="number" min={1} max={200} data-testid="posts-p" value={form.p} onChange={(e) => setForm({ ...form, p: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.limit')}
          <input type="number" min={1} max={120} data-testid="posts-limit" value={form.limitMin} onChange={(e) => setForm({ ...form, limitMin: Number(e.target.value) })} />
        </label>
        <label className="field-inline">
          {t('posts.method')}
          <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as PostParams['method'] })}>
            {(['nkde', 'rtm', 'near_repeat', 'retrospective'] as const).map((m) => (
              <option key={m} value={m}>{t(`risk.method.${m}`)}</option>
            ))}
          </select>
        </label>
        <label className="field-inline" title={t('posts.keepHint')}>
          <input type="checkbox" data-testid="posts-keep" checked={form.keep} onChange={(e) => setForm({ ...form, keep: e.target.checked })} />
          {t('posts.keep')}
        </label>
        <label className="field-inline" title={t('posts.capacityHint')}>
          {t('posts.capacity')}
          <input
            type="number"
            min={0}
            step="any"
            className="posts-capacity"
            data-testid="posts-capacity"
            placeholder={t('posts.noBudget')}
            value={form.capacity ?? ''}
            onChange={(e) => setForm({ ...form, capacity: e.target.value === '' || !(Number(e.target.value) > 0) ? null : Number(e.target.value) })}
          />
        </label>
        <button type="button" className="btn btn-primary" data-testid="posts-run" onClick={run}>{t('posts.run')}</button>
        {plan && <button type="button" className="btn" data-testid="posts-map" onClick={onMap}>{t('posts.onMap')}</button>}
      </header>
      <CandidatePlaces plan={plan ?? null} />
      {q.error != null && <p className="notice notice-error" role="alert" data-testid="posts-error">{errorText(q.error)}</p>}
      {q.isFetching && <p className="muted">{t('posts.running')}</p>}
      {plan && (
        <>
          <div className="posts-compare" data-testid="posts-compare">
            <Bar label={t('posts.current', { n: plan.current.posts })} share={plan.current.share} colour={POST_COLOURS.current} testId="posts-current" />
            <Bar label={t('posts.proposed', { n: plan.proposed.posts })} share={plan.proposed.share} colour={POST_COLOURS.proposed} testId="posts-proposed" />
          </div>
          <p data-testid="posts-gain">
            {t('posts.gain', { points: num(plan.proposed.share - plan.current.share, 1), gained, lost, gap: num(plan.proposed.gapPct, 2) })}
          </p>
          <p className="muted posts-legend">{t('posts.legend')}</p>
          <ul className="posts-assumptions">{plan.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>
          <div className="posts-grid">
            <AgencyTable plan={plan} budgets={form.budgets} onBudget={setBudget} />
            <AreaTable plan={plan} />
          </div>
          <StretchTable plan={plan} />
          <table className="risk-table" data-testid="posts-list">
            <caption>{plan.keep ? t('posts.listNew') : t('posts.listAll')}</caption>
            <thead>
              <tr>
                <th>{t('posts.site')}</th>
                <th>{t('posts.kind')}</th>
                <th>{t('posts.agency')}</th>
                <th>{t('posts.role')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.sites.filter((s) => s.chosen && !(plan.keep && s.current)).map((s) => (
                <tr key={s.id} data-kind={s.kind}>
                  <td>{s.name}</td>
                  <td>{t(`posts.kind.${s.kind}`)}</td>
                  <td>{plan.agencies.find((a) => a.agencyId === s.agencyId)?.name ?? ''}</td>
                  <td>{s.current ? t('posts.role.both') : t('posts.role.new')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** Per agency: the posts it holds now, in the proposal, and its budget (editable; used at the next run). */
function AgencyTable({ plan, budgets, onBudget }: { plan: PostPlan; budgets: Record<string, number>; onBudget(agencyId: string, text: string): void }) {
  const { t } = useT();
  return (
    <table className="risk-table posts-agencies" data-testid="posts-agencies">
      <caption>{t('posts.agencies')}</caption>
      <thead>
        <tr>
          <th>{t('posts.agency')}</th>
          <th>{t('posts.now')}</th>
          <th>{t('posts.proposedCol')}</th>
          <th title={t('posts.budgetHint')}>{t('posts.budget')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.agencies.map((a) => (
          <tr key={a.agencyId} data-testid="posts-agency-row" data-agency={a.agencyId} data-now={a.now} data-proposed={a.proposed} data-budget={a.budget ?? ''}>
            <td>{a.name}</td>
            <td className="num">{a.now}</td>
            <td className="num">{a.proposed}</td>
            <td>
              <input
                type="number"
                min={0}
                className="posts-budget"
                data-testid={`posts-budget-${a.agencyId}`}
                aria-label={`${a.name} ${t('posts.budget')}`}
                placeholder={t('posts.noBudget')}
                value={budgets[a.agencyId] ?? ''}
                onChange={(e) => onBudget(a.agencyId, e.target.value)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Per police station's ground (or a line none holds): the risk within reach now and under the proposal. */
function AreaTable({ plan }: { plan: PostPlan }) {
  const { t, num } = useT();
  const pct = (w: number, of: number) => (of > 0 ? (100 * w) / of : 0);
  return (
    <table className="risk-table posts-areas" data-testid="posts-areas">
      <caption>{t('posts.areas')}</caption>
      <thead>
        <tr>
          <th>{t('posts.area')}</th>
          <th>{t('posts.areaRisk')}</th>
          <th>{t('posts.areaNow')}</th>
          <th>{t('posts.areaProposed')}</th>
          <th>{t('posts.areaChange')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.areas.map((a) => {
          const change = pct(a.proposed, a.weight) - pct(a.now, a.weight);
          return (
            <tr key={a.id} data-testid="posts-area-row" data-area={a.id} data-now={a.now} data-proposed={a.proposed} data-weight={a.weight}>
              <td>{a.kind === 'line' ? t('posts.areaLine', { name: a.name }) : a.name}</td>
              <td className="num">{num(a.weight, 1)}</td>
              <td className="num">{num(pct(a.now, a.weight), 1)}%</td>
              <td className="num">{num(pct(a.proposed, a.weight), 1)}%</td>
              <td className={`num ${change > 0.05 ? 'posts-up' : change < -0.05 ? 'posts-down' : ''}`}>{change > 0 ? '+' : ''}{num(change, 1)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The riskiest stretches whose coverage changes, with the fastest arrival now and under the proposal. */
function StretchTable({ plan }: { plan: PostPlan }) {
  const { t, num } = useT();
  const { lineName } = useLinesAndStations();
  const rows = useMemo(() => plan.demands.filter((d) => d.now !== d.proposed).sort((a, b) => b.weight - a.weight).slice(0, STRETCHES_SHOWN), [plan]);
  const eta = (s: number | null) => (s === null ? t('posts.etaNone', { min: Math.round(plan.horizonS / 60) }) : t('posts.eta', { min: num(s / 60, 1) }));
  if (!rows.length) return null;
  return (
    <table className="risk-table" data-testid="posts-stretches">
      <caption>{t('posts.stretches', { n: rows.length })}</caption>
      <thead>
        <tr>
          <th>{t('posts.stretch')}</th>
          <th>{t('posts.areaRisk')}</th>
          <th>{t('posts.etaNow')}</th>
          <th>{t('posts.etaProposed')}</th>
          <th>{t('posts.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => {
          const change = d.proposed ? 'gained' : 'lost';
          return (
            <tr key={d.id} data-testid="posts-stretch-row" data-change={change} data-eta-now={d.etaNowS ?? ''} data-eta-proposed={d.etaProposedS ?? ''}>
              <td>{lineName(d.lineId)} {d.fromMileage}—{d.toMileage}</td>
              <td className="num">{num(d.weight, 2)}</td>
              <td className="num">{eta(d.etaNowS)}</td>
              <td className="num">{eta(d.etaProposedS)}</td>
              <td><span className="posts-swatch" style={{ background: POST_COLOURS[change] }} aria-hidden="true" />{t(`posts.change.${change}`)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Bar({ label, share, colour, testId }: { label: string; share: number; colour: string; testId: string }) {
  const { num } = useT();
  return (
    <div className="posts-bar" data-testid={testId} data-share={share}>
      <span className="posts-bar-label">{label}</span>
      <span className="posts-bar-track">
        <span className="posts-bar-fill" style={{ width: `${Math.min(100, share)}%`, background: colour }} />
      </span>
      <span className="posts-bar-value">{num(share, 1)}%</span>
    </div>
  );
}
