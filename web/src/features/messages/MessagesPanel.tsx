import { useEffect, useState } from 'react';
import type { Message } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { messageApi } from './messageApi';
import './messages.css';

interface Props {
  incidentId: string;
  /** bumped on every incident event (a message is one), so the list follows the conversation */
  version: number;
  /** the incident has a joint command: its members get a channel of their own */
  hasCommand: boolean;
}

/** Messages between the agencies on the incident, kept with it; the command channel for its members. */
export function MessagesPanel({ incidentId, version, hasCommand }: Props) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<'incident' | 'command'>('incident');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [file, setFile] = useState<File | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    messageApi.list(incidentId, abort.signal).then(
      (r) => !abort.signal.aborted && setMessages(r.messages),
      (e: unknown) => !abort.signal.aborted && setError(errorText(e)),
    );
    return () => abort.abort();
  }, [incidentId, version, tick, errorText]);

  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const m = await messageApi.post(incidentId, text.trim(), channel);
      if (file) await messageApi.attach(incidentId, m.id, file);
      setText('');
      setFile(null);
      setTick((n) => n + 1);
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
              {m.fromAgencyName} · {m.fromUser} · {formatDateTime(m.createdAt, lang)}
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
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
