import { useState } from 'react';
import type { Statement } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useStatements, useTeams } from './adminApi';
import { beijingMonth } from './shared';
import './admin.css';

type Figures = Statement['totals'];

/** 积分: a month's volunteer hours and points per team, and a team's by member (names where the reader may see them). */
export function StatementsTab() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const [month, setMonth] = useState(() => beijingMonth());
  const [teamId, setTeamId] = useState<string | null>(null);
  const teams = useTeams();
  const list = teams.data ?? [];
  const statements = useStatements(
    list.map((x) => x.id),
    month,
  );
  const error = teams.error ?? statements.find((s) => s.error != null)?.error;
  const chosen = teamId ? statements[list.findIndex((x) => x.id === teamId)]?.data : undefined;
  const figures = (f: Figures) => (
    <>
      <td>{num(f.patrols)}</td>
      <td>{num(f.hours, 1)}</td>
      <td>{num(f.checkInsOnTime)}</td>
      <td>{num(f.checkInsLate)}</td>
      <td>{num(f.findings)}</td>
      <td>{num(f.usefulFindings)}</td>
      <td className="patrol-points" data-testid="statement-points">
        {num(f.points)}
      </td>
    </>
  );
  const heads = (
    <>
      <th>{t('patrolAdmin.st.patrols')}</th>
      <th>{t('patrolAdmin.st.hours')}</th>
      <th>{t('patrolAdmin.st.onTime')}</th>
      <th>{t('patrolAdmin.st.late')}</th>
      <th>{t('patrolAdmin.st.findings')}</th>
      <th>{t('patrolAdmin.st.useful')}</th>
      <th>{t('patrolAdmin.st.points')}</th>
    </>
  );
  return (
    <div className="patrol-admin-tab" data-testid="statements-tab">
      <header className="patrol-admin-head">
        <h2>{t('patrolAdmin.st.title')}</h2>
        <label className="field-inline field">
          <span>{t('patrolAdmin.st.month')}</span>
          <input type="month" data-testid="statement-month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
      </header>
      <p className="muted">{t('patrolAdmin.st.rules')}</p>
      {error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {teams.isPending && <p className="muted">{t('patrolAdmin.loading')}</p>}
      <div className="patrol-admin-table-wrap">
        <table className="patrol-admin-table" data-testid="statement-teams">
          <thead>
            <tr>
              <th>{t('patrolAdmin.st.team')}</th>
              {heads}
            </tr>
          </thead>
          <tbody>
            {list.map((x, i) => {
              const s = statements[i]?.data;
              return (
                <tr key={x.id} data-testid="statement-team" data-team={x.id} className={x.id === teamId ? 'is-selected' : undefined}>
                  <td>
                    <button type="button" className="btn btn-quiet patrol-link" data-testid="statement-team-open" onClick={() => setTeamId(x.id)}>
                      {x.name}
                    </button>
                    <div className="muted">{x.agencyName}</div>
                  </td>
                  {s ? (
                    figures(s.totals)
                  ) : (
                    <td colSpan={7} className="muted">
                      {t('patrolAdmin.loading')}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {chosen ? (
        <section data-testid="statement-detail" data-team={chosen.teamId} data-month={chosen.month}>
          <h3>{t('patrolAdmin.st.members', { team: chosen.teamName, month: chosen.month })}</h3>
          <div className="patrol-admin-table-wrap">
            <table className="patrol-admin-table" data-testid="statement-members">
              <thead>
                <tr>
                  <th>{t('patrolAdmin.st.member')}</th>
                  {heads}
                </tr>
              </thead>
              <tbody>
                {chosen.rows.map((r) => (
                  <tr key={r.memberId} data-testid="statement-member" data-member={r.memberId}>
                    <td>{r.label}</td>
                    {figures(r)}
                  </tr>
                ))}
                <tr className="patrol-total">
                  <td>{t('patrolAdmin.st.total')}</td>
                  {figures(chosen.totals)}
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      ) : (
        <p className="muted">{t('patrolAdmin.st.choose')}</p>
      )}
    </div>
  );
}
