import type { AgencyType, AreaClass, PlaceKind, Reason } from '@railjoint/contracts';

export type Lang = 'zh-CN' | 'en';
export type ReasonParams = Record<string, string | number>;

const AREA: Record<Lang, Record<AreaClass, string>> = {
  'zh-CN': { urban: '城市市区', suburban: '城市郊区居民居住区', village: '乡村居民区', other: '其他地区' },
  en: { urban: 'urban area', suburban: 'suburban residential area', village: 'town or village residential area', other: 'other area' },
};

const PLACE: Record<Lang, Record<PlaceKind, string>> = {
  'zh-CN': { station: '车站内', train: '列车上', line_enclosure: '线路封闭区域内', protection_zone: '线路安全保护区内', outside: '线路安全保护区外' },
  en: { station: 'in a station', train: 'on a train', line_enclosure: 'inside the line enclosure', protection_zone: 'in the line safety protection zone', outside: 'outside the protection zone' },
};

const TYPE: Record<Lang, Record<AgencyType, string>> = {
  'zh-CN': {
    railway_police_bureau: '铁路公安局',
    railway_police_department: '铁路公安处',
    railway_police_station: '铁路公安派出所',
    train_police_team: '乘警队',
    county_police_bureau: '县（区）公安局',
    township: '乡镇（街道）',
    railway_station: '车站',
    track_maintenance_section: '工务段',
    power_supply_section: '供电段',
    security_company: '保安公司',
    volunteer_team: '护路联防队',
    coordination_centre: '一体化协调中心',
  },
  en: {
    railway_police_bureau: 'railway police bureau',
    railway_police_department: 'railway police department',
    railway_police_station: 'railway police station',
    train_police_team: 'train police team',
    county_police_bureau: 'county police bureau',
    township: 'township',
    railway_station: 'railway station',
    track_maintenance_section: 'track maintenance section',
    power_supply_section: 'power supply section',
    security_company: 'security company',
    volunteer_team: 'volunteer team',
    coordination_centre: 'coordination centre',
  },
};

type Template = (p: ReasonParams, lang: Lang) => string;
const s = (p: ReasonParams, k: string): string => String(p[k] ?? '');
const area = (p: ReasonParams, lang: Lang): string => AREA[lang][s(p, 'areaClass') as AreaClass] ?? s(p, 'areaClass');
const place = (p: ReasonParams, lang: Lang): string => PLACE[lang][s(p, 'place') as PlaceKind] ?? s(p, 'place');
const type = (p: ReasonParams, lang: Lang): string => typeLabel(s(p, 'type') as AgencyType, lang);
const speedZh = (p: ReasonParams): string => (p.highSpeed ? '高速铁路' : '普速铁路');
const speedEn = (p: ReasonParams): string => (p.highSpeed ? 'high-speed line' : 'conventional line');
const minutes = (p: ReasonParams): number => Math.round(Number(p.timeLimitS ?? 0) / 60);

const ZH: Record<string, Template> = {
  located_line: (p) => `该点位于${s(p, 'line')} ${s(p, 'mileage')}，距线路中心 ${s(p, 'offsetM')} m`,
  no_line: (p) => `该点 ${s(p, 'reachM')} m 范围内没有铁路线路`,
  line_range: (p) => `${s(p, 'mileage')} 位于${s(p, 'agency')}管辖里程 ${s(p, 'from')}—${s(p, 'to')} 内`,
  station_agency: (p) => `${s(p, 'station')}由${s(p, 'agency')}管辖`,
  station_precinct: (p) => `该点位于${s(p, 'station')}的站区范围内（沿线距车站 ${s(p, 'alongM')} m，站区范围 ${s(p, 'precinctM')} m）`,
  area: (p) => `该点位于${s(p, 'agency')}辖区内`,
  train: (p) => `${s(p, 'train')} 次列车由${s(p, 'agency')}值乘`,
  line_enclosure: (p) => `该点距线路中心 ${s(p, 'offsetM')} m，在路基（桥梁）外缘 ${s(p, 'halfWidthM')} m 以内，属铁路用地`,
  zone_inside: (p, l) => `该点距线路中心 ${s(p, 'offsetM')} m，位于铁路线路安全保护区内（${area(p, l)}，${speedZh(p)} ${s(p, 'widthM')} m，《铁路安全管理条例》第二十七条）`,
  zone_outside: (p, l) => `该点距线路中心 ${s(p, 'offsetM')} m，位于铁路线路安全保护区外（${area(p, l)}，${speedZh(p)} ${s(p, 'widthM')} m，《铁路安全管理条例》第二十七条）`,
  rule: (p, l) => `按责任矩阵，“${s(p, 'category')}”发生在${place(p, l)}时由${type(p, l)}主办，处置时限 ${minutes(p)} 分钟`,
  rule_default: (p, l) => `责任矩阵未配置“${s(p, 'category')}”${place(p, l)}的规则，按系统默认由${type(p, l)}主办`,
  hierarchy: (p, l) => `${s(p, 'agency')}是${s(p, 'child')}的上级${type(p, l)}`,
  fallback_parent: (p, l) => `没有${type(p, l)}的管辖范围包含该地点，由${s(p, 'child')}的上级单位${s(p, 'agency')}负责`,
  fallback_nearest: (p, l) =>
    `${s(p, 'mileage')} 不在任何${type(p, l)}的管辖里程内（最近为${s(p, 'child')} ${s(p, 'from')}—${s(p, 'to')}，相距 ${s(p, 'distanceM')} m），由其上级单位${s(p, 'agency')}负责`,
  fallback_centre: (p, l) => `没有${type(p, l)}的管辖范围包含该地点，由${s(p, 'agency')}统一协调`,
  no_agency: (p, l) => `没有${type(p, l)}的管辖范围包含该地点，也没有可接手的上级单位或协调中心`,
};

const EN: Record<string, Template> = {
  located_line: (p) => `The point is at ${s(p, 'mileage')} on ${s(p, 'line')}, ${s(p, 'offsetM')} m from the centre line`,
  no_line: (p) => `No railway line within ${s(p, 'reachM')} m of the point`,
  line_range: (p) => `${s(p, 'mileage')} lies within the range ${s(p, 'from')}–${s(p, 'to')} of ${s(p, 'agency')}`,
  station_agency: (p) => `${s(p, 'station')} is under ${s(p, 'agency')}`,
  station_precinct: (p) => `The point is within the precinct of ${s(p, 'station')} (${s(p, 'alongM')} m along the line; precinct ${s(p, 'precinctM')} m)`,
  area: (p) => `The point lies within the area of ${s(p, 'agency')}`,
  train: (p) => `Train ${s(p, 'train')} is policed by ${s(p, 'agency')}`,
  line_enclosure: (p) => `The point is ${s(p, 'offsetM')} m from the centre line, within the ${s(p, 'halfWidthM')} m formation: railway ground`,
  zone_inside: (p, l) => `The point is ${s(p, 'offsetM')} m from the centre line, inside the line safety protection zone (${area(p, l)}, ${speedEn(p)} ${s(p, 'widthM')} m, Railway Safety Management Regulations art. 27)`,
  zone_outside: (p, l) => `The point is ${s(p, 'offsetM')} m from the centre line, outside the line safety protection zone (${area(p, l)}, ${speedEn(p)} ${s(p, 'widthM')} m, Railway Safety Management Regulations art. 27)`,
  rule: (p, l) => `By the responsibility matrix, "${s(p, 'category')}" ${place(p, l)} is led by the ${type(p, l)}, time limit ${minutes(p)} min`,
  rule_default: (p, l) => `The matrix has no rule for "${s(p, 'category')}" ${place(p, l)}; by the built-in default the ${type(p, l)} leads`,
  hierarchy: (p, l) => `${s(p, 'agency')} is the ${type(p, l)} above ${s(p, 'child')}`,
  fallback_parent: (p, l) => `No ${type(p, l)} has jurisdiction here; ${s(p, 'agency')}, above ${s(p, 'child')}, takes it`,
  fallback_nearest: (p, l) =>
    `${s(p, 'mileage')} is in no ${type(p, l)}'s range (nearest: ${s(p, 'child')} ${s(p, 'from')}–${s(p, 'to')}, ${s(p, 'distanceM')} m away); its parent ${s(p, 'agency')} takes it`,
  fallback_centre: (p, l) => `No ${type(p, l)} has jurisdiction here; ${s(p, 'agency')} coordinates`,
  no_agency: (p, l) => `No ${type(p, l)} has jurisdiction here and there is no parent agency or coordination centre to take it`,
};

const CATALOGUE: Record<Lang, Record<string, Template>> = { 'zh-CN': ZH, en: EN };

export const REASON_CODES = Object.keys(ZH);

export function typeLabel(t: AgencyType, lang: Lang): string {
  return TYPE[lang][t] ?? t;
}

/**
 * A stored reason worded again in `lang` (null for codes that are not responsibility reasons):
 * the category by its name in that language when the reason kept both.
 */
export function rewordReason(code: string, params: ReasonParams, lang: Lang): string | null {
  const tpl = CATALOGUE[lang][code];
  if (!tpl) return null;
  const named = lang === 'en' ? params.categoryEn : params.categoryZh;
  return tpl(named !== undefined ? { ...params, category: named } : params, lang);
}

export function reason(code: string, params: ReasonParams, lang: Lang): Reason {
  const tpl = CATALOGUE[lang][code];
  return { code, params, text: tpl ? tpl(params, lang) : code };
}
