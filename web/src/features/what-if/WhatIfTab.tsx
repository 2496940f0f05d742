import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { PALETTE, SIMULATION_POLICIES, WHAT_IF_MAX_DAYS, WHAT_IF_MAX_FACTOR, whatIfCompareChart, type SimulationPolicy, type WhatIfMove, type WhatIfResult, type WhatIfRunStatus } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { platformNow } from '../../api/platformClock';
import { EChart } from '../charts/EChart';
import { cancelWhatIf, loadRuns, runError, saveRuns, startWhatIf, whatIfRun, whatIfSetup, type SavedRun } from './whatIfApi';
import { MovePicker } from './MovePicker';
import { RunProgress } from './RunProgress';
import './what-if.css';

// one colour per policy in every run, so the eye pairs the bars across runs
const POLICY_COLOUR: Record<SimulationPolicy, string> = { siloed: PALETTE[1]!, joint: PALETTE[0]!, joint_optimised_posts: PALETTE[2]! };
const beijingClock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
/** how often a running what-if is asked how far it got */
const POLL_MS = 300;

interface Column {
  key: string;
  label: string;
  run: SavedRun;
  policy: SimulationPolicy;
  result: WhatIfResult['runs'][number]['result'];
}

/**
 * 仿真推演: the department simulated on its own data under the policies chosen, with posts moved
 * by hand and the cars on shift per agency changed; a run shows how far it got and can be
 * cancelled; every run stays listed so two can be compared side by side, each figure with the
 * assumptions it rests on.
 */
export function WhatIfTab() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const setup = useQuery({ queryKey: ['what-if-setup'], queryFn: ({ signal }) => whatIfSetup(signal), staleTime: 60_000 });
  const [days, setDays] = useState(28);
  const [seed, setSeed] = useState(1);
  const [policies, setPolicies] = useState<SimulationPolicy[]>(['siloed', 'joint']);
  const [posts, setPosts] = useState({ p: 20, limitMin: 15 });
  /** cars on shift per agency, only where changed */
  const [onShift, setOnShift] = useState<Record<string, number>>({});
  const [moves, setMoves] = useState<WhatIfMove[]>([]);
  const [runs, setRuns] = useState<SavedRun[]>(loadRuns);
  const [compared, setCompared] = useState<number[]>(() => runs.slice(-2).map((r) => r.n));
  const [active, setActive] = useState<WhatIfRunStatus | null>(null);
  const saved = useRef(new Set<string>());

  const staffing = useMemo(() => {
    const cars = new Map((setup.data?.agencies ?? []).map((a) => [a.id, a.cars]));
    return Object.fromEntries(Object.entries(onShift).flatMap(([id, n]) => (cars.get(id) && n !== cars.get(id) ? [[id, n / cars.get(id)!]] : [])));
  }, [onShift, setup.data]);
  const start = useMutation({
    mutationFn: () => startWhatIf({ days, seed, policies: SIMULATION_POLICIES.filter((p) => policies.includes(p)), staffing, moves, posts }),
    onSuccess: (status) => setActive(status),
  });
  const poll = useQuery({
    queryKey: ['what-if-run', active?.id],
    queryFn: ({ signal }) => whatIfRun(active!.id, signal),
    enabled: active?.state === 'running',
    refetchInterval: POLL_MS,
    gcTime: 0,
  });
  useEffect(() => {
    const s = poll.data;
    if (!s) return;
    // a late answer about a run already cancelled here does not bring it back
    setActive((a) => (a && a.id === s.id && a.state === 'running' ? s : a));
    if (s.state === 'done' && s.result && !saved.current.has(s.id)) {
      saved.current.add(s.id);
      const n = (runs[runs.length - 1]?.n ?? 0) + 1;
      const next = saveRuns([...runs, { n, at: new Date(platformNow()).toISOString(), result: s.result }]);
      setRuns(next);
      // the new run beside the one before it, unless the reader chose otherwise
      setCompared((c) => [...c.filter((x) => next.some((r) => r.n === x)).slice(-1), n]);
    }
  }, [poll.data, runs]);
  const cancel = useMutation({ mutationFn: (id: string) => cancelWhatIf(id), onSuccess: (s) => setActive(s) });
  // leaving the page ends a run it can no longer show, so its threads and its slot go to others
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(
    () => () => {
      const a = activeRef.current;
      if (a?.state === 'running') cancelWhatIf(a.id).catch(() => undefined);
    },
    [],
  );
  const running = start.isPending || active?.state === 'running';
  const togglePolicy = (p: SimulationPolicy) => setPolicies((list) => (list.includes(p) ? list.filter((x) => x !== p) : [...list, p]));
  const toggleCompared = (n: number) => setCompared((c) => (c.includes(n) ? c.filter((x) => x !== n) : [...c, n]));

  const columns: Column[] = useMemo(
    () =>
      runs
        .filter((r) => compared.includes(r.n))
        .flatMap((r) => r.result.runs.map((x) => ({ key: `${r.n}-${x.policy}`, label: `#${r.n} ${t(`whatIf.policy.${x.policy}`)}`, run: r, policy: x.policy, result: x.result }))),
    [runs, compared, t],
  );
  const charts = useMemo(() => {
    const labels = columns.map((c) => c.label);
    // still: the figures change only when a run is added, and a bar caught growing reads wrong
    const look = { unitLabel: '%', colours: columns.map((c) => POLICY_COLOUR[c.policy]), still: true };
    return {
      p90: whatIfCompareChart(labels, columns.map((c) => minutes(c.result.overall.p90S)), { ...look, title: t('whatIf.chart.p90'), unitLabel: t('whatIf.unit.min') }),
      within: whatIfCompareChart(labels, columns.map((c) => percent(c.result.overall.withinLimitShare)), { ...look, title: t('whatIf.chart.within') }),
      utilisation: whatIfCompareChart(labels, columns.map((c) => percent(meanUtilisation(c))), { ...look, title: t('whatIf.chart.utilisation') }),
    };
  }, [columns, t]);
  const show = (v: number | null, unit = '') => (v === null ? '—' : `${num(v, 1)}${unit}`);
  const categories = [...new Set(columns.flatMap((c) => c.result.byCategory.filter((x) => x.incidents > 0).map((x) => x.categoryId)))];

  return (
    <div className="what-if-tab" data-testid="what-if-tab">
      <form
        className="what-if-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) start.mutate();
        }}
      >
        <fieldset>
          <legend>{t('whatIf.policies')}</legend>
          {SIMULATION_POLICIES.map((p) => (
            <label key={p} className="field-inline">
              <input type="checkbox" data-testid={`what-if-policy-${p}`} checked={policies.includes(p)} onChange={() => togglePolicy(p)} />
              {t(`whatIf.policy.${p}`)}
            </label>
          ))}
        </fieldset>
        <label className="field-inline">
          {t('whatIf.days')}
          <input type="number" min={1} max={WHAT_IF_MAX_DAYS} data-testid="what-if-days" value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
        <label className="field-inline">
          {t('whatIf.seed')}
          <input type="number" min={0} data-testid="what-if-seed" value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        {policies.includes('joint_optimised_posts') && (
          <>
            <label className="field-inline">
              {t('whatIf.postsP')}
              <input type="number" min={1} max={200} value={posts.p} onChange={(e) => setPosts({ ...posts, p: Number(e.target.value) })} />
            </label>
            <label className="field-inline">
              {t('whatIf.postsLimit')}
              <input type="number" min={1} max={120} value={posts.limitMin} onChange={(e) => setPosts({ ...posts, limitMin: Number(e.target.value) })} />
            </label>
          </>
        )}
        {setup.data && (
          <fieldset className="what-if-staffing" data-testid="what-if-staffing">
            <legend>{t('whatIf.staffing')}</legend>
            {setup.data.agencies.map((a) => (
              <label key={a.id} className="field-inline">
                {t('whatIf.onShift', { name: a.name, cars: a.cars })}
                <input
                  type="number"
                  min={0}
                  max={a.cars * WHAT_IF_MAX_FACTOR}
                  step={1}
                  data-testid={`what-if-on-shift-${a.id}`}
                  value={onShift[a.id] ?? a.cars}
                  onChange={(e) => setOnShift({ ...onShift, [a.id]: Math.max(0, Math.round(Number(e.target.value))) })}
                />
              </label>
            ))}
          </fieldset>
        )}
        {setup.data && <MovePicker setup={setup.data} moves={moves} onChange={setMoves} />}
        {setup.error != null && <p className="notice notice-error" role="alert">{errorText(setup.error)}</p>}
        <button type="submit" className="btn btn-primary" data-testid="what-if-run" disabled={running || policies.length === 0}>{t('whatIf.run')}</button>
      </form>
      {start.error != null && <p className="notice notice-error" role="alert">{errorText(start.error)}</p>}
      {active && <RunProgress status={active} onCancel={() => cancel.mutate(active.id)} cancelling={cancel.isPending} />}
      {active?.state === 'failed' && <p className="notice notice-error" role="alert">{errorText(runError(active))}</p>}
      {cancel.error != null && <p className="notice notice-error" role="alert">{errorText(cancel.error)}</p>}
      {poll.error != null && active?.state === 'running' && <p className="notice notice-error" role="alert">{errorText(poll.error)}</p>}

      {runs.length > 0 && (
        <section>
          <h3>{t('whatIf.runs')}</h3>
          <ul className="what-if-runs" data-testid="what-if-runs">
            {runs.map((r) => (
              <li key={r.n}>
                <label>
                  <input type="checkbox" data-testid={`what-if-compare-${r.n}`} checked={compared.includes(r.n)} onChange={() => toggleCompared(r.n)} />
                  {t('whatIf.runLine', {
                    n: r.n,
                    at: beijingClock.format(new Date(r.at)),
                    policies: r.result.runs.map((x) => t(`whatIf.policy.${x.policy}`)).join(' / '),
                    days: r.result.days,
                    seed: r.result.seed,
                    staffing: Object.entries(r.result.staffing).map(([id, f]) => `${r.result.names.agencies[id] ?? id} ×${num(f, 2)}`).join('，') || t('whatIf.asIs'),
                  })}
                  {r.result.moves.length > 0 && t('whatIf.runMoves', { n: r.result.moves.length })}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-small" onClick={() => { setRuns(saveRuns([])); setCompared([]); }}>{t('whatIf.clear')}</button>
        </section>
      )}

      {columns.length > 0 && (
        <section data-testid="what-if-compare">
          <div className="what-if-charts">
            <EChart option={charts.p90} className="what-if-chart" testId="what-if-chart-p90" label={t('whatIf.chart.p90')} />
            <EChart option={charts.within} className="what-if-chart" testId="what-if-chart-within" label={t('whatIf.chart.within')} />
            <EChart option={charts.utilisation} className="what-if-chart" testId="what-if-chart-utilisation" label={t('whatIf.chart.utilisation')} />
          </div>
          <table className="risk-table what-if-table" data-testid="what-if-table">
            <thead>
              <tr>
                <th>{t('whatIf.figure')}</th>
                {columns.map((c) => <th key={c.key} data-testid={`what-if-col-${c.policy}`}>{c.label}</th>)}
              </tr>
            </thead>
            <tbody>
              <Row label={t('whatIf.incidents')} cells={columns.map((c) => num(c.result.overall.incidents))} />
              <Row label={t('whatIf.p50')} cells={columns.map((c) => show(minutes(c.result.overall.p50S), t('whatIf.unit.min')))} />
              <Row label={t('whatIf.p90')} cells={columns.map((c) => show(minutes(c.result.overall.p90S), t('whatIf.unit.min')))} testId="what-if-row-p90" values={columns.map((c) => c.result.overall.p90S)} />
              <Row label={t('whatIf.within')} cells={columns.map((c) => show(percent(c.result.overall.withinLimitShare), '%'))} testId="what-if-row-within" values={columns.map((c) => c.result.overall.withinLimitShare)} />
              <Row label={t('whatIf.wait')} cells={columns.map((c) => show(minutes(c.result.overall.meanQueueWaitS), t('whatIf.unit.min')))} />
              <Row label={t('whatIf.waitShare')} cells={columns.map((c) => show(percent(c.result.overall.waitProbability), '%'))} />
              <Row label={t('whatIf.transferred')} cells={columns.map((c) => num(c.result.overall.transferred))} />
              <Row label={t('whatIf.utilisation')} cells={columns.map((c) => show(percent(meanUtilisation(c)), '%'))} />
              {categories.map((id) => (
                <Row
                  key={id}
                  label={t('whatIf.categoryP90', { name: columns[0]!.run.result.names.categories[id] ?? id })}
                  cells={columns.map((c) => {
                    const x = c.result.byCategory.find((y) => y.categoryId === id);
                    return x ? `${show(minutes(x.p90S), t('whatIf.unit.min'))} · ${show(percent(x.withinLimitShare), '%')}` : '—';
                  })}
                />
              ))}
            </tbody>
          </table>
          {columns.map((c) => c.run).filter((r, i, all) => all.indexOf(r) === i).map((r) => (
            <details key={r.n} className="what-if-assumptions" open data-testid={`what-if-assumptions-${r.n}`}>
              <summary>{t('whatIf.assumptionsOf', { n: r.n, areas: r.result.model.areas, units: r.result.model.units, perDay: num(r.result.model.incidentsPerDay, 1) })}</summary>
              <ul>
                {r.result.assumptions.map((a) => <li key={a}>{a}</li>)}
                {r.result.runs.flatMap((x) => x.assumptions).map((a) => <li key={a}>{a}</li>)}
              </ul>
              <AreaTable run={r} />
            </details>
          ))}
        </section>
      )}
    </div>
  );
}

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
function meanUtilisation(c: Column): number | null {
  const u = c.result.units.map((x) => x.utilisation).filter((x): x is number => x !== null);
  return u.length ? u.reduce((a, b) => a + b, 0) / u.length : null;
}

/** `values`: the raw figures behind the cells, for the browser test to compare */
function Row({ label, cells, testId, values }: { label: string; cells: string[]; testId?: string; values?: Array<number | null> }) {
  return (
    <tr data-testid={testId} data-values={values ? JSON.stringify(values) : undefined}>
      <th scope="row">{label}</th>
      {cells.map((c, i) => <td key={i}>{c}</td>)}
    </tr>
  );
}

/** The districts where the policies differ most, p90 by policy: where the joint mechanism gains. */
function AreaTable({ run }: { run: SavedRun }) {
  const { t, num } = useT();
  const policies = run.result.runs;
  const ids = [...new Set(policies.flatMap((p) => p.result.byArea.filter((a) => a.incidents > 0).map((a) => a.areaId)))];
  const p90 = (policy: number, id: string) => policies[policy]!.result.byArea.find((a) => a.areaId === id)?.p90S ?? null;
  const spread = (id: string) => {
    const v = policies.map((_, i) => p90(i, id)).filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) - Math.min(...v) : 0;
  };
  const top = ids.sort((a, b) => spread(b) - spread(a)).slice(0, 8);
  if (!top.length) return null;
  return (
    <table className="risk-table what-if-areas">
      <caption>{t('whatIf.areasCaption')}</caption>
      <thead>
        <tr>
          <th>{t('whatIf.area')}</th>
          {policies.map((p) => <th key={p.policy}>{t(`whatIf.policy.${p.policy}`)}</th>)}
        </tr>
      </thead>
      <tbody>
        {top.map((id) => (
          <tr key={id}>
            <td>{run.result.names.areas[id] ?? id}</td>
            {policies.map((p, i) => {
              const v = p90(i, id);
              return <td key={p.policy}>{v === null ? '—' : `${num(v / 60, 1)} ${t('whatIf.unit.min')}`}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
