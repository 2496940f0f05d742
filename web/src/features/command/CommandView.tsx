import { useState } from 'react';
import type { CommandView as CommandData } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { useUnits } from '../dispatch/useUnits';
import { IssueTaskForm } from './IssueTaskForm';
import { NextPlanDialog } from './NextPlanDialog';
import { TaskBoard } from './TaskBoard';

interface Props {
  command: CommandData;
  userAgencyId: string | null;
  /** the command changed here (a task, a plan, the close): read it and the incident again */
  onChanged(view?: CommandData): void;
}

const ROLES = ['commander', 'liaison'] as const;

/** 联合指挥部: objectives of the period, the agencies and their people, their units, the task board. */
export function CommandView({ command, userAgencyId, onChanged }: Props) {
  const { t, lang } = useT();
  const errorText = useCommandErrorText('command');
  const { units } = useUnits();
  const [planning, setPlanning] = useState(false);
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = command.status === 'open';
  const plan = command.currentPlan;
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      const view = await api.closeCommand(command.id);
      setClosing(false);
      onChanged(view);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="command-view" data-testid="command-view" data-status={command.status} data-id={command.id} aria-labelledby="command-heading">
      <header className="command-head">
        <h3 id="command-heading">{command.name}</h3>
        <span className={`status-chip command-status-${command.status}`} data-testid="command-status" data-status={command.status}>
          {t(`command.status.${command.status}`)}
        </span>
      </header>
      <p className="muted">{t('command.openedBy', { time: formatDateTime(command.openedAt, lang), user: command.openedByName })}</p>

      {plan && (
        <div className="command-plan" data-testid="command-plan" data-period={plan.period}>
          <h4>
            {t('command.periodN', { n: plan.period })}{' '}
            <span className="muted">
              {formatDateTime(plan.startsAt, lang)} – {formatDateTime(plan.endsAt, lang)}
            </span>
          </h4>
          <ol className="command-objectives" data-testid="command-objectives">
            {plan.objectives.map((o, n) => (
              <li key={n}>{o}</li>
            ))}
          </ol>
          {plan.notes && <p className="muted">{plan.notes}</p>}
        </div>
      )}
      {/* a plan issued for the next period starts when the current one ends: show it meanwhile */}
      {command.plans
        .filter((p) => p.period > (plan?.period ?? 0))
        .map((p) => (
          <p key={p.period} className="command-upcoming muted" data-testid="command-upcoming" data-period={p.period}>
            {t('command.upcoming', { period: t('command.periodN', { n: p.period }), time: formatDateTime(p.startsAt, lang), objectives: p.objectives.join('；') })}
          </p>
        ))}

      <h4>{t('command.members')}</h4>
      <dl className="facts command-members-list">
        {ROLES.map((role) => {
          const list = command.members.filter((m) => m.role === role);
          return list.length === 0 ? null : (
            <div key={role} className="command-role" data-role={role}>
              <dt>{t(`command.role.${role}`)}</dt>
              <dd>
                <ul className="command-member-names">
                  {list.map((m) => (
                    <li key={m.agencyId} data-testid="command-member" data-agency-id={m.agencyId} data-role={m.role}>
                      <strong>{m.agencyName}</strong> {m.person}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          );
        })}
      </dl>

      <h4>{t('command.units')}</h4>
      {command.unitsByAgency.length === 0 ? (
        <p className="muted">{t('command.noUnits')}</p>
      ) : (
        <dl className="facts" data-testid="command-units">
          {command.unitsByAgency.map((g) => (
            <div key={g.agencyId} className="command-role">
              <dt>{g.agencyName}</dt>
              <dd>{g.units.map((u) => `${unitName(u.unitId)} (${t(`unitStatus.${u.status}` as 'unitStatus.available')})`).join(t('form.listSeparator'))}</dd>
            </div>
          ))}
        </dl>
      )}

      <h4>
        {t('task.board')} <span className="muted">({command.tasks.length})</span>
      </h4>
      <TaskBoard tasks={command.tasks} userAgencyId={userAgencyId} onChanged={() => onChanged()} />

      {open && (
        <>
          <h4>{t('task.new')}</h4>
          <IssueTaskForm command={command} onIssued={() => onChanged()} />
          <div className="command-actions">
            <button type="button" className="btn" data-testid="plan-next" onClick={() => setPlanning(true)}>
              {t('command.nextPeriod')}
            </button>
            {closing ? (
              <span className="command-close-confirm">
                {t('command.closeSure')}
                <button type="button" className="btn btn-small" data-testid="command-close-confirm" disabled={busy} onClick={() => void close()}>
                  {t('command.close')}
                </button>
                <button type="button" className="btn btn-quiet btn-small" onClick={() => setClosing(false)}>
                  {t('dialog.back')}
                </button>
              </span>
            ) : (
              <button type="button" className="btn" data-testid="command-close" onClick={() => setClosing(true)}>
                {t('command.close')}
              </button>
            )}
          </div>
        </>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="command-error">
          {error}
        </p>
      )}
      {planning && (
        <NextPlanDialog
          command={command}
          onIssued={(view) => {
            setPlanning(false);
            onChanged(view);
          }}
          onClose={() => setPlanning(false)}
        />
      )}
    </section>
  );
}
