import type { MessageKey } from '../../app/i18n/zh-CN';
import type { I18n } from '../../app/i18n/context';

const KNOWN = new Set([
  'received', 'dispatch', 'depart', 'arrive', 'clear', 'close', 'cancel', 'merged', 'merged_from', 'transfer', 'accept_transfer',
  'decline_transfer', 'transfer_timeout', 'limit_breached', 'reprioritised', 'kept_apart', 'note', 'withdraw_all',
  'units_added', 'assignment_acknowledged', 'assignment_unacknowledged', 'handover_requested', 'unit_released', 'unit_cleared', 'sitrep_drafted', 'sitrep_released',
]);

/** Response level, joint command and task order entries; their wording sits with the command keys. */
const COMMAND_ACTIONS: Readonly<Record<string, MessageKey>> = {
  situation_reported: 'command.timeline.situation_reported',
  level_changed: 'command.timeline.level_changed',
  command_opened: 'command.timeline.command_opened',
  plan_issued: 'command.timeline.plan_issued',
  command_closed: 'command.timeline.command_closed',
  task_issued: 'command.timeline.task_issued',
  task_acknowledge: 'command.timeline.task_acknowledge',
  task_progress: 'command.timeline.task_progress',
  task_complete: 'command.timeline.task_complete',
  task_cancel: 'command.timeline.task_cancel',
  task_overdue: 'command.timeline.task_overdue',
};

export function actionLabel(action: string, t: I18n['t']): string {
  const command = Object.hasOwn(COMMAND_ACTIONS, action) ? COMMAND_ACTIONS[action] : undefined;
  if (command) return t(command);
  return KNOWN.has(action) ? t(`timeline.${action}` as MessageKey) : action;
}

/** The free text an entry carries (reason, summary, note, outcome, priority change), as one line. */
export function detailText(detail: unknown, t: I18n['t']): string {
  if (!detail || typeof detail !== 'object') return '';
  const d = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.outcomeCode === 'string') parts.push(t(`outcome.${d.outcomeCode}` as MessageKey) || d.outcomeCode);
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} → ${d.to}`);
  // a level set for the first time has no `from`
  else if (typeof d.setBy === 'string' && typeof d.to === 'string') parts.push(`→ ${d.to}`);
  if (typeof d.injured === 'number') parts.push(t('level.injuredN', { n: d.injured }));
  if (typeof d.dead === 'number') parts.push(t('level.deadN', { n: d.dead }));
  if (typeof d.lineBlocked === 'boolean') parts.push(t(d.lineBlocked ? 'level.lineBlocked' : 'level.lineOpen'));
  if (typeof d.period === 'number') parts.push(t('command.periodN', { n: d.period }));
  for (const k of ['code', 'name', 'title', 'unit']) if (typeof d[k] === 'string' && d[k]) parts.push(d[k] as string);
  for (const k of ['summary', 'reason', 'text', 'note']) if (typeof d[k] === 'string' && d[k]) parts.push(d[k] as string);
  return parts.join(' · ');
}
