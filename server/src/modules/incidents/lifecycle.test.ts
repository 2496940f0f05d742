import { describe, expect, it } from 'vitest';
import { INCIDENT_ACTIONS, INCIDENT_STATUSES, type IncidentAction, type IncidentStatus } from '@railjoint/contracts';
import { OUTCOME_CODES, allowedActions, isTerminal, missingRequirements, transition } from './lifecycle.js';

// Written out independently of the table in lifecycle.ts: every pair not listed must be refused.
const EXPECTED: Array<[IncidentStatus, IncidentAction, IncidentStatus]> = [
  ['received', 'dispatch', 'dispatched'],
  ['dispatched', 'depart', 'en_route'],
  ['dispatched', 'withdraw_all', 'received'],
  ['en_route', 'arrive', 'on_scene'],
  ['on_scene', 'clear', 'cleared'],
  ['cleared', 'close', 'closed'],
  ['transferred', 'accept_transfer', 'received'],
  ['transferred', 'decline_transfer', 'received'],
  ['transferred', 'transfer_timeout', 'received'],
  ...(['received', 'dispatched', 'en_route', 'on_scene'] as const).flatMap((s) => [
    [s, 'transfer', 'transferred'] as [IncidentStatus, IncidentAction, IncidentStatus],
    [s, 'merge', 'merged'] as [IncidentStatus, IncidentAction, IncidentStatus],
    [s, 'cancel', 'cancelled'] as [IncidentStatus, IncidentAction, IncidentStatus],
  ]),
];

describe('incident lifecycle', () => {
  for (const status of INCIDENT_STATUSES) {
    for (const action of INCIDENT_ACTIONS) {
      const edge = EXPECTED.find(([s, a]) => s === status && a === action);
      it(`${status} --${action}--> ${edge ? edge[2] : 'refused'}`, () => {
        const r = transition(status, action);
        if (edge) expect(r).toMatchObject({ ok: true, next: edge[2] });
        else {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.allowed.sort()).toEqual(EXPECTED.filter(([s]) => s === status).map(([, a]) => a).sort());
        }
      });
    }
  }

  it('terminal states allow nothing', () => {
    for (const s of ['closed', 'merged', 'cancelled'] as const) {
      expect(isTerminal(s)).toBe(true);
      expect(allowedActions(s)).toEqual([]);
    }
    expect(isTerminal('cleared')).toBe(false);
  });

  it('closing needs a known outcome code and a summary', () => {
    const r = transition('cleared', 'close');
    if (!r.ok) throw new Error('close refused');
    expect(missingRequirements(r.requires, {})).toEqual(['outcome', 'summary']);
    expect(missingRequirements(r.requires, { outcome: 'no_such_code', summary: 'x' })).toEqual(['outcome']);
    expect(missingRequirements(r.requires, { outcome: 'false_alarm', summary: '  ' })).toEqual(['summary']);
    expect(missingRequirements(r.requires, { outcome: 'false_alarm', summary: '现场无异常' })).toEqual([]);
  });

  it('cancelling needs a reason; going back from dispatched needs every assignment withdrawn', () => {
    const c = transition('en_route', 'cancel');
    if (!c.ok) throw new Error('cancel refused');
    expect(missingRequirements(c.requires, { reason: '' })).toEqual(['reason']);
    expect(missingRequirements(c.requires, { reason: '重复报警' })).toEqual([]);
    const w = transition('dispatched', 'withdraw_all');
    if (!w.ok) throw new Error('withdraw refused');
    expect(missingRequirements(w.requires, { allAssignmentsWithdrawn: false })).toEqual(['all_assignments_withdrawn']);
    expect(missingRequirements(w.requires, { allAssignmentsWithdrawn: true })).toEqual([]);
  });

  it('transfer names the receiving agency; merge names the target incident', () => {
    const t = transition('on_scene', 'transfer');
    const m = transition('received', 'merge');
    if (!t.ok || !m.ok) throw new Error('refused');
    expect(missingRequirements(t.requires, {})).toEqual(['receiving_agency']);
    expect(missingRequirements(m.requires, { targetIncidentId: 'inc-1' })).toEqual([]);
  });

  it('outcome codes are unique and labelled in both languages', () => {
    expect(new Set(OUTCOME_CODES.map((o) => o.code)).size).toBe(OUTCOME_CODES.length);
    for (const o of OUTCOME_CODES) {
      expect(o.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(o.en.length).toBeGreaterThan(3);
    }
  });
});
