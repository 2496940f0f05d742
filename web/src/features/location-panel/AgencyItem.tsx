import type { AgencyRef } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** One agency as a dispatcher needs it: who, what kind of body, and why it is on the list. */
export function AgencyItem({ agency }: { agency: AgencyRef }) {
  const { t } = useT();
  return (
    <li className="agency" data-agency-id={agency.agencyId}>
      <span className="agency-name">{agency.name}</span>
      <span className={`agency-type agency-type-${agency.type}`}>{t(`agency.${agency.type}`)}</span>
      {agency.via && <span className="agency-via">{t(`via.${agency.via}`)}</span>}
    </li>
  );
}
