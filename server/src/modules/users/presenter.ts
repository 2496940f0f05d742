import type { AgencyType, Role, User } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import type { UserWithAgency } from './store.js';

export function presentUser(row: UserWithAgency): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    roles: JSON.parse(row.roles) as Role[],
    disabled: row.disabled === 1,
  };
}

export function actorOf(row: UserWithAgency): Actor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    agencyId: row.agency_id,
    agencyType: row.agency_type as AgencyType | null,
    roles: JSON.parse(row.roles) as Role[],
  };
}
