import { useEffect, useState } from 'react';
import { z } from 'zod';
import { Webhook, WebhookDelivery } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { adminApi } from './adminApi';

type Hook = z.infer<typeof Webhook>;
type Delivery = z.infer<typeof WebhookDelivery>;

/** 推送订阅: an agency's webhooks, the secret shown once, the latest deliveries with their errors. */
export function WebhooksPanel() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [hooks, setHooks] = useState<Hook[]>([]);
  const [tick, setTick] = useState(0);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('incident.*, bulletin.published');
  const [secret, setSecret] = useState<string | null>(null);
  const [deliveries, setDeliveries] = useState<{ id: string; list: Delivery[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    adminApi.webhooks(abort.signal).then((r) => !abort.signal.aborted && setHooks(r.webhooks), (e: unknown) => !abort.signal.aborted && setError(errorText(e)));
    return () => abort.abort();
  }, [tick, errorText]);
  const create = async () => {
    setError(null);
    try {
      const h = await adminApi.createWebhook(url.trim(), events.split(/[,\s，]+/).filter(Boolean));
      setSecret(h.secret);
      setUrl('');
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="admin-panel" data-testid="webhooks-panel">
      <h3>
        {t('admin.webhooks')} <span className="muted">({hooks.filter((h) => h.active).length})</span>
      </h3>
      <p className="muted">{t('admin.webhooksHint')}</p>
      <div className="admin-form">
        <input data-testid="webhook-url" placeholder="https://cad.example.cn/railjoint" value={url} onChange={(e) => setUrl(e.target.value)} />
        <input data-testid="webhook-events" value={events} onChange={(e) => setEvents(e.target.value)} aria-label={t('admin.events')} />
        <button type="button" className="btn btn-primary" data-testid="webhook-create" disabled={!url.trim()} onClick={() => void create()}>
          {t('admin.addWebhook')}
        </button>
      </div>
      {secret && (
        <p className="notice" data-testid="webhook-secret">
          {t('admin.secretOnce')} <code>{secret}</code>
        </p>
      )}
      {error && <p className="notice notice-error" role="alert">{error}</p>}
      <table className="admin-table">
        <tbody>
          {hooks.map((h) => (
            <tr key={h.id} data-testid="webhook-row" data-active={h.active}>
              <td className="mono">{h.url}</td>
              <td>{h.events.join(', ')}</td>
              <td>{h.active ? t('admin.active') : t('admin.stopped')}</td>
              <td>
                <button type="button" className="btn btn-quiet btn-small" onClick={() => void adminApi.deliveries(h.id).then((r) => setDeliveries({ id: h.id, list: r.deliveries }), (e: unknown) => setError(errorText(e)))}>
                  {t('admin.deliveries')}
                </button>
                {h.active && (
                  <button type="button" className="btn btn-quiet btn-small" onClick={() => void adminApi.deleteWebhook(h.id).then(() => setTick((n) => n + 1), (e: unknown) => setError(errorText(e)))}>
                    {t('admin.end')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliveries && (
        <ul className="admin-deliveries">
          {deliveries.list.length === 0 && <li className="muted">{t('admin.noDeliveries')}</li>}
          {deliveries.list.map((d) => (
            <li key={d.id}>
              {formatDateTime(d.createdAt, lang)} {d.eventType} · {d.status} · {t('admin.attempts', { n: String(d.attempts) })}
              {d.lastError ? ` · ${d.lastError}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
