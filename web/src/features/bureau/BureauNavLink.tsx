import { NavLink } from 'react-router';
import { useT } from '../../app/i18n/useT';
import { useFederation } from './bureauApi';

export const BUREAU_PATH = '/bureau';

/** The room's tab, shown only on a node of a bureau network to those who may watch its links. */
export function BureauNavLink() {
  const { t } = useT();
  const overview = useFederation(60_000).data;
  if (!overview || overview.self.role === 'standalone' || overview.nodes.length === 0) return null;
  return (
    <NavLink to={BUREAU_PATH} end data-testid="nav-bureau" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
      {t('nav.bureau')}
    </NavLink>
  );
}
