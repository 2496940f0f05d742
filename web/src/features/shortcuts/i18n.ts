import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'shortcuts.title': '键盘快捷键',
  'shortcuts.open': '快捷键（?）',
  'shortcuts.close': '关闭',
  'shortcuts.newCall': '新接警：打开接警单，光标在警情类别',
  'shortcuts.dispatchTop': '派警：当前警情派出首位推荐警力；接警单上为登记并派警',
  'shortcuts.nextIncident': '打开队列中的下一条警情',
  'shortcuts.prevIncident': '打开队列中的上一条警情',
  'shortcuts.ackAlert': '确认最新告警',
  'shortcuts.search': '搜索（警情队列或地图）',
  'shortcuts.help': '显示或关闭本帮助',
  'shortcuts.form': '接警单',
  'shortcuts.formEnter': '登记；已勾选推荐警力时登记并派警',
  'shortcuts.formDispatch': '登记并派警，光标在任何输入框中均可',
  'shortcuts.formArrows': '在下拉候选中选择',
  'shortcuts.typing': '光标在输入框中时，单键快捷键不起作用，请用 Alt 或 Ctrl 组合键。',
  'shortcuts.notHere': '当前页面无此操作',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.open': 'Shortcuts (?)',
  'shortcuts.close': 'Close',
  'shortcuts.newCall': 'New call: open the call form with the cursor in the category',
  'shortcuts.dispatchTop': 'Dispatch: send the top recommended unit to the open incident; on the call form, record and dispatch',
  'shortcuts.nextIncident': 'Open the next incident in the queue',
  'shortcuts.prevIncident': 'Open the previous incident in the queue',
  'shortcuts.ackAlert': 'Acknowledge the newest alert',
  'shortcuts.search': 'Search (the queue or the map)',
  'shortcuts.help': 'Show or close this help',
  'shortcuts.form': 'Call form',
  'shortcuts.formEnter': 'Record; record and dispatch when a recommended unit is ticked',
  'shortcuts.formDispatch': 'Record and dispatch, from any field',
  'shortcuts.formArrows': 'Choose in a list of suggestions',
  'shortcuts.typing': 'While the cursor is in a field, single-key shortcuts are off: use the Alt or Ctrl forms.',
  'shortcuts.notHere': 'not available on this page',
};
