import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { useSession } from './useSession';
import { useT } from './i18n/useT';
import { SIGN_IN_PATH, safeNext, signInPathFor } from './paths';
import { SignInPage } from '../features/signin/SignInPage';
import { EnrolmentPage } from '../features/signin/EnrolmentPage';

// The signed-in workplaces load only once someone has signed in: the sign-in page (the first page
// every desk opens) does not wait for the map engine and the rooms, and a phone never loads the map.
const ConsolePage = lazy(() => import('./ConsolePage').then((m) => ({ default: m.ConsolePage })));
const MobilePage = lazy(() => import('../features/mobile/MobilePage').then((m) => ({ default: m.MobilePage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// the public report pages (no sign-in) load on their own: a member of the public never loads the console
const PublicReportApp = lazy(() => import('../features/public-report/PublicReportApp').then((m) => ({ default: m.PublicReportApp })));

/** /report and /report/<code> are public: no session is checked or kept there; everything else is signed in. */
export function App() {
  const { pathname } = useLocation();
  if (pathname === '/report' || pathname.startsWith('/report/')) {
    return (
      <Suspense fallback={null}>
        <Routes>
          <Route path="/report/*" element={<PublicReportApp />} />
        </Routes>
      </Suspense>
    );
  }
  return <SignedInApp />;
}

function SignedInApp() {
  const { session, signIn, completeSecondFactor, enrolled, signOut } = useSession();
  const { t } = useT();
  const { pathname, search } = useLocation();
  const client = useQueryClient();
  // one user's cached reads must never show on the next user's screen
  useEffect(() => {
    if (session.status === 'signed-out') client.clear();
  }, [session.status, client]);

  if (session.status === 'checking') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (session.status === 'signed-out') {
    if (pathname !== SIGN_IN_PATH) return <Navigate replace to={signInPathFor(pathname, search)} />;
    return <SignInPage notice={session.notice} startupError={session.error} onSignIn={signIn} onSecondFactor={completeSecondFactor} />;
  }
  if (pathname === SIGN_IN_PATH) return <Navigate replace to={safeNext(search)} />;
  const { user } = session;
  // the server answers nothing else until a required second factor is set up
  if (session.enrolmentDue) return <EnrolmentPage user={user} onEnrolled={enrolled} onSignOut={signOut} />;
  const splash = (
    <div className="splash" role="status">
      {t('app.loading')}
    </div>
  );
  return (
    <Suspense fallback={splash}>
      <Routes>
        {/* /mobile: the units' phone view instead of the console */}
        <Route path="/mobile/*" element={<MobilePage user={user} onSignOut={signOut} />} />
        {/* auditors read the trail and nothing else: their workplace is the audit page */}
        <Route path="*" element={user.roles.includes('auditor') ? <AuditPage user={user} onSignOut={signOut} /> : <ConsolePage user={user} onSignOut={signOut} />} />
      </Routes>
    </Suspense>
  );
}
