import { describe, expect, it } from 'vitest';
import { LineReference } from '../network/linear-ref.js';
import { beside, collection, lineFeature, postsAlong, walk } from '../network/fixtures.js';
import { NetworkModel } from '../network/network-model.js';
import { CellSet } from './cells.js';
import { exposure, fitTerrain, terrainAt, weakSpaceSpans, WEAK_SPACE_SCORE } from './terrain.js';

const w = walk([109.2, 24.3], 2000, 100, () => 0);
const cells = new CellSet([{ id: 'A', ref: LineReference.fromFeature(lineFeature('A', 'A', w, postsAlong(w, 500))) }], 100);
const station = { lineId: 'A', fromMeasure: 250, toMeasure: 250 };

describe('risk terrain', () => {
  it('marks the cells within a factor’s band along the line', () => {
    const x = exposure(cells, [{ name: 'station_200m', features: [station], bandM: 200 }]);
    // 250 ± 200 = 50…450 touches cells 0–4
    expect(x.map((r) => r[0])).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('weighs each factor by its fitted relative risk', () => {
    // 5 exposed cells with 3 incidents each, 15 others with 1 each: the station triples the rate
    const counts = cells.cells.map((_, i) => (i < 5 ? 3 : 1));
    const m = fitTerrain(cells, [{ name: 'station_200m', features: [station], bandM: 200 }, { name: 'camera_view', features: [], bandM: 0 }], counts);
    expect(m.weights[0]!.factor).toBe('station_200m');
    // the ridge pulls a little toward 1
    expect(m.weights[0]!.relativeRisk).toBeGreaterThan(2.8);
    expect(m.weights[0]!.relativeRisk).toBeLessThanOrEqual(3);
    // a factor no cell is exposed to is left out, at weight 1
    expect(m.weights[1]).toEqual({ factor: 'camera_view', coefficient: 0, relativeRisk: 1 });
    expect(m.scores[0]).toBeCloseTo(m.weights[0]!.relativeRisk, 2);
    expect(m.scores[10]).toBe(1);
  });
});

describe('the terrain over time', () => {
  it('counts a site as weak from an assessment under the threshold until it is assessed again', () => {
    const spans = weakSpaceSpans([
      { siteId: 's1', lineId: 'l', measure: 1000, at: 10, total: 45 },
      { siteId: 's1', lineId: 'l', measure: 1000, at: 20, total: 80 },
      { siteId: 's2', lineId: 'l', measure: 5000, at: 15, total: 70 },
      { siteId: 's3', lineId: 'l', measure: 9000, at: 30, total: WEAK_SPACE_SCORE - 1 },
    ]);
    expect(spans).toEqual([
      { lineId: 'l', fromMeasure: 1000, toMeasure: 1000, from: 10, until: 20 },
      { lineId: 'l', fromMeasure: 9000, toMeasure: 9000, from: 30, until: Infinity },
    ]);
  });

  it('turns schools and markets, patrolled stretches and weak sites into factors at the moment asked', () => {
    const school = { type: 'Feature' as const, properties: { kind: 'place' as const, id: 'school-1', name: '石塘小学', placeType: 'school' as const, lineId: 'A' }, geometry: { type: 'Point' as const, coordinates: beside(w, 1200, 60) } };
    const model = NetworkModel.build(collection(lineFeature('A', 'A', w, postsAlong(w, 500)), school));
    const patrolled = [{ lineId: 'A', fromMeasure: 0, toMeasure: 500, from: 100, until: 200 }];
    const weak = weakSpaceSpans([{ siteId: 's', lineId: 'A', measure: 1500, at: 150, total: 40 }]);
    const at = terrainAt(model, [], [], patrolled, weak);
    const factor = (t: number, name: string) => at(t).find((f) => f.name === name)!;
    const near = factor(120, 'school_1000m').features;
    expect(near).toHaveLength(1);
    expect(near[0]!.fromMeasure).toBeGreaterThan(1150);
    expect(near[0]!.fromMeasure).toBeLessThan(1250);
    expect(factor(120, 'market_1000m').features).toEqual([]);
    expect(factor(120, 'patrolled_stretch').features).toHaveLength(1);
    expect(factor(250, 'patrolled_stretch').features).toEqual([]);
    expect(factor(120, 'weak_defensible_space_1000m').features).toEqual([]);
    expect(factor(160, 'weak_defensible_space_1000m').features).toHaveLength(1);
    // the school reaches 1000 m either way along the line: every cell from 200 m on
    expect(exposure(cells, [factor(120, 'school_1000m')]).map((r) => r[0]).indexOf(1)).toBe(2);
  });
});
