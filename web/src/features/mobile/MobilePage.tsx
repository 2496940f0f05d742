import { useEffect } from 'react';
import { Link, NavLink, Navigate, Route, Routes, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints';
import { queryKeys } from '../../api/queryClient';
import type { User } from '@railjoint/contracts';
import { useLiveMode, useLiveSync } from '../../api/useLiveSync';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { useT } from '../../app/i18n/useT';
import { PatrolApp } from '../patrol-mobile/PatrolApp';
import { registerPatrolWorker } from '../patrol-mobile/registerPatrolWorker';
import { forgetAccount, rememberAccount } from '../patrol-mobile/offlineSession';
import { offlineStore } from '../patrol-mobile/offlineStore';
import { useDayData } from '../patrol-mobile/useDayData';
import { MobileJobs } from './MobileJobs';
import './mobile.css';

/**
 * /mobile: the phone. Two jobs live here: a unit crew's assignments (/mobile/jobs) and the patrol
 * app of joint-defence team members (/mobile/patrol, offline first). Someone who is both — a
 * station officer on a patrol team — gets both as tabs; otherwise only their own. /mobile opens
 * the patrol app for a patrol member without a unit of their agency, the jobs otherwise.
 */
export function MobilePage({ user, onSignOut }: { user: User; onSignOut(): void }) {
  const { t } = useT();
  // the phone's own live channel: new jobs and status changes arrive as they happen
  useLiveSync();
  const mode = useLiveMode();
  // the same read as the jobs' unit list (one cache entry), here to know when it has answered
  const units = useQuery({ queryKey: queryKeys.units, queryFn: async ({ signal }) => (await api.units(signal)).units });
  const day = useDayData(user);
  const hasUnits = (units.data ?? []).some((u) => u.agencyId === user.agencyId);
  const patrolMember = (day.data?.teams ?? []).length > 0;
  const deciding = (day.data === null && day.loading) || units.isPending;
  const atIndex = /^\/mobile\/?$/.test(useLocation().pathname);

  useEffect(() => {
    document.body.classList.add('is-mobile');
    registerPatrolWorker();
    return () => document.body.classList.remove('is-mobile');
  }, []);
  useEffect(() => {
    void rememberAccount(user);
  }, [user]);
  // signing out forgets the account and its copies of the server's data; its unsent writes stay
  // on the phone until it signs in again (nothing recorded is lost)
  const signOut = () => {
    forgetAccount();
    void offlineStore.forget(user.username).catch(() => undefined);
    onSignOut();
  };

  return (
    <div className="mobile-page" data-testid="mobile-page">
      <header className="mobile-head">
        <strong>RailJoint · {t('mobile.title')}</strong>
        <span className="muted">{user.agencyName ?? user.agencyId}</span>
        <span className={`feed-mode feed-${mode}`} data-testid="feed-mode" data-mode={mode}>
          {t(`feed.${mode}`)}
        </span>
        <LanguageSwitch />
        <Link className="btn btn-quiet" to="/">
          {t('mobile.console')}
        </Link>
        <button type="button" className="btn btn-quiet" data-testid="signout" onClick={signOut}>
          {t('topbar.signOut')}
        </button>
      </header>

      {patrolMember && (hasUnits || units.isError) && (
        <nav className="mobile-tabs" aria-label={t('mobile.title')}>
          <NavLink to="/mobile/patrol" data-testid="mobile-tab-patrol" className={({ isActive }) => (isActive ? 'is-active' : undefined)}>
            {t('patrolApp.tabPatrol')}
          </NavLink>
          <NavLink to="/mobile/jobs" data-testid="mobile-tab-jobs" className={({ isActive }) => (isActive || atIndex ? 'is-active' : undefined)}>
            {t('patrolApp.tabJobs')}
          </NavLink>
        </nav>
      )}

      <Routes>
        <Route path="patrol" element={<PatrolApp user={user} day={day} />} />
        <Route path="jobs" element={<MobileJobs user={user} />} />
        {/* a patrol member without a unit goes to the patrol app; a crew (or anyone once nothing answers) to the jobs */}
        <Route
          index
          element={
            deciding ? (
              <p className="muted" role="status">
                {t('app.loading')}
              </p>
            ) : patrolMember && !hasUnits ? (
              <Navigate replace to="/mobile/patrol" />
            ) : (
              <MobileJobs user={user} />
            )
          }
        />
        <Route path="*" element={<Navigate replace to="/mobile" />} />
      </Routes>
    </div>
  );
}
