export type SitrepLang = 'zh-CN' | 'en';

/**
 * The words of a situation report in each language: it is drafted in the language of whoever
 * drafts it (a scheduled one in Chinese) and its printed frame in the language of whoever exports
 * it. Codes never reach the page: statuses, channels, units' states and timeline steps are worded.
 */
export interface SitrepWords {
  headings: Record<'basics' | 'situation' | 'forces' | 'command' | 'course' | 'times' | 'next', string>;
  code: string;
  category: string;
  level: (level: string, byCommander: boolean) => string;
  place: string;
  received: (time: string, channel: string) => string;
  lead: (lead: string, support: string) => string;
  status: string;
  casualties: (injured: number, dead: number) => string;
  lineBlocked: (since: string) => string;
  lineOpen: string;
  levelWhy: (reasons: string) => string;
  noUnits: string;
  command: (name: string, open: boolean, at: string) => string;
  commanders: (list: string) => string;
  liaisons: (list: string) => string;
  objectives: (period: number, list: string) => string;
  noCommand: string;
  task: (code: string, title: string, to: string, status: string, overdue: boolean, deadline: string) => string;
  intervals: [string, string, string, string];
  duration: (s: number | null) => string;
  title: (code: string, category: string, n: number) => string;
  fillIn: string;
  section: (name: string) => string;
  train: (train: string) => string;
  list: string;
  none: string;
  statuses: Record<string, string>;
  taskStatuses: Record<string, string>;
  unitStatuses: Record<string, string>;
  channels: Record<string, string>;
  actions: Record<string, string>;
  /** the printed frame (HTML and PDF) */
  print: { issue: (n: number) => string; released: (at: string, by: string) => string; draft: string; mapCaption: string; printedAt: (at: string) => string };
}

const ZH: SitrepWords = {
  headings: { basics: '一、基本情况', situation: '二、现场态势', forces: '三、警力部署', command: '四、指挥与指令', course: '五、处置经过', times: '六、响应时间', next: '七、下一步工作' },
  code: '警情编号：',
  category: '警情类别：',
  level: (level, byCommander) => `响应等级：${level} 级${byCommander ? '（指挥员确定）' : ''}`,
  place: '发生地点：',
  received: (time, channel) => `接警时间：${time}；报警渠道：${channel}`,
  lead: (lead, support) => `主办单位：${lead}；协办：${support}`,
  status: '当前状态：',
  casualties: (injured, dead) => `伤亡情况：受伤 ${injured} 人，死亡 ${dead} 人。`,
  lineBlocked: (since) => `线路自 ${since} 起中断行车。`,
  lineOpen: '线路未中断行车。',
  levelWhy: (reasons) => `定级依据：${reasons}。`,
  noUnits: '尚未派出警力。',
  command: (name, open, at) => `${name}（${open ? '运行中' : '已撤销'}），成立于 ${at}。`,
  commanders: (list) => `指挥长：${list}`,
  liaisons: (list) => `联络员：${list}`,
  objectives: (period, list) => `第 ${period} 行动期目标：${list}`,
  noCommand: '未成立联合指挥部。',
  task: (code, title, to, status, overdue, deadline) => `指令 ${code}「${title}」→ ${to}：${status}${overdue ? '（已超时）' : ''}，时限 ${deadline}`,
  intervals: ['接警至派警：', '派警至出警：', '出警至到场：', '到场至处置完毕：'],
  duration: (s) => (s === null ? '—' : `${Math.floor(s / 60)} 分 ${Math.round(s % 60)} 秒`),
  title: (code, category, n) => `${code} ${category} 情况报告（第 ${n} 期）`,
  fillIn: '（请填写）',
  section: (name) => `（${name}区间）`,
  train: (train) => `${train} 次列车`,
  list: '；',
  none: '—',
  statuses: { received: '已接警', dispatched: '已派警', en_route: '警力在途', on_scene: '警力到场', cleared: '处置完毕', closed: '已结案', transferred: '移交中', merged: '已合并', cancelled: '已撤销' },
  taskStatuses: { issued: '已下达', acknowledged: '已签收', in_progress: '执行中', completed: '已完成', cancelled: '已撤销' },
  unitStatuses: { available: '可用', dispatched: '已派出', en_route: '出警途中', on_scene: '在现场', busy: '忙碌', off_duty: '离岗' },
  channels: { hotline: '报警电话', '110_transfer': '110 转警', station_staff: '车站工作人员', train_crew: '列车乘务员', public: '群众报警', patrol: '巡逻发现', device: '设备报警' },
  actions: {
    received: '接警', dispatch: '派警', depart: '出警', arrive: '到场', clear: '处置完毕', close: '结案', cancel: '撤销', merged: '并入其他警情', merged_from: '合并警情',
    transfer: '移交', accept_transfer: '接收移交', decline_transfer: '拒绝移交', transfer_timeout: '移交超时', limit_breached: '超过时限', reprioritised: '调整等级', kept_apart: '确认非重复',
    note: '备注', withdraw_all: '全部撤回', unit_released: '警力收队', unit_cleared: '警力报告处置完毕', units_added: '增派警力', assignment_acknowledged: '警力签收', assignment_unacknowledged: '警力超时未签收',
    handover_requested: '请求前方站交接', situation_reported: '报告现场情况', level_changed: '响应等级变更', command_opened: '成立联合指挥部', plan_issued: '下达行动计划', command_closed: '撤销联合指挥部',
    sitrep_drafted: '生成情况报告', sitrep_released: '发布情况报告',
  },
  print: { issue: (n) => `第 ${n} 期`, released: (at, by) => `已发布 ${at} · ${by}`, draft: '草稿（未发布）', mapCaption: '事发地点及周边线路、警力位置（红色：高速铁路）', printedAt: (at) => `打印时间 ${at}` },
};

const EN: SitrepWords = {
  headings: { basics: '1. Basic facts', situation: '2. Situation on the ground', forces: '3. Forces engaged', command: '4. Command and task orders', course: '5. Course of events', times: '6. Response times', next: '7. Next steps' },
  code: 'Incident: ',
  category: 'Category: ',
  level: (level, byCommander) => `Response level: ${level}${byCommander ? ' (set by a commander)' : ''}`,
  place: 'Place: ',
  received: (time, channel) => `Received: ${time}; channel: ${channel}`,
  lead: (lead, support) => `Lead: ${lead}; support: ${support}`,
  status: 'Status: ',
  casualties: (injured, dead) => `Casualties: ${injured} injured, ${dead} dead.`,
  lineBlocked: (since) => `Traffic on the line stopped since ${since}.`,
  lineOpen: 'Traffic on the line not stopped.',
  levelWhy: (reasons) => `Level set because: ${reasons}.`,
  noUnits: 'No units sent yet.',
  command: (name, open, at) => `${name} (${open ? 'working' : 'stood down'}), opened ${at}.`,
  commanders: (list) => `Commanders: ${list}`,
  liaisons: (list) => `Liaisons: ${list}`,
  objectives: (period, list) => `Objectives of period ${period}: ${list}`,
  noCommand: 'No joint command opened.',
  task: (code, title, to, status, overdue, deadline) => `Task ${code} "${title}" → ${to}: ${status}${overdue ? ' (overdue)' : ''}, due ${deadline}`,
  intervals: ['Received to dispatched: ', 'Dispatched to en route: ', 'En route to on scene: ', 'On scene to cleared: '],
  duration: (s) => (s === null ? '—' : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`),
  title: (code, category, n) => `${code} ${category}: situation report no. ${n}`,
  fillIn: '(to be filled in)',
  section: (name) => `(section ${name})`,
  train: (train) => `train ${train}`,
  list: '; ',
  none: '—',
  statuses: { received: 'received', dispatched: 'dispatched', en_route: 'units en route', on_scene: 'units on scene', cleared: 'cleared', closed: 'closed', transferred: 'being transferred', merged: 'merged', cancelled: 'cancelled' },
  taskStatuses: { issued: 'issued', acknowledged: 'acknowledged', in_progress: 'in progress', completed: 'completed', cancelled: 'cancelled' },
  unitStatuses: { available: 'available', dispatched: 'dispatched', en_route: 'en route', on_scene: 'on scene', busy: 'busy', off_duty: 'off duty' },
  channels: { hotline: 'hotline', '110_transfer': '110 transfer', station_staff: 'station staff', train_crew: 'train crew', public: 'member of the public', patrol: 'patrol', device: 'device alarm' },
  actions: {
    received: 'received', dispatch: 'dispatched', depart: 'en route', arrive: 'on scene', clear: 'cleared', close: 'closed', cancel: 'cancelled', merged: 'merged into another', merged_from: 'merged in',
    transfer: 'transferred', accept_transfer: 'transfer accepted', decline_transfer: 'transfer declined', transfer_timeout: 'transfer timed out', limit_breached: 'time limit passed', reprioritised: 'priority changed', kept_apart: 'not a duplicate',
    note: 'note', withdraw_all: 'all units withdrawn', unit_released: 'unit stood down', unit_cleared: 'unit reported clear', units_added: 'units added', assignment_acknowledged: 'unit acknowledged', assignment_unacknowledged: 'unit did not acknowledge',
    handover_requested: 'handover requested', situation_reported: 'situation reported', level_changed: 'response level changed', command_opened: 'joint command opened', plan_issued: 'action plan issued', command_closed: 'joint command stood down',
    sitrep_drafted: 'situation report drafted', sitrep_released: 'situation report released',
  },
  print: { issue: (n) => `No. ${n}`, released: (at, by) => `released ${at} · ${by}`, draft: 'DRAFT (not released)', mapCaption: 'The place, the lines around it and the units (red: high-speed lines)', printedAt: (at) => `Printed ${at}` },
};

export function sitrepWords(lang: SitrepLang): SitrepWords {
  return lang === 'en' ? EN : ZH;
}
