import type { Agency } from '@railjoint/contracts';
import { AgreementsPanel } from './AgreementsPanel';
import { WebhooksPanel } from './WebhooksPanel';
import './sharing-admin.css';

/** Data-sharing agreements (admins) and the agency's webhooks (commanders and admins). */
export function SharingAdmin({ agencies, roles }: { agencies: Agency[]; roles: readonly string[] }) {
  return (
    <div className="sharing-admin" data-testid="sharing-admin">
      {roles.includes('admin') && <AgreementsPanel agencies={agencies} />}
      <WebhooksPanel />
    </div>
  );
}
