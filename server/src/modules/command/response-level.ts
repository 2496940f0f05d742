/** 响应等级: I is the most severe. */
export type ResponseLevel = 'I' | 'II' | 'III' | 'IV';
export const LEVELS: readonly ResponseLevel[] = ['I', 'II', 'III', 'IV'];

export interface LevelFacts {
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  highSpeed: boolean;
  injured: number;
  dead: number;
  /** the line is closed to traffic at the place */
  lineBlocked: boolean;
  /** minutes the line has been blocked, when it is */
  blockedMinutes: number;
  /** agencies with a part in it (lead, support, informed) */
  agencies: number;
  /** minutes since it was received while still open */
  openMinutes: number;
}

export interface LevelReason {
  code: string;
  level: ResponseLevel;
  zh: string;
  en: string;
}

function rank(l: ResponseLevel): number {
  return LEVELS.indexOf(l);
}

/** The more severe of two levels. */
export function severer(a: ResponseLevel, b: ResponseLevel): ResponseLevel {
  return rank(a) <= rank(b) ? a : b;
}

export function isSeverer(a: ResponseLevel, than: ResponseLevel): boolean {
  return rank(a) < rank(than);
}

/**
 * The level the facts call for, after the department's emergency plan (应急预案) thresholds, with
 * every rule that fired. Casualties weigh most; a blocked high-speed line next; then how many
 * agencies must work together and how long it has gone on.
 */
export function levelFor(f: LevelFacts): { level: ResponseLevel; reasons: LevelReason[] } {
  const reasons: LevelReason[] = [];
  const hit = (code: string, level: ResponseLevel, zh: string, en: string) => reasons.push({ code, level, zh, en });
  if (f.priority === 'P1') hit('priority', 'III', '警情等级 P1', 'priority P1');
  if (f.injured >= 1 || f.dead >= 1) hit('casualties', 'III', `有人员伤亡（伤 ${f.injured}，亡 ${f.dead}）`, `casualties (${f.injured} injured, ${f.dead} dead)`);
  if (f.dead >= 1 || f.injured >= 3) hit('casualties_serious', 'II', '死亡 1 人以上或受伤 3 人以上', 'one or more dead or three or more injured');
  if (f.dead >= 3 || f.injured >= 10) hit('casualties_major', 'I', '死亡 3 人以上或受伤 10 人以上', 'three or more dead or ten or more injured');
  if (f.lineBlocked) hit('line_blocked', 'III', '线路中断行车', 'the line is closed to traffic');
  if (f.lineBlocked && f.highSpeed) hit('hsr_blocked', 'II', '高速铁路中断行车', 'a high-speed line is closed to traffic');
  if (f.lineBlocked && f.highSpeed && f.blockedMinutes >= 120) hit('hsr_blocked_long', 'I', '高速铁路中断行车 2 小时以上', 'a high-speed line closed for two hours or more');
  if (f.lineBlocked && !f.highSpeed && f.blockedMinutes >= 240) hit('line_blocked_long', 'II', '普速线路中断行车 4 小时以上', 'a conventional line closed for four hours or more');
  if (f.agencies >= 4) hit('agencies', 'III', `${f.agencies} 个单位共同处置`, `${f.agencies} agencies involved`);
  if (f.agencies >= 6) hit('agencies_many', 'II', `${f.agencies} 个单位共同处置`, `${f.agencies} agencies involved`);
  if (f.openMinutes >= 180) hit('duration', 'III', '处置超过 3 小时', 'open for more than three hours');
  const level = reasons.reduce<ResponseLevel>((l, r) => severer(l, r.level), 'IV');
  return { level, reasons };
}

/**
 * Who must be told at each level (by agency type), on top of those already involved: the
 * department's centre from III, the railway operator's units and county bureaus from II, and
 * from I the whole department's police stations along the line as well.
 */
export const NOTIFY_AT: Record<ResponseLevel, readonly string[]> = {
  IV: [],
  III: ['coordination_centre'],
  II: ['coordination_centre', 'county_police_bureau', 'railway_station', 'track_maintenance_section', 'power_supply_section'],
  I: ['coordination_centre', 'county_police_bureau', 'railway_station', 'track_maintenance_section', 'power_supply_section', 'railway_police_station'],
};
