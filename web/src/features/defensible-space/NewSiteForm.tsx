import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SPACE_SITE_TYPES, type SpaceSiteType } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { normalMileage, useLinesAndStations } from '../patrol-admin/shared';
import { LineMileageFields } from '../patrol-admin/LineMileageFields';
import { createSite } from './spaceApi';

/** A site to assess, at a line and mileage (placed by the server's resolver, which names its section). */
export function NewSiteForm({ onDone }: { onDone(id: string | null): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { lines } = useLinesAndStations();
  const [name, setName] = useState('');
  const [siteType, setSiteType] = useState<SpaceSiteType>('level_crossing');
  const [lineId, setLineId] = useState('');
  const [mileage, setMileage] = useState('');
  const line = lineId || lines[0]?.id || '';
  const save = useMutation({
    mutationFn: () => createSite({ siteType, name, place: { lineId: line, mileage: normalMileage(mileage) } }),
    onSuccess: (s) => {
      void client.invalidateQueries({ queryKey: queryKeys.space });
      onDone(s.id);
    },
  });
  return (
    <form
      className="hazard-form"
      data-testid="space-site-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('space.newSite.title')}</h2>
      <div className="hazard-form-grid">
        <label className="field">
          <span>{t('space.newSite.name')}</span>
          <input data-testid="space-site-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('space.newSite.type')}</span>
          <select data-testid="space-site-type" value={siteType} onChange={(e) => setSiteType(e.target.value as SpaceSiteType)}>
            {SPACE_SITE_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`space.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <LineMileageFields testIdPrefix="space-site" lines={lines} lineId={line} onLine={setLineId} mileage={mileage} onMileage={setMileage} lineLabel={t('space.newSite.line')} mileageLabel={t('space.newSite.mileage')} placeholder="K500+200" />
      </div>
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="space-site-save" disabled={save.isPending}>
          {t('space.newSite.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('space.form.cancel')}
        </button>
      </div>
    </form>
  );
}
