/** The 8 % false alarms a high-speed-rail fibre field trial reported: above it a device does worse than the field's state of the art. */
export const FIELD_TRIAL_RATE = 0.08;
/** Over twice that, a device needs its owner's visit: the board and the KPI page mark it in the danger colour. */
export const HIGH_FALSE_RATE = 0.2;

export function falseTone(rate: number): 'ok' | 'warn' | 'danger' {
  return rate >= HIGH_FALSE_RATE ? 'danger' : rate >= FIELD_TRIAL_RATE ? 'warn' : 'ok';
}
