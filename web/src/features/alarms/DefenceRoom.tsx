import { Navigate, NavLink, useParams } from 'react-router';
import type { User } from '@railjoint/contracts';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { HealthBoard } from '../devices/HealthBoard';
import { WindowCalendar } from '../maintenance/WindowCalendar';
import { WindowForm } from '../maintenance/WindowForm';
import { AlarmsPanel } from './AlarmsPanel';
import { KpiPage } from './KpiPage';
import './alarms.css';

const TABS = ['alarms', 'devices', 'windows', 'kpi'] as const;
type Tab = (typeof TABS)[number];

/**
 * 技防: the alarm operator's room — the alarm list, the devices' health, the maintenance-window
 * calendar with its form, and the ISA-18.2 figures — each part at its own address.
 */
export function DefenceRoom({ user }: { user: User }) {
  const { t } = useT();
  const param = useParams().tab;
  if (!param) return <Navigate replace to={paths.defenceTab('alarms')} />;
  if (!(TABS as readonly string[]).includes(param)) return <Navigate replace to={paths.defenceTab('alarms')} />;
  const tab = param as Tab;
  return (
    <main className="defence-room" data-testid="defence-room" data-tab={tab}>
      <nav className="defence-tabs" aria-label={t('defence.tabs')}>
        {TABS.map((x) => (
          <NavLink key={x} to={paths.defenceTab(x)} data-testid={`defence-tab-${x}`} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
            {t(`defence.tab.${x}`)}
          </NavLink>
        ))}
      </nav>
      {tab === 'alarms' && <AlarmsPanel user={user} />}
      {tab === 'devices' && <HealthBoard />}
      {tab === 'windows' && (
        <div className="windows-tab">
          <WindowCalendar />
          <WindowForm user={user} />
        </div>
      )}
      {tab === 'kpi' && <KpiPage />}
    </main>
  );
}
