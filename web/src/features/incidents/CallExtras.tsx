import { useT } from '../../app/i18n/useT';

export interface CallExtrasValue {
  reporterName: string;
  reporterPhone: string;
  injuries: boolean;
  crowd: boolean;
}

export const NO_EXTRAS: CallExtrasValue = { reporterName: '', reporterPhone: '', injuries: false, crowd: false };

/** Who called and the two facts that raise the priority: filled when the caller says them, skipped otherwise. */
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
    </>
  );
}
