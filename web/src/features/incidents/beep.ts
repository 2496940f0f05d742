let context: AudioContext | null = null;

/** A tone: when it starts after the first (seconds), its pitch (Hz) and how long it sounds (seconds). */
export type Tone = readonly [offset: number, freq: number, length: number];

/**
 * Tones from an oscillator: no audio file to fetch or cache. Browsers only let a page make sound
 * after a user gesture; signing in is one, and a blocked sound fails silently (false).
 */
export function playTones(tones: readonly Tone[], wave: OscillatorType = 'square'): boolean {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const ctx = context;
    const start = ctx.currentTime;
    for (const [offset, freq, length] of tones) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = wave;
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + length - 0.02);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + length);
    }
    return true;
  } catch {
    // no audio device or API: the red row and the badge still show it
    return false;
  }
}

/** The P1 alarm: a short two-tone beep. */
export function beep(): void {
  playTones([
    [0, 880, 0.2],
    [0.22, 660, 0.2],
  ]);
  window.__railjointBeeps = (window.__railjointBeeps ?? 0) + 1;
}

declare global {
  interface Window {
    /** how many P1 alarms sounded, for browser tests (they cannot hear) */
    __railjointBeeps?: number;
  }
}
