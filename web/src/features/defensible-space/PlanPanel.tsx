import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { issuePlan, planMeasures, useCountermeasures } from './spaceApi';
import { useSignedInUser } from '../../app/signedInUser';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { platformNow } from '../../api/platformClock';

/** Countermeasures for the assessed sites within a budget: the exact optimum, with the greedy choice's figure beside it. */
export function PlanPanel() {
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const catalogue = useCountermeasures().data?.countermeasures ?? [];
  const [budget, setBudget] = useState('20');
  const plan = useMutation({ mutationFn: () => planMeasures(Number(budget)) });
  const user = useSignedInUser();
  const mayIssue = useIsCentreDesk(user);
  const [days, setDays] = useState('60');
  const issue = useMutation({ mutationFn: () => issuePlan(Number(budget), new Date(platformNow() + Number(days) * 86_400_000).toISOString()) });
  const p = plan.data;
  const measureName = (id: string) => {
    const m = catalogue.find((x) => x.id === id);
    return m ? (lang === 'en' ? m.nameEn : m.nameZh) : id;
  };
  return (
    <section className="space-plan" data-testid="space-plan">
      <h3>{t('space.plan.title')}</h3>
      <form
        className="hazards-head"
        onSubmit={(e) => {
          e.preventDefault();
          plan.mutate();
        }}
      >
        <label className="field-inline">
          <span>{t('space.plan.budget')}</span>
          <input type="number" min="0.1" step="0.1" data-testid="space-plan-budget" value={budget} onChange={(e) => setBudget(e.target.value)} />
        </label>
        <button type="submit" className="btn" data-testid="space-plan-run" disabled={plan.isPending} onClick={() => issue.reset()}>
          {plan.isPending ? t('space.plan.running') : t('space.plan.run')}
        </button>
      </form>
      {plan.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(plan.error)}
        </p>
      )}
      {p && (
        <>
          <p data-testid="space-plan-result">{t('space.plan.result', { cost: num(p.costWan, 1), reduction: num(p.reduction, 2), greedy: num(p.greedy.reduction, 2) })}</p>
          {p.chosen.length === 0 ? (
            <p className="muted">{t('space.plan.empty')}</p>
          ) : (
            <table className="hazards-table" data-testid="space-plan-table">
              <thead>
                <tr>
                  <th>{t('space.plan.site')}</th>
                  <th>{t('space.plan.measure')}</th>
                  <th>{t('space.plan.cost')}</th>
                  <th>{t('space.plan.reduction')}</th>
                </tr>
              </thead>
              <tbody>
                {p.chosen.map((c) => (
                  <tr key={`${c.siteId}:${c.countermeasureId}`} data-testid="space-plan-row">
                    <td>{c.siteName}</td>
                    <td>{measureName(c.countermeasureId)}</td>
                    <td>{num(c.costWan, 1)}</td>
                    <td>{num(c.reduction, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {mayIssue && p.chosen.length > 0 && !issue.data && (
            <div className="hazards-head">
              <label className="field-inline">
                <span>{t('space.plan.days')}</span>
                <input type="number" min="1" max="365" data-testid="space-plan-days" value={days} onChange={(e) => setDays(e.target.value)} />
              </label>
              <button type="button" className="btn btn-primary" data-testid="space-plan-issue" disabled={issue.isPending} onClick={() => issue.mutate()}>
                {t('space.plan.issue')}
              </button>
            </div>
          )}
          {issue.error != null && (
            <p className="notice notice-error" role="alert">
              {errorText(issue.error)}
            </p>
          )}
          {issue.data && (
            <div className="notice" data-testid="space-plan-issued">
              {t('space.plan.issued', { n: issue.data.tasks.length, campaign: issue.data.campaign })}
              <ul>
                {issue.data.tasks.map((x) => (
                  <li key={x.id} data-testid="space-plan-task">
                    {x.code} · {x.toAgencyName} · {x.title}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
