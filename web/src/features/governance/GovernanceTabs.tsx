import { NavLink } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import './governance.css';

/**
 * The rooms of collaborative governance (协同治理) share one place in the room bar: each has its
 * own address and this strip of tabs at its top. A new governance room adds itself here (its path
 * and the key of its name in the catalogue), not to the room bar, which has no width left on a
 * 1366-px desk.
 */
export const GOVERNANCE_TABS = [
  { key: 'governance.tab.meetings', to: paths.meetings, testid: 'gov-tab-meetings' },
  { key: 'governance.tab.briefings', to: paths.briefings, testid: 'gov-tab-briefings' },
  { key: 'governance.tab.assessment', to: paths.assessment, testid: 'gov-tab-assessment' },
  { key: 'governance.tab.sfic', to: paths.sfic, testid: 'gov-tab-sfic' },
  { key: 'governance.tab.indicators', to: paths.indicators, testid: 'gov-tab-indicators' },
  { key: 'governance.tab.responsibility', to: paths.responsibilityList, testid: 'gov-tab-responsibility' },
  { key: 'governance.tab.agreements', to: paths.agreements, testid: 'gov-tab-agreements' },
] as const satisfies ReadonlyArray<{ key: string; to: string; testid: string }>;

export const isGovernancePath = (pathname: string) => GOVERNANCE_TABS.some((x) => pathname === x.to || pathname.startsWith(`${x.to}/`));

export function GovernanceTabs() {
  const { t } = useT();
  return (
    <nav className="governance-tabs" aria-label={t('governance.tabs')}>
      {GOVERNANCE_TABS.map((x) => (
        <NavLink key={x.to} to={x.to} data-testid={x.testid} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
          {t(x.key)}
        </NavLink>
      ))}
    </nav>
  );
}
