import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { queryKeys } from '../../api/queryClient';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { bulletinApi } from './bulletinApi';

/** On an incident's page: the bulletins about it, and publishing one (the form knows the incident). */
export function IncidentBulletins({ incidentId, incidentCode }: { incidentId: string; incidentCode: string }) {
  const { t } = useT();
  const q = useQuery({ queryKey: [...queryKeys.bulletins, 'about', incidentId], queryFn: ({ signal }) => bulletinApi.aboutIncident(incidentId, signal) });
  const list = q.data?.bulletins ?? [];
  return (
    <section className="incident-bulletins" data-testid="incident-bulletins">
      <h3>{t('bulletin.aboutThis')}</h3>
      {list.length > 0 && (
        <ul>
          {list.map((b) => (
            <li key={b.id}>
              <Link className="mono" to={paths.bulletin(b.code)}>
                {b.code}
              </Link>{' '}
              {b.title}
            </li>
          ))}
        </ul>
      )}
      <Link className="btn btn-quiet" data-testid="incident-publish-bulletin" to={`${paths.bulletins}?about=${encodeURIComponent(incidentCode)}`}>
        {t('bulletin.publishAbout')}
      </Link>
    </section>
  );
}
