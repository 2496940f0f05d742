import { useQueryClient } from '@tanstack/react-query';
import { SpaceSiteDetail, type Assessment } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { queryKeys } from '../../api/queryClient';
import { FileUploadList, UploadError, sendFile, useFileUpload } from '../attachments/FileUploadList';

/** as many as the server keeps for one item */
const PHOTOS_PER_ITEM = 3;

const photosPath = (assessmentId: string) => `/api/defensible-space/assessments/${encodeURIComponent(assessmentId)}/photos`;

/**
 * The latest assessment item by item — the score, the assessor's note and the photos in evidence —
 * so a low score can be seen, not only read; the assessing agency adds photos to its items.
 */
export function EvidencePhotos({ siteId, assessment, mayAdd }: { siteId: string; assessment: Assessment; mayAdd: boolean }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const upload = useFileUpload({
    owner: ['space-site', siteId, assessment.id],
    accept: 'image/jpeg,image/png',
    camera: true,
    send: (itemId: string, file) => sendFile({ path: photosPath(assessment.id), idParam: 'photoId', query: { itemId }, file, schema: SpaceSiteDetail }),
    onUploaded: (detail) => client.setQueryData([...queryKeys.space, 'site', detail.id], detail),
  });
  return (
    <section className="space-evidence" data-testid="space-evidence">
      <h3>{t('space.evidence.title')}</h3>
      <ul>
        {assessment.items.map((i) => {
          const name = lang === 'en' ? i.nameEn : i.nameZh;
          const photos = assessment.photos.filter((p) => p.itemId === i.id);
          return (
            <li key={i.id} data-testid={`space-evidence-${i.id}`} data-score={i.score}>
              <span className="space-evidence-name">
                {name} <strong>{i.score}</strong>
                {i.note && <span className="muted">（{i.note}）</span>}
              </span>
              <FileUploadList
                upload={upload}
                target={i.id}
                files={photos.map((p) => ({ id: p.id, href: `${photosPath(assessment.id)}/${encodeURIComponent(p.id)}`, name }))}
                show="thumbnails"
                fileTestId="space-evidence-photo"
                add={mayAdd && photos.length < PHOTOS_PER_ITEM && { text: t('space.evidence.add'), testId: `space-evidence-input-${i.id}` }}
              />
            </li>
          );
        })}
      </ul>
      <UploadError upload={upload} />
    </section>
  );
}
