import { useState, type FormEvent } from 'react';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { ApiError } from '../../api/errors';

export type SecondFactorAnswer = { code: string } | { recoveryCode: string };

interface Props {
  onSubmit(answer: SecondFactorAnswer): Promise<void>;
  /** the challenge is gone (expired, or too many wrong codes): start again with the password */
  onBack(): void;
}

/** After the password: a code from the authenticator app, or one of the saved recovery codes. */
export function SecondFactorStep({ onSubmit, onBack }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(recovery ? { recoveryCode: value.trim() } : { code: value.replace(/\s/g, '') });
      // unmounted on success
    } catch (err) {
      setError(err);
      setValue('');
      setBusy(false);
    }
  }

  const switchMode = () => {
    setRecovery((r) => !r);
    setValue('');
    setError(null);
  };

  return (
    <form className="signin-card" onSubmit={submit} aria-labelledby="second-factor-heading" data-testid="second-factor">
      <h1 id="second-factor-heading">{t('signin.secondFactor')}</h1>
      <p className="signin-intro">{recovery ? t('signin.recoveryIntro') : t('signin.secondFactorIntro')}</p>
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="second-factor-error" data-code={error instanceof ApiError ? error.code : undefined}>
          {errorText(error)}
        </p>
      )}
      <label className="field">
        <span>{recovery ? t('signin.recoveryCode') : t('signin.code')}</span>
        {recovery ? (
          <input data-testid="second-factor-recovery" name="recoveryCode" autoComplete="off" autoCapitalize="none" spellCheck={false} required autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
        ) : (
          <input
            data-testid="second-factor-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\s*(\d\s*){6}"
            maxLength={8}
            required
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </label>
      <button className="btn btn-primary signin-submit" data-testid="second-factor-submit" type="submit" disabled={busy}>
        {busy ? t('signin.submitting') : t('signin.verify')}
      </button>
      <div className="signin-links">
        <button type="button" className="btn btn-quiet" data-testid="second-factor-switch" onClick={switchMode}>
          {recovery ? t('signin.useCode') : t('signin.useRecovery')}
        </button>
        <button type="button" className="btn btn-quiet" data-testid="second-factor-back" onClick={onBack}>
          {t('signin.back')}
        </button>
      </div>
    </form>
  );
}
