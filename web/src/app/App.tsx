import { useRouteSync } from './useRouteSync';
import { useSession } from './useSession';
import { useT } from './i18n/useT';
import { SignInPage } from '../features/signin/SignInPage';
import { ConsolePage } from './ConsolePage';

export function App() {
  const { session, signIn, signOut } = useSession();
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
    return <SignInPage notice={session.notice} startupError={session.error} onSignIn={signIn} />;
  }
  return <ConsolePage user={session.user} onSignOut={signOut} />;
}
