import { useState } from 'react';
import { TaskPhotos } from './TaskPhotos';
import type { Task } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { OPEN_TASK } from './useCommandData';

interface Props {
  task: Task;
  /** the issuer's side may cancel an open task, with a note saying why */
  canCancel: boolean;
  onChanged(): void;
}

/** One task order on the command's board: who, what, by when, and the last word from the receiver. */
export function TaskRow({ task, canCancel, onChanged }: Props) {
  const { t, lang } = useT();
  const errorText = useCommandErrorText('taskCancel');
  const [cancelling, setCancelling] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = task.updates.filter((u) => u.note).at(-1);

  const cancel = async () => {
    if (!note.trim()) {
      setError(t('task.noteNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.taskStep(task.id, 'cancel', note.trim());
      setCancelling(false);
      onChanged();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`task-row task-${task.status}${task.overdue ? ' is-overdue' : ''}`} data-testid="task-row" data-status={task.status} data-code={task.code} data-overdue={task.overdue}>
      <div className="task-row-head">
        <span className="mono task-code">{task.code}</span>
        <span className={`status-chip task-status task-status-${task.status}`}>{t(`task.status.${task.status}`)}</span>
        {task.overdue && <span className="task-overdue-flag">{t('task.overdue')}</span>}
      </div>
      <p className="task-title">{task.title}</p>
      <p className="muted task-meta">
        {task.toAgencyName} · {t('task.deadlineAt', { time: formatDateTime(task.deadline, lang) })}
        {task.completedAt && ` · ${t('task.completedAt', { time: formatDateTime(task.completedAt, lang) })}`}
      </p>
      {last?.note && (
        <p className="task-note" data-testid="task-last-note">
          {t(`task.kind.${last.kind}` as 'task.kind.progress')}{t('form.colon')}{last.note}
        </p>
      )}
      <TaskPhotos task={task} canAdd={false} onChanged={onChanged} />
      {canCancel && OPEN_TASK.has(task.status) && !cancelling && (
        <button type="button" className="btn btn-quiet btn-small" data-testid="task-cancel" onClick={() => setCancelling(true)}>
          {t('task.cancel')}
        </button>
      )}
      {cancelling && (
        <div className="task-cancel">
          <input type="text" aria-label={t('task.cancelReason')} placeholder={t('task.cancelReason')} data-testid="task-cancel-note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="button" className="btn btn-small" data-testid="task-cancel-confirm" disabled={busy} onClick={() => void cancel()}>
            {t('task.cancelConfirm')}
          </button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setCancelling(false)}>
            {t('dialog.back')}
          </button>
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
