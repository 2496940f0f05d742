import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'search.label': '搜索车站或里程',
  'search.placeholder': '车站/电报码，或 湘桂线 K123+456',
  'search.line': '线路',
  'search.anyLine': '全部线路',
  'search.results': '搜索结果',
  'search.none': '无匹配结果',
  'search.searching': '正在查找…',
  'search.needLine': '请先选择线路，或输入“线路名 K123+456”。',
  'search.badMileage': '里程格式应为 K123+456 或 DK14+325.200。',
  'search.unknownLineName': '没有名为“{name}”的线路。',
  'search.kind.station': '车站',
  'search.kind.line': '线路',
  'search.kind.mileage': '里程',
  'search.candidate': '第 {n}/{count} 处',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'search.label': 'Search a station or mileage',
  'search.placeholder': 'Station, telecode, or line K123+456',
  'search.line': 'Line',
  'search.anyLine': 'All lines',
  'search.results': 'Search results',
  'search.none': 'No matches',
  'search.searching': 'Searching…',
  'search.needLine': 'Choose a line first, or type "line name K123+456".',
  'search.badMileage': 'A mileage looks like K123+456 or DK14+325.200.',
  'search.unknownLineName': 'No line is called "{name}".',
  'search.kind.station': 'Station',
  'search.kind.line': 'Line',
  'search.kind.mileage': 'Mileage',
  'search.candidate': 'place {n} of {count}',
};
