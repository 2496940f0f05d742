import { describe, expect, it } from 'vitest';
import { PatrolGameInstance } from '@railjoint/contracts';
import { buildTargets, gameInstance, reachOf, type StretchInput } from './instance.js';

const cp = (id: string, km: number) => ({ id, measureM: km * 1000, mileage: `K${km}+000` });
// a village's plan over 0–10 km with a checkpoint every 2 km, and the station's joint plan over 8–12 km
const village: StretchInput = { planId: 'p-village', lineId: 'L', lineName: '某线', bounds: [0, 10_500], checkpoints: [cp('a', 1), cp('b', 3), cp('c', 5), cp('d', 7), cp('e', 9)] };
const joint: StretchInput = { planId: 'p-joint', lineId: 'L', lineName: '某线', bounds: null, checkpoints: [cp('f', 11), cp('d', 7), cp('e', 9)] };

describe('the patrol game on a department’s data', () => {
  it('cuts plans into stretches of nearby checkpoints and values each by the risk it spans, as a share', () => {
    // one cell of risk 10 over 4–6 km (all on checkpoint c's stretch), one of risk 4 over 10–12 km
    const cells = [
      { lineId: 'L', fromMeasureM: 4000, toMeasureM: 6000, risk: 10 },
      { lineId: 'L', fromMeasureM: 10_000, toMeasureM: 12_000, risk: 4 },
      { lineId: 'other', fromMeasureM: 0, toMeasureM: 20_000, risk: 100 },
    ];
    const targets = buildTargets([village], cells, 3000);
    expect(targets.map((t) => t.checkpointIds)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(targets.map((t) => t.name)).toEqual(['某线 K1+000–K3+000', '某线 K5+000–K7+000', '某线 K9+000']);
    // boundaries half-way between neighbours (4 km, 8 km), the plan’s own ends outside (0, 10.5 km)
    expect(targets.map((t) => [t.fromM, t.toM])).toEqual([[0, 4000], [4000, 8000], [8000, 10_500]]);
    // c's stretch holds all of the 10; e's holds a quarter of the 4 (10–10.5 of 10–12); a's none but keeps a sliver
    const [a, c, e] = targets.map((t) => t.value);
    expect(a! + c! + e!).toBeCloseTo(1, 9);
    expect(c! / e!).toBeCloseTo(10, 6);
    expect(a! / c!).toBeCloseTo(1e-3, 9);
  });

  it('merges two plans walking the same checkpoints into one target reached through either', () => {
    const targets = buildTargets([village, joint], [], 3000);
    const shared = targets.filter((t) => t.checkpointIds.includes('d'));
    // the joint plan's d–e (7, 9) and f (11) differ from the village's c–d and e: no merge there
    expect(shared.map((t) => t.planIds)).toEqual([['p-village'], ['p-joint']]);
    const same = buildTargets([village, { ...village, planId: 'p-copy' }], [], 3000);
    expect(same).toHaveLength(3);
    expect(same.every((t) => t.planIds.join() === 'p-village,p-copy')).toBe(true);
    // two plans each with a checkpoint of its own at the same place: two targets, two ids
    const apart = buildTargets([village, { ...village, planId: 'p-twin', checkpoints: village.checkpoints.map((c) => ({ ...c, id: `${c.id}2` })) }], [], 3000);
    expect(apart).toHaveLength(6);
    expect(new Set(apart.map((t) => t.id)).size).toBe(6);
    // no risk anywhere: every target alike
    expect(new Set(targets.map((t) => t.value)).size).toBe(1);
  });

  it('lets a team reach its own plans’ stretches and those wholly inside its agency’s line ranges', () => {
    const targets = buildTargets([village, joint], [], 3000);
    const reach = reachOf(
      [
        { id: 'villagers', planIds: ['p-village'], ranges: [] },
        // the station answers for 6–20 km: the village's e (9 km) is inside, c–d (5–7 km) is not
        { id: 'station', planIds: ['p-joint'], ranges: [{ lineId: 'L', fromM: 20_000, toM: 6000 }] },
        { id: 'idle', planIds: [], ranges: [{ lineId: 'other', fromM: 0, toM: 99_000 }] },
      ],
      targets,
    );
    const name = (ids: string[]) => ids.map((id) => targets.find((t) => t.id === id)!.checkpointIds.join('')).sort();
    expect(name(reach.get('villagers')!)).toEqual(['ab', 'cd', 'e']);
    expect(name(reach.get('station')!)).toEqual(['de', 'e', 'f']);
    expect(reach.has('idle')).toBe(false);
    const inst = PatrolGameInstance.parse(gameInstance(targets, reach, { caughtShare: 1, days: 7, seed: 3 }));
    expect(inst.teams.map((t) => t.id)).toEqual(['villagers', 'station']);
    expect(inst.targets).toHaveLength(targets.length);
  });
});
