import { NavLink, useLocation } from 'react-router';
import { useT } from './i18n/useT';
import { paths } from './paths';
import { RoomBadge } from '../features/alerts/RoomBadge';
import { BureauNavLink } from '../features/bureau/BureauNavLink';

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
  const home = useLocation().pathname === '/';
  return (
    <nav className="room-nav" aria-label={t('nav.label')}>
      {ROOMS.map(({ room, to, end }) => (
        <NavLink key={room} to={to} end={end} data-testid={`nav-${room}`} className={({ isActive }) => (isActive || (room === 'map' && home) ? 'is-active' : undefined)}>
          {t(`nav.${room}`)}
          <RoomBadge room={room} />
        </NavLink>
      ))}
      <BureauNavLink />
    </nav>
  );
}

