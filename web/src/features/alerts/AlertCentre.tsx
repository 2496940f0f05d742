import { useCallback, useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { useShortcut } from '../shortcuts/registry';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';
import { AlertPanel } from './AlertPanel';
import { SEVERITY_ORDER } from './alertKinds';
import { useAcknowledgeAlert, useAlerts } from './useAlerts';
import { useAlertSignals } from './useAlertSignals';
import './alerts.css';

/**
 * The alert centre in the top bar: the count of waiting alerts (coloured by the most severe),
 * the panel to work through them, the sounds, title and notifications, and the `A` key, which
 * acknowledges the newest waiting alert wherever the dispatcher is.
 */
export function AlertCentre() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const { alerts, waiting, loaded } = useAlerts();
  const ack = useAcknowledgeAlert();
  useAlertSignals(waiting, loaded);
  const acknowledge = useCallback((id: string) => ack.mutate(id), [ack]);
  useShortcut('ackAlert', () => {
    const newest = waiting[0];
    if (newest && !ack.isPending) ack.mutate(newest.id);
  });
  const worst = waiting.reduce<string | null>((w, a) => (w === null || SEVERITY_ORDER[a.severity] < SEVERITY_ORDER[w as keyof typeof SEVERITY_ORDER] ? a.severity : w), null);
  return (
    <>
      <button
        type="button"
        className={`btn alert-bell${worst ? ` sev-${worst}` : ''}`}
        data-testid="alert-bell"
        data-count={waiting.length}
        aria-expanded={open}
        aria-label={t('alerts.bellLabel', { n: waiting.length })}
        title={withKeys(t('alerts.bellLabel', { n: waiting.length }), SHORTCUT_KEYS.ackAlert)}
        onClick={() => setOpen((o) => !o)}
      >
        {t('alerts.title')}
        <span className="alert-count" data-testid="alert-count">
          {waiting.length}
        </span>
      </button>
      {open && <AlertPanel alerts={alerts} acknowledging={ack.isPending ? (ack.variables ?? null) : null} error={ack.error} onAcknowledge={acknowledge} onClose={() => setOpen(false)} />}
    </>
  );
}
