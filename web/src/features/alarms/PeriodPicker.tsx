import { useState, type FormEvent } from 'react';
import { KPI_MAX_PERIOD_DAYS } from '@railjoint/contracts';
import { platformNow } from '../../api/platformClock';
import { useT } from '../../app/i18n/useT';
import { customProblem, PRESETS, resolvePeriod, toBeijingWall, type KpiPeriod } from './kpiPeriod';

/**
 * The KPI page's one period: four presets as buttons, and a custom period of two Beijing wall
 * times that is applied only when whole and valid, so half-typed dates never reach the server.
 */
export function PeriodPicker({ value, onChange }: { value: KpiPeriod; onChange: (p: KpiPeriod) => void }) {
  const { t, num } = useT();
  const [open, setOpen] = useState(value.kind === 'custom');
  // a custom period starts from what is shown, so "last night" is an edit of the last 24 hours
  const seed = () => {
    if (value.kind === 'custom') return value;
    const r = resolvePeriod(value, platformNow());
    return { from: toBeijingWall(Date.parse(r.from)), to: toBeijingWall(Date.parse(r.to)) };
  };
  const [from, setFrom] = useState(() => seed().from);
  const [to, setTo] = useState(() => seed().to);
  const [tried, setTried] = useState(false);
  const problem = customProblem(from, to, platformNow());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem === null) onChange({ kind: 'custom', from, to });
  };
  const openCustom = () => {
    const s = seed();
    setFrom(s.from);
    setTo(s.to);
    setTried(false);
    setOpen(true);
  };

  return (
    <div className="kpi-period" data-testid="kpi-period-picker">
      <div className="kpi-period-presets" role="group" aria-label={t('kpi.range')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={`btn${value.kind === p && !open ? ' is-active' : ''}`}
            aria-pressed={value.kind === p && !open}
            data-testid={`kpi-period-${p}`}
            onClick={() => {
              setOpen(false);
              onChange({ kind: p });
            }}
          >
            {t(`kpi.range.${p}`)}
          </button>
        ))}
        <button type="button" className={`btn${open ? ' is-active' : ''}`} aria-pressed={open} aria-expanded={open} data-testid="kpi-period-custom" onClick={openCustom}>
          {t('kpi.range.custom')}
        </button>
      </div>
      {open && (
        <form className="kpi-period-custom" onSubmit={submit} noValidate data-testid="kpi-period-form">
          <label>
            {t('kpi.range.from')}
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="kpi-period-from" aria-invalid={tried && problem !== null} />
          </label>
          <label>
            {t('kpi.range.to')}
            <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="kpi-period-to" aria-invalid={tried && problem !== null} />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="kpi-period-apply">
            {t('kpi.range.apply')}
          </button>
          {tried && problem !== null && (
            <p className="notice notice-error" role="alert" data-testid="kpi-period-problem">
              {problem === 'tooLong' ? t('kpi.range.tooLong', { n: num(KPI_MAX_PERIOD_DAYS) }) : t(`kpi.range.${problem}`)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
