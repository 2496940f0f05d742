import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SpaceSiteDetail, type Assessment } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { request } from '../../api/client';
import { queryKeys } from '../../api/queryClient';
import { uuid } from '../../api/uuid';

const photoUrl = (assessmentId: string, photoId: string) => `/api/defensible-space/assessments/${encodeURIComponent(assessmentId)}/photos/${encodeURIComponent(photoId)}`;

async function addEvidence(assessmentId: string, itemId: string, file: File) {
  return request('POST', `/api/defensible-space/assessments/${encodeURIComponent(assessmentId)}/photos`, {
    query: { itemId, photoId: uuid() },
    file: { data: await file.arrayBuffer(), contentType: file.type || 'application/octet-stream', name: file.name },
    schema: SpaceSiteDetail,
  });
}

/**
 * The latest assessment item by item — the score, the assessor's note and the photos in evidence —
 * so a low score can be seen, not only read; the assessing agency adds photos to its items.
 */
export function EvidencePhotos({ siteId, assessment, mayAdd }: { siteId: string; assessment: Assessment; mayAdd: boolean }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: ({ itemId, file }: { itemId: string; file: File }) => addEvidence(assessment.id, itemId, file),
    onSuccess: (detail) => client.setQueryData([...queryKeys.space, 'site', siteId], detail),
  });
  return (
    <section className="space-evidence" data-testid="space-evidence">
      <h3>{t('space.evidence.title')}</h3>
      <ul>
        {assessment.items.map((i) => {
          const photos = assessment.photos.filter((p) => p.itemId === i.id);
          return (
            <li key={i.id} data-testid={`space-evidence-${i.id}`} data-score={i.score}>
              <span className="space-evidence-name">
                {lang === 'en' ? i.nameEn : i.nameZh} <strong>{i.score}</strong>
                {i.note && <span className="muted">（{i.note}）</span>}
              </span>
              <span className="hazard-photo-list">
                {photos.map((p) => (
                  <a key={p.id} href={photoUrl(assessment.id, p.id)} target="_blank" rel="noreferrer">
                    <img className="hazard-photo" src={photoUrl(assessment.id, p.id)} alt={lang === 'en' ? i.nameEn : i.nameZh} loading="lazy" data-testid="space-evidence-photo" />
                  </a>
                ))}
              </span>
              {mayAdd && photos.length < 3 && (
                <label className="btn hazard-photo-add">
                  {upload.isPending && upload.variables?.itemId === i.id ? t('space.evidence.uploading') : t('space.evidence.add')}
                  <input
                    type="file"
                    accept="image/jpeg,image/png"
                    capture="environment"
                    data-testid={`space-evidence-input-${i.id}`}
                    disabled={upload.isPending}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      e.target.value = '';
                      if (file) upload.mutate({ itemId: i.id, file });
                    }}
                  />
                </label>
              )}
            </li>
          );
        })}
      </ul>
      {upload.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(upload.error)}
        </p>
      )}
    </section>
  );
}
