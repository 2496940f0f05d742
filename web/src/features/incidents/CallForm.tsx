import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CHANNELS, type Category, type Channel, type CreateIncidentRequest, type LonLat } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useErrorText } from '../../api/useErrorText';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import type { SearchIndex } from '../search/searchIndex';
import { CategoryCombobox } from './CategoryCombobox';
import { LocationFields } from './LocationFields';
import { CreatedNotice } from './CreatedNotice';
import { EMPTY_LOCATION, toLocationInput, withPoint, type LocationDraft } from './locationDraft';
import { fieldErrors, type FormField } from './fieldErrors';

interface Props {
  categories: Category[];
  index: SearchIndex | null;
  /** the latest map click while the form is open */
  mapPoint: { seq: number; point: LonLat } | null;
  codeOf(id: string): string;
  onCreated(incident: Incident): void;
  onOpen(id: string): void;
}

/**
 * The call-taking form, built to be filled without the mouse: focus starts in the category, Tab
 * walks the fields in speaking order, Enter anywhere (outside an open list) submits.
 */
export function CallForm({ categories, index, mapPoint, codeOf, onCreated, onOpen }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const categoryRef = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<Category | null>(null);
  const [channel, setChannel] = useState<Channel>('hotline');
  const [location, setLocation] = useState<LocationDraft>(EMPTY_LOCATION);
  const [description, setDescription] = useState('');
  const [reporterName, setReporterName] = useState('');
  const [reporterPhone, setReporterPhone] = useState('');
  const [injuries, setInjuries] = useState(false);
  const [crowd, setCrowd] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Incident | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => categoryRef.current?.focus(), [formKey]);
  useEffect(() => {
    if (mapPoint) setLocation((l) => withPoint(l, mapPoint.point));
  }, [mapPoint]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const local: Partial<Record<FormField, string>> = {};
    if (!category) local.category = t('form.needCategory');
    const loc = toLocationInput(location);
    if (!loc.ok) local.location = t(loc.missing);
    if (!description.trim()) local.description = t('form.needDescription');
    if (Object.keys(local).length > 0 || !category || !loc.ok) {
      setErrors(local);
      return;
    }
    const body: CreateIncidentRequest = {
      category: category.id,
      channel,
      location: loc.value,
      description: description.trim(),
      ...(reporterName.trim() || reporterPhone.trim() ? { reporter: { name: reporterName.trim() || undefined, phone: reporterPhone.trim() || undefined } } : {}),
      ...(injuries ? { injuries } : {}),
      ...(crowd ? { crowd } : {}),
    };
    setBusy(true);
    setErrors({});
    try {
      const incident = await api.createIncident(body);
      setCreated(incident);
      onCreated(incident);
      // ready for the next call at once
      setCategory(null);
      setLocation((l) => ({ ...EMPTY_LOCATION, mode: l.mode, lineId: l.lineId }));
      setDescription('');
      setReporterName('');
      setReporterPhone('');
      setInjuries(false);
      setCrowd(false);
      setFormKey((k) => k + 1);
    } catch (error) {
      setErrors(fieldErrors(error) ?? { general: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="call-form" aria-labelledby="call-form-heading" data-testid="call-form">
      <h2 id="call-form-heading">{t('form.title')}</h2>
      {created && <CreatedNotice incident={created} codeOf={codeOf} onOpen={onOpen} />}
      <form key={formKey} onSubmit={submit} noValidate>
        <CategoryCombobox ref={categoryRef} categories={categories} value={category} onChange={setCategory} error={errors.category} />
        <label className="field">
          <span>{t('form.channel')}</span>
          <select data-testid="channel-select" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
          {errors.channel && <p className="field-error">{errors.channel}</p>}
        </label>
        <LocationFields index={index} value={location} onChange={setLocation} error={errors.location} />
        <label className="field">
          <span>{t('form.description')}</span>
          <textarea
            data-testid="description-input"
            rows={3}
            value={description}
            aria-invalid={errors.description ? true : undefined}
            onChange={(e) => setDescription(e.target.value)}
            onKeyDown={(e) => {
              // Enter submits here too; Shift+Enter starts a new line
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {errors.description && <p className="field-error" role="alert">{errors.description}</p>}
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t('form.reporterName')}</span>
            <input data-testid="reporter-name" value={reporterName} onChange={(e) => setReporterName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('form.reporterPhone')}</span>
            <input data-testid="reporter-phone" inputMode="tel" value={reporterPhone} onChange={(e) => setReporterPhone(e.target.value)} />
          </label>
        </div>
        {errors.reporter && <p className="field-error">{errors.reporter}</p>}
        <div className="field-row checks">
          <label>
            <input type="checkbox" data-testid="injuries-check" checked={injuries} onChange={(e) => setInjuries(e.target.checked)} /> {t('form.injuries')}
          </label>
          <label>
            <input type="checkbox" data-testid="crowd-check" checked={crowd} onChange={(e) => setCrowd(e.target.checked)} /> {t('form.crowd')}
          </label>
        </div>
        {errors.general && (
          <p className="notice notice-error" role="alert" data-testid="form-error">
            {errors.general}
          </p>
        )}
        <button type="submit" className="btn btn-primary" data-testid="submit-incident" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
        <span className="muted form-keys">{t('form.keys')}</span>
      </form>
    </section>
  );
}
