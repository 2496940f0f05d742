import { describe, expect, it } from 'vitest';
import type { CooperationAgreementInput } from '@railjoint/contracts';
import { agreementProblems, hoursWithin, inScope, judge, median, monthBounds, statusOn } from './model.js';

const TYPES: Record<string, string> = { 'cb-a': 'county_police_bureau', 'ps-a': 'railway_police_station', 'tw-a': 'township' };
const base: CooperationAgreementInput = {
  kind: 'agreement',
  title: '护路联防协议',
  parties: ['cb-a', 'ps-a'],
  scope: { lines: [{ lineId: 'l', from: 'K1+000', to: 'K2+000' }], areas: [] },
  obligations: [{ kind: 'patrol_hours', partyAgencyId: 'cb-a', target: 40 }],
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
};

describe('cooperation agreements', () => {
  it('names every problem by its field', () => {
    expect(agreementProblems(base, (id) => TYPES[id])).toEqual([]);
    const bad: CooperationAgreementInput = {
      ...base,
      parties: ['cb-a', 'cb-a', 'nope'],
      scope: { lines: [], areas: ['ps-a'] },
      obligations: [
        { kind: 'response_time', partyAgencyId: 'tw-a', target: 120 },
        { kind: 'patrol_hours', partyAgencyId: 'cb-a', target: 300 },
      ],
      validTo: '2025-12-31',
    };
    expect(agreementProblems(bad, (id) => TYPES[id]).map((p) => p.field)).toEqual([
      'body.parties[1]',
      'body.parties[2]',
      'body.scope.areas[0]',
      'body.obligations[0].partyAgencyId',
      'body.obligations[0].target',
      'body.obligations[0].limitMin',
      'body.validTo',
    ]);
    expect(agreementProblems({ ...base, parties: ['cb-a', 'cb-a'], scope: { lines: [], areas: [] } }, (id) => TYPES[id]).map((p) => p.field)).toEqual(['body.parties[1]', 'body.parties', 'body.scope']);
  });

  it('is a draft until signed, in force to its last day, expired after', () => {
    expect(statusOn('2026-06-01', { signedAt: null, validTo: '2026-12-31' })).toBe('draft');
    expect(statusOn('2026-12-31', { signedAt: 'x', validTo: '2026-12-31' })).toBe('in_force');
    expect(statusOn('2027-01-01', { signedAt: 'x', validTo: '2026-12-31' })).toBe('expired');
  });

  it('holds a place on its stretches or in its areas', () => {
    const scope = { lines: [{ lineId: 'l', from: 'K1', to: 'K2', fromM: 1000, toM: 2000 }], areas: ['tw-a'] };
    expect(inScope(scope, { lineId: 'l', m: 1000, areas: [] })).toBe(true);
    expect(inScope(scope, { lineId: 'l', m: 2001, areas: [] })).toBe(false);
    expect(inScope(scope, { lineId: 'other', m: 1500, areas: [] })).toBe(false);
    expect(inScope(scope, { lineId: 'other', m: 1500, areas: [null, 'tw-a'] })).toBe(true);
  });

  it('measures Beijing months and the hours of patrols inside them', () => {
    expect(monthBounds('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(monthBounds('2026-01').from).toBe('2025-12-31T16:00:00.000Z');
    const b = monthBounds('2026-12');
    expect(hoursWithin('2026-11-30T14:00:00.000Z', '2026-11-30T18:00:00.000Z', b, '2027-01-01T00:00:00Z')).toBe(2);
    expect(hoursWithin('2026-12-10T00:00:00.000Z', null, b, '2026-12-10T03:30:00.000Z')).toBe(3.5);
    expect(hoursWithin('2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z', b, '2027-01-01T00:00:00Z')).toBe(0);
  });

  it('judges hours against the target and shares only when there was something to count', () => {
    expect(judge('patrol_hours', 40, { hours: 39.96, total: 3, within: 3 })).toEqual({ value: 40, met: true });
    expect(judge('patrol_hours', 40, { hours: 0, total: 0, within: 0 })).toEqual({ value: 0, met: false });
    expect(judge('response_time', 90, { total: 0, within: 0 })).toEqual({ value: null, met: null });
    expect(judge('response_time', 90, { total: 3, within: 2 })).toEqual({ value: 66.7, met: false });
    expect(judge('bulletin_ack', 50, { total: 2, within: 1 })).toEqual({ value: 50, met: true });
    expect([median([]), median([5, 1, 3]), median([4, 1, 3, 2])]).toEqual([null, 3, 2.5]);
  });
});
