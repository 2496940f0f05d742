import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { afterMessage, availability, missedBeats } from './health.js';

describe('device health', () => {
  it('is overdue only after three missed intervals', () => {
    const seen = 1_000_000;
    expect(missedBeats(seen, 60, seen + 180_000)).toBe(false);
    expect(missedBeats(seen, 60, seen + 180_001)).toBe(true);
    expect(missedBeats(null, 60, seen + 10 ** 9)).toBe(false);
  });

  it('comes online with any message and goes offline with its last will', () => {
    expect(afterMessage('offline', 'heartbeat')).toEqual({ status: 'online', changed: true });
    expect(afterMessage('online', 'event')).toEqual({ status: 'online', changed: false });
    expect(afterMessage('online', 'offline')).toEqual({ status: 'offline', changed: true });
  });

  it('counts overlapping and open outages once, clipped to the period', () => {
    const r = availability([{ fromMs: -50, toMs: 100 }, { fromMs: 50, toMs: 200 }, { fromMs: 900, toMs: null }], 0, 1000);
    expect(r.offlineMs).toBe(300);
    expect(r.availability).toBeCloseTo(0.7, 10);
  });

  it('stays within 0..1 and never rises when an outage is added (property)', () => {
    const outage = fc.record({ fromMs: fc.integer({ min: -500, max: 1500 }), len: fc.integer({ min: 0, max: 800 }), open: fc.boolean() }).map((o) => ({ fromMs: o.fromMs, toMs: o.open ? null : o.fromMs + o.len }));
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 8 }), outage, (list, extra) => {
        const a = availability(list, 0, 1000).availability;
        const b = availability([...list, extra], 0, 1000).availability;
        return a >= 0 && a <= 1 && b <= a + 1e-12;
      }),
    );
  });
});
