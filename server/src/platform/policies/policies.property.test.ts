import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type AgencyType, type Role } from '@railjoint/contracts';
import type { Actor } from '../auth/actor.js';
import { allows, type Facts, type ReadPolicy } from './grants.js';
import { READ_POLICIES } from './catalogue.js';
import { BULLETIN_READ, bulletinAccess, CLASS_RANK, type ClassificationName } from './bulletins.js';
import { incidentScope } from './incidents.js';
import { taskScope } from './tasks.js';
import { unitScope } from './units.js';

const POLICIES = Object.values(READ_POLICIES) as ReadPolicy<string, Record<string, string>>[];
const roles = fc.subarray([...ROLES] as Role[]);
const AGENCY_TYPES: AgencyType[] = ['coordination_centre', 'railway_police_station', 'county_police_bureau', 'township', 'train_police_team', 'volunteer_team'];

/** Any reader and any facts a policy could be asked about. */
const policyCase = fc.constantFrom(...POLICIES).chain((policy) =>
  fc.record({
    policy: fc.constant(policy),
    roles,
    relations: fc.subarray([...policy.relations]),
    dims: fc.record(Object.fromEntries(Object.entries(policy.dimensions).map(([k, values]) => [k, fc.constantFrom(...(values as string[]))])) as Record<string, fc.Arbitrary<string>>),
  }),
);

const actor = (agencyType: AgencyType, r: Role[]): Actor => ({ userId: 'u', username: 'u', displayName: 'u', agencyId: 'a', agencyType, roles: r });

describe('read rules', () => {
  it('only ever widen with more relations or more roles (grants add, never take away)', () => {
    fc.assert(
      fc.property(policyCase, roles, ({ policy, roles: r, relations, dims }, moreRoles) => {
        const before = allows(policy, r, { relations, dims } as Facts);
        const after = allows(policy, [...new Set([...r, ...moreRoles])], { relations: [...policy.relations], dims } as Facts);
        return !before || after;
      }),
    );
  });

  it('let an auditor read no case data at all, whatever the relation', () => {
    fc.assert(fc.property(policyCase, ({ policy, relations, dims }) => !allows(policy, ['auditor'], { relations, dims } as Facts)));
  });

  it('refuse a reader with no role, and a reader with no relation unless the data is public', () => {
    fc.assert(
      fc.property(policyCase, ({ policy, roles: r, dims }) => {
        if (allows(policy, [], { relations: [...policy.relations], dims } as Facts)) return false;
        const bare = allows(policy, r, { relations: [], dims } as Facts);
        // only administrators, and everyone for public bulletins, read without any relation
        return !bare || r.includes('admin') || (policy.resource.startsWith('bulletin') && dims.classification === 'public');
      }),
    );
  });

  it('never show a bulletin at a higher classification to someone refused it at a lower one', () => {
    const ranks = Object.keys(CLASS_RANK) as ClassificationName[];
    fc.assert(
      fc.property(roles, fc.subarray([...BULLETIN_READ.relations]), fc.constantFrom('covers', 'none'), fc.constantFrom('yes', 'no'), fc.integer({ min: 0, max: 2 }), (r, relations, agreement, roleFits, rank) => {
        const at = (c: ClassificationName) => allows(BULLETIN_READ, r, { relations, dims: { classification: c, agreement: agreement as 'covers', roleFits: roleFits as 'yes' } });
        return !at(ranks[rank + 1]!) || at(ranks[rank]!);
      }),
    );
  });

  it('give the SQL scopes exactly what the grants give: all, one agency’s relations, or nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...AGENCY_TYPES), roles, (type, r) => {
        const a = actor(type, r);
        const centre = type === 'coordination_centre' ? ['centre'] : [];
        for (const [scope, policy, own] of [
          [incidentScope(a), READ_POLICIES.incident, 'lead'],
          [taskScope(a), READ_POLICIES.task, 'issuer'],
          [unitScope(a), READ_POLICIES.unit, 'owner'],
        ] as const) {
          const all = allows(policy as ReadPolicy, r, { relations: centre, dims: {} });
          expect(scope.all).toBe(all);
          if (!scope.all) expect(scope.agencyId !== null).toBe(allows(policy as ReadPolicy, r, { relations: [own], dims: {} }));
        }
      }),
    );
  });

  it('hand the bulletin SQL filter the same limits the grants state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...AGENCY_TYPES), roles, fc.constantFrom(...(Object.keys(CLASS_RANK) as ClassificationName[])), (type, r, c) => {
        const access = bulletinAccess(actor(type, r));
        const rank = CLASS_RANK[c];
        const sees = (relations: Array<'sender' | 'centre' | 'recipient'>, agreement: 'covers' | 'none' = 'covers') => allows(BULLETIN_READ, r, { relations, dims: { classification: c, agreement, roleFits: 'yes' } });
        expect(access.senderSees).toBe(sees(['sender'], 'none'));
        if (type === 'coordination_centre') expect(access.centreUpTo >= rank).toBe(sees(['centre'], 'none'));
        else expect(access.centreUpTo).toBe(-1);
        if (rank >= 1) expect(access.recipientUpTo >= rank).toBe(sees(['recipient']));
      }),
    );
  });
});
