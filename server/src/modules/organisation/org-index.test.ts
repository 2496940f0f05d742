import { describe, expect, it } from 'vitest';
import { OrgIndex } from './org-index.js';
import { at, km, orgDoc } from './test-fixtures.js';

const idx = new OrgIndex(orgDoc());
const ids = (refs: Array<{ agencyId: string }>) => refs.map((r) => r.agencyId).sort();
const police = (m: number) => idx.byLineMileage('L1', 'K', m).filter((h) => h.ref.type === 'railway_police_station').map((h) => h.ref.agencyId);

describe('OrgIndex', () => {
  it('finds line ranges with inclusive ends and normalised direction', () => {
    expect(police(km(110))).toEqual(['lz_ps']);
    expect(police(km(125)).sort()).toEqual(['lz_ps', 'lzd_ps']);
    expect(police(km(136))).toEqual([]);
    expect(police(km(145))).toEqual(['lc_ps']);
    const hit = idx.byLineMileage('L1', 'K', km(145)).find((h) => h.ref.agencyId === 'lc_ps');
    expect(hit).toMatchObject({ from: 'K138+000', to: 'K150+000', ref: { via: 'line-range' } });
    expect(idx.byLineMileage('L1', 'DK', km(110))).toEqual([]);
  });

  it('finds areas, honouring holes and multipolygons', () => {
    expect(ids(idx.byPoint(at(km(110), 100)))).toEqual(['ln_county', 'ty_town']);
    expect(ids(idx.byPoint(at(km(110), -100)))).toEqual(['ln_county']);
    expect(ids(idx.byPoint(at(km(151), 500)))).toEqual([]); // in the hole of lc_county, between jd_town's parts
    expect(ids(idx.byPoint(at(km(151), -500)))).toEqual(['lc_county']);
    expect(ids(idx.byPoint(at(km(147), 0)))).toEqual(['jd_town', 'lc_county']);
    expect(ids(idx.byPoint(at(km(142), 0)))).toEqual(['lc_county']);
  });

  it('finds station and train agencies', () => {
    expect(ids(idx.byStation('S1'))).toEqual(['lz_ps', 'lz_station']);
    expect(idx.byTrain('g 1234')[0]).toMatchObject({ agencyId: 'lz_tpt', via: 'train' });
  });

  it('walks the parent chain and survives loops', () => {
    expect(idx.ancestors('lz_ps').map((a) => a.id)).toEqual(['lz_dept', 'nn_bureau']);
    const loopy = new OrgIndex({
      agencies: [
        { id: 'a', name: 'A', type: 'township', parentId: 'b' },
        { id: 'b', name: 'B', type: 'township', parentId: 'a' },
      ],
      jurisdictions: [],
    });
    expect(loopy.ancestors('a').map((a) => a.id)).toEqual(['b']);
    expect(idx.ofType('county_police_bureau')).toHaveLength(2);
  });

  it('finds the nearest range of a type for gaps', () => {
    const n = idx.nearestLineRange('L1', 'K', km(155), 'railway_police_station');
    expect(n).toMatchObject({ ref: { agencyId: 'lc_ps' }, distanceM: 5000 });
  });
});
