import type { AlarmAnnotation, DeviceKind } from '@railjoint/contracts';

/**
 * Context from data the platform already has. A train shakes a fibre or fence sensor as it passes:
 * the timetable says which train was at that mileage at that minute, and the alarm is explained
 * and suppressed. A maintenance window (天窗) means a crew is legitimately on the line: alarms in
 * its stretch and hours are annotated as authorised work and never escalated, but still shown.
 */
export const TRAIN_TOLERANCE_MS = 90_000;

/** Conditions a passing train produces on sensors that feel vibration. */
export const VIBRATION_CONDITIONS: readonly string[] = ['intrusion', 'vibration', 'climb'];
export const VIBRATION_KINDS: readonly DeviceKind[] = ['fibre_sensor', 'fence_sensor'];

export function vibrationAlarm(kind: DeviceKind, condition: string): boolean {
  return VIBRATION_KINDS.includes(kind) && VIBRATION_CONDITIONS.includes(condition);
}

/** The train that explains the alarm: one at the place within the tolerance, the nearest in time. */
export function trainExplaining(kind: DeviceKind, condition: string, atMs: number, trains: ReadonlyArray<{ train: string; atMs: number }>, toleranceMs = TRAIN_TOLERANCE_MS): { train: string; atMs: number } | null {
  if (!vibrationAlarm(kind, condition)) return null;
  let best: { train: string; atMs: number } | null = null;
  for (const t of trains) {
    const d = Math.abs(t.atMs - atMs);
    if (d <= toleranceMs && (!best || d < Math.abs(best.atMs - atMs))) best = t;
  }
  return best;
}

export interface WindowView {
  id: string;
  lineId: string;
  fromM: number;
  toM: number;
  startMs: number;
  endMs: number;
  crew: string;
  cancelled: boolean;
}

/** Windows whose stretch and hours hold the place and instant (a linear place: any overlap). */
export function windowsCovering(windows: readonly WindowView[], lineId: string | null, fromM: number | null, toM: number | null, atMs: number): WindowView[] {
  if (lineId === null || fromM === null) return [];
  const hi = toM ?? fromM;
  return windows.filter((w) => !w.cancelled && w.lineId === lineId && atMs >= w.startMs && atMs <= w.endMs && w.fromM <= Math.max(fromM, hi) && w.toM >= Math.min(fromM, hi));
}

export function trainAnnotation(t: { train: string }): AlarmAnnotation {
  return { kind: 'train_passing', text: `${t.train} 次列车通过`, ref: t.train };
}

export function windowAnnotation(w: WindowView): AlarmAnnotation {
  return { kind: 'maintenance_window', text: `天窗作业：${w.crew}`, ref: w.id };
}

/** Annotations of a group: each kind and reference once. */
export function mergeAnnotations(a: readonly AlarmAnnotation[], b: readonly AlarmAnnotation[]): AlarmAnnotation[] {
  const out = [...a];
  for (const x of b) if (!out.some((y) => y.kind === x.kind && y.ref === x.ref)) out.push(x);
  return out;
}
