import { useQueryClient } from '@tanstack/react-query';
import type { HazardDetail } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { queryKeys } from '../../api/queryClient';
import { FileUploadList, UploadError, useFileUpload } from '../attachments/FileUploadList';
import { addHazardPhoto, photoUrl } from './hazardApi';

type Phase = 'before' | 'after';

/** Photos of the site as found and after the work, side by side; adding one where the reader's part allows. */
export function HazardPhotos({ hazard }: { hazard: HazardDetail }) {
  const { t } = useT();
  const client = useQueryClient();
  const upload = useFileUpload({
    owner: ['hazard', hazard.id],
    accept: 'image/jpeg,image/png',
    camera: true,
    send: (phase: Phase, file) => addHazardPhoto(hazard.id, phase, file),
    onUploaded: (detail) => {
      client.setQueryData([...queryKeys.hazards, 'detail', detail.id], detail);
      void client.invalidateQueries({ queryKey: queryKeys.hazards });
    },
  });
  const column = (phase: Phase) => (
    <div className="hazard-photo-column" data-testid={`hazard-photos-${phase}`}>
      <h4>{t(`hazards.photos.${phase}`)}</h4>
      <FileUploadList
        upload={upload}
        target={phase}
        files={hazard.photos.filter((p) => p.phase === phase).map((p) => ({ id: p.id, href: photoUrl(hazard.id, p.id), name: t(`hazards.photos.${phase}`) }))}
        show="thumbnails"
        fileTestId="hazard-photo"
        emptyText={t('hazards.photos.none')}
        add={hazard.photoPhases.includes(phase) && { text: t(`hazards.photos.add.${phase}`), testId: `hazard-photo-input-${phase}` }}
      />
    </div>
  );
  return (
    <section className="hazard-photos">
      <h3>{t('hazards.photos')}</h3>
      <div className="hazard-photo-columns">
        {column('before')}
        {column('after')}
      </div>
      <UploadError upload={upload} />
    </section>
  );
}
