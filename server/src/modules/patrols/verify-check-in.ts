import type { CheckInRefusal, PatrolMode } from '@railjoint/contracts';
import { distanceM } from '../network/geo.js';
import { checkToken, checkTyped, normaliseTag, type CodeCheck } from './checkpoint-code.js';

/**
 * The check-in verifier: a pure function of what the phone sent and what the platform knows, so
 * every rule is tested without a database. Every factor is judged and kept, not only the first
 * that failed: a refused check-in shows the supervisor all that was wrong with it, and an
 * accepted one what it rested on.
 */

export interface VerifyRules {
  /** the reported accuracy widens the radius by at most this: a phone claiming ±5 km proves nothing */
  maxAccuracyAllowanceM: number;
  /** fastest believable movement per patrol mode, km/h */
  maxSpeedKmh: Record<PatrolMode, number>;
  /** a check-in this long after its slot still counts, as late */
  lateGraceS: number;
  /** and this long before it, as on time */
  earlyS: number;
  /** outside any duty, a second check-in at the same checkpoint within this is the first one again */
  replayWindowS: number;
  /** how far the phone's clock may run ahead of the server's before its times are not believed */
  clockSkewS: number;
}

export const DEFAULT_VERIFY_RULES: VerifyRules = {
  maxAccuracyAllowanceM: 100,
  // a brisk run; an e-bike on a service road; a patrol car on the roads along the line
  maxSpeedKmh: { foot: 15, bicycle: 35, vehicle: 150 },
  lateGraceS: 15 * 60,
  earlyS: 10 * 60,
  replayWindowS: 10 * 60,
  clockSkewS: 120,
};

/** A position the phone reported, with its phone time (ms). */
export interface Fix {
  at: number;
  lon: number;
  lat: number;
  accuracyM: number;
}

export interface DutySlot {
  id: string;
  start: number;
  end: number;
  checkpointIds: readonly string[];
}

export interface CheckInCase {
  key: Buffer;
  checkpoint: { id: string; lon: number; lat: number; radiusM: number; codeVersion: number; nfcTagId: string | null; active: boolean };
  method: 'qr' | 'typed' | 'nfc';
  code: string;
  visit: Fix;
  /** when the server received it (ms) */
  receivedAt: number;
  patrol: { startedAt: number; finishedAt: number | null; mode: PatrolMode; dutyId: string | null };
  /** the team's duty slots that could hold this visit (its own duty's, or any of the day's) */
  duties: readonly DutySlot[];
  /** accepted check-ins of this patrol at this checkpoint */
  earlier: ReadonlyArray<{ at: number; dutyId: string | null }>;
  /** the patrol's last accepted check-in before this one, if any */
  previous: Fix | null;
  /** the track reported between that check-in (or the start) and this visit, oldest first */
  track: readonly Fix[];
  rules: VerifyRules;
}

type Detail = Record<string, string | number | boolean | null>;
export interface Factor {
  held: boolean;
  detail: Detail;
}

export interface Verdict {
  accepted: boolean;
  late: boolean;
  reason: CheckInRefusal | null;
  /** the duty slot the check-in counts for; null when it counts for none (an extra patrol) */
  dutyId: string | null;
  factors: { code: Factor; position: Factor; window: Factor; speed: Factor; clock: Factor };
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function judgeCode(c: CheckInCase): { factor: Factor; reason: CheckInRefusal | null } {
  const cp = c.checkpoint;
  let check: CodeCheck;
  if (c.method === 'nfc') check = cp.nfcTagId !== null && normaliseTag(c.code) === normaliseTag(cp.nfcTagId) ? { ok: true, version: cp.codeVersion } : { ok: false, why: 'forged' };
  else if (c.method === 'typed') check = checkTyped(c.key, c.code, cp.id, cp.codeVersion);
  else check = checkToken(c.key, c.code, cp.id, cp.codeVersion);
  const detail: Detail = { method: c.method, valid: check.ok };
  let reason: CheckInRefusal | null = null;
  if (!cp.active) reason = 'checkpoint_inactive';
  else if (!check.ok) {
    detail.why = check.why;
    if (check.why === 'other_checkpoint') detail.codeFor = check.checkpointId ?? null;
    reason = check.why === 'other_checkpoint' ? 'code_wrong_checkpoint' : check.why === 'revoked' ? 'code_revoked' : 'code_invalid';
  }
  return { factor: { held: reason === null, detail }, reason };
}

/** The slot the visit counts for, or why it fits none. */
function judgeWindow(c: CheckInCase): { factor: Factor; reason: CheckInRefusal | null; dutyId: string | null; late: boolean } {
  const at = c.visit.at;
  const fits = (d: DutySlot) => at >= d.start - c.rules.earlyS * 1000 && at <= d.end + c.rules.lateGraceS * 1000;
  const cpId = c.checkpoint.id;
  if (c.patrol.dutyId !== null) {
    const own = c.duties.find((d) => d.id === c.patrol.dutyId);
    if (!own || !own.checkpointIds.includes(cpId)) return { factor: { held: false, detail: { dutyId: c.patrol.dutyId, inPlan: false } }, reason: 'not_in_plan', dutyId: null, late: false };
    const late = at > own.end;
    const detail: Detail = { dutyId: own.id, slotStart: new Date(own.start).toISOString(), slotEnd: new Date(own.end).toISOString(), inPlan: true, lateByS: late ? Math.round((at - own.end) / 1000) : 0 };
    if (!fits(own)) return { factor: { held: false, detail: { ...detail, lateByS: null, offByS: Math.round((at < own.start ? own.start - at : at - own.end) / 1000) } }, reason: 'out_of_window', dutyId: own.id, late: false };
    return { factor: { held: true, detail }, reason: null, dutyId: own.id, late };
  }
  // an extra patrol: it counts for the earliest fitting slot not yet done by this patrol, else for none
  const done = new Set(c.earlier.map((e) => e.dutyId));
  const slot = [...c.duties].filter((d) => d.checkpointIds.includes(cpId) && fits(d) && !done.has(d.id)).sort((a, b) => a.start - b.start)[0];
  if (!slot) return { factor: { held: true, detail: { dutyId: null, inPlan: false } }, reason: null, dutyId: null, late: false };
  const late = at > slot.end;
  return { factor: { held: true, detail: { dutyId: slot.id, slotStart: new Date(slot.start).toISOString(), slotEnd: new Date(slot.end).toISOString(), inPlan: true, lateByS: late ? Math.round((at - slot.end) / 1000) : 0 } }, reason: null, dutyId: slot.id, late };
}

function judgeReplay(c: CheckInCase, dutyId: string | null): boolean {
  if (dutyId !== null) return c.earlier.some((e) => e.dutyId === dutyId);
  return c.earlier.some((e) => Math.abs(e.at - c.visit.at) <= c.rules.replayWindowS * 1000);
}

function judgeClock(c: CheckInCase): { factor: Factor; reason: CheckInRefusal | null } {
  const skew = c.rules.clockSkewS * 1000;
  const aheadS = Math.round((c.visit.at - c.receivedAt) / 1000);
  const detail: Detail = { aheadOfServerS: Math.max(0, aheadS), sinceStartS: Math.round((c.visit.at - c.patrol.startedAt) / 1000) };
  let reason: CheckInRefusal | null = null;
  if (c.visit.at > c.receivedAt + skew) reason = 'time_in_future';
  else if (c.visit.at < c.patrol.startedAt - skew) reason = 'before_start';
  else if (c.patrol.finishedAt !== null && c.visit.at > c.patrol.finishedAt + skew) reason = 'after_finish';
  return { factor: { held: reason === null, detail }, reason };
}

function judgePosition(c: CheckInCase): Factor {
  const d = distanceM([c.visit.lon, c.visit.lat], [c.checkpoint.lon, c.checkpoint.lat]);
  const allowed = c.checkpoint.radiusM + Math.min(c.visit.accuracyM, c.rules.maxAccuracyAllowanceM);
  return { held: d <= allowed, detail: { distanceM: round(d), allowedM: round(allowed), radiusM: c.checkpoint.radiusM, accuracyM: round(c.visit.accuracyM) } };
}

/**
 * The fastest hop between consecutive fixes (the last check-in, the track since, this visit),
 * each hop shortened by both fixes' accuracy: jitter of a standing phone is not movement.
 */
export function fastestHopKmh(fixes: readonly Fix[], allowanceM: number): number {
  let fastest = 0;
  for (let i = 1; i < fixes.length; i++) {
    const a = fixes[i - 1]!;
    const b = fixes[i]!;
    const metres = Math.max(0, distanceM([a.lon, a.lat], [b.lon, b.lat]) - Math.min(a.accuracyM, allowanceM) - Math.min(b.accuracyM, allowanceM));
    if (metres === 0) continue;
    const seconds = (b.at - a.at) / 1000;
    if (seconds <= 0) return Infinity;
    fastest = Math.max(fastest, (metres / seconds) * 3.6);
  }
  return fastest;
}

function judgeSpeed(c: CheckInCase): Factor {
  const since = c.previous?.at ?? -Infinity;
  const path = [...(c.previous ? [c.previous] : []), ...c.track.filter((p) => p.at > since && p.at < c.visit.at), c.visit];
  const fastest = fastestHopKmh(path, c.rules.maxAccuracyAllowanceM);
  const limit = c.rules.maxSpeedKmh[c.patrol.mode];
  return { held: fastest <= limit, detail: { fastestKmh: Number.isFinite(fastest) ? round(fastest) : null, limitKmh: limit, mode: c.patrol.mode, hops: Math.max(0, path.length - 1) } };
}

/** Judges one check-in: accepted (perhaps late), or refused with the first reason in a fixed order. */
export function verifyCheckIn(c: CheckInCase): Verdict {
  const code = judgeCode(c);
  const window = judgeWindow(c);
  const replayed = code.reason === null && judgeReplay(c, window.dutyId);
  if (replayed) {
    code.factor.held = false;
    code.factor.detail.replayed = true;
  }
  const clock = judgeClock(c);
  const position = judgePosition(c);
  const speed = judgeSpeed(c);
  const reasons: Array<CheckInRefusal | null> = [
    code.reason,
    replayed ? 'code_replayed' : null,
    window.reason === 'not_in_plan' ? 'not_in_plan' : null,
    clock.reason,
    position.held ? null : 'too_far',
    window.reason === 'out_of_window' ? 'out_of_window' : null,
    speed.held ? null : 'implausible_speed',
  ];
  const reason = reasons.find((r) => r !== null) ?? null;
  return {
    accepted: reason === null,
    late: reason === null && window.late,
    reason,
    dutyId: reason === null ? window.dutyId : null,
    factors: { code: code.factor, position, window: window.factor, speed, clock: clock.factor },
  };
}
