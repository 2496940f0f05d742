import type { AlarmRule, DeviceKind, PlaceKind } from '@railjoint/contracts';

/** What the rules look at in an alarm group. */
export interface GroupFacts {
  deviceKinds: readonly DeviceKind[];
  conditions: readonly string[];
  placeKind: PlaceKind | null;
  highSpeed: boolean;
  /** minutes after Beijing midnight of the group's latest activation */
  minuteOfDay: number;
  confirmed: boolean;
  extentM: number;
  /** the crew of a maintenance window covering it, if any */
  maintenanceCrew: string | null;
}

export interface Decision {
  action: 'incident' | 'verify' | 'none';
  ruleId: string | null;
  reason: string;
  category?: string;
  priority?: 'P1' | 'P2' | 'P3' | 'P4';
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Inside a daily span; from > to spans midnight (20:00–06:00). */
export function inTimeOfDay(minute: number, span: { from: string; to: string }): boolean {
  const a = minutes(span.from);
  const b = minutes(span.to);
  return a <= b ? minute >= a && minute < b : minute >= a || minute < b;
}

export function ruleMatches(rule: AlarmRule, f: GroupFacts): boolean {
  const w = rule.when;
  if (!rule.enabled) return false;
  if (w.deviceKinds && !f.deviceKinds.some((k) => w.deviceKinds!.includes(k))) return false;
  if (w.conditions && !f.conditions.some((c) => (w.conditions as readonly string[]).includes(c))) return false;
  if (w.placeKinds && (f.placeKind === null || !w.placeKinds.includes(f.placeKind))) return false;
  if (w.highSpeed !== undefined && w.highSpeed !== f.highSpeed) return false;
  if (w.timeOfDay && !inTimeOfDay(f.minuteOfDay, w.timeOfDay)) return false;
  if (w.confirmed !== undefined && w.confirmed !== f.confirmed) return false;
  if (w.minExtentM !== undefined && f.extentM < w.minExtentM) return false;
  return true;
}

/**
 * The first matching rule decides. Work in a maintenance window is authorised: it is never
 * escalated, whatever a rule says, and the decision says so.
 */
export function decide(rules: readonly AlarmRule[], f: GroupFacts): Decision {
  if (f.maintenanceCrew !== null) return { action: 'none', ruleId: null, reason: `天窗内作业（${f.maintenanceCrew}）：标注为授权作业，不升级` };
  for (const rule of rules) {
    if (!ruleMatches(rule, f)) continue;
    const t = rule.then;
    return t.action === 'incident' ? { action: 'incident', ruleId: rule.id, reason: rule.reason, category: t.category, priority: t.priority } : { action: t.action, ruleId: rule.id, reason: rule.reason };
  }
  return { action: 'verify', ruleId: null, reason: '无规则匹配：由值班员核实' };
}

/** Rank of actions: a group's decision only ever rises (verify → incident), never falls back. */
export function stronger(a: Decision['action'], b: Decision['action']): boolean {
  const rank = { none: 0, verify: 1, incident: 2 } as const;
  return rank[a] > rank[b];
}

/** Minutes after midnight in Beijing (UTC+8, no daylight saving) of an instant. */
export function beijingMinuteOfDay(ms: number): number {
  return Math.floor(((ms + 8 * 3600_000) % 86_400_000) / 60_000);
}
