import type { MessageKey } from '../../app/i18n/zh-CN';
import type { I18n } from '../../app/i18n/context';

const KNOWN = new Set([
  'received', 'dispatch', 'depart', 'arrive', 'clear', 'close', 'cancel', 'merged', 'merged_from', 'transfer', 'accept_transfer',
  'decline_transfer', 'transfer_timeout', 'limit_breached', 'reprioritised', 'kept_apart', 'note', 'withdraw_all',
  'units_added', 'assignment_acknowledged', 'assignment_unacknowledged', 'handover_requested', 'unit_released',
]);

export function actionLabel(action: string, t: I18n['t']): string {
  return KNOWN.has(action) ? t(`timeline.${action}` as MessageKey) : action;
}

/** The free text an entry carries (reason, summary, note, outcome, priority change), as one line. */
export function detailText(detail: unknown, t: I18n['t']): string {
  if (!detail || typeof detail !== 'object') return '';
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.outcomeCode === 'string') parts.push(t(`outcome.${d.outcomeCode}` as MessageKey) || d.outcomeCode);
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} → ${d.to}`);
  for (const k of ['summary', 'reason', 'text', 'note']) if (typeof d[k] === 'string' && d[k]) parts.push(d[k] as string);
  return parts.join(' · ');
}
