import { useState } from 'react';
import { Task } from '@railjoint/contracts';
import { getToken } from '../../api/token';
import { useT } from '../../app/i18n/useT';

/** Photos and documents with a task report: the list (download links) and, while open, an upload. */
export function TaskPhotos({ task, canAdd, onChanged }: { task: Task; canAdd: boolean; onChanged(task: Task): void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    const token = getToken();
    // the file goes as its own bytes with its type: the server judges it by its content
    const res = await fetch(`/api/tasks/${encodeURIComponent(task.id)}/attachments`, {
      method: 'POST',
      headers: { 'content-type': file.type || 'application/octet-stream', 'x-filename': encodeURIComponent(file.name), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: await file.arrayBuffer(),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      setError((json as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`);
      return;
    }
    onChanged(Task.parse(json));
  };
  return (
    <div className="task-photos">
      {task.attachments.map((a) => (
        <a key={a.id} data-testid="task-attachment" href={`/api/tasks/${encodeURIComponent(task.id)}/attachments/${encodeURIComponent(a.id)}`} download={a.name}>
          {a.name}
        </a>
      ))}
      {canAdd && (
        <label className="btn btn-quiet btn-small">
          {t('task.attach')}
          <input type="file" hidden accept="image/jpeg,image/png,application/pdf" data-testid="task-attach" onChange={(e) => void upload(e.target.files?.[0])} />
        </label>
      )}
      {error && (
        <span className="notice notice-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
