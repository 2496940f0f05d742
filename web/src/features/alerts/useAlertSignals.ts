import { useEffect, useRef } from 'react';
import type { AlertSeverity } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { SEVERITY_ORDER } from './alertKinds';
import { alertDetail, alertTitle } from './alertText';
import { soundAlert } from './tones';
import type { Alert } from './alertApi';

/** A critical alert nobody has taken sounds again this often. */
const CRITICAL_REPEAT_MS = 20_000;

function loudest(alerts: Alert[]): AlertSeverity | null {
  return alerts.reduce<AlertSeverity | null>((best, a) => (best === null || SEVERITY_ORDER[a.severity] < SEVERITY_ORDER[best] ? a.severity : best), null);
}

/**
 * What makes an alert noticed wherever the dispatcher is looking: a sound by severity for each
 * new one (a critical one again until taken), the count in the tab's title, and a desktop
 * notification when the user has allowed them. Alerts already waiting at sign-in are counted but
 * not sounded: nothing new happened.
 */
export function useAlertSignals(waiting: Alert[], loaded: boolean): void {
  const { t } = useT();
  const known = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!loaded) return;
    const seen = known.current;
    known.current = new Set([...(seen ?? []), ...waiting.map((a) => a.id)]);
    if (!seen) return;
    const fresh = waiting.filter((a) => !seen.has(a.id));
    const severity = loudest(fresh);
    if (severity) soundAlert(severity);
    if (fresh.length && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const a of fresh.slice(0, 3)) {
        try {
          new Notification(t('alerts.notification', { kind: alertTitle(a, t) }), { body: [a.subject.code, alertDetail(a, t)].filter(Boolean).join(' · '), tag: a.id });
        } catch {
          // some browsers only notify from a service worker: the sound and the badge remain
        }
      }
    }
  }, [waiting, loaded, t]);

  const critical = waiting.some((a) => a.severity === 'critical');
  useEffect(() => {
    if (!critical) return;
    const id = window.setInterval(() => soundAlert('critical'), CRITICAL_REPEAT_MS);
    return () => window.clearInterval(id);
  }, [critical]);

  const count = waiting.length;
  useEffect(() => {
    // after the language provider has set the plain title (effects run child first)
    const id = window.setTimeout(() => {
      const base = `${t('app.name')} ${t('app.title')}`;
      document.title = count > 0 ? `(${count}) ${base}` : base;
    }, 0);
    return () => window.clearTimeout(id);
  }, [count, t]);
  useEffect(() => () => void (document.title = `${t('app.name')} ${t('app.title')}`), [t]);
}
