import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { HAZARD_SEVERITIES, HAZARD_TYPES, type HazardSeverity, type HazardType } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { normalMileage, useLinesAndStations } from '../patrol-admin/shared';
import { LineMileageFields } from '../patrol-admin/LineMileageFields';
import { reportHazard } from './hazardApi';

/**
 * Report a hazard found on an inspection: the place by line and mileage (the server finds both
 * section chiefs and the protection-zone verdict there), type, severity and what was seen.
 */
export function HazardReportForm({ onDone }: { onDone(id: string | null): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { lines } = useLinesAndStations();
  const [type, setType] = useState<HazardType>('broken_fence');
  const [severity, setSeverity] = useState<HazardSeverity>('major');
  const [lineId, setLineId] = useState('');
  const [mileage, setMileage] = useState('');
  const [description, setDescription] = useState('');
  const line = lineId || lines[0]?.id || '';
  const save = useMutation({
    mutationFn: () => reportHazard({ type, severity, description, place: { lineId: line, mileage: normalMileage(mileage) }, source: { kind: 'inspection' } }),
    onSuccess: (h) => {
      void client.invalidateQueries({ queryKey: queryKeys.hazards });
      onDone(h.id);
    },
  });
  return (
    <form
      className="hazard-form"
      data-testid="hazard-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('hazards.form.title')}</h2>
      <div className="hazard-form-grid">
        <label className="field">
          <span>{t('hazards.form.type')}</span>
          <select data-testid="hazard-form-type" value={type} onChange={(e) => setType(e.target.value as HazardType)}>
            {HAZARD_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`hazards.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('hazards.form.severity')}</span>
          <select data-testid="hazard-form-severity" value={severity} onChange={(e) => setSeverity(e.target.value as HazardSeverity)}>
            {HAZARD_SEVERITIES.map((x) => (
              <option key={x} value={x}>
                {t(`hazards.severity.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <LineMileageFields testIdPrefix="hazard-form" lines={lines} lineId={line} onLine={setLineId} mileage={mileage} onMileage={setMileage} lineLabel={t('hazards.form.line')} mileageLabel={t('hazards.form.mileage')} placeholder={t('hazards.form.mileageHint')} />
      </div>
      <label className="field">
        <span>{t('hazards.form.description')}</span>
        <textarea data-testid="hazard-form-description" required rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {save.error != null && (
        <p className="notice notice-error" role="alert" data-testid="hazard-form-error">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="hazard-form-submit" disabled={save.isPending}>
          {save.isPending ? t('hazards.form.saving') : t('hazards.form.submit')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('hazards.form.cancel')}
        </button>
      </div>
    </form>
  );
}
