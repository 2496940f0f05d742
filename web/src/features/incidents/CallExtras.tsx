import { useT } from '../../app/i18n/useT';
import './callExtras.css';

export interface CallExtrasValue {
  reporterName: string;
  reporterPhone: string;
  injuries: boolean;
  /** casualties as the caller counts them (blank: none said); they set the response level too */
  injured: string;
  dead: string;
  crowd: boolean;
}

export const NO_EXTRAS: CallExtrasValue = { reporterName: '', reporterPhone: '', injuries: false, injured: '', dead: '', crowd: false };

/** A count typed by the call-taker, or 0 when blank or not a whole number. */
export function countOf(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10_000) : 0;
}

/** Who called and the facts that raise the priority and the level: filled when the caller says them, skipped otherwise. */
export function CallExtras({ value, onChange, error }: { value: CallExtrasValue; onChange(next: CallExtrasValue): void; error?: string }) {
  const { t } = useT();
  const set = (patch: Partial<CallExtrasValue>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="field-row">
        <label className="field">
          <span>{t('form.reporterName')}</span>
          <input data-testid="reporter-name" value={value.reporterName} onChange={(e) => set({ reporterName: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('form.reporterPhone')}</span>
          <input data-testid="reporter-phone" inputMode="tel" value={value.reporterPhone} onChange={(e) => set({ reporterPhone: e.target.value })} />
        </label>
      </div>
      {error && <p className="field-error">{error}</p>}
      <div className="field-row checks">
        <label>
          <input type="checkbox" data-testid="injuries-check" checked={value.injuries} onChange={(e) => set({ injuries: e.target.checked })} /> {t('form.injuries')}
        </label>
        <label>
          <input type="checkbox" data-testid="crowd-check" checked={value.crowd} onChange={(e) => set({ crowd: e.target.checked })} /> {t('form.crowd')}
        </label>
      </div>
      <div className="field-row">
        <label className="field field-count">
          <span>{t('level.injured')}</span>
          <input data-testid="injured-count" inputMode="numeric" value={value.injured} onChange={(e) => set({ injured: e.target.value.replace(/\D/g, '') })} />
        </label>
        <label className="field field-count">
          <span>{t('level.dead')}</span>
          <input data-testid="dead-count" inputMode="numeric" value={value.dead} onChange={(e) => set({ dead: e.target.value.replace(/\D/g, '') })} />
        </label>
      </div>
    </>
  );
}
