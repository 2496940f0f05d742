import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AlarmRule } from '@railjoint/contracts';
import { DEFAULT_RULES } from './default-rules.js';
import { beijingMinuteOfDay, decide, inTimeOfDay, type GroupFacts } from './rules.js';
import { isChattering, recordActivation } from './chatter.js';
import { floodShare, floodTransition, inFlood } from './flood.js';
import { trainExplaining, windowsCovering, type WindowView } from './context.js';

const night = beijingMinuteOfDay(Date.parse('2026-12-01T02:00:00+08:00'));
const facts = (f: Partial<GroupFacts> = {}): GroupFacts => ({ deviceKinds: ['fibre_sensor'], conditions: ['intrusion'], placeKind: 'line_enclosure', highSpeed: true, minuteOfDay: night, confirmed: false, extentM: 300, maintenanceCrew: null, ...f });

describe('alarm rules', () => {
  it('are valid data by their own contract', () => {
    for (const r of DEFAULT_RULES) expect(AlarmRule.safeParse(r).success).toBe(true);
  });

  it('make a moving intrusion at night on a high-speed line a P1 track intrusion, with the reason', () => {
    expect(decide(DEFAULT_RULES, facts())).toMatchObject({ action: 'incident', ruleId: 'hsr-night-moving', category: 'track_intrusion', priority: 'P1' });
    expect(decide(DEFAULT_RULES, facts({ extentM: 0 })).action).toBe('verify');
    expect(decide(DEFAULT_RULES, facts({ extentM: 0, confirmed: true })).ruleId).toBe('hsr-night-confirmed');
    expect(decide(DEFAULT_RULES, facts({ minuteOfDay: 14 * 60 })).action).toBe('verify');
    expect(decide(DEFAULT_RULES, facts({ deviceKinds: ['camera'], conditions: ['person_detected'], extentM: 0 })).ruleId).toBe('camera-verify');
  });

  it('never escalate work inside a maintenance window, whatever the rules say (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 5000 }), (minute, confirmed, highSpeed, extentM) => {
        return decide(DEFAULT_RULES, facts({ minuteOfDay: minute, confirmed, highSpeed, extentM, maintenanceCrew: '工务段作业组' })).action === 'none';
      }),
    );
  });

  it('read spans across midnight as night', () => {
    expect(inTimeOfDay(23 * 60, { from: '20:00', to: '06:00' })).toBe(true);
    expect(inTimeOfDay(5 * 60 + 59, { from: '20:00', to: '06:00' })).toBe(true);
    expect(inTimeOfDay(6 * 60, { from: '20:00', to: '06:00' })).toBe(false);
    expect(inTimeOfDay(9 * 60, { from: '08:00', to: '18:00' })).toBe(true);
  });
});

describe('chattering and floods', () => {
  it('flags three activations within a minute, not three spread over longer', () => {
    let recent: number[] = [];
    for (const t of [0, 20_000, 40_000]) recent = recordActivation(recent, t);
    expect(isChattering(recent, 40_000)).toBe(true);
    expect(isChattering(recordActivation(recordActivation(recordActivation([], 0), 40_000), 80_000), 80_000)).toBe(false);
  });

  it('a flood is more than ten in ten minutes; episodes count their share of time', () => {
    expect(inFlood(10)).toBe(false);
    expect(inFlood(11)).toBe(true);
    expect(floodTransition(false, 11)).toBe('start');
    expect(floodTransition(true, 3)).toBe('end');
    expect(floodTransition(true, 12)).toBeNull();
    expect(floodShare([{ startMs: 100, endMs: 300 }, { startMs: 200, endMs: 400 }, { startMs: 900, endMs: null }], 0, 1000)).toBeCloseTo(0.4, 10);
  });
});

describe('context', () => {
  it('a train at the place within the tolerance explains a vibration alarm, not a camera detection', () => {
    const trains = [{ train: 'G1501', atMs: 60_000 }, { train: 'D3', atMs: 500_000 }];
    expect(trainExplaining('fibre_sensor', 'intrusion', 0, trains)).toEqual({ train: 'G1501', atMs: 60_000 });
    expect(trainExplaining('fibre_sensor', 'intrusion', 300_000, trains)).toBeNull();
    expect(trainExplaining('camera', 'person_detected', 60_000, trains)).toBeNull();
  });

  it('a maintenance window holds the places and hours it covers only', () => {
    const w: WindowView = { id: 'w', lineId: 'hsr', fromM: 1000, toM: 2000, startMs: 0, endMs: 1000, crew: '作业组', cancelled: false };
    expect(windowsCovering([w], 'hsr', 1500, 1500, 500)).toHaveLength(1);
    expect(windowsCovering([w], 'hsr', 2500, 2600, 500)).toHaveLength(0);
    expect(windowsCovering([w], 'hsr', 1900, 2600, 500)).toHaveLength(1);
    expect(windowsCovering([w], 'hsr', 1500, 1500, 1500)).toHaveLength(0);
    expect(windowsCovering([{ ...w, cancelled: true }], 'hsr', 1500, 1500, 500)).toHaveLength(0);
  });
});
