import { Fragment, useState } from 'react';
import { useT } from '../../app/i18n/useT';
import type { SearchIndex } from '../search/searchIndex';
import { StationSearch } from './StationSearch';
import { PlaceField } from '../search/PlaceField';
import { LOCATION_MODES, type LocationDraft } from './locationDraft';

interface Props {
  index: SearchIndex | null;
  value: LocationDraft;
  onChange(next: LocationDraft): void;
  error?: string;
}

/** Five ways of saying where; the tabs are buttons so Tab + Space switches without the mouse. */
export function LocationFields({ index, value, onChange, error }: Props) {
  const { t } = useT();
  const set = (patch: Partial<LocationDraft>) => onChange({ ...value, ...patch });
  // a tab chosen by hand puts the cursor in its first field: one click less per call. Counted, so
  // that the tab already open (kept from the previous call) focuses its field again when clicked.
  const [clicks, setClicks] = useState(0);
  const chosen = clicks > 0;
  return (
    <fieldset className="location-fields">
      <legend>{t('form.location')}</legend>
      <div className="mode-tabs" role="tablist" aria-label={t('form.location')}>
        {LOCATION_MODES.map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={value.mode === m}
            className={value.mode === m ? 'is-active' : undefined}
            data-testid={`location-mode-${m}`}
            onClick={() => {
              setClicks((n) => n + 1);
              set({ mode: m });
            }}
          >
            {t(`form.mode.${m}`)}
          </button>
        ))}
      </div>
      <Fragment key={clicks}>
        {value.mode === 'place' && <PlaceField value={value.place} lineId={value.lineId || null} onChange={(place) => set({ place })} autoFocus={chosen} />}
        {value.mode === 'station' && <StationSearch index={index} value={value.station} onChange={(station) => set({ station })} autoFocus={chosen} />}
        {value.mode === 'mileage' && (
          <div className="field-row">
            <label className="field">
              <span>{t('form.line')}</span>
              <select data-testid="line-select" autoFocus={chosen} value={value.lineId} onChange={(e) => set({ lineId: e.target.value })}>
                <option value="">{t('form.chooseLine')}</option>
                {index?.lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('form.mileage')}</span>
              <input data-testid="mileage-input" className="mono" placeholder="K499+940" value={value.mileage} onChange={(e) => set({ mileage: e.target.value })} />
            </label>
          </div>
        )}
        {value.mode === 'train' && (
          <div className="field-row">
            <label className="field">
              <span>{t('form.train')}</span>
              <input data-testid="train-input" autoFocus={chosen} className="mono" placeholder="G1501" value={value.train} onChange={(e) => set({ train: e.target.value })} />
            </label>
            <label className="field field-narrow">
              <span>{t('form.car')}</span>
              <input data-testid="car-input" inputMode="numeric" value={value.car} onChange={(e) => set({ car: e.target.value.replace(/\D/g, '') })} />
            </label>
          </div>
        )}
        {value.mode === 'point' && (
          <>
            <div className="field-row">
              <label className="field">
                <span>{t('form.lon')}</span>
                <input data-testid="lon-input" autoFocus={chosen} className="mono" value={value.lon} onChange={(e) => set({ lon: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('form.lat')}</span>
                <input data-testid="lat-input" className="mono" value={value.lat} onChange={(e) => set({ lat: e.target.value })} />
              </label>
            </div>
            <p className="muted">{t('form.pickHint')}</p>
          </>
        )}
      </Fragment>
      {error && (
        <p className="field-error" role="alert" data-testid="location-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
