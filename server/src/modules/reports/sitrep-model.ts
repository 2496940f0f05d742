import type { CommandView, IncidentDetail, LevelState } from '@railjoint/contracts';

export interface SitrepInput {
  incident: IncidentDetail;
  level: LevelState;
  command: CommandView | null;
  units: Array<{ id: string; name: string; agency: string; status: string }>;
  number: number;
  /** Beijing-time formatter for the report's times */
  time(iso: string): string;
  now: string;
}

export interface SitrepDraft {
  title: string;
  sections: Array<{ key: string; heading: string; body: string }>;
  /** one line per task order, kept apart from the free text: each reader sees only those they may read */
  tasks: SitrepTaskLine[];
}

export interface SitrepTaskLine {
  id: string;
  code: string;
  text: string;
}

/** The sections as printed: the reader's task orders follow the command section's text. */
export function printedSections(r: { sections: SitrepDraft['sections']; tasks: SitrepTaskLine[] }): SitrepDraft['sections'] {
  if (!r.tasks.length) return r.sections;
  return r.sections.map((s) => (s.key === 'command' ? { ...s, body: [s.body, ...r.tasks.map((t) => t.text)].filter(Boolean).join('\n') } : s));
}

const STATUS_ZH: Record<string, string> = {
  received: '已接警',
  dispatched: '已派警',
  en_route: '警力在途',
  on_scene: '警力到场',
  cleared: '处置完毕',
  closed: '已结案',
  transferred: '移交中',
  merged: '已合并',
  cancelled: '已撤销',
};

const TASK_ZH: Record<string, string> = { issued: '已下达', acknowledged: '已签收', in_progress: '执行中', completed: '已完成', cancelled: '已撤销' };

function mmss(s: number | null): string {
  if (s === null) return '—';
  const m = Math.floor(s / 60);
  return `${m} 分 ${Math.round(s % 60)} 秒`;
}

/**
 * A situation report (情况报告) drafted from the incident's own data, in the order a duty officer
 * writes one: basic facts, the situation now, the forces engaged, the command and its tasks, the
 * course of events, what comes next. The draft is text a person edits before release.
 */
export function draftSitrep(x: SitrepInput): SitrepDraft {
  const i = x.incident;
  const place = [i.location.lineName && i.location.mileage ? `${i.location.lineName} ${i.location.mileage}` : null, i.location.sectionName ? `（${i.location.sectionName}区间）` : null, i.location.stationName, i.location.train ? `${i.location.train} 次列车` : null]
    .filter(Boolean)
    .join(' ');
  const f = x.level.facts;
  const basics = [
    `警情编号：${i.code}`,
    `警情类别：${i.categoryName}（${i.priority}）`,
    `响应等级：${x.level.level} 级${x.level.setBy === 'commander' ? '（指挥员确定）' : ''}`,
    `发生地点：${place || '—'}`,
    `接警时间：${x.time(i.receivedAt)}；报警渠道：${i.channel}`,
    `主办单位：${i.lead?.name ?? '—'}；协办：${i.support.map((a) => a.name).join('、') || '—'}`,
    `当前状态：${STATUS_ZH[i.status] ?? i.status}`,
  ].join('\n');
  const situation = [
    i.description,
    `伤亡情况：受伤 ${f.injured} 人，死亡 ${f.dead} 人。`,
    f.lineBlocked ? `线路自 ${f.lineBlockedAt ? x.time(f.lineBlockedAt) : '—'} 起中断行车。` : '线路未中断行车。',
    x.level.reasons.length ? `定级依据：${x.level.reasons.map((r) => r.zh).join('；')}。` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const forces = x.units.length ? x.units.map((u) => `${u.agency} ${u.name}（${u.status}）`).join('\n') : '尚未派出警力。';
  const command = x.command
    ? [
        `${x.command.name}（${x.command.status === 'open' ? '运行中' : '已撤销'}），成立于 ${x.time(x.command.openedAt)}。`,
        `指挥长：${x.command.members.filter((m) => m.role === 'commander').map((m) => `${m.agencyName} ${m.person}`).join('；')}`,
        `联络员：${x.command.members.filter((m) => m.role === 'liaison').map((m) => `${m.agencyName} ${m.person}`).join('；') || '—'}`,
        x.command.currentPlan ? `第 ${x.command.currentPlan.period} 行动期目标：${x.command.currentPlan.objectives.join('；')}` : '',
      ]
        .filter(Boolean)
        .join('\n')
    : '未成立联合指挥部。';
  const tasks = (x.command?.tasks ?? []).map((t) => ({ id: t.id, code: t.code, text: `指令 ${t.code}「${t.title}」→ ${t.toAgencyName}：${TASK_ZH[t.status] ?? t.status}${t.overdue ? '（已超时）' : ''}，时限 ${x.time(t.deadline)}` }));
  // the course of events leaves out the task entries: the tasks have their own list, read by reader
  const course = i.timeline.filter((e) => !e.action.startsWith('task_')).map((e) => `${x.time(e.at)} ${e.actor.username}：${e.action}${e.toStatus ? ` → ${STATUS_ZH[e.toStatus] ?? e.toStatus}` : ''}`).join('\n');
  const times = [
    `接警至派警：${mmss(i.intervals.receivedToDispatchedS)}`,
    `派警至出警：${mmss(i.intervals.dispatchedToEnRouteS)}`,
    `出警至到场：${mmss(i.intervals.enRouteToOnSceneS)}`,
    `到场至处置完毕：${mmss(i.intervals.onSceneToClearedS)}`,
  ].join('\n');
  return {
    title: `${i.code} ${i.categoryName} 情况报告（第 ${x.number} 期）`,
    sections: [
      { key: 'basics', heading: '一、基本情况', body: basics },
      { key: 'situation', heading: '二、现场态势', body: situation },
      { key: 'forces', heading: '三、警力部署', body: forces },
      { key: 'command', heading: '四、指挥与指令', body: command },
      { key: 'course', heading: '五、处置经过', body: course },
      { key: 'times', heading: '六、响应时间', body: times },
      { key: 'next', heading: '七、下一步工作', body: x.command?.currentPlan ? x.command.currentPlan.objectives.join('；') : '（请填写）' },
    ],
    tasks,
  };
}
