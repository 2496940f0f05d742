import { Navigate, NavLink, useParams } from 'react-router';
import type { User } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { HazardListTab } from './HazardListTab';
import { LedgerTab } from './LedgerTab';
import { SpaceTab } from '../defensible-space/SpaceTab';
import './hazards.css';

const TABS = ['list', 'ledger', 'space'] as const;
type Tab = (typeof TABS)[number];

/**
 * 隐患: the hazards along the line under the dual section chief system — the list with one
 * hazard's page beside it (its own address, `/hazards/list/<id>`), and the ledger (台账) with its
 * counts per township, section and owner and its Excel and PDF copies, and the defensible-space
 * assessments of sites along the line (`/hazards/space/<id>`).
 */
export function HazardsRoom({ user }: { user: User }) {
  const { t } = useT();
  const { tab: param, id } = useParams();
  if (!param || !(TABS as readonly string[]).includes(param)) return <Navigate replace to={paths.hazardsTab('list')} />;
  const tab = param as Tab;
  return (
    <main className="hazards-room" data-testid="hazards-room" data-tab={tab}>
      <nav className="hazards-tabs" aria-label={t('hazards.tabs')}>
        {TABS.map((x) => (
          <NavLink key={x} to={paths.hazardsTab(x)} data-testid={`hazards-tab-${x}`} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
            {t(`hazards.tab.${x}`)}
          </NavLink>
        ))}
      </nav>
      {tab === 'list' && <HazardListTab user={user} selectedId={id} />}
      {tab === 'ledger' && <LedgerTab />}
      {tab === 'space' && <SpaceTab user={user} selectedId={id} />}
    </main>
  );
}
