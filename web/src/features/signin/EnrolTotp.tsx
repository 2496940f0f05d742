import { useState, type FormEvent } from 'react';
import type { TotpSetupResponse } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { authApi } from './authApi';
import { RecoveryCodes } from './RecoveryCodes';

/**
 * Enrolling an authenticator app: the server's QR code (an SVG shown as an image, so nothing of
 * it runs), the key for typing in by hand, a first code to confirm, then the recovery codes once.
 */
export function EnrolTotp({ onDone }: { onDone(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setSetup(await authApi.totpSetup()));
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setCodes((await authApi.totpConfirm(code.replace(/\s/g, ''))).recoveryCodes);
      setCode('');
    });
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  return (
    <div className="mfa-enrol" data-testid="totp-enrol">
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="totp-error">
          {errorText(error)}
        </p>
      )}
      {!setup ? (
        <button type="button" className="btn btn-primary" data-testid="totp-start" disabled={busy} onClick={start}>
          {t('mfa.start')}
        </button>
      ) : (
        <form className="mfa-steps" onSubmit={confirm}>
          <p>{t('mfa.step1')}</p>
          <img className="mfa-qr" data-testid="totp-qr" alt={t('mfa.qrAlt')} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`} />
          <p>{t('mfa.step2')}</p>
          <code className="mfa-secret mono" data-testid="totp-secret" data-secret={setup.secret}>
            {setup.secret.match(/.{1,4}/g)!.join(' ')}
          </code>
          <label className="field">
            <span>{t('mfa.step3')}</span>
            <input data-testid="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={8} required value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-primary" data-testid="totp-confirm" disabled={busy}>
            {t('mfa.confirm')}
          </button>
        </form>
      )}
    </div>
  );
}
