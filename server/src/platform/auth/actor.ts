import type { AgencyType, Role } from '@railjoint/contracts';

/** The signed-in user a request acts for; what policies decide on. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  /** null for the platform's own actors and agencies not (yet) imported */
  agencyType: AgencyType | null;
  roles: Role[];
  /** the user must enrol a second factor before doing anything else (auth/mfa-policy.ts) */
  mfaEnrolmentDue?: boolean;
}

/** For changes made by the platform itself (migrations, seeding, the CLI without a user). */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  username: 'system',
  displayName: 'RailJoint',
  agencyId: 'system',
  agencyType: null,
  roles: ['admin'],
};
