import { useState } from 'react';
import { Task } from '@railjoint/contracts';
import { request } from '../../api/client';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';

/** Photos and documents with a task report: the list (download links) and, while open, an upload. */
export function TaskPhotos({ task, canAdd, onChanged }: { task: Task; canAdd: boolean; onChanged(task: Task): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      // the file goes as its own bytes with its type: the server judges it by its content
      onChanged(await request('POST', `/api/tasks/${encodeURIComponent(task.id)}/attachments`, { file: { data: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream', name: file.name }, schema: Task }));
    } catch (e) {
      setError(errorText(e));
    }
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
