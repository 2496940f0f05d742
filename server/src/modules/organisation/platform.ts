/**
 * The agency the platform's administrators belong to. It is an account holder, not an agency of
 * the department: it is never told of an incident, addressed by an alert or offered in a list of
 * agencies to notify, even though it carries the coordination centre's type so that its
 * administrators oversee everything.
 */
export const PLATFORM_AGENCY_ID = 'platform';

export function isPlatformAgency(id: string): boolean {
  return id === PLATFORM_AGENCY_ID;
}
