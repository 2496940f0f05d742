import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlate, extend, type GroupView } from './correlate.js';

const P = { distanceM: 200, windowMs: 300_000 };
const group = (id: string, fromM: number, toM: number, lastAtMs: number, lineId = 'hsr'): GroupView => ({ id, lineId, fromM, toM, lastAtMs, deviceIds: ['d1'] });

describe('correlation along the line', () => {
  it('joins an activation near a recent group on the same line, else starts a new one', () => {
    const groups = [group('g1', 1000, 1100, 0)];
    expect(correlate(groups, { deviceId: 'd2', lineId: 'hsr', measureM: 1250, atMs: 60_000 }, P)).toBe('g1');
    expect(correlate(groups, { deviceId: 'd2', lineId: 'hsr', measureM: 1400, atMs: 60_000 }, P)).toBeNull(); // 300 m away
    expect(correlate(groups, { deviceId: 'd2', lineId: 'other', measureM: 1050, atMs: 60_000 }, P)).toBeNull();
    expect(correlate(groups, { deviceId: 'd2', lineId: 'hsr', measureM: 1050, atMs: 400_000 }, P)).toBeNull(); // too late
  });

  it('prefers the nearest group, and a camera joins by the stretch it sees', () => {
    const groups = [group('far', 0, 100, 0), group('near', 1000, 1100, 0)];
    expect(correlate(groups, { deviceId: 'd3', lineId: 'hsr', measureM: 1150, atMs: 1 }, P)).toBe('near');
    expect(correlate(groups, { deviceId: 'cam', lineId: 'hsr', measureM: 1600, stretch: { fromM: 1250, toM: 1400 }, atMs: 1 }, P)).toBe('near');
  });

  it('groups a device off the line only with its own alarms', () => {
    const g: GroupView = { id: 'g', lineId: null, fromM: null, toM: null, lastAtMs: 0, deviceIds: ['post-1'] };
    expect(correlate([g], { deviceId: 'post-1', lineId: null, measureM: null, atMs: 10 }, P)).toBe('g');
    expect(correlate([g], { deviceId: 'post-2', lineId: null, measureM: null, atMs: 10 }, P)).toBeNull();
  });

  it('an intruder walking 300 m in 50 m steps stays one group whose extent covers every step (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 5, max: 50 }), fc.integer({ min: 2, max: 40 }), (start, step, n) => {
        let groups: GroupView[] = [];
        for (let i = 0; i < n; i++) {
          const m = start + i * step;
          const a = { deviceId: 'fs', lineId: 'hsr', measureM: m, atMs: i * 10_000 };
          const joined = correlate(groups, a, P);
          if (joined === null) groups = [...groups, { id: `g${groups.length}`, lineId: 'hsr', fromM: m, toM: m, lastAtMs: a.atMs, deviceIds: ['fs'] }];
          else groups = groups.map((g) => (g.id === joined ? { ...g, ...extend(g, m, false), lastAtMs: a.atMs } : g));
        }
        return groups.length === 1 && groups[0]!.fromM === start && groups[0]!.toM === start + (n - 1) * step;
      }),
    );
  });

  it('a camera confirms without stretching the extent', () => {
    expect(extend({ fromM: 10, toM: 20 }, 500, true)).toEqual({ fromM: 10, toM: 20 });
    expect(extend({ fromM: null, toM: null }, 5, false)).toEqual({ fromM: 5, toM: 5 });
  });
});
