import { NavLink, useLocation } from 'react-router';
import { useT } from './i18n/useT';
import { paths } from './paths';
import { RoomBadge } from '../features/alerts/RoomBadge';
import { BureauNavLink } from '../features/bureau/BureauNavLink';
import { COVERAGE_PATH } from '../features/patrol-coverage/CoverageRoom';
import { RiskNavLink } from '../features/risk/RiskNavLink';
import { isGovernancePath } from '../features/governance/GovernanceTabs';

const ROOMS = [
  { room: 'map', to: paths.map, end: true },
  { room: 'incidents', to: paths.incidents, end: false },
  { room: 'units', to: paths.units, end: true },
  { room: 'bulletins', to: paths.bulletins, end: false },
] as const;

/** The rooms as links: each has its own address, so the browser's back button and a reload keep it. */
export function RoomNav() {
  const { t } = useT();
  // `/` is the map too (where signing in lands)
  const { pathname } = useLocation();
  const home = pathname === '/';
  return (
    <nav className="room-nav" aria-label={t('nav.label')}>
      {ROOMS.map(({ room, to, end }) => (
        <NavLink key={room} to={to} end={end} data-testid={`nav-${room}`} className={({ isActive }) => (isActive || (room === 'map' && home) ? 'is-active' : undefined)}>
          {t(`nav.${room}`)}
          <RoomBadge room={room} />
        </NavLink>
      ))}
      <NavLink to={paths.defence} data-testid="nav-defence" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
        {t('nav.defence')}
        <RoomBadge room="defence" />
      </NavLink>
      <NavLink to={paths.hazards} data-testid="nav-hazards" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
        {t('nav.hazards')}
        <RoomBadge room="hazards" />
      </NavLink>
      <RiskNavLink />
      <NavLink to={paths.meetings} data-testid="nav-governance" className={() => (isGovernancePath(pathname) ? 'is-active' : undefined)}>
        {t('nav.governance')}
      </NavLink>
      <NavLink to={COVERAGE_PATH} data-testid="nav-patrols" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
        {t('coverage.nav')}
        <RoomBadge room="patrols" />
      </NavLink>
      <BureauNavLink />
    </nav>
  );
}

