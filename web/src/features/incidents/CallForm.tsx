import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { CHANNELS, type Category, type Channel, type CreateIncidentRequest, type LonLat } from '@railjoint/contracts';
import { api } from '../../api/endpoints';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import type { SearchIndex } from '../search/searchIndex';
import { PlaceRecommendations } from '../dispatch/PlaceRecommendations';
import { usePlaceRecommendations } from '../dispatch/usePlaceRecommendations';
import { useUnits } from '../dispatch/useUnits';
import { dispatchErrorText } from '../dispatch/dispatchError';
import { useShortcut } from '../shortcuts/registry';
import { onNewCallRequest } from '../shortcuts/newCallRequests';
import { SHORTCUT_KEYS } from '../shortcuts/bindings';
import { withKeys } from '../shortcuts/Keys';
import { CategoryCombobox } from './CategoryCombobox';
import { LocationFields } from './LocationFields';
import { CallExtras, NO_EXTRAS, countOf, type CallExtrasValue } from './CallExtras';
import { CreatedNotice, type CreatedCall } from './CreatedNotice';
import { EMPTY_LOCATION, toLocationInput, withPoint, type LocationDraft } from './locationDraft';
import { fieldErrors, type FormField } from './fieldErrors';
import type { Incident } from '../../api/incidentSchemas';

interface Props {
  categories: Category[];
  index: SearchIndex | null;
  /** the latest map click while the form is open */
  mapPoint: { seq: number; point: LonLat } | null;
  codeOf(id: string): string;
  onCreated(incident: Incident): void;
  onOpen(id: string): void;
}

type Mode = 'register' | 'dispatch';

/**
 * The call-taking form, built to be filled without the mouse: focus starts in the category, Tab
 * walks the fields in speaking order, Enter anywhere (outside an open list) submits. As soon as
 * the category and the place are known the fastest units are shown with the fastest ticked, and
 * "登记并派警" registers the call and sends the ticked units in one step.
 */
export function CallForm({ categories, index, mapPoint, codeOf, onCreated, onOpen }: Props) {
  const { t } = useT();
  const errorText = useErrorText();
  const { units } = useUnits();
  const categoryRef = useRef<HTMLInputElement>(null);
  const [category, setCategory] = useState<Category | null>(null);
  const [channel, setChannel] = useState<Channel>('hotline');
  const [location, setLocation] = useState<LocationDraft>(EMPTY_LOCATION);
  const [description, setDescription] = useState('');
  const [extras, setExtras] = useState<CallExtrasValue>(NO_EXTRAS);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedCall | null>(null);
  const [formKey, setFormKey] = useState(0);

  const loc = toLocationInput(location);
  const placeKey = `${category?.id ?? ''}|${loc.ok ? JSON.stringify(loc.value) : ''}`;
  const recs = usePlaceRecommendations(category?.id ?? null, loc.ok ? loc.value : null);
  const list = recs.data?.recommendations ?? [];
  // null: the fastest unit, until the call-taker ticks otherwise for this place
  const [chosen, setChosen] = useState<{ key: string; ids: Set<string> } | null>(null);
  const picked = useMemo(() => (chosen?.key === placeKey ? chosen.ids : new Set(list[0] ? [list[0].unitId] : [])), [chosen, placeKey, list]);
  const ticked = list.filter((r) => picked.has(r.unitId)).map((r) => r.unitId);
  const primary: Mode = ticked.length > 0 ? 'dispatch' : 'register';

  // layout effects: in place before the browser hands over the next key press
  useLayoutEffect(() => categoryRef.current?.focus(), [formKey]);
  useLayoutEffect(
    () =>
      onNewCallRequest(() => {
        categoryRef.current?.focus();
        categoryRef.current?.select();
      }),
    [],
  );
  useEffect(() => {
    if (mapPoint) setLocation((l) => withPoint(l, mapPoint.point));
  }, [mapPoint]);

  const toggle = (unitId: string, on: boolean) => {
    const ids = new Set(picked);
    if (on) ids.add(unitId);
    else ids.delete(unitId);
    setChosen({ key: placeKey, ids });
  };

  const submit = async (mode: Mode) => {
    if (busy) return;
    const local: Partial<Record<FormField, string>> = {};
    if (!category) local.category = t('form.needCategory');
    if (!loc.ok) local.location = t(loc.missing);
    if (!description.trim()) local.description = t('form.needDescription');
    if (Object.keys(local).length > 0 || !category || !loc.ok) {
      setErrors(local);
      return;
    }
    const { reporterName, reporterPhone, injuries, crowd } = extras;
    const injured = countOf(extras.injured);
    const dead = countOf(extras.dead);
    const body: CreateIncidentRequest = {
      category: category.id,
      channel,
      location: loc.value,
      description: description.trim(),
      ...(reporterName.trim() || reporterPhone.trim() ? { reporter: { name: reporterName.trim() || undefined, phone: reporterPhone.trim() || undefined } } : {}),
      ...(injuries ? { injuries } : {}),
      ...(injured ? { injured } : {}),
      ...(dead ? { dead } : {}),
      ...(crowd ? { crowd } : {}),
    };
    const sending = mode === 'dispatch' ? ticked : [];
    setBusy(true);
    setErrors({});
    try {
      const incident = await api.createIncident(body);
      onCreated(incident);
      let dispatchError: string | null = null;
      if (sending.length > 0) {
        // the incident exists whatever happens next: a refused unit is reported, not the call lost
        try {
          await api.dispatch(incident.id, sending);
        } catch (err) {
          dispatchError = dispatchErrorText(err, sending, (id) => units.find((u) => u.id === id)?.name ?? id, errorText);
        }
      }
      setCreated({ incident, dispatched: dispatchError ? [] : sending.map((id) => ({ id, name: units.find((u) => u.id === id)?.name ?? id, etaS: list.find((r) => r.unitId === id)?.etaS ?? null })), dispatchError });
      // ready for the next call at once
      setCategory(null);
      setLocation((l) => ({ ...EMPTY_LOCATION, mode: l.mode, lineId: l.lineId }));
      setDescription('');
      setExtras(NO_EXTRAS);
      setChosen(null);
      setFormKey((k) => k + 1);
    } catch (error) {
      setErrors(fieldErrors(error) ?? { general: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  useShortcut('dispatchTop', () => void submit(primary));

  // Enter in a field submits, unless a list took it (the comboboxes prevent its default)
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
    const target = e.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement ? e.shiftKey : !(target instanceof HTMLInputElement) || target.type === 'checkbox') return;
    e.preventDefault();
    void submit(primary);
  };

  return (
    <section className="call-form" aria-labelledby="call-form-heading" data-testid="call-form">
      <h2 id="call-form-heading">{t('form.title')}</h2>
      {created && <CreatedNotice call={created} codeOf={codeOf} onOpen={onOpen} />}
      <form key={formKey} onSubmit={(e) => e.preventDefault()} onKeyDown={onKeyDown} noValidate>
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
        <PlaceRecommendations answer={recs.data} loading={recs.isFetching} error={recs.error} picked={picked} onToggle={toggle} />
        <label className="field">
          <span>{t('form.description')}</span>
          <textarea data-testid="description-input" rows={3} value={description} aria-invalid={errors.description ? true : undefined} onChange={(e) => setDescription(e.target.value)} />
          {errors.description && <p className="field-error" role="alert">{errors.description}</p>}
        </label>
        <CallExtras value={extras} onChange={setExtras} error={errors.reporter} />
        {errors.general && (
          <p className="notice notice-error" role="alert" data-testid="form-error">
            {errors.general}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="btn btn-primary" data-testid="submit-dispatch" disabled={busy || ticked.length === 0} title={withKeys(t('form.submitDispatch'), ['Enter', ...SHORTCUT_KEYS.dispatchTop.slice(1)])} onClick={() => void submit('dispatch')}>
            {busy ? t('form.submitting') : ticked.length > 0 ? t('form.submitDispatchN', { n: ticked.length }) : t('form.submitDispatch')}
          </button>
          <button type="button" className={primary === 'register' ? 'btn btn-primary' : 'btn'} data-testid="submit-incident" disabled={busy} onClick={() => void submit('register')}>
            {primary === 'register' ? t('form.submit') : t('form.submitOnly')}
          </button>
        </div>
        <span className="muted form-keys">{t('form.keys')}</span>
      </form>
    </section>
  );
}
