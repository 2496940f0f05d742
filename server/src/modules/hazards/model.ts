import type { HazardSeverity, HazardStatus } from '@railjoint/contracts';

/**
 * The hazard lifecycle as data: reported → assigned → rectifying → rectified → verified → closed
 * (销号), or rejected with a reason before work starts. A failed verification sends it back to
 * rectifying. Who may take each step is decided by the service; here only whether the step exists.
 */
export type HazardAction = 'assign' | 'start' | 'rectify' | 'verify' | 'fail_verification' | 'close' | 'reject';

export const TRANSITIONS: Record<HazardAction, { from: readonly HazardStatus[]; to: HazardStatus }> = {
  assign: { from: ['reported'], to: 'assigned' },
  start: { from: ['assigned'], to: 'rectifying' },
  rectify: { from: ['rectifying'], to: 'rectified' },
  verify: { from: ['rectified'], to: 'verified' },
  fail_verification: { from: ['rectified'], to: 'rectifying' },
  close: { from: ['verified'], to: 'closed' },
  reject: { from: ['reported', 'assigned'], to: 'rejected' },
};

export type StepVerdict = { ok: true; to: HazardStatus } | { ok: false; code: 'hazard_transition' | 'not_verified' | 'after_photos_required' };

/**
 * Whether a step may be taken from a status. Closing anything not verified is refused with its own
 * code (a hazard is never struck off the ledger unverified); rectified needs photos taken after.
 */
export function step(status: HazardStatus, action: HazardAction, afterPhotos = 0): StepVerdict {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) return { ok: false, code: action === 'close' && status !== 'closed' && status !== 'rejected' ? 'not_verified' : 'hazard_transition' };
  if (action === 'rectify' && afterPhotos < 1) return { ok: false, code: 'after_photos_required' };
  return { ok: true, to: t.to };
}

export const FINISHED: readonly HazardStatus[] = ['closed', 'rejected'];
/** Statuses in which the owners still owe the rectification: the deadline applies to these. */
export const OWED: readonly HazardStatus[] = ['reported', 'assigned', 'rectifying'];

export type DeadlineDays = Record<HazardSeverity, number>;
export const DEFAULT_DEADLINE_DAYS: DeadlineDays = { critical: 3, major: 15, minor: 30 };

/** The rectification deadline: the report's time plus the days its severity allows. */
export function deadlineFor(reportedAtMs: number, severity: HazardSeverity, days: DeadlineDays = DEFAULT_DEADLINE_DAYS): string {
  return new Date(reportedAtMs + days[severity] * 86_400_000).toISOString();
}

/** Overdue: the rectification is still owed after the deadline. */
export function isOverdue(status: HazardStatus, deadline: string, nowIso: string): boolean {
  return OWED.includes(status) && deadline < nowIso;
}

/**
 * `critical=3,major=15,minor=30` (RAILJOINT_HAZARD_DEADLINE_DAYS), each severity at least one day;
 * severities not named keep their defaults. Throws on anything else.
 */
export function parseDeadlineDays(text: string | undefined): DeadlineDays {
  const out = { ...DEFAULT_DEADLINE_DAYS };
  if (!text?.trim()) return out;
  for (const part of text.split(',')) {
    const m = /^\s*(critical|major|minor)\s*=\s*(\d{1,4})\s*$/.exec(part);
    if (!m || Number(m[2]) < 1) throw new Error(`RAILJOINT_HAZARD_DEADLINE_DAYS: "${part.trim()}" is not severity=days (critical, major or minor; at least 1 day)`);
    out[m[1] as HazardSeverity] = Number(m[2]);
  }
  return out;
}

/** Two measure ranges overlap when they share more than an end point. */
export function overlaps(a: { fromM: number; toM: number }, b: { fromM: number; toM: number }): boolean {
  return a.fromM < b.toM && b.fromM < a.toM;
}
