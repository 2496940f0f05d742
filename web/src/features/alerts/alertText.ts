import type { I18n } from '../../app/i18n/context';
import type { MessageKey } from '../../app/i18n/zh-CN';
import { formatDuration } from '../location-panel/formatDuration';
import { isWorded } from './alertKinds';
import type { Alert } from './alertApi';

type T = I18n['t'];

function known(t: T, key: string): string | null {
  // the catalogue has no entry for a code it does not know (a new condition of a new device)
  const text = t(key as MessageKey) as string | undefined;
  return typeof text === 'string' && text !== key ? text : null;
}

function fact(a: Alert, name: string): string | null {
  const v = a.facts[name];
  return v === null || v === undefined || v === '' ? null : String(v);
}

export function alertTitle(a: Alert, t: T): string {
  return isWorded(a.kind) ? t(`alerts.kind.${a.kind}`) : t('alerts.kind.other');
}

/** A deadline as the day it falls on in Beijing (UTC+8, no daylight saving). */
function beijingDay(iso: string | null): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? new Date(ms + 8 * 3600_000).toISOString().slice(0, 10) : '—';
}

/** The alert's particulars in the reader's language: names, reasons and durations, never codes. */
export function alertDetail(a: Alert, t: T): string {
  if (!isWorded(a.kind)) return '';
  const seconds = (name: string) => {
    const v = a.facts[name];
    return typeof v === 'number' ? formatDuration(v, t) : '—';
  };
  const params: Record<string, string> = {
    unit: fact(a, 'unit') ?? t('alerts.someUnit'),
    agency: fact(a, 'agency') ?? t('alerts.someone'),
    reason: fact(a, 'reason') ?? '—',
    title: a.subject.title ?? '',
    elapsed: seconds('elapsedS'),
    hazard: fact(a, 'hazard') ?? '—',
    railwayOwner: fact(a, 'railwayOwner') ?? t('alerts.someone'),
    localOwner: fact(a, 'localOwner') ?? t('alerts.someone'),
    deadline: beijingDay(fact(a, 'deadline')),
    limit: seconds('limitS'),
    what:
      a.kind === 'patrol_alert'
        ? (known(t, `alerts.patrol.${fact(a, 'patrolAlert') ?? ''}`) ?? t('alerts.kind.patrol_alert'))
        : (known(t, `alerts.condition.${fact(a, 'condition') ?? ''}`) ?? t('alerts.kind.device_alarm')),
  };
  return t(`alerts.detail.${a.kind}`, params);
}

export function resolvedText(by: string, t: T): string {
  return known(t, `alerts.resolved.${by}`) ?? t('alerts.resolved.other');
}
