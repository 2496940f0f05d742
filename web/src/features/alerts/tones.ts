import type { AlertSeverity } from '@railjoint/contracts';
import { playTones, type Tone } from '../incidents/beep';

/**
 * One sound per severity, told apart without looking: critical is a fast rising triple (and comes
 * back while it waits), high a falling pair, normal one soft chime.
 */
const TONES: Record<AlertSeverity, { tones: Tone[]; wave: OscillatorType }> = {
  critical: {
    wave: 'square',
    tones: [
      [0, 988, 0.14],
      [0.16, 1175, 0.14],
      [0.32, 1397, 0.22],
    ],
  },
  high: {
    wave: 'square',
    tones: [
      [0, 784, 0.2],
      [0.24, 587, 0.24],
    ],
  },
  normal: { wave: 'sine', tones: [[0, 660, 0.35]] },
};

export function soundAlert(severity: AlertSeverity): void {
  playTones(TONES[severity].tones, TONES[severity].wave);
  const heard = (window.__railjointAlertTones ??= { critical: 0, high: 0, normal: 0 });
  heard[severity]++;
}

declare global {
  interface Window {
    /** how many alert sounds of each severity played, for browser tests (they cannot hear) */
    __railjointAlertTones?: Record<AlertSeverity, number>;
  }
}
