import { useRouteSync } from './useRouteSync';
import { useSession } from './useSession';
import { useT } from './i18n/useT';
import { SignInPage } from '../features/signin/SignInPage';
import { EnrolmentPage } from '../features/signin/EnrolmentPage';
import { ConsolePage } from './ConsolePage';
import { MobilePage } from '../features/mobile/MobilePage';
import { AuditPage } from '../features/audit/AuditPage';

/** /mobile (or signing in on the way there) shows the units' phone view instead of the console. */
function wantsMobile(): boolean {
  const { pathname, search } = window.location;
  return pathname.startsWith('/mobile') || (new URLSearchParams(search).get('next') ?? '').startsWith('/mobile');
}

export function App() {
  const { session, signIn, completeSecondFactor, enrolled, signOut } = useSession();
  const { t } = useT();
  useRouteSync(session.status);

  if (session.status === 'checking') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (session.status === 'signed-out') {
    return <SignInPage notice={session.notice} startupError={session.error} onSignIn={signIn} onSecondFactor={completeSecondFactor} />;
  }
  // the server answers nothing else until a required second factor is set up
  if (session.enrolmentDue) return <EnrolmentPage user={session.user} onEnrolled={enrolled} onSignOut={signOut} />;
  if (wantsMobile()) return <MobilePage user={session.user} onSignOut={signOut} />;
  // auditors read the trail and nothing else: their workplace is the audit page
  if (session.user.roles.includes('auditor')) return <AuditPage user={session.user} onSignOut={signOut} />;
  return <ConsolePage user={session.user} onSignOut={signOut} />;
}
