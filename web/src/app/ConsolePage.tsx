import { useCallback, useEffect, useState } from 'react';
import type { User } from '@railjoint/contracts';
import { TopBar } from './TopBar';
import { RoomNav, type Room } from './RoomNav';
import { LocationRoom } from './LocationRoom';
import { IncidentsRoom } from '../features/incidents/IncidentsRoom';
import { UnitsRoom } from '../features/units/UnitsRoom';
import { BulletinsRoom } from '../features/bulletins/BulletinsRoom';

const PATHS: Record<Room, string> = { map: '/', incidents: '/incidents', units: '/units', bulletins: '/bulletins' };

function roomFromPath(): Room {
  const path = window.location.pathname;
  return path.startsWith(PATHS.incidents) ? 'incidents' : path.startsWith(PATHS.units) ? 'units' : path.startsWith(PATHS.bulletins) ? 'bulletins' : 'map';
}

/** The signed-in shell: the top bar, the room switch, and one room at a time (one map at a time). */
export function ConsolePage({ user, onSignOut }: { user: User; onSignOut(): void }) {
  const [room, setRoom] = useState<Room>(roomFromPath);
  useEffect(() => {
    const onPop = () => setRoom(roomFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: Room) => {
    if (window.location.pathname !== PATHS[next]) window.history.pushState(null, '', PATHS[next]);
    setRoom(next);
  }, []);
  return (
    <div className="console">
      <TopBar user={user} onSignOut={onSignOut} nav={<RoomNav room={room} onChange={go} />} />
      {room === 'map' ? <LocationRoom /> : room === 'incidents' ? <IncidentsRoom userAgencyId={user.agencyId} /> : room === 'bulletins' ? <BulletinsRoom userAgencyId={user.agencyId} roles={user.roles} /> : <UnitsRoom />}
    </div>
  );
}
