import { useState } from 'react';
import { useT } from '../../app/i18n/useT';

/** Asks the browser for desktop notifications once the user wants them (never unasked). */
export function NotificationToggle() {
  const { t } = useT();
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState<NotificationPermission>(supported ? Notification.permission : 'denied');
  if (!supported) return null;
  if (permission === 'granted') return <span className="muted alert-notify">{t('alerts.notifyOn')}</span>;
  if (permission === 'denied') return <span className="muted alert-notify">{t('alerts.notifyBlocked')}</span>;
  return (
    <button type="button" className="btn btn-quiet alert-notify" data-testid="alert-notify" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('alerts.notify')}
    </button>
  );
}
