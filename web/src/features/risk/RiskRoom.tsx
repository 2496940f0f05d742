import { Navigate, NavLink, useParams } from 'react-router';
import { paths } from '../../app/paths';
import { useT } from '../../app/i18n/useT';
import { StripTab } from './StripTab';
import { BacktestTab } from './BacktestTab';
import { PostsTab } from '../allocation/PostsTab';
import { PatrolDutiesTab } from '../patrol-game/PatrolDutiesTab';
import { WhatIfTab } from '../what-if/WhatIfTab';
import { EffectivenessTab } from '../allocation/EffectivenessTab';
import './risk.css';

const TABS = ['strip', 'backtest', 'posts', 'patrols', 'what-if', 'effectiveness'] as const;
type Tab = (typeof TABS)[number];

/**
 * 风险: where along the line the next incidents are likely — the risk strip of one line by each
 * method with its riskiest cells — and how well each method would have predicted a window it
 * never saw (the backtest, beside the retrospective baseline).
 */
export function RiskRoom() {
  const { t } = useT();
  const { tab: param } = useParams();
  if (!param || !(TABS as readonly string[]).includes(param)) return <Navigate replace to={paths.riskTab('strip')} />;
  const tab = param as Tab;
  return (
    <main className="risk-room" data-testid="risk-room" data-tab={tab}>
      <nav className="risk-tabs" aria-label={t('risk.tabs')}>
        {TABS.map((x) => (
          <NavLink key={x} to={paths.riskTab(x)} data-testid={`risk-tab-${x}`} className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
            {t(`risk.tab.${x}`)}
          </NavLink>
        ))}
      </nav>
      {tab === 'strip' && <StripTab />}
      {tab === 'backtest' && <BacktestTab />}
      {tab === 'posts' && <PostsTab />}
      {tab === 'patrols' && <PatrolDutiesTab />}
      {tab === 'what-if' && <WhatIfTab />}
      {tab === 'effectiveness' && <EffectivenessTab />}
    </main>
  );
}
