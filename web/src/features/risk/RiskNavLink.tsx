import { NavLink } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useSignedInUser } from '../../app/signedInUser';
import { useMayReadRisk } from './riskApi';

/** 风险 in the room bar, only for those the server lets read risk along the line. */
export function RiskNavLink() {
  const { t } = useT();
  const may = useMayReadRisk(useSignedInUser());
  if (!may) return null;
  return (
    <NavLink to={paths.risk} data-testid="nav-risk" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
      {t('nav.risk')}
    </NavLink>
  );
}
