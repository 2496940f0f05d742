import { useMemo, useState, type FormEvent } from 'react';
import { PATROL_MODES, type PatrolMode, type PatrolPlan, type User } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { FormFooter, useSaving } from './FormFooter';
import { useT } from '../../app/i18n/useT';
import { useAdminWrites, useCheckpoints, usePlans, useTeams } from './adminApi';
import { beijingDate, daysText, normalMileage, useLinesAndStations, useManagedAgencies } from './shared';
import './admin.css';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** 计划: patrol plans with their stretch, checkpoints in order, days, windows, rounds and teams; joint patrols say so. */
export function PlansTab({ user }: { user: User }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const plans = usePlans();
  const teams = useTeams();
  const checkpoints = useCheckpoints();
  const managed = useManagedAgencies(user);
  const { lineName } = useLinesAndStations();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const teamName = (id: string) => teams.data?.find((x) => x.id === id)?.name ?? id;
  const cpName = (id: string) => checkpoints.data?.find((x) => x.id === id)?.name ?? id;
  const agencyNames = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of teams.data ?? []) m.set(x.agencyId, x.agencyName);
    for (const p of plans.data ?? []) m.set(p.agencyId, p.agencyName);
    return m;
  }, [teams.data, plans.data]);
  const error = plans.error ?? teams.error ?? checkpoints.error;

  return (
    <div className="patrol-admin-tab" data-testid="plans-tab">
      <header className="patrol-admin-head">
        <h2>{t('patrolAdmin.plan.title')}</h2>
        {managed.length > 0 && (
          <button type="button" className="btn btn-primary" data-testid="plan-new" onClick={() => setCreating(true)}>
            {t('patrolAdmin.plan.new')}
          </button>
        )}
      </header>
      {error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {notice && (
        <p className="notice notice-info" role="status" data-testid="plan-notice">
          {notice}
        </p>
      )}
      {creating && (
        <PlanForm
          user={user}
          onDone={(p) => {
            setCreating(false);
            if (p) setNotice(t('patrolAdmin.plan.created', { name: p.name }));
          }}
        />
      )}
      {plans.isPending && <p className="muted">{t('patrolAdmin.loading')}</p>}
      {!plans.isPending && (plans.data ?? []).length === 0 && <p className="muted">{t('patrolAdmin.plan.empty')}</p>}
      <ul className="patrol-plan-list">
        {(plans.data ?? []).map((p) => (
          <li key={p.id} className={`patrol-plan${p.joint ? ' is-joint' : ''}${p.active ? '' : ' is-inactive'}`} data-testid="plan-row" data-plan={p.id} data-joint={String(p.joint)}>
            <div className="patrol-admin-head">
              <strong>{p.name}</strong>
              <span className="muted">
                {p.agencyName} · {t(`patrolAdmin.plan.kind.${p.kind}`)} · {t(`patrolAdmin.plan.mode.${p.mode}`)} · {t('patrolAdmin.plan.version', { n: num(p.version) })}
              </span>
              {p.joint && (
                <span className="patrol-flag is-joint" data-testid="plan-joint">
                  {t('patrolAdmin.plan.jointOf', { agencies: p.agencies.map((a) => agencyNames.get(a) ?? a).join(t('patrolAdmin.days.sep')) })}
                </span>
              )}
              {!p.active && <span className="patrol-flag">{t('patrolAdmin.inactive')}</span>}
            </div>
            <dl className="patrol-plan-facts">
              <dt>{t('patrolAdmin.plan.stretch')}</dt>
              <dd data-testid="plan-stretch">{p.stretch ? `${lineName(p.stretch.lineId)} ${normalMileage(p.stretch.from)}–${normalMileage(p.stretch.to)}` : t('patrolAdmin.plan.noStretch')}</dd>
              <dt>{t('patrolAdmin.plan.days')}</dt>
              <dd>
                {daysText(p.days, t)} · {p.windows.map((w) => `${w.from}–${w.to}`).join(t('patrolAdmin.days.sep'))} · {p.kind === 'sentinel' && p.checkEveryH ? t('patrolAdmin.plan.everyH', { n: num(p.checkEveryH) }) : t('patrolAdmin.plan.roundsN', { n: num(p.rounds) })}
              </dd>
              <dt>{t('patrolAdmin.plan.teams')}</dt>
              <dd data-testid="plan-teams">{p.teamIds.map(teamName).join(t('patrolAdmin.days.sep'))}</dd>
              <dt>{t('patrolAdmin.plan.checkpoints')}</dt>
              <dd>
                <ol className="patrol-plan-points">
                  {p.checkpointIds.map((id) => (
                    <li key={id}>{cpName(id)}</li>
                  ))}
                </ol>
              </dd>
              <dt>{t('patrolAdmin.plan.validFrom')}</dt>
              <dd>{p.validUntil ? t('patrolAdmin.plan.validityUntil', { from: p.validFrom, until: p.validUntil }) : t('patrolAdmin.plan.validity', { from: p.validFrom })}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PlanForm({ user, onDone }: { user: User; onDone(plan: PatrolPlan | null): void }) {
  const { t } = useT();
  const { savePlan } = useAdminWrites();
  const managed = useManagedAgencies(user);
  const teams = useTeams();
  const checkpoints = useCheckpoints();
  const { lines } = useLinesAndStations();
  const [draft, setDraft] = useState({
    agencyId: managed.find((a) => a.id === user.agencyId)?.id ?? managed[0]?.id ?? '',
    name: '',
    kind: 'patrol' as 'patrol' | 'sentinel',
    withStretch: true,
    lineId: '',
    from: '',
    to: '',
    rounds: '1',
    checkEveryH: '2',
    mode: 'foot' as PatrolMode,
    validFrom: beijingDate(),
    validUntil: '',
  });
  const [points, setPoints] = useState<string[]>([]);
  const [pick, setPick] = useState('');
  const [days, setDays] = useState<number[]>([...DAYS]);
  const [windows, setWindows] = useState([{ from: '08:00', to: '11:00' }]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const { busy, error, save } = useSaving();
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const lineId = draft.lineId || lines[0]?.id || '';
  const available = (checkpoints.data ?? []).filter((c) => c.active && !points.includes(c.id) && (draft.kind === 'sentinel' ? c.kind === 'post' : true) && (!draft.withStretch || c.lineId === lineId || c.lineId === null));
  const picked = pick && available.some((c) => c.id === pick) ? pick : (available[0]?.id ?? '');
  const cpName = (id: string) => checkpoints.data?.find((x) => x.id === id)?.name ?? id;
  const activeTeams = (teams.data ?? []).filter((x) => x.active);
  const teamGroups = useMemo(() => {
    const m = new Map<string, typeof activeTeams>();
    for (const x of activeTeams) m.set(x.agencyName, [...(m.get(x.agencyName) ?? []), x]);
    return [...m.entries()];
  }, [activeTeams]);
  const jointAgencies = new Set(activeTeams.filter((x) => teamIds.includes(x.id)).map((x) => x.agencyId)).size;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const plan = await savePlan({
        agencyId: draft.agencyId,
        name: draft.name.trim(),
        kind: draft.kind,
        stretch: draft.withStretch ? { lineId, from: normalMileage(draft.from), to: normalMileage(draft.to) } : null,
        checkpointIds: points,
        days: [...days].sort(),
        windows,
        rounds: Number(draft.rounds),
        checkEveryH: draft.kind === 'sentinel' ? Number(draft.checkEveryH) : null,
        teamIds,
        mode: draft.mode,
        validFrom: draft.validFrom,
        validUntil: draft.validUntil || null,
      });
      onDone(plan);
    });
  };

  return (
    <form className="patrol-admin-form" data-testid="plan-form" onSubmit={submit}>
      <h3>{t('patrolAdmin.plan.new')}</h3>
      <div className="patrol-admin-grid">
        <label className="field">
          <span>{t('patrolAdmin.agency')}</span>
          <select data-testid="plan-agency" value={draft.agencyId} onChange={set('agencyId')}>
            {managed.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.name')}</span>
          <input data-testid="plan-name" value={draft.name} maxLength={100} required onChange={set('name')} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.plan.kind')}</span>
          <select data-testid="plan-kind" value={draft.kind} onChange={set('kind')}>
            <option value="patrol">{t('patrolAdmin.plan.kind.patrol')}</option>
            <option value="sentinel">{t('patrolAdmin.plan.kind.sentinel')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.plan.mode')}</span>
          <select data-testid="plan-mode" value={draft.mode} onChange={set('mode')}>
            {PATROL_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`patrolAdmin.plan.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.plan.validFrom')}</span>
          <input data-testid="plan-valid-from" type="date" value={draft.validFrom} required onChange={set('validFrom')} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.plan.validUntil')}</span>
          <input data-testid="plan-valid-until" type="date" value={draft.validUntil} onChange={set('validUntil')} />
        </label>
      </div>

      <fieldset className="patrol-admin-fieldset">
        <legend>{t('patrolAdmin.plan.stretch')}</legend>
        <div className="patrol-admin-grid">
          <label className="patrol-admin-check">
            <input type="checkbox" data-testid="plan-with-stretch" checked={draft.withStretch} onChange={(e) => setDraft({ ...draft, withStretch: e.target.checked })} />
            {t('patrolAdmin.plan.stretch')}
          </label>
          {draft.withStretch && (
            <>
              <label className="field">
                <span>{t('patrolAdmin.cp.line')}</span>
                <select data-testid="plan-line" value={lineId} onChange={set('lineId')}>
                  {lines.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('patrolAdmin.plan.from')}</span>
                <input data-testid="plan-from" value={draft.from} placeholder="K500+000" required onChange={set('from')} />
              </label>
              <label className="field">
                <span>{t('patrolAdmin.plan.to')}</span>
                <input data-testid="plan-to" value={draft.to} placeholder="K503+000" required onChange={set('to')} />
              </label>
            </>
          )}
        </div>
      </fieldset>

      <fieldset className="patrol-admin-fieldset">
        <legend>{t('patrolAdmin.plan.checkpoints')}</legend>
        <ol className="patrol-plan-points" data-testid="plan-points">
          {points.map((id, i) => (
            <li key={id} className="patrol-admin-row">
              <span>{cpName(id)}</span>
              <button type="button" className="btn btn-quiet" disabled={i === 0} onClick={() => setPoints(points.map((x, j) => (j === i - 1 ? id : j === i ? points[i - 1]! : x)))}>
                {t('patrolAdmin.plan.up')}
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setPoints(points.filter((x) => x !== id))}>
                {t('patrolAdmin.plan.remove')}
              </button>
            </li>
          ))}
        </ol>
        <div className="patrol-admin-row">
          <select data-testid="plan-checkpoint-pick" aria-label={t('patrolAdmin.plan.chooseCheckpoint')} value={picked} onChange={(e) => setPick(e.target.value)}>
            {available.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn" data-testid="plan-checkpoint-add" disabled={!picked} onClick={() => picked && setPoints([...points, picked])}>
            {t('patrolAdmin.plan.addCheckpoint')}
          </button>
        </div>
      </fieldset>

      <fieldset className="patrol-admin-fieldset">
        <legend>{t('patrolAdmin.plan.days')}</legend>
        <div className="patrol-admin-row">
          {DAYS.map((d) => (
            <label key={d} className="patrol-admin-check">
              <input type="checkbox" data-testid={`plan-day-${d}`} checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />
              {t(`patrolAdmin.day.${d}`)}
            </label>
          ))}
        </div>
        <p className="patrol-admin-sub">{t('patrolAdmin.plan.windows')}</p>
        {windows.map((w, i) => (
          <div key={i} className="patrol-admin-row">
            <input type="time" data-testid="plan-window-from" aria-label={t('patrolAdmin.plan.from')} value={w.from} required onChange={(e) => setWindows(windows.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)))} />
            <span>–</span>
            <input type="time" data-testid="plan-window-to" aria-label={t('patrolAdmin.plan.to')} value={w.to} required onChange={(e) => setWindows(windows.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)))} />
            {windows.length > 1 && (
              <button type="button" className="btn btn-quiet" onClick={() => setWindows(windows.filter((_, j) => j !== i))}>
                {t('patrolAdmin.plan.remove')}
              </button>
            )}
          </div>
        ))}
        <div className="patrol-admin-row">
          <button type="button" className="btn" data-testid="plan-window-add" onClick={() => setWindows([...windows, { from: '19:00', to: '21:00' }])}>
            {t('patrolAdmin.plan.addWindow')}
          </button>
          {draft.kind === 'patrol' ? (
            <label className="field field-inline">
              <span>{t('patrolAdmin.plan.rounds')}</span>
              <input data-testid="plan-rounds" type="number" min={1} max={24} value={draft.rounds} onChange={set('rounds')} />
            </label>
          ) : (
            <label className="field field-inline">
              <span>{t('patrolAdmin.plan.checkEvery')}</span>
              <input data-testid="plan-check-every" type="number" min={1} max={24} value={draft.checkEveryH} onChange={set('checkEveryH')} />
            </label>
          )}
        </div>
      </fieldset>

      <fieldset className="patrol-admin-fieldset">
        <legend>{t('patrolAdmin.plan.teams')}</legend>
        {teamGroups.map(([agencyName, list]) => (
          <div key={agencyName} className="patrol-admin-row">
            <span className="muted">{agencyName}</span>
            {list.map((x) => (
              <label key={x.id} className="patrol-admin-check">
                <input type="checkbox" data-testid="plan-team" data-team={x.id} checked={teamIds.includes(x.id)} onChange={(e) => setTeamIds(e.target.checked ? [...teamIds, x.id] : teamIds.filter((y) => y !== x.id))} />
                {x.name}
              </label>
            ))}
          </div>
        ))}
        {jointAgencies >= 2 && (
          <p className="notice notice-info" data-testid="plan-joint-preview">
            {t('patrolAdmin.plan.jointPreview', { n: jointAgencies })}
          </p>
        )}
      </fieldset>

      <FormFooter saveTestId="plan-save" errorTestId="plan-error" busy={busy} disabled={!draft.agencyId} error={error} onCancel={() => onDone(null)} />
    </form>
  );
}
