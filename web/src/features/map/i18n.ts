import type { Texts } from '../../app/i18n/texts';

/** zh-CN is the reference; English must give the same keys (checked by the type). */
export const zhCN = {
  'map.label': '线路地图',
  'map.loading': '正在加载线路…',
  'map.networkFailed': '线路加载失败：{message}',
  'map.areasFailed': '辖区边界加载失败：{message}',
  'map.hint': '点击地图任意位置，查询里程、辖区与责任分工',
  'map.pick': '查询点',
  'legend.title': '图例',
  'legend.highSpeed': '高速铁路',
  'legend.conventional': '普速铁路',
  'legend.station': '车站',
  'legend.site': '重点部位',
  'legend.county': '县（区）公安局辖区',
  'legend.township': '乡镇（街道）',
} as const satisfies Record<string, string>;

export const en: Texts<typeof zhCN> = {
  'map.label': 'Line map',
  'map.loading': 'Loading lines…',
  'map.networkFailed': 'Could not load the lines: {message}',
  'map.areasFailed': 'Could not load the jurisdiction areas: {message}',
  'map.hint': 'Click anywhere on the map for mileage, jurisdiction and responsibility',
  'map.pick': 'Selected point',
  'legend.title': 'Legend',
  'legend.highSpeed': 'High-speed line',
  'legend.conventional': 'Conventional line',
  'legend.station': 'Station',
  'legend.site': 'Key site',
  'legend.county': 'County police bureau area',
  'legend.township': 'Township / street',
};
