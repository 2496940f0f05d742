let context: AudioContext | null = null;

/**
 * A short two-tone beep from an oscillator: no audio file to fetch or cache. Browsers only let a
 * page make sound after a user gesture; signing in is one, and a blocked beep fails silently.
 */
export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const ctx = context;
    const start = ctx.currentTime;
    for (const [offset, freq] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.2);
    }
    window.__railjointBeeps = (window.__railjointBeeps ?? 0) + 1;
  } catch {
    // no audio device or API: the red row and the badge still show it
  }
}

declare global {
  interface Window {
    /** how many P1 alarms sounded, for browser tests (they cannot hear) */
    __railjointBeeps?: number;
  }
}
