import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HazardDetail } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { addHazardPhoto, photoUrl } from './hazardApi';

type Phase = 'before' | 'after';

/** Photos of the site as found and after the work, side by side; adding one where the reader's part allows. */
export function HazardPhotos({ hazard }: { hazard: HazardDetail }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: ({ phase, file }: { phase: Phase; file: File }) => addHazardPhoto(hazard.id, phase, file),
    onSuccess: (detail) => {
      client.setQueryData([...queryKeys.hazards, 'detail', hazard.id], detail);
      void client.invalidateQueries({ queryKey: queryKeys.hazards });
    },
  });
  const column = (phase: Phase) => {
    const photos = hazard.photos.filter((p) => p.phase === phase);
    return (
      <div className="hazard-photo-column" data-testid={`hazard-photos-${phase}`}>
        <h4>{t(`hazards.photos.${phase}`)}</h4>
        {photos.length === 0 && <p className="muted">{t('hazards.photos.none')}</p>}
        <div className="hazard-photo-list">
          {photos.map((p) => (
            <a key={p.id} href={photoUrl(hazard.id, p.id)} target="_blank" rel="noreferrer">
              <img className="hazard-photo" src={photoUrl(hazard.id, p.id)} alt={t(`hazards.photos.${phase}`)} loading="lazy" data-testid="hazard-photo" />
            </a>
          ))}
        </div>
        {hazard.photoPhases.includes(phase) && (
          <label className="btn hazard-photo-add">
            {upload.isPending && upload.variables?.phase === phase ? t('hazards.photos.uploading') : t(`hazards.photos.add.${phase}`)}
            <input
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              data-testid={`hazard-photo-input-${phase}`}
              disabled={upload.isPending}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) upload.mutate({ phase, file });
              }}
            />
          </label>
        )}
      </div>
    );
  };
  return (
    <section className="hazard-photos">
      <h3>{t('hazards.photos')}</h3>
      <div className="hazard-photo-columns">
        {column('before')}
        {column('after')}
      </div>
      {upload.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(upload.error)}
        </p>
      )}
    </section>
  );
}
