import { describe, expect, it } from 'vitest';
import { breaches, computeIntervals, type StatusChange } from './intervals.js';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('computeIntervals', () => {
  it('measures each step and the total', () => {
    const tl: StatusChange[] = [
      { status: 'received', at: at(0) },
      { status: 'dispatched', at: at(90) },
      { status: 'en_route', at: at(150) },
      { status: 'on_scene', at: at(900) },
      { status: 'cleared', at: at(2700) },
      { status: 'closed', at: at(3600) },
    ];
    expect(computeIntervals(tl)).toEqual({ receivedToDispatchedS: 90, dispatchedToEnRouteS: 60, enRouteToOnSceneS: 750, onSceneToClearedS: 1800, totalS: 2700 });
  });

  it('counts from the first reception even after a withdrawal or transfer', () => {
    const tl: StatusChange[] = [
      { status: 'received', at: at(0) },
      { status: 'dispatched', at: at(60) },
      { status: 'received', at: at(120) },
      { status: 'dispatched', at: at(300) },
    ];
    const r = computeIntervals(tl);
    expect(r.receivedToDispatchedS).toBe(60);
    expect(r.enRouteToOnSceneS).toBeNull();
    expect(r.totalS).toBe(300);
  });
});

describe('breaches', () => {
  const tl: StatusChange[] = [
    { status: 'received', at: at(0) },
    { status: 'dispatched', at: at(60) },
  ];
  it('reports a running breach of the time limit', () => {
    const r = breaches({ status: 'dispatched', timeline: tl }, new Date(T0 + 1000_000), 900);
    expect(r).toEqual([{ limit: 'on_scene', limitS: 900, elapsedS: 1000, overByS: 100, ongoing: true }]);
    expect(breaches({ status: 'dispatched', timeline: tl }, new Date(T0 + 800_000), 900)).toEqual([]);
  });
  it('reports a finished breach once on scene late, and nothing when on time', () => {
    const late = [...tl, { status: 'on_scene' as const, at: at(1200) }];
    expect(breaches({ status: 'on_scene', timeline: late }, new Date(T0 + 9e6), 900)).toEqual([{ limit: 'on_scene', limitS: 900, elapsedS: 1200, overByS: 300, ongoing: false }]);
    const onTime = [...tl, { status: 'on_scene' as const, at: at(600) }];
    expect(breaches({ status: 'cleared', timeline: onTime }, new Date(T0 + 9e6), 900)).toEqual([]);
  });
  it('does not run the clock for a cancelled incident', () => {
    expect(breaches({ status: 'cancelled', timeline: tl }, new Date(T0 + 9e6), 900)).toEqual([]);
  });
  it('reports an unanswered transfer past its reply limit', () => {
    const r = breaches({ status: 'transferred', timeline: tl, transfer: { sentAt: at(100), replyLimitS: 300 } }, new Date(T0 + 500_000), 3600);
    expect(r).toEqual([{ limit: 'transfer_reply', limitS: 300, elapsedS: 400, overByS: 100, ongoing: true }]);
  });
});
