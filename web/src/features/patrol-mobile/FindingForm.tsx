import { useState } from 'react';
import { useT } from '../../app/i18n/useT';
import type { CategorySummary } from './useDayData';
import { preparePhoto } from './photoPrep';

/** What a patrol most often finds, first in the list; every other category follows. */
const COMMON = ['fence_damage', 'obstacle_on_line', 'trespassing', 'person_on_track', 'stone_throwing', 'cable_theft', 'livestock_on_line', 'fire_near_line'];

export interface FindingInput {
  category: string;
  description: string;
  photos: Array<{ blob: Blob; name: string }>;
}

/** A finding on the way: what, a few words, photos taken there; the place is the phone's. */
export function FindingForm({ categories, onFile, onClose }: { categories: CategorySummary[]; onFile(input: FindingInput): Promise<void>; onClose(): void }) {
  const { t, lang } = useT();
  const sorted = [...categories].sort((a, b) => rank(a.id) - rank(b.id));
  const [category, setCategory] = useState(sorted[0]?.id ?? '');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Array<{ blob: Blob; name: string }>>([]);
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  const addPhotos = async (files: FileList | null) => {
    setRefused(false);
    for (const file of Array.from(files ?? [])) {
      const p = await preparePhoto(file);
      if (p) setPhotos((ps) => [...ps, p].slice(0, 3));
      else setRefused(true);
    }
  };

  return (
    <form
      className="patrol-finding"
      data-testid="patrol-finding-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!category || !description.trim()) return;
        setBusy(true);
        void onFile({ category, description, photos }).finally(() => setBusy(false));
      }}
    >
      <h3>{t('patrolApp.finding')}</h3>
      <label>
        {t('patrolApp.findingCategory')}
        <select className="mobile-big" data-testid="patrol-finding-category" value={category} onChange={(e) => setCategory(e.target.value)}>
          {sorted.map((c) => (
            <option key={c.id} value={c.id}>
              {lang === 'en' ? c.nameEn : c.nameZh}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('patrolApp.findingDescription')}
        <textarea data-testid="patrol-finding-description" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label className="btn mobile-big patrol-photo-button">
        {t('patrolApp.findingPhoto')}
        <input type="file" accept="image/jpeg,image/png,image/*" capture="environment" data-testid="patrol-finding-photo" className="visually-hidden" onChange={(e) => void addPhotos(e.target.files)} />
      </label>
      {photos.length > 0 && (
        <p data-testid="patrol-finding-photos" data-count={photos.length}>
          {t('patrolApp.findingPhotos', { n: photos.length })}
        </p>
      )}
      {refused && (
        <p className="notice notice-error" role="alert">
          {t('patrolApp.photoRefused')}
        </p>
      )}
      <button type="submit" className="btn btn-primary mobile-big" data-testid="patrol-finding-submit" disabled={busy || !category || !description.trim()}>
        {t('patrolApp.fileFinding')}
      </button>
      <button type="button" className="btn mobile-big" onClick={onClose}>
        {t('patrolApp.cancel')}
      </button>
    </form>
  );
}

function rank(id: string): number {
  const i = COMMON.indexOf(id);
  return i < 0 ? COMMON.length : i;
}
