import type { Alarm, AlarmAnnotation } from '@railjoint/contracts';
import type { I18n } from '../../app/i18n/context';
import type { MessageKey } from '../../app/i18n/zh-CN';

type T = I18n['t'];

/** The condition in the reader's language (the alert centre's words for the same codes); an unknown code is said as "alarm". */
export function conditionName(condition: string, t: T): string {
  const key = `alerts.condition.${condition}` as MessageKey;
  const text = t(key) as string | undefined;
  return typeof text === 'string' && text !== key ? text : t('alerts.kind.device_alarm');
}

/**
 * An annotation worded from its kind and reference. The server stores the window's crew only in
 * its Chinese text ("天窗作业：<crew>"); the crew is what people typed, so it is shown as typed.
 */
export function annotationText(n: AlarmAnnotation, t: T): string {
  if (n.kind === 'train_passing') return t('alarms.note.train_passing', { ref: n.ref ?? '—' });
  if (n.kind === 'maintenance_window') return t('alarms.note.maintenance_window', { crew: n.text.replace(/^天窗作业：/, '') });
  return t('alarms.note.chattering');
}

export type AckFilter = 'all' | 'unacknowledged' | 'acknowledged';

export function matchesAck(a: Alarm, f: AckFilter): boolean {
  return f === 'all' || (f === 'acknowledged') === a.acknowledged;
}
