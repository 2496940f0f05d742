import { useQuery } from '@tanstack/react-query';
import { useT } from '../../app/i18n/useT';
import { queryKeys } from '../../api/queryClient';
import { request } from '../../api/client';
import { BulletinList } from '@railjoint/contracts';
import { alertsQuery, isWaiting } from './alertApi';
import { roomOf, type AlertRoom } from './alertKinds';

/** Bulletins the reader's agency has still to acknowledge: the bulletins room's own count. */
const toAcknowledgeQuery = {
  queryKey: [...queryKeys.bulletins, 'to-acknowledge'] as const,
  queryFn: async ({ signal }: { signal: AbortSignal }) => (await request('GET', '/api/bulletins', { query: { view: 'unacknowledged', limit: 1 }, schema: BulletinList, signal })).total,
};

/**
 * The badge on a room's tab: the alerts waiting there, and for the bulletins room the bulletins
 * still to acknowledge (taking an alert does not acknowledge the bulletin it is about).
 */
export function RoomBadge({ room }: { room: AlertRoom }) {
  const { t } = useT();
  const alerts = useQuery(alertsQuery).data?.alerts ?? [];
  const toAcknowledge = useQuery({ ...toAcknowledgeQuery, enabled: room === 'bulletins' }).data ?? 0;
  const waiting = alerts.filter((a) => isWaiting(a) && roomOf(a) === room).length;
  const n = room === 'bulletins' ? Math.max(toAcknowledge, waiting) : waiting;
  if (n === 0) return null;
  return (
    <span className="room-badge" data-testid={`room-badge-${room}`} aria-label={t('alerts.bellLabel', { n })}>
      {n}
    </span>
  );
}
