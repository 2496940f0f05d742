import type { AgencyType, Role } from '@railjoint/contracts';
import type { RosterEntry } from './organisation.js';

export interface DemoUser {
  username: string;
  displayName: string;
  agencyId: string;
  roles: Role[];
}

interface Seat {
  suffix: string;
  label: string;
  roles: Role[];
}

/**
 * Who signs in for each kind of agency: enough people to play every part of a joint response
 * (take the call, command, go to the scene, liaise, patrol) and no more.
 */
const SEATS: Record<AgencyType, Seat[]> = {
  railway_police_bureau: [{ suffix: 'commander', label: '局指挥中心值班领导', roles: ['commander'] }],
  railway_police_department: [
    { suffix: 'commander', label: '处值班领导', roles: ['commander'] },
    { suffix: 'analyst', label: '情报研判民警', roles: ['analyst'] },
  ],
  coordination_centre: [
    { suffix: 'dispatcher1', label: '接警调度员一', roles: ['dispatcher'] },
    { suffix: 'dispatcher2', label: '接警调度员二', roles: ['dispatcher'] },
    { suffix: 'dispatcher3', label: '接警调度员三', roles: ['dispatcher'] },
    { suffix: 'dispatcher4', label: '接警调度员四', roles: ['dispatcher'] },
    { suffix: 'commander', label: '值班指挥长', roles: ['commander', 'dispatcher'] },
    { suffix: 'analyst', label: '研判分析员', roles: ['analyst'] },
    { suffix: 'auditor', label: '审计员', roles: ['auditor'] },
  ],
  railway_police_station: [
    { suffix: 'officer', label: '值班民警', roles: ['officer'] },
    { suffix: 'commander', label: '值班所领导', roles: ['commander', 'officer'] },
  ],
  train_police_team: [
    { suffix: 'officer', label: '值乘乘警', roles: ['officer'] },
    { suffix: 'commander', label: '大队值班领导', roles: ['commander', 'officer'] },
  ],
  county_police_bureau: [{ suffix: 'liaison', label: '铁路联络员', roles: ['liaison'] }],
  township: [{ suffix: 'liaison', label: '护路联络员', roles: ['liaison'] }],
  railway_station: [{ suffix: 'officer', label: '值班站长', roles: ['officer'] }],
  track_maintenance_section: [{ suffix: 'officer', label: '段调度', roles: ['officer'] }],
  power_supply_section: [{ suffix: 'officer', label: '段调度', roles: ['officer'] }],
  security_company: [{ suffix: 'officer', label: '护卫队长', roles: ['officer'] }],
  volunteer_team: [
    { suffix: 'volunteer1', label: '护路队员一', roles: ['volunteer'] },
    { suffix: 'volunteer2', label: '护路队员二', roles: ['volunteer'] },
  ],
};

/**
 * Users for every agency on the roster. `seatsPer` limits how many seats each agency gets (the
 * national demo keeps one), and `skip` leaves some agency types without users.
 */
export function buildUsers(roster: readonly RosterEntry[], opts: { seatsPer?: number; skip?: AgencyType[] } = {}): DemoUser[] {
  const users: DemoUser[] = [];
  const taken = new Set<string>();
  for (const { agency, code } of roster) {
    if (opts.skip?.includes(agency.type)) continue;
    for (const seat of SEATS[agency.type].slice(0, opts.seatsPer ?? Infinity)) {
      const username = `${code}.${seat.suffix}`.toLowerCase();
      if (!/^[a-z0-9_.-]{2,64}$/.test(username)) throw new Error(`bad demo username ${username}`);
      if (taken.has(username)) throw new Error(`demo username ${username} used twice`);
      taken.add(username);
      users.push({ username, displayName: `${agency.name}·${seat.label}`.slice(0, 100), agencyId: agency.id, roles: seat.roles });
    }
  }
  return users;
}
