import type { PlaceKind } from '@railjoint/contracts';

export type PriorityLevel = 'P1' | 'P2' | 'P3' | 'P4';

export interface PriorityReason {
  code: 'base' | 'high_speed_line' | 'train_approaching' | 'injuries' | 'crowd' | 'capped' | 'override';
  zh: string;
  en: string;
}

export interface PriorityInput {
  basePriority: PriorityLevel;
  /** the located line is high-speed */
  highSpeed: boolean;
  /** the next train to pass the place and in how many seconds; null when no timetable says */
  approachingTrain?: { train: string; inS: number } | null;
  injuries?: boolean;
  crowd?: boolean;
  placeKind: PlaceKind;
}

/** Ten minutes: the time to clear the line or stop a train by the dispatcher's phone. */
export const TRAIN_APPROACH_WINDOW_S = 600;

const LEVELS: readonly PriorityLevel[] = ['P1', 'P2', 'P3', 'P4'];

/**
 * Each aggravating fact raises the priority one level towards P1; they add up (a crowd with
 * injuries on a high-speed line is two or three levels up) but never beyond P1. The reasons are
 * kept so the call-taker sees why the number is what it is.
 */
export function computePriority(input: PriorityInput): { priority: PriorityLevel; reasons: PriorityReason[] } {
  let level = LEVELS.indexOf(input.basePriority);
  const reasons: PriorityReason[] = [
    { code: 'base', zh: `警情类别基础等级 ${input.basePriority}`, en: `category base priority ${input.basePriority}` },
  ];
  let raises = 0;
  const onTrack = input.placeKind === 'line_enclosure' || input.placeKind === 'protection_zone';
  if (input.highSpeed && onTrack) {
    raises++;
    reasons.push({ code: 'high_speed_line', zh: '高速铁路线路封闭区域或安全保护区内', en: 'inside the enclosure or protection zone of a high-speed line' });
  }
  const t = input.approachingTrain;
  if (t && t.inS >= 0 && t.inS <= TRAIN_APPROACH_WINDOW_S) {
    raises++;
    const min = Math.max(1, Math.ceil(t.inS / 60));
    reasons.push({ code: 'train_approaching', zh: `${t.train} 次列车约 ${min} 分钟内到达`, en: `train ${t.train} arrives within about ${min} min` });
  }
  if (input.injuries) {
    raises++;
    reasons.push({ code: 'injuries', zh: '有人员受伤', en: 'people are injured' });
  }
  if (input.crowd) {
    raises++;
    reasons.push({ code: 'crowd', zh: '人员聚集', en: 'a crowd has gathered' });
  }
  const raised = level - raises;
  if (raised < 0 && raises > 0) reasons.push({ code: 'capped', zh: '已达最高等级 P1', en: 'already at the highest priority P1' });
  level = Math.max(0, raised);
  return { priority: LEVELS[level]!, reasons };
}

/** A dispatcher's decision against the rules, as a reason of its own. */
/** The person is named as people know them (their display name), never by their sign-in name. */
export function overrideReason(by: { displayName: string }, priority: PriorityLevel, why: string): PriorityReason {
  return { code: 'override', zh: `${by.displayName} 改为 ${priority}：${why.trim()}`, en: `${by.displayName} set ${priority}: ${why.trim()}` };
}

export type OverrideCheck = { ok: true; priority: PriorityLevel; overridden: boolean } | { ok: false; code: 'reason_required'; message: { zh: string; en: string } };

/**
 * A dispatcher may set another priority than the computed one, but must say why: the audit trail
 * has to show who decided against the rules and on what grounds. A reason under 4 characters
 * ("ok", "-") is not a reason.
 */
export function validatePriorityOverride(computed: PriorityLevel, requested: PriorityLevel | undefined | null, reason: string | undefined | null): OverrideCheck {
  if (!requested || requested === computed) return { ok: true, priority: computed, overridden: false };
  if (!reason || reason.trim().length < 4) {
    return {
      ok: false,
      code: 'reason_required',
      message: { zh: `将等级由 ${computed} 改为 ${requested} 须填写理由`, en: `changing the priority from ${computed} to ${requested} needs a reason` },
    };
  }
  return { ok: true, priority: requested, overridden: true };
}
