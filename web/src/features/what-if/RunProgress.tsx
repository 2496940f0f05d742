import type { WhatIfRunStatus } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/**
 * A what-if on its way: the share done, what each policy has simulated, the figures of the
 * policies already done, and the button that ends its worker threads on the server.
 */
export function RunProgress({ status, onCancel, cancelling }: { status: WhatIfRunStatus; onCancel: () => void; cancelling: boolean }) {
  const { t, num } = useT();
  const pct = Math.round(status.progress * 100);
  if (status.state === 'cancelled') return <p className="notice" data-testid="what-if-cancelled">{t('whatIf.cancelled', { s: num(status.seconds, 1) })}</p>;
  if (status.state !== 'running') return null;
  return (
    <section className="what-if-progress" data-testid="what-if-running" aria-live="polite">
      <div className="what-if-progress-head">
        <span>{t(`whatIf.stage.${status.stage}`)}</span>
        <div className="what-if-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="what-if-progress" data-progress={status.progress}>
          <div className="what-if-bar-done" style={{ width: `${pct}%` }} />
        </div>
        <span>{pct}%</span>
        <button type="button" className="btn btn-small" data-testid="what-if-cancel" disabled={cancelling} onClick={onCancel}>{t('whatIf.cancel')}</button>
      </div>
      <ul className="what-if-progress-policies">
        {status.policies.map((p) => {
          const done = status.partial.find((r) => r.policy === p.policy)?.result.overall;
          return (
            <li key={p.policy} data-testid={`what-if-progress-${p.policy}`} data-state={p.state}>
              {t(`whatIf.policy.${p.policy}`)}：{t(`whatIf.policyState.${p.state}`)}
              {p.state === 'running' && p.expected > 0 && ` · ${t('whatIf.simulated', { n: num(p.generated), of: num(p.expected) })}`}
              {done && ` · ${t('whatIf.partial', { p90: done.p90S === null ? '—' : num(done.p90S / 60, 1), within: done.withinLimitShare === null ? '—' : num(done.withinLimitShare * 100, 1) })}`}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
