import type { AgencyRef } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { AgencyItem } from './AgencyItem';

export function JurisdictionList({ agencies }: { agencies: AgencyRef[] }) {
  const { t } = useT();
  return (
    <section className="panel-section" aria-labelledby="jurisdiction-heading">
      <h3 id="jurisdiction-heading">{t('jurisdiction.title')}</h3>
      {agencies.length === 0 ? (
        <p className="muted" data-testid="panel-jurisdiction" data-empty="true">
          {t('jurisdiction.empty')}
        </p>
      ) : (
        <ul className="agency-list" data-testid="panel-jurisdiction">
          {agencies.map((a) => (
            <AgencyItem key={`${a.agencyId}-${a.via ?? ''}`} agency={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
