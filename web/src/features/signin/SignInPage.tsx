import { useState, type FormEvent } from 'react';
import type { SecondFactorChallenge } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { useErrorText } from '../../api/useErrorText';
import { SecondFactorStep, type SecondFactorAnswer } from './SecondFactorStep';
import './signin.css';

interface Props {
  notice?: 'expired' | 'signedOut';
  /** why the stored session could not be checked (server down at start) */
  startupError?: unknown;
  /** resolves with a challenge when the account has a second factor: the page then asks for it */
  onSignIn(username: string, password: string): Promise<SecondFactorChallenge | void>;
  onSecondFactor?(challenge: string, answer: SecondFactorAnswer): Promise<void>;
}

export function SignInPage({ notice, startupError, onSignIn, onSecondFactor }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(startupError ?? null);
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await onSignIn(username.trim(), password);
      // unmounted on success: the console replaces this page
      if (next) {
        setChallenge(next);
        setPassword('');
        setBusy(false);
      }
    } catch (err) {
      setError(err);
      setPassword('');
      setBusy(false);
    }
  }

  const info = notice === 'expired' ? t('signin.expired') : notice === 'signedOut' ? t('signin.signedOut') : null;

  if (challenge && onSecondFactor) {
    return (
      <main className="signin">
        <div className="signin-lang">
          <LanguageSwitch />
        </div>
        <SecondFactorStep
          onSubmit={(answer) => onSecondFactor(challenge.challenge, answer)}
          onBack={() => {
            setChallenge(null);
            setError(null);
          }}
        />
      </main>
    );
  }

  return (
    <main className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-heading">
        <div className="signin-brand">
          <span className="topbar-logo" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </div>
        <h1 id="signin-heading">
          {t('app.title')} · {t('signin.heading')}
        </h1>
        <p className="signin-intro">{t('signin.intro')}</p>
        {info && !error && (
          <p className="notice notice-info" role="status">
            {info}
          </p>
        )}
        {error !== null && (
          <p className="notice notice-error" role="alert" data-testid="signin-error">
            {errorText(error)}
          </p>
        )}
        <label className="field">
          <span>{t('signin.username')}</span>
          <input
            data-testid="signin-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('signin.password')}</span>
          <input
            data-testid="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button className="btn btn-primary signin-submit" data-testid="signin-submit" type="submit" disabled={busy}>
          {busy ? t('signin.submitting') : t('signin.submit')}
        </button>
      </form>
    </main>
  );
}
