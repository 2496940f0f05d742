import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentAction, IncidentStatus } from '@railjoint/contracts';
import { allowedActions, isTerminal, missingRequirements, OPEN_STATUSES, transition, WORKING_STATUSES, type ActionInput, type Requirement } from './lifecycle.js';

const STATUSES = IncidentStatus.options;
const ACTIONS = IncidentAction.options;
const status = fc.constantFrom(...STATUSES);
const action = fc.constantFrom(...ACTIONS);

/** Every status an incident can reach from a new report by some sequence of actions. */
function reachableFrom(start: IncidentStatus): Set<IncidentStatus> {
  const seen = new Set<IncidentStatus>([start]);
  const queue = [start];
  while (queue.length) for (const a of allowedActions(queue.shift()!)) if (!seen.has(a.next)) seen.add(a.next), queue.push(a.next);
  return seen;
}

/** A history: at each step one of the actions the table allows (chosen by index), or an arbitrary one. */
const history = fc.array(fc.tuple(fc.nat(), action, fc.boolean()), { maxLength: 40 });

describe('incident lifecycle, by property', () => {
  it('lets nothing out of a closed, merged or cancelled incident', () => {
    fc.assert(
      fc.property(status.filter(isTerminal), action, (s, a) => {
        expect(transition(s, a)).toEqual({ ok: false, allowed: [] });
        expect(allowedActions(s)).toEqual([]);
      }),
    );
  });

  it('leaves every state a new report can reach with a way to be closed', () => {
    const reachable = reachableFrom('received');
    fc.assert(
      fc.property(history, (steps) => {
        let s: IncidentStatus = 'received';
        for (const [n, a, pickAllowed] of steps) {
          const allowed = allowedActions(s);
          const chosen = pickAllowed && allowed.length ? allowed[n % allowed.length]!.action : a;
          const r = transition(s, chosen);
          if (r.ok) s = r.next;
        }
        expect(reachable.has(s)).toBe(true);
        if (!isTerminal(s)) expect(reachableFrom(s).has('closed')).toBe(true);
      }),
    );
  });

  it('closes only what has been cleared: nobody closes an incident no unit attended', () => {
    fc.assert(
      fc.property(status, action, (s, a) => {
        const r = transition(s, a);
        if (r.ok && r.next === 'closed') expect(s).toBe('cleared');
        if (r.ok && r.next === 'cleared') expect(s).toBe('on_scene');
      }),
    );
  });

  it('agrees with itself: an action goes through exactly when it is offered, to the state offered', () => {
    fc.assert(
      fc.property(status, action, (s, a) => {
        const offered = allowedActions(s).find((x) => x.action === a);
        const r = transition(s, a);
        expect(r.ok).toBe(offered !== undefined);
        if (r.ok) expect(r).toEqual({ ok: true, next: offered!.next, requires: offered!.requires });
        else expect(r.allowed).toEqual(allowedActions(s).map((x) => x.action));
      }),
    );
  });

  it('hands out copies: a caller changing what it was given changes no later answer', () => {
    fc.assert(
      fc.property(status, action, (s, a) => {
        const before = JSON.stringify([transition(s, a), allowedActions(s)]);
        const r = transition(s, a);
        if (r.ok) r.requires.push('reason');
        for (const x of allowedActions(s)) x.requires.push('summary');
        expect(JSON.stringify([transition(s, a), allowedActions(s)])).toBe(before);
      }),
    );
  });

  it('names the open statuses as exactly those reachable and not terminal; working ones exclude cleared', () => {
    const reachable = [...reachableFrom('received')];
    expect(new Set(OPEN_STATUSES)).toEqual(new Set(reachable.filter((s) => !isTerminal(s))));
    expect(WORKING_STATUSES.every((s) => OPEN_STATUSES.includes(s))).toBe(true);
    expect(WORKING_STATUSES).not.toContain('cleared');
  });

  it('asks only for what an action requires, never more when more is given, and blanks count as missing', () => {
    const text = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constantFrom('', ' ', '\t\n'), fc.string({ minLength: 1 }));
    const input = fc.record({
      reason: text,
      outcome: fc.oneof(text, fc.constantFrom('resolved_on_scene', 'false_alarm', 'not_a_code')),
      summary: text,
      allAssignmentsWithdrawn: fc.option(fc.boolean(), { nil: undefined }),
      targetIncidentId: text,
      receivingAgencyId: text,
    });
    const requirements = fc.subarray<Requirement>(['reason', 'outcome', 'summary', 'all_assignments_withdrawn', 'target_incident', 'receiving_agency']);
    const complete: ActionInput = { reason: '理由', outcome: 'resolved_on_scene', summary: '处置完毕', allAssignmentsWithdrawn: true, targetIncidentId: 'i-1', receivingAgencyId: 'a-1' };
    fc.assert(
      fc.property(requirements, input, (required, given) => {
        const missing = missingRequirements(required, given);
        expect(missing.every((r) => required.includes(r))).toBe(true);
        expect(missingRequirements(required, { ...given, ...complete })).toEqual([]);
        const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
        if (required.includes('reason')) expect(missing.includes('reason')).toBe(blank(given.reason));
        if (required.includes('summary')) expect(missing.includes('summary')).toBe(blank(given.summary));
      }),
    );
  });
});
