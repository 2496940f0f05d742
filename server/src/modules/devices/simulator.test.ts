import { describe, expect, it } from 'vitest';
import { parseDuration, planRun, type SimDevice } from './simulator.js';

const fleet: SimDevice[] = [
  ...Array.from({ length: 60 }, (_, i) => ({ id: `fs-${i}`, kind: 'fibre_sensor' as const, lengthM: 2000, heartbeatS: 60 })),
  { id: 'cam-1', kind: 'camera', lengthM: 0, heartbeatS: 60 },
  { id: 'post-1', kind: 'emergency_call_post', lengthM: 0, heartbeatS: 30 },
];

describe('device simulator', () => {
  const plan = { forMs: 300_000, rate: 50, seed: 7, trainPasses: [{ deviceId: 'fs-3', atMs: 60_000, positionM: 800 }], crew: { deviceId: 'fs-5', fromM: 100, toM: 400 } };

  it('runs every scenario of the issue over heartbeats, at the requested rate', () => {
    const run = planRun(fleet, plan);
    const of = (s: string) => run.filter((m) => m.scenario === s);
    expect(new Set(run.map((m) => m.scenario))).toEqual(new Set(['heartbeat', 'intruder', 'train', 'chatter', 'dies', 'crew', 'noise']));
    expect(run.length).toBe(50 * 300);
    // the intruder walks: positions along one sensor only ever grow
    const walk = of('intruder').filter((m) => m.deviceId === of('intruder')[0]!.deviceId).map((m) => (m.body as { positionM: number }).positionM);
    expect(walk.length).toBeGreaterThan(10);
    expect([...walk].sort((a, b) => a - b)).toEqual(walk);
    // the chattering sensor activates at least three times in its first minute
    const chatter = of('chatter').filter((m) => !(m.body as { clear?: boolean }).clear);
    expect(chatter.filter((m) => m.atMs - chatter[0]!.atMs < 60_000).length).toBeGreaterThanOrEqual(3);
    // the dying device sends its will and no heartbeat after it
    const will = of('dies')[0]!;
    expect(will.body).toBe('offline');
    expect(of('heartbeat').some((m) => m.deviceId === will.deviceId && m.atMs > will.atMs)).toBe(false);
    expect(of('train').map((m) => m.atMs)).toEqual([56_000, 60_000, 64_000]);
    expect(of('crew').every((m) => m.deviceId === 'fs-5')).toBe(true);
    expect(run.every((m, i) => i === 0 || run[i - 1]!.atMs <= m.atMs)).toBe(true);
  });

  it('makes a short run chatter three times too', () => {
    const short = planRun(fleet, { ...plan, forMs: 15_000, trainPasses: [] });
    const activations = short.filter((m) => m.scenario === 'chatter' && !(m.body as { clear?: boolean }).clear);
    expect(activations.length).toBeGreaterThanOrEqual(3);
    expect(short.filter((m) => m.scenario === 'chatter').every((m) => m.atMs < 15_000)).toBe(true);
  });

  it('is the same run for the same seed', () => {
    expect(planRun(fleet, plan)).toEqual(planRun(fleet, plan));
    expect(planRun(fleet, { ...plan, seed: 8 })).not.toEqual(planRun(fleet, plan));
  });

  it('reads durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('0')).toBeNull();
  });
});
