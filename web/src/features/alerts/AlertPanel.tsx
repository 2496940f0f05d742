import { useEffect, useRef } from 'react';
import { useT } from '../../app/i18n/useT';
import { usePlatformNow } from '../../api/usePlatformNow';
import { useErrorText } from '../../api/useErrorText';
import { AlertItem } from './AlertItem';
import { NotificationToggle } from './NotificationToggle';
import { isWaiting, type Alert } from './alertApi';

interface Props {
  alerts: Alert[];
  acknowledging: string | null;
  error: unknown;
  onAcknowledge(id: string): void;
  onClose(): void;
}

/** The list to work through: waiting alerts first, newest on top, then what was settled lately. */
export function AlertPanel({ alerts, acknowledging, error, onAcknowledge, onClose }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const now = usePlatformNow();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const waiting = alerts.filter(isWaiting);
  const settled = alerts.filter((a) => !isWaiting(a));
  const item = (a: Alert) => <AlertItem key={a.id} alert={a} now={now} busy={acknowledging === a.id} onAcknowledge={onAcknowledge} onOpen={onClose} />;
  return (
    <aside
      className="alert-panel"
      role="dialog"
      aria-labelledby="alert-panel-title"
      data-testid="alert-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="alert-panel-head">
        <h3 id="alert-panel-title">{t('alerts.panel')}</h3>
        <NotificationToggle />
        <button ref={closeRef} type="button" className="btn btn-quiet" data-testid="alert-panel-close" onClick={onClose}>
          {t('alerts.close')}
        </button>
      </header>
      {error !== null && <p className="notice notice-error">{t('alerts.failed')} {errorText(error)}</p>}
      {alerts.length === 0 && <p className="muted alert-none">{t('alerts.none')}</p>}
      {waiting.length > 0 && (
        <section>
          <h4 className="alert-group">{t('alerts.waiting', { n: waiting.length })}</h4>
          <ul className="alert-list" data-testid="alert-waiting">
            {waiting.map(item)}
          </ul>
        </section>
      )}
      {settled.length > 0 && (
        <section>
          <h4 className="alert-group">{t('alerts.settled')}</h4>
          <ul className="alert-list" data-testid="alert-settled">
            {settled.map(item)}
          </ul>
        </section>
      )}
    </aside>
  );
}
