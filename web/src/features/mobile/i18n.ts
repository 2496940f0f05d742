import type { Texts } from '../../app/i18n/texts';
import * as patrolApp from '../patrol-mobile/i18n';
import * as publicReport from '../public-report/i18n';
import * as patrolCoverage from '../patrol-coverage/i18n';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
const mobileZh = {
  'mobile.title': '移动端',
  'mobile.assignments': '待处置任务',
  'mobile.noAssignments': '没有待处置的任务',
  'mobile.acknowledge': '签收',
  'mobile.acknowledged': '已签收',
  'mobile.unit': '我的警力',
  'mobile.noUnits': '本单位没有警力',
  'mobile.status': '状态',
  'mobile.enRoute': '出警',
  'mobile.onScene': '到场',
  'mobile.available': '可用',
  'mobile.share': '共享位置',
  'mobile.sharing': '每 30 秒上报一次位置',
  'mobile.noGeo': '此设备不支持定位，无法共享位置',
  'mobile.geoError': '定位失败：{message}',
  'mobile.sent': '位置已上报 {time}',
  'mobile.deadline': '签收时限 {time}',
  'mobile.console': '返回工作台',
  'mobile.via': '经「{name}」进入线路',
  'mobile.toPlace': '直达事发地点',
  'mobile.navigate': '导航',
  'mobile.eta': '预计 {min} 分钟到达',
  'mobile.since': '派出已',
  'mobile.overdue': '已超时',
  'mobile.current': '当前状态',
} as const satisfies Record<string, string>;

const mobileEn: Texts<typeof mobileZh> = {
  'mobile.title': 'Mobile',
  'mobile.assignments': 'Open assignments',
  'mobile.noAssignments': 'No open assignments',
  'mobile.acknowledge': 'Acknowledge',
  'mobile.acknowledged': 'Acknowledged',
  'mobile.unit': 'My unit',
  'mobile.noUnits': 'Your agency has no units',
  'mobile.status': 'Status',
  'mobile.enRoute': 'En route',
  'mobile.onScene': 'On scene',
  'mobile.available': 'Available',
  'mobile.share': 'Share position',
  'mobile.sharing': 'Position sent every 30 s',
  'mobile.noGeo': 'This device cannot locate itself; position sharing is unavailable',
  'mobile.geoError': 'Location failed: {message}',
  'mobile.sent': 'Position sent {time}',
  'mobile.deadline': 'acknowledge by {time}',
  'mobile.console': 'Back to the console',
  'mobile.via': 'Enter the railway at "{name}"',
  'mobile.toPlace': 'Straight to the place',
  'mobile.navigate': 'Navigate',
  'mobile.eta': 'ETA {min} min',
  'mobile.since': 'Sent',
  'mobile.overdue': 'Overdue',
  'mobile.current': 'Current status',
};

/**
 * The field and public screens of civil defence (the patrol app, the public report page, the
 * centre's coverage view) bring their texts in through this file, which the catalogues already
 * assemble: one registration for the phone-side features.
 */
export const zhCN = { ...mobileZh, ...patrolApp.zhCN, ...publicReport.zhCN, ...patrolCoverage.zhCN } as const;
export const en: Texts<typeof zhCN> = { ...mobileEn, ...patrolApp.en, ...publicReport.en, ...patrolCoverage.en };
