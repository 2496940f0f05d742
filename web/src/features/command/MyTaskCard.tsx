import { useState } from 'react';
import type { Task } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { OPEN_TASK } from './useCommandData';
import { TaskPhotos } from './TaskPhotos';

interface Props {
  task: Task;
  /** the issuing agency's name, when the agency list knows it */
  fromName: string;
  onChanged(task: Task): void;
  /** in the queue: open the incident the task is about */
  onOpenIncident?(incidentId: string): void;
}

/** A task given to the user's agency: acknowledge it, report progress, report it done (with a note). */
export function MyTaskCard({ task, fromName, onChanged, onOpenIncident }: Props) {
  const { t, lang } = useT();
  const errorText = useCommandErrorText('taskStep');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = OPEN_TASK.has(task.status);

  const step = async (kind: 'acknowledge' | 'progress' | 'complete') => {
    // progress and completion are reports: the issuer needs to read what was done
    if (kind !== 'acknowledge' && !note.trim()) {
      setError(t('task.noteNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await api.taskStep(task.id, kind, kind === 'acknowledge' ? undefined : note.trim());
      if (kind !== 'acknowledge') setNote('');
      onChanged(next);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const notes = task.updates.filter((u) => u.note);
  return (
    <li className={`my-task task-${task.status}${task.overdue ? ' is-overdue' : ''}`} data-testid="my-task" data-code={task.code} data-status={task.status} data-overdue={task.overdue}>
      <div className="task-row-head">
        <span className="mono task-code">{task.code}</span>
        <span className={`status-chip task-status task-status-${task.status}`} data-testid="my-task-status">
          {t(`task.status.${task.status}`)}
        </span>
        {task.overdue && <span className="task-overdue-flag">{t('task.overdue')}</span>}
      </div>
      <p className="task-title">{task.title}</p>
      {task.detail && <p className="task-detail">{task.detail}</p>}
      <p className="muted task-meta">
        {t('task.from', { agency: fromName, user: task.issuedByName })} · {t('task.deadlineAt', { time: formatDateTime(task.deadline, lang) })}
        {task.campaign && ` · ${task.campaign}`}
      </p>
      {notes.length > 0 && (
        <ul className="task-notes">
          {notes.map((u, n) => (
            <li key={n}>
              <span className="muted">{formatDateTime(u.at, lang)}</span> {t(`task.kind.${u.kind}` as 'task.kind.progress')}{t('form.colon')}{u.note}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div className="my-task-actions">
          {task.status === 'issued' && (
            <button type="button" className="btn btn-primary btn-small" data-testid="task-acknowledge" disabled={busy} onClick={() => void step('acknowledge')}>
              {t('task.acknowledge')}
            </button>
          )}
          <input type="text" aria-label={t('task.note')} placeholder={t('task.noteHint')} data-testid="task-note" value={note} maxLength={5000} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="btn btn-small" data-testid="task-progress" disabled={busy} onClick={() => void step('progress')}>
            {t('task.progress')}
          </button>
          <button type="button" className="btn btn-small" data-testid="task-complete" disabled={busy} onClick={() => void step('complete')}>
            {t('task.complete')}
          </button>
        </div>
      )}
      <TaskPhotos task={task} canAdd={open} onChanged={onChanged} />
      {onOpenIncident && task.incidentId && (
        <button type="button" className="btn btn-quiet btn-small" data-testid="task-open-incident" onClick={() => task.incidentId && onOpenIncident(task.incidentId)}>
          {t('task.openIncident')}
        </button>
      )}
      {error && (
        <p className="notice notice-error" role="alert" data-testid="my-task-error">
          {error}
        </p>
      )}
    </li>
  );
}
