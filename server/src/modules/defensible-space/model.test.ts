import { describe, expect, it } from 'vitest';
import type { Countermeasure, MeasuredKind, SpaceMeasuredValue } from '@railjoint/contracts';
import { aspectScores, candidates, relativeEffect, planExact, planGreedy, recommend, scoreAssessment, scoreMeasured, templateProblems, type Candidate } from './model.js';
import { COUNTERMEASURES, defaultTemplate } from './catalogue.js';

describe('defensible-space scoring', () => {
  it('turns measured values into scores at the written thresholds', () => {
    expect([0, 0.1, 0.3, 0.55, 0.8, 1].map((v) => scoreMeasured('camera_coverage', v))).toEqual([0, 1, 2, 3, 4, 4]);
    expect([0, 0.5, 1.5, 3.5, 7].map((v) => scoreMeasured('patrols_per_week', v))).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 4, 5].map((v) => scoreMeasured('open_hazards', v))).toEqual([4, 3, 2, 1, 0]);
    expect([0, 2, 5, 10, 11].map((v) => scoreMeasured('incidents_last_year', v))).toEqual([4, 3, 2, 1, 0]);
  });

  it('scores aspects as the mean item score × 25, the total as their mean, the weakest first in order on a tie', () => {
    const r = aspectScores([
      { aspect: 'regionality', score: 4 },
      { aspect: 'regionality', score: 2 },
      { aspect: 'monitoring', score: 1 },
      { aspect: 'appearance', score: 1 },
      { aspect: 'environment', score: 3 },
    ]);
    expect(r.aspects).toEqual({ regionality: 75, monitoring: 25, appearance: 25, environment: 75 });
    expect(r.total).toBe(50);
    expect(r.weakest).toBe('monitoring');
  });

  it('takes measured items from the platform, refuses a hand score for them, and names every missing item', () => {
    const template = defaultTemplate('level_crossing');
    const measured = new Map<MeasuredKind, SpaceMeasuredValue>([
      ['camera_coverage', { kind: 'camera_coverage', value: 0.2, score: 1 }],
      ['patrols_per_week', { kind: 'patrols_per_week', value: 2, score: 2 }],
      ['open_hazards', { kind: 'open_hazards', value: 0, score: 4 }],
      ['incidents_last_year', { kind: 'incidents_last_year', value: 3, score: 2 }],
    ]);
    const judged = template.filter((t) => !t.measured).map((t) => ({ itemId: t.id, score: 3 }));
    const ok = scoreAssessment(template, judged, measured);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.items.find((x) => x.id === 'camera_coverage')).toMatchObject({ score: 1, measuredValue: 0.2 });
    expect(ok.value.items.find((x) => x.id === 'lighting')).toMatchObject({ score: 3, measuredValue: null });

    const bad = scoreAssessment(template, [...judged.slice(1), { itemId: 'camera_coverage', score: 4 }, { itemId: 'nope', score: 2 }], measured);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const text = bad.problems.map((p) => `${p.field} ${p.message.en}`);
    expect(text.some((t) => t.includes('measured from the platform'))).toBe(true);
    expect(text.some((t) => t.includes('no item nope'))).toBe(true);
    expect(text.some((t) => t.includes(`no score for “${template.find((x) => x.id === judged[0]!.itemId)!.nameEn}”`))).toBe(true);
  });

  it('checks a template: every aspect, unique ids, each measured kind once', () => {
    const t = defaultTemplate('bridge');
    expect(templateProblems(t)).toEqual([]);
    const broken = [...t.filter((x) => x.aspect !== 'appearance'), { ...t[0]! }, { ...t.find((x) => x.measured === 'camera_coverage')!, id: 'cams_again' }];
    const fields = templateProblems(broken).map((p) => p.message.en);
    expect(fields.some((f) => f.includes('is used twice'))).toBe(true);
    expect(fields.some((f) => f.includes('camera_coverage appears once'))).toBe(true);
    expect(fields.some((f) => f.includes('appearance'))).toBe(true);
  });

  it('recommends measures for the weakest aspect that raise its wanting items, best value first', () => {
    const items = [
      { id: 'camera_coverage', aspect: 'monitoring' as const, score: 0 },
      { id: 'lighting', aspect: 'monitoring' as const, score: 4 },
      { id: 'sightlines', aspect: 'monitoring' as const, score: 4 },
      { id: 'patrol_frequency', aspect: 'monitoring' as const, score: 1 },
    ];
    const ids = recommend({ items, weakest: 'monitoring' }, COUNTERMEASURES).map((m) => m.id);
    // lighting is good already: not offered; patrols (cheap, wanting) before cameras
    expect(ids).not.toContain('lighting');
    expect(ids.indexOf('patrol_frequency')).toBeLessThan(ids.indexOf('cameras'));
    expect(ids.every((id) => COUNTERMEASURES.find((m) => m.id === id)!.aspect === 'monitoring')).toBe(true);
  });
});

describe('countermeasure plans under a budget', () => {
  const m = (id: string, costWan: number, pct: number, aspect: Countermeasure['aspect'] = 'monitoring'): Countermeasure => ({ id, aspect, nameZh: id, nameEn: id, costWan, improves: ['x'], riskReductionPct: pct, basisZh: '', basisEn: '' });

  /** Every subset with at most one per group, for the exact answer on small cases. */
  function bruteForce(cands: Candidate[], budget: number): number {
    let best = 0;
    for (let mask = 0; mask < 1 << cands.length; mask++) {
      const pick = cands.filter((_, i) => mask & (1 << i));
      if (new Set(pick.map((c) => c.group)).size !== pick.length) continue;
      const cost = pick.reduce((s, c) => s + Math.ceil(c.costWan * 10 - 1e-9), 0);
      if (cost > Math.floor(budget * 10 + 1e-9)) continue;
      best = Math.max(best, pick.reduce((s, c) => s + c.reduction, 0));
    }
    return best;
  }

  it('builds candidates per site and aspect group, weighted by incidents and need', () => {
    const sites = [
      { id: 'a', name: 'A', weight: 10, items: [{ id: 'x', aspect: 'monitoring' as const, score: 0 }] },
      { id: 'b', name: 'B', weight: 6, items: [{ id: 'x', aspect: 'monitoring' as const, score: 2 }] },
    ];
    const cands = candidates(sites, [m('big', 5, 40)]);
    expect(cands.map((c) => [c.group, c.reduction])).toEqual([
      ['a:monitoring', 4],
      ['b:monitoring', 6 * 0.5 * 0.4],
    ]);
  });

  it('finds the exact optimum where greedy by ratio falls short', () => {
    const c = (id: string, costWan: number, reduction: number): Candidate => ({ siteId: id, siteName: id, measure: m(id, costWan, 10), group: id, costWan, reduction });
    // the best ratio first (X) leaves no room for Y and Z, which together do more
    const cands = [c('X', 6, 6.6), c('Y', 5, 5), c('Z', 5, 5)];
    const exact = planExact(cands, 10);
    const greedy = planGreedy(cands, 10);
    expect(exact.chosen.map((x) => x.siteId)).toEqual(['Y', 'Z']);
    expect(exact.reduction).toBe(10);
    expect(greedy.reduction).toBeCloseTo(6.6, 9);
  });

  it('matches brute force on random small cases and never overspends', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 40; k++) {
      const cands: Candidate[] = Array.from({ length: 2 + Math.floor(rnd() * 9) }, (_, i) => ({ siteId: `s${i % 4}`, siteName: '', measure: m(`m${i}`, 0.5, 10), group: `s${i % 4}:${i % 2}`, costWan: Math.round((0.3 + rnd() * 6) * 10) / 10, reduction: rnd() * 5 }));
      const budget = Math.round(rnd() * 120) / 10;
      const exact = planExact(cands, budget);
      expect(exact.reduction).toBeCloseTo(bruteForce(cands, budget), 9);
      expect(exact.costWan).toBeLessThanOrEqual(budget + 1e-9);
      expect(planGreedy(cands, budget).reduction).toBeLessThanOrEqual(exact.reduction + 1e-9);
    }
  });
});

describe('before and after with a comparison group', () => {
  it('sets the treated sites’ change against the untreated ones’', () => {
    const r = relativeEffect(
      [
        { before: 6, after: 2 },
        { before: 3, after: 1 },
      ],
      [{ before: 4, after: 4 }],
    );
    expect(r.treated).toEqual({ before: 9, after: 3 });
    expect(r.treatedRatio).toBeCloseTo(3.5 / 9.5, 12);
    expect(r.controlRatio).toBeCloseTo(1, 12);
    expect(r.effect).toBeCloseTo(3.5 / 9.5, 12);
    // the comparison group fell as much: no effect of the measures
    expect(relativeEffect([{ before: 10, after: 5 }], [{ before: 20, after: 10 }]).effect).toBeCloseTo(5.5 / 10.5 / (10.5 / 20.5), 12);
    expect(relativeEffect([{ before: 1, after: 0 }], []).effect).toBeNull();
  });
});
