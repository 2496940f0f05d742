import { lazy, Suspense } from 'react';
import { Navigate, NavLink, useParams } from 'react-router';
import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { COVERAGE_PATH, CoverageRoom } from './CoverageRoom';
import './coverage.css';

const TeamsTab = lazy(() => import('../patrol-admin/TeamsTab').then((m) => ({ default: m.TeamsTab })));
const CheckpointsTab = lazy(() => import('../patrol-admin/CheckpointsTab').then((m) => ({ default: m.CheckpointsTab })));
const PrintSheet = lazy(() => import('../patrol-admin/PrintSheet').then((m) => ({ default: m.PrintSheet })));
const PlansTab = lazy(() => import('../patrol-admin/PlansTab').then((m) => ({ default: m.PlansTab })));
const StatementsTab = lazy(() => import('../patrol-admin/StatementsTab').then((m) => ({ default: m.StatementsTab })));

const TABS = ['coverage', 'teams', 'checkpoints', 'plans', 'statements'] as const;
type Tab = (typeof TABS)[number];

/** Each tab's address: the coverage view keeps the room's own, /patrols. */
export const patrolsPath = (tab: Tab) => (tab === 'coverage' ? COVERAGE_PATH : `${COVERAGE_PATH}/${tab}`);
export const PRINT_PATH = `${COVERAGE_PATH}/checkpoints/print`;

/**
 * 巡防: the coverage view first, then the work that makes it — teams and their members,
 * checkpoints with their printed codes, patrol plans, and the monthly hours and points — each at
 * its own address under /patrols.
 */
export function PatrolsRoom({ user }: { user: User }) {
  const { t } = useT();
  const rest = (useParams()['*'] ?? '').replace(/\/+$/, '');
  const [first = '', second] = rest.split('/');
  const tab: Tab | null = first === '' ? 'coverage' : (TABS as readonly string[]).includes(first) ? (first as Tab) : null;
  if (tab === null || (second !== undefined && !(tab === 'checkpoints' && second === 'print'))) return <Navigate replace to={COVERAGE_PATH} />;
  const printing = second === 'print';
  const loading = (
    <p className="muted patrol-admin-loading" role="status">
      {t('patrolAdmin.loading')}
    </p>
  );
  return (
    <div className="patrols-room" data-testid="patrols-room" data-tab={tab}>
      <nav className="patrols-tabs no-print" aria-label={t('patrolAdmin.tabs')}>
        {TABS.map((x) => (
          <NavLink key={x} to={patrolsPath(x)} end data-testid={`patrols-tab-${x}`} className={({ isActive }) => (isActive || (x === 'checkpoints' && printing) ? 'is-active' : undefined)}>
            {t(`patrolAdmin.tab.${x}`)}
          </NavLink>
        ))}
      </nav>
      {tab === 'coverage' ? (
        <CoverageRoom />
      ) : (
        <main className="patrol-admin" data-testid={`patrol-admin-${printing ? 'print' : tab}`}>
          <Suspense fallback={loading}>
            {tab === 'teams' && <TeamsTab user={user} />}
            {tab === 'checkpoints' && (printing ? <PrintSheet /> : <CheckpointsTab user={user} />)}
            {tab === 'plans' && <PlansTab user={user} />}
            {tab === 'statements' && <StatementsTab />}
          </Suspense>
        </main>
      )}
    </div>
  );
}
