import type { Role } from '@railjoint/contracts';

/** The signed-in user a request acts for; what policies decide on. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
}

/** For changes made by the platform itself (migrations, seeding, the CLI without a user). */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  username: 'system',
  displayName: 'RailJoint',
  agencyId: 'system',
  roles: ['admin'],
};
