import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Me } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { ApiError } from '../../api/errors';
import { authApi } from './authApi';
import { EnrolTotp } from './EnrolTotp';
import './signin.css';

/** The top bar's account button: change your password, set up or turn off your second factor. */
export function AccountMenu() {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-quiet" data-testid="account-menu" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('account.menu')}
      </button>
      {open && <AccountDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function AccountDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => authApi.me().then(setMe, setError);
  useEffect(() => {
    void reload();
  }, []);

  return (
    <div className="account-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="account-dialog" role="dialog" aria-modal="true" aria-labelledby="account-heading" data-testid="account-dialog">
        <header className="account-head">
          <h2 id="account-heading">{t('account.heading')}</h2>
          <button type="button" className="btn btn-quiet" data-testid="account-close" onClick={onClose}>
            {t('account.close')}
          </button>
        </header>
        {error !== null && (
          <p className="notice notice-error" role="alert">
            {errorText(error)}
          </p>
        )}
        <PasswordForm />
        {me && <SecondFactorSection me={me} onChanged={reload} />}
      </div>
    </div>
  );
}

/** The field a refusal names, so its words sit under that field. */
function fieldOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = (error.details as { fields?: Array<{ field?: unknown }> } | undefined)?.fields?.[0]?.field;
  return typeof field === 'string' ? field : null;
}

function PasswordForm() {
  const { t } = useT();
  const errorText = useErrorText();
  const first = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (next !== again) return setError(new Error(t('account.passwordsDiffer')));
    setBusy(true);
    setError(null);
    try {
      await authApi.changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const field = fieldOf(error);
  const message = error === null ? null : errorText(error);
  const under = (name: string) =>
    message && field === name ? (
      <small className="field-error" role="alert" data-testid="password-error">
        {message}
      </small>
    ) : null;

  return (
    <form className="account-section" onSubmit={submit} aria-labelledby="account-password" data-testid="password-form">
      <h3 id="account-password">{t('account.password')}</h3>
      {done && (
        <p className="notice notice-info" role="status" data-testid="password-changed">
          {t('account.passwordChanged')}
        </p>
      )}
      {message && field !== 'body.currentPassword' && field !== 'body.newPassword' && (
        <p className="notice notice-error" role="alert" data-testid="password-error">
          {message}
        </p>
      )}
      <label className="field">
        <span>{t('account.currentPassword')}</span>
        <input ref={first} type="password" autoComplete="current-password" data-testid="password-current" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        {under('body.currentPassword')}
      </label>
      <label className="field">
        <span>{t('account.newPassword')}</span>
        <input type="password" autoComplete="new-password" data-testid="password-new" required minLength={10} maxLength={256} value={next} onChange={(e) => setNext(e.target.value)} />
        {under('body.newPassword')}
      </label>
      <label className="field">
        <span>{t('account.repeatPassword')}</span>
        <input type="password" autoComplete="new-password" data-testid="password-again" required value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <p className="muted">{t('account.passwordHint')}</p>
      <button type="submit" className="btn btn-primary" data-testid="password-save" disabled={busy}>
        {t('account.savePassword')}
      </button>
    </form>
  );
}

function SecondFactorSection({ me, onChanged }: { me: Me; onChanged(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [enrolling, setEnrolling] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState(false);
  const { enrolled, required } = me.secondFactor;

  const remove = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await authApi.totpRemove(code.replace(/\s/g, ''));
      setRemoved(true);
      setCode('');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="account-section" aria-labelledby="account-mfa" data-testid="mfa-section" data-enrolled={enrolled}>
      <h3 id="account-mfa">{t('account.mfa')}</h3>
      <p>
        {enrolled ? t('account.mfaOn') : t('account.mfaOff')} {required && t('account.mfaRequired')}
      </p>
      {removed && !enrolled && (
        <p className="notice notice-info" role="status">
          {t('account.mfaRemoved')}
        </p>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {!enrolled && !enrolling && (
        <button type="button" className="btn" data-testid="mfa-setup" onClick={() => setEnrolling(true)}>
          {t('account.mfaSetUp')}
        </button>
      )}
      {!enrolled && enrolling && (
        <EnrolTotp
          onDone={() => {
            setEnrolling(false);
            onChanged();
          }}
        />
      )}
      {enrolled && (
        <form className="account-inline" onSubmit={remove}>
          <label className="field">
            <span>{t('account.mfaRemoveHint')}</span>
            <input data-testid="mfa-remove-code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <button type="submit" className="btn" data-testid="mfa-remove" disabled={busy}>
            {t('account.mfaRemove')}
          </button>
        </form>
      )}
    </section>
  );
}
