import type { Role } from '@railjoint/contracts';
import { ROLES } from '@railjoint/contracts';

/**
 * A read rule as data. Each kind of resource names the relations a reader's agency can have to
 * one (lead agency, recipient, command member…), the other facts the rule looks at
 * (classification, status…) and the grants that let a reader in. The services evaluate it with
 * `allows`, the SQL filters of lists state it again, and the access-matrix test derives its
 * expectations from these same grants — so a route, a list, the live channel and the test cannot
 * drift apart without a test failing.
 */
export interface ReadPolicy<R extends string = string, D extends Record<string, string> = Record<string, string>> {
  resource: string;
  relations: readonly R[];
  /** each further fact and the values it can take */
  dimensions: { readonly [K in keyof D]: readonly D[K][] };
  grants: readonly Grant<R, D>[];
  /** what the rule means, for people (docs and the matrix test's messages) */
  summary: string;
}

export interface Grant<R extends string, D extends Record<string, string>> {
  /** the reader's agency stands in one of these to the resource (absent: no relation needed) */
  relation?: readonly R[];
  /** the reader holds one of these roles (absent: any role) */
  roles?: readonly Role[];
  /** the resource's other facts must take one of these values */
  when?: { readonly [K in keyof D]?: readonly D[K][] };
  why: string;
}

/** What is true of one reader and one resource. A reader's agency may stand in several relations. */
export interface Facts<R extends string = string, D extends Record<string, string> = Record<string, string>> {
  relations: readonly R[];
  dims: D;
}

/** The grant that lets this reader in, or null. */
export function grantFor<R extends string, D extends Record<string, string>>(policy: ReadPolicy<R, D>, roles: readonly Role[], facts: Facts<R, D>): Grant<R, D> | null {
  for (const g of policy.grants) {
    if (g.relation && !g.relation.some((r) => facts.relations.includes(r))) continue;
    if (g.roles && !g.roles.some((r) => roles.includes(r))) continue;
    if (g.when && !Object.entries(g.when).every(([k, values]) => (values as readonly string[]).includes(facts.dims[k as keyof D] as string))) continue;
    return g;
  }
  return null;
}

export function allows<R extends string, D extends Record<string, string>>(policy: ReadPolicy<R, D>, roles: readonly Role[], facts: Facts<R, D>): boolean {
  return grantFor(policy, roles, facts) !== null;
}

/**
 * Roles that work cases. The auditor (审计员) is kept apart from the business data it audits, as
 * MLPS 2.0 level 3 separates the duties of administrators, security officers and auditors: an
 * auditor reads the audit trail and nothing else.
 */
export const CASE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'auditor');

/** The coordination centre's own staff who oversee every case of the department. */
export const CENTRE_STAFF: readonly Role[] = ['admin', 'dispatcher', 'commander', 'analyst'];
