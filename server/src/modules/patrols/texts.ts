import type { CheckInRefusal } from '@railjoint/contracts';

/**
 * The few sentences the server composes (the message of a refused check-in); the console and the
 * phone word everything else from the reason codes.
 */
const REFUSALS: Record<CheckInRefusal, { 'zh-CN': string; en: string }> = {
  code_invalid: { 'zh-CN': '打卡码无效', en: 'the code is not valid' },
  code_revoked: { 'zh-CN': '打卡码已作废，请联系所属单位更换标签', en: 'the code was replaced; ask the agency for the new label' },
  code_wrong_checkpoint: { 'zh-CN': '这是另一个巡防点的打卡码', en: 'the code belongs to another checkpoint' },
  code_replayed: { 'zh-CN': '本巡防点本时段已打卡', en: 'this checkpoint was already checked in for this round' },
  checkpoint_inactive: { 'zh-CN': '巡防点已停用', en: 'the checkpoint is out of use' },
  not_in_plan: { 'zh-CN': '该巡防点不在本次任务中', en: 'the checkpoint is not on this duty' },
  time_in_future: { 'zh-CN': '手机时间比服务器快，请校准时间', en: 'the phone’s clock is ahead of the server’s' },
  before_start: { 'zh-CN': '打卡时间早于巡逻开始', en: 'the check-in is before the patrol started' },
  after_finish: { 'zh-CN': '打卡时间晚于巡逻结束', en: 'the check-in is after the patrol finished' },
  too_far: { 'zh-CN': '距离巡防点太远', en: 'too far from the checkpoint' },
  out_of_window: { 'zh-CN': '不在任务时段内', en: 'outside the duty’s time window' },
  implausible_speed: { 'zh-CN': '移动速度不合常理', en: 'the movement since the last check-in is too fast to be real' },
};

export function refusalMessage(reason: CheckInRefusal, lang: 'zh-CN' | 'en'): string {
  return REFUSALS[reason][lang];
}
