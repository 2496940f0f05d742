import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { EnrolTotp } from './EnrolTotp';
import './signin.css';

/**
 * What a user whose role requires a second factor sees until they have one: the server answers
 * their session on the enrolment routes only, so there is nothing else to show.
 */
export function EnrolmentPage({ user, onEnrolled, onSignOut }: { user: User; onEnrolled(): void; onSignOut(): void }) {
  const { t } = useT();
  return (
    <main className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <section className="signin-card mfa-card" aria-labelledby="enrol-heading" data-testid="enrolment-page">
        <div className="signin-brand">
          <span className="topbar-logo" aria-hidden="true" />
          <span>{t('app.name')}</span>
          <span className="mfa-user">{user.displayName}</span>
        </div>
        <h1 id="enrol-heading">{t('mfa.enrolHeading')}</h1>
        <p className="signin-intro">{t('mfa.enrolIntro')}</p>
        <EnrolTotp onDone={onEnrolled} />
        <button type="button" className="btn btn-quiet" data-testid="signout" onClick={onSignOut}>
          {t('topbar.signOut')}
        </button>
      </section>
    </main>
  );
}
