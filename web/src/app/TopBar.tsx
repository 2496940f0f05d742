import type { ReactNode } from 'react';
import type { User } from '@railjoint/contracts';
import { useT } from './i18n/useT';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import { AccountMenu } from '../features/signin/AccountMenu';

/**
 * Account names often begin with the agency ("柳州…中心・接警调度员一"); the agency is shown beside
 * the name anyway, and truncating the repeated part first would hide the part that tells people apart.
 */
function shortName(user: User): string {
  const agency = user.agencyName;
  if (!agency || !user.displayName.startsWith(agency)) return user.displayName;
  return user.displayName.slice(agency.length).replace(/^[\s·・\-—]+/, '') || user.displayName;
}

export function TopBar({ user, onSignOut, nav, tools }: { user: User; onSignOut(): void; nav?: ReactNode; tools?: ReactNode }) {
  const { t } = useT();
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <span className="topbar-logo" aria-hidden="true" />
        <strong>{t('app.name')}</strong>
        <span className="topbar-title">{t('app.title')}</span>
      </div>
      {nav}
      <div className="topbar-tools">
        {tools}
        <span
          className="topbar-user"
          data-testid="topbar-user"
          aria-label={t('topbar.user')}
          // names can be long (agency + post); the bar truncates them, the tooltip keeps them whole
          title={`${user.displayName} · ${user.agencyName ?? t('topbar.noAgency')}`}
        >
          <span className="topbar-user-name">{shortName(user)}</span>
          <span className="topbar-user-agency">{user.agencyName ?? t('topbar.noAgency')}</span>
        </span>
        <LanguageSwitch />
        <AccountMenu />
        <button type="button" className="btn btn-quiet" data-testid="signout" onClick={onSignOut}>
          {t('topbar.signOut')}
        </button>
      </div>
    </header>
  );
}
