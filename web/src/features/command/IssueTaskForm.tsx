import { useState, type FormEvent } from 'react';
import type { CommandView } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useCommandErrorText } from './commandErrors';
import { useT } from '../../app/i18n/useT';
import { ApiError } from '../../api/errors';
import { apiFields } from './apiFields';
import { beijingInputValue, inputToIso } from './deadline';
import { platformNow } from '../../api/platformClock';

interface Props {
  command: CommandView;
  onIssued(): void;
}

const DEFAULT_MINUTES = 30;

/** 下达指令: a task to one member agency with a deadline. */
export function IssueTaskForm({ command, onIssued }: Props) {
  const { t } = useT();
  const errorText = useCommandErrorText('task');
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [to, setTo] = useState('');
  const [deadline, setDeadline] = useState(() => beijingInputValue(platformNow() + DEFAULT_MINUTES * 60_000));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const iso = inputToIso(deadline);
    const missing: Record<string, string> = {};
    if (title.trim().length < 2) missing.title = t('task.titleShort');
    if (!to) missing.toAgencyId = t('task.chooseAgency');
    if (!iso) missing.deadline = t('task.deadlineInvalid');
    else if (Date.parse(iso) <= platformNow()) missing.deadline = t('task.deadlinePast');
    setFields(missing);
    if (Object.keys(missing).length || !iso) {
      setError(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.createTask({ commandId: command.id, title: title.trim(), ...(detail.trim() ? { detail: detail.trim() } : {}), toAgencyId: to, deadline: iso });
      setTitle('');
      setDetail('');
      setDeadline(beijingInputValue(platformNow() + DEFAULT_MINUTES * 60_000));
      onIssued();
    } catch (err) {
      const server = apiFields(err);
      // the two refusals a commander meets most, in the user's language
      if (server.toAgencyId && err instanceof ApiError && err.code === 'not_in_command') server.toAgencyId = t('task.notMember');
      if (server.deadline && /past/.test(server.deadline)) server.deadline = t('task.deadlinePast');
      setFields(server);
      // a field the form has no place for still needs saying
      const elsewhere = Object.entries(server).filter(([k]) => !['title', 'toAgencyId', 'deadline', 'detail'].includes(k));
      setError(Object.keys(server).length === 0 ? errorText(err) : elsewhere.length ? elsewhere.map(([, m]) => m).join('；') : null);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (key: string) =>
    fields[key] ? (
      <p className="field-error" role="alert" data-testid={`task-error-${key}`}>
        {fields[key]}
      </p>
    ) : null;

  return (
    <form className="issue-task-form" data-testid="issue-task-form" onSubmit={submit}>
      <label className="field">
        <span>{t('task.title')}</span>
        <input type="text" data-testid="task-title" value={title} maxLength={200} aria-invalid={fields.title ? true : undefined} onChange={(e) => setTitle(e.target.value)} />
        {fieldError('title')}
      </label>
      <label className="field">
        <span>{t('task.detail')}</span>
        <textarea data-testid="task-detail" rows={2} value={detail} onChange={(e) => setDetail(e.target.value)} />
        {fieldError('detail')}
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('task.agency')}</span>
          <select data-testid="task-agency" value={to} aria-invalid={fields.toAgencyId ? true : undefined} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('task.chooseAgency')}</option>
            {command.members.map((m) => (
              <option key={m.agencyId} value={m.agencyId}>
                {m.agencyName}
              </option>
            ))}
          </select>
          {fieldError('toAgencyId')}
        </label>
        <label className="field">
          <span>{t('task.deadline')}</span>
          <input type="datetime-local" data-testid="task-deadline" value={deadline} aria-invalid={fields.deadline ? true : undefined} onChange={(e) => setDeadline(e.target.value)} />
          {fieldError('deadline')}
        </label>
      </div>
      <button type="submit" className="btn btn-primary" data-testid="task-submit" disabled={busy}>
        {t('task.issue')}
      </button>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="task-error">
          {error}
        </p>
      )}
    </form>
  );
}
