import { useT } from './i18n/useT';

export type Room = 'map' | 'incidents' | 'units' | 'bulletins';
const ROOMS: Room[] = ['map', 'incidents', 'units', 'bulletins'];

export function RoomNav({ room, onChange }: { room: Room; onChange(room: Room): void }) {
  const { t } = useT();
  return (
    <nav className="room-nav" aria-label={t('nav.label')}>
      {ROOMS.map((r) => (
        <button key={r} type="button" data-testid={`nav-${r}`} className={r === room ? 'is-active' : undefined} aria-current={r === room ? 'page' : undefined} onClick={() => onChange(r)}>
          {t(`nav.${r}`)}
        </button>
      ))}
    </nav>
  );
}
