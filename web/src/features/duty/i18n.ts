import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'duty.onDuty': '值班：{n}/{total} 席在岗',
  'duty.mySeat': '我在 {seat}',
  'duty.until': '至 {time}',
  'duty.next': '接班 {user}（{time}）',
  'duty.vacant': '空席',
  'duty.handOver': '交接班',
  'duty.to': '接班人（用户名）',
  'duty.notes': '交班事项',
  'duty.notesHint': '未结警情、待办指令、需关注事项',
  'duty.pending': '{from} 向你交班',
  'duty.openCount': '未结警情 {n} 起，待办指令 {tasks} 条',
  'duty.accept': '接班',
  'duty.seat': '席位',
  'duty.user': '值班人（用户名）',
  'duty.from': '开始（北京时间）',
  'duty.toTime': '结束（北京时间）',
  'duty.plan': '排班',
  'duty.planned': '已排班',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'duty.onDuty': 'On duty: {n}/{total} seats staffed',
  'duty.mySeat': 'you are at {seat}',
  'duty.until': 'until {time}',
  'duty.next': 'next {user} ({time})',
  'duty.vacant': 'vacant',
  'duty.handOver': 'Hand over shift',
  'duty.to': 'Taking over (username)',
  'duty.notes': 'Handover notes',
  'duty.notesHint': 'open incidents, pending orders, things to watch',
  'duty.pending': '{from} hands the shift over to you',
  'duty.openCount': '{n} open incidents, {tasks} open orders',
  'duty.accept': 'Take over',
  'duty.seat': 'Seat',
  'duty.user': 'On duty (username)',
  'duty.from': 'From (Beijing time)',
  'duty.toTime': 'Until (Beijing time)',
  'duty.plan': 'Add to roster',
  'duty.planned': 'Added to the roster',
};
