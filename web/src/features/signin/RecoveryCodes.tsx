import { useState } from 'react';
import { useT } from '../../app/i18n/useT';

/** The recovery codes, this once: copy or print them, then go on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      // clipboard refused (plain HTTP on a closed network): the codes are on screen to print or write down
    }
  };
  return (
    <section className="mfa-codes" aria-labelledby="mfa-codes-heading" data-testid="recovery-codes">
      <h2 id="mfa-codes-heading">{t('mfa.codesHeading')}</h2>
      <p>{t('mfa.codesIntro')}</p>
      <ol className="mfa-code-list">
        {codes.map((c) => (
          <li key={c} className="mono" data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <div className="mfa-actions no-print">
        <button type="button" className="btn" data-testid="recovery-copy" onClick={copy}>
          {copied ? t('mfa.copied') : t('mfa.copy')}
        </button>
        <button type="button" className="btn" data-testid="recovery-print" onClick={() => window.print()}>
          {t('mfa.print')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="recovery-done" onClick={onDone}>
          {t('mfa.codesSaved')}
        </button>
      </div>
    </section>
  );
}
