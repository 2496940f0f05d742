import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'sitrep.heading': '情况报告',
  'sitrep.draft': '生成情况报告',
  'sitrep.number': '第 {n} 期',
  'sitrep.released': '已发布',
  'sitrep.draftLabel': '草稿',
  'sitrep.scheduled': '定时生成',
  'sitrep.title': '标题',
  'sitrep.save': '保存草稿',
  'sitrep.release': '发布',
  'sitrep.pdf': '导出 PDF',
  'sitrep.html': '打印版（HTML）',
  'sitrep.every': '定时生成',
  'sitrep.off': '不定时',
  'sitrep.everyN': '每 {n} 分钟',
  'sitrep.nextAt': '下一期 {time}',
  'sitrep.tasks': '指令',
  'timeline.sitrep_drafted': '生成情况报告',
  'timeline.sitrep_released': '发布情况报告',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'sitrep.heading': 'Situation reports',
  'sitrep.draft': 'Draft a situation report',
  'sitrep.number': 'No. {n}',
  'sitrep.released': 'released',
  'sitrep.draftLabel': 'draft',
  'sitrep.scheduled': 'scheduled',
  'sitrep.title': 'Title',
  'sitrep.save': 'Save draft',
  'sitrep.release': 'Release',
  'sitrep.pdf': 'Export PDF',
  'sitrep.html': 'Printable (HTML)',
  'sitrep.every': 'Draft automatically',
  'sitrep.off': 'off',
  'sitrep.everyN': 'every {n} min',
  'sitrep.nextAt': 'next at {time}',
  'sitrep.tasks': 'Task orders',
  'timeline.sitrep_drafted': 'Situation report drafted',
  'timeline.sitrep_released': 'Situation report released',
};
