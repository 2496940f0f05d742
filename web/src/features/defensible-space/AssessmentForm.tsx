import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ASPECTS, type SpaceSiteDetail } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { queryKeys } from '../../api/queryClient';
import { assessSite, useSpaceTemplates } from './spaceApi';
import { measuredText } from './SitePanel';

const SCORES = [0, 1, 2, 3, 4] as const;

/** The site type's template by aspect: a 0–4 score and optional evidence per item; measured items shown, not asked. */
export function AssessmentForm({ site, onDone }: { site: SpaceSiteDetail; onDone(): void }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const template = useSpaceTemplates().data?.templates.find((x) => x.siteType === site.siteType);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => assessSite(site.id, { scores: Object.entries(scores).map(([itemId, score]) => ({ itemId, score, ...(notes[itemId]?.trim() ? { note: notes[itemId]!.trim() } : {}) })) }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.space });
      onDone();
    },
  });
  if (!template) return <p className="muted">{t('space.loading')}</p>;
  const judged = template.items.filter((i) => !i.measured);
  const missing = judged.filter((i) => scores[i.id] === undefined).length;
  return (
    <form
      className="hazard-form"
      data-testid="space-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('space.form.title', { name: site.name })}</h2>
      <p className="muted">{t('space.form.scale')}</p>
      {ASPECTS.map((a) => (
        <fieldset key={a} className="space-aspect">
          <legend>{t(`space.aspect.${a}`)}</legend>
          {template.items
            .filter((i) => i.aspect === a)
            .map((i) => {
              const m = i.measured ? site.measured.find((x) => x.kind === i.measured) : undefined;
              return (
                <div key={i.id} className="space-item" data-testid="space-item" data-item={i.id}>
                  <div className="space-item-name">
                    {lang === 'en' ? i.nameEn : i.nameZh}
                    {(lang === 'en' ? i.guideEn : i.guideZh) && <span className="muted"> · {lang === 'en' ? i.guideEn : i.guideZh}</span>}
                  </div>
                  {m ? (
                    <div className="space-item-measured">
                      <span className="hazard-flag">{t('space.form.measuredItem')}</span> {measuredText(m, t)} → <strong>{m.score}</strong>
                    </div>
                  ) : (
                    <>
                      <div className="space-scale" role="radiogroup" aria-label={lang === 'en' ? i.nameEn : i.nameZh}>
                        {SCORES.map((n) => (
                          <label key={n} className={scores[i.id] === n ? 'is-on' : undefined} data-testid={`space-score-${i.id}-${n}`}>
                            <input type="radio" name={`score-${i.id}`} value={n} checked={scores[i.id] === n} onChange={() => setScores((s) => ({ ...s, [i.id]: n }))} />
                            {n}
                          </label>
                        ))}
                      </div>
                      <input className="space-note" placeholder={t('space.form.note')} aria-label={t('space.form.note')} maxLength={1000} value={notes[i.id] ?? ''} onChange={(e) => setNotes((s) => ({ ...s, [i.id]: e.target.value }))} />
                    </>
                  )}
                </div>
              );
            })}
        </fieldset>
      ))}
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="space-form-submit" disabled={save.isPending || missing > 0}>
          {save.isPending ? t('space.form.saving') : t('space.form.submit')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('space.form.cancel')}
        </button>
        {missing > 0 && <span className="muted">{t('space.form.missing', { n: missing })}</span>}
      </div>
    </form>
  );
}
