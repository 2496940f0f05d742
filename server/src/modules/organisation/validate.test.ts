import { describe, expect, it } from 'vitest';
import { checkOrganisation } from './validate.js';
import { fakeNetwork, orgDoc } from './test-fixtures.js';

const errors = (r: ReturnType<typeof checkOrganisation>) => r.problems.filter((p) => p.severity === 'error');
const warnings = (r: ReturnType<typeof checkOrganisation>) => r.problems.filter((p) => p.severity === 'warning');

describe('checkOrganisation', () => {
  it('accepts the fixture, warning about the gap between police ranges', () => {
    const r = checkOrganisation(orgDoc(), fakeNetwork);
    expect(errors(r)).toEqual([]);
    expect(r.doc?.agencies).toHaveLength(14);
    expect(warnings(r)).toHaveLength(1);
    expect(warnings(r)[0]).toMatchObject({ ref: 'jurisdictions[4]', path: 'jurisdictions[4].from' });
    expect(warnings(r)[0]?.message).toContain('K135+000—K138+000');
  });

  it('rejects a bad envelope', () => {
    const r = checkOrganisation({ agencies: 'nope' }, fakeNetwork);
    expect(r.doc).toBeNull();
    expect(errors(r)[0]?.path).toBe('agencies');
  });

  it('collects every problem with its ref and path', () => {
    const doc = orgDoc() as { agencies: unknown[]; jurisdictions: unknown[] };
    doc.agencies.push(
      { id: 'lz_ps', name: 'dup', type: 'railway_police_station' },
      { id: 'orphan', name: '孤儿', type: 'township', parentId: 'nobody' },
      { id: 'loop_a', name: 'A', type: 'railway_police_department', parentId: 'loop_b' },
      { id: 'loop_b', name: 'B', type: 'railway_police_department', parentId: 'loop_a' },
      { id: 'bad type', name: '', type: 'spaceship' },
    );
    const base = doc.jurisdictions.length;
    doc.jurisdictions.push(
      { agencyId: 'ghost', kind: 'station', stationId: 'S1' },
      { agencyId: 'lz_tms', kind: 'line-range', lineId: 'L9', from: 'K1+000', to: 'K2+000' },
      { agencyId: 'lz_ps', kind: 'station', stationId: 'S9' },
      { agencyId: 'lz_tms', kind: 'line-range', lineId: 'L1', from: 'K1+2000', to: 'K110+000' },
      { agencyId: 'lz_tms', kind: 'line-range', lineId: 'L1', from: 'K150+000', to: 'K170+000' },
      { agencyId: 'ln_county', kind: 'line-range', lineId: 'L1', from: 'K100+000', to: 'K101+000' },
      { agencyId: 'ty_town', kind: 'area', geometry: { type: 'Polygon', coordinates: [[[109, 25], [109.1, 25], [109.1, 25.1], [109, 25.1]]] } },
      { agencyId: 'ty_town', kind: 'area', geometry: { type: 'Polygon', coordinates: [[[109, 25], [109.1, 25], [109, 25]]] } },
    );
    const r = checkOrganisation(doc, fakeNetwork);
    expect(r.doc).toBeNull();
    const at = (path: string) => r.problems.filter((p) => p.path.startsWith(path));
    expect(at('agencies[14].id')[0]?.message).toMatch(/duplicate/);
    expect(at('agencies[15].parentId')[0]).toMatchObject({ ref: 'orphan', severity: 'error' });
    expect(at('agencies[16].parentId')[0]?.message).toMatch(/loops/);
    expect(at('agencies[17].parentId')[0]?.message).toMatch(/loops/);
    expect(at('agencies[18]').length).toBeGreaterThanOrEqual(2); // empty name and unknown type
    expect(at(`jurisdictions[${base}].agencyId`)[0]?.message).toMatch(/unknown agency/);
    expect(at(`jurisdictions[${base + 1}].lineId`)[0]?.message).toMatch(/unknown line/);
    expect(at(`jurisdictions[${base + 2}].stationId`)[0]?.message).toMatch(/unknown station/);
    expect(at(`jurisdictions[${base + 3}].from`)[0]?.message).toMatch(/mileage/);
    expect(at(`jurisdictions[${base + 4}].from`)[0]?.message).toMatch(/outside the mileage/);
    expect(at(`jurisdictions[${base + 5}].kind`)[0]?.message).toMatch(/county_police_bureau cannot hold a line-range/);
    expect(at(`jurisdictions[${base + 6}].geometry`)[0]?.message).toMatch(/not closed/);
    expect(at(`jurisdictions[${base + 7}].geometry`)[0]?.message).toMatch(/at least 4/);
    expect(at(`jurisdictions[${base + 7}]`)).toHaveLength(1); // no duplicate schema message for the same ring
    for (const p of r.problems) expect(p.ref).not.toBeNull();
  });

  it('flags overlapping police ranges but accepts ranges that touch', () => {
    const doc = orgDoc();
    doc.jurisdictions.push({ agencyId: 'lzd_ps', kind: 'line-range', lineId: 'L1', from: 'K149+000', to: 'K152+000' });
    const r = checkOrganisation(doc, fakeNetwork);
    const overlaps = errors(r).filter((p) => /overlaps/.test(p.message));
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.message).toContain('lc_ps');
    // K125+000 is shared by lz_ps and lzd_ps in the fixture and is not reported
    expect(r.problems.some((p) => p.message.includes('K125+000'))).toBe(false);
  });

  it('does not treat maintenance sections as overlapping police stations', () => {
    const r = checkOrganisation(orgDoc(), fakeNetwork);
    expect(r.problems.some((p) => p.message.includes('lz_tms'))).toBe(false);
  });
});
