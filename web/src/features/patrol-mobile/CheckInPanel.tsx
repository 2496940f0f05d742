import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/i18n/useT';
import { QrScanner } from './QrScanner';
import { hasNfc, readTagUid } from './nfc';

export interface CheckInInput {
  method: 'qr' | 'typed' | 'nfc';
  code: string;
}

/**
 * How a member proves being at a checkpoint: the camera reads its QR code, the code printed under
 * it is typed (a dirty label, a broken camera), or its NFC tag is read where the phone can.
 */
export function CheckInPanel({ name, onCheckIn, onClose }: { name: string; onCheckIn(input: CheckInInput): void; onClose(): void }) {
  const { t } = useT();
  const [mode, setMode] = useState<'choose' | 'scan' | 'nfc'>('choose');
  const [typed, setTyped] = useState('');
  const [nfcError, setNfcError] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const nfc = () => {
    setMode('nfc');
    setNfcError(false);
    abort.current = new AbortController();
    readTagUid(abort.current.signal).then(
      (uid) => onCheckIn({ method: 'nfc', code: uid }),
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setNfcError(true);
      },
    );
  };

  if (mode === 'scan') return <QrScanner onCode={(code) => onCheckIn({ method: 'qr', code })} onClose={() => setMode('choose')} />;
  return (
    <div className="patrol-checkin" data-testid="patrol-checkin-panel">
      <h3>
        {t('patrolApp.checkIn')} · {name}
      </h3>
      <button type="button" className="btn btn-primary mobile-big" data-testid="patrol-scan" onClick={() => setMode('scan')}>
        {t('patrolApp.scan')}
      </button>
      {hasNfc() && (
        <button type="button" className="btn mobile-big" data-testid="patrol-nfc" onClick={nfc}>
          {t('patrolApp.nfc')}
        </button>
      )}
      {mode === 'nfc' && <p className={nfcError ? 'notice notice-error' : 'muted'}>{nfcError ? t('patrolApp.nfcFailed') : t('patrolApp.nfcHint')}</p>}
      <form
        className="patrol-typed"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) onCheckIn({ method: 'typed', code: typed.trim().toUpperCase() });
        }}
      >
        <label>
          {t('patrolApp.typeCode')}
          <input className="mobile-big mono" data-testid="patrol-code" value={typed} autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="XXXXX-XXXXX" onChange={(e) => setTyped(e.target.value)} />
        </label>
        <span className="muted">{t('patrolApp.typeHint')}</span>
        <button type="submit" className="btn btn-primary mobile-big" data-testid="patrol-code-submit" disabled={!typed.trim()}>
          {t('patrolApp.submitCode')}
        </button>
      </form>
      <button type="button" className="btn mobile-big" onClick={onClose}>
        {t('patrolApp.cancel')}
      </button>
    </div>
  );
}
