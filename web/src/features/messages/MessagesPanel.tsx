import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { messageApi } from './messageApi';
import './messages.css';

interface Props {
  incidentId: string;
  /** the incident has a joint command: its members get a channel of their own */
  hasCommand: boolean;
}

/** Messages between the agencies on the incident, kept with it; the command channel for its members. */
/** A message is an incident event, so the live channel marks the list stale with the incident. */
export function MessagesPanel({ incidentId, hasCommand }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const q = useQuery({ queryKey: queryKeys.messages(incidentId), queryFn: async ({ signal }) => (await messageApi.list(incidentId, signal)).messages });
  const messages = q.data ?? [];
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<'incident' | 'command'>('incident');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);

  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const m = await messageApi.post(incidentId, text.trim(), channel);
      if (file) await messageApi.attach(incidentId, m.id, file);
      setText('');
      setFile(null);
      void client.invalidateQueries({ queryKey: queryKeys.messages(incidentId) }, { cancelRefetch: false });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="messages-panel" data-testid="messages-panel">
      <h3>
        {t('messages.heading')} <span className="muted">({messages.length})</span>
      </h3>
      <ol className="message-list">
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.channel}`} data-testid="message" data-channel={m.channel}>
            <span className="message-from">
              {m.fromAgencyName} · {m.fromUserName} · {formatDateTime(m.createdAt, lang)}
              {m.channel === 'command' && <span className="status-chip">{t('messages.commandChannel')}</span>}
            </span>
            <p>{m.text}</p>
            {m.attachments.map((a) => (
              <a key={a.id} href={messageApi.attachmentUrl(incidentId, m.id, a.id)} download={a.name}>
                {a.name}
              </a>
            ))}
          </li>
        ))}
      </ol>
      <div className="message-compose">
        <textarea data-testid="message-text" rows={2} value={text} placeholder={t('messages.placeholder')} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && void send()} />
        {hasCommand && (
          <select data-testid="message-channel" value={channel} onChange={(e) => setChannel(e.target.value as 'incident' | 'command')} aria-label={t('messages.channel')}>
            <option value="incident">{t('messages.toAll')}</option>
            <option value="command">{t('messages.toCommand')}</option>
          </select>
        )}
        <label className="btn btn-quiet" title={t('messages.attach')}>
          {file ? file.name : t('messages.attach')}
          <input type="file" hidden accept="image/jpeg,image/png,application/pdf" data-testid="message-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="button" className="btn btn-primary" data-testid="message-send" disabled={busy || !text.trim()} onClick={() => void send()}>
          {t('messages.send')}
        </button>
      </div>
      {(error || q.error) && (
        <p className="notice notice-error" role="alert">
          {error ?? errorText(q.error)}
        </p>
      )}
    </section>
  );
}
