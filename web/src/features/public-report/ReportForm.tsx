import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PublicCategory, PublicReportRequest } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { uuid } from '../../api/uuid';
import { useT } from '../../app/i18n/useT';
import { preparePhoto } from '../patrol-mobile/photoPrep';
import { publicApi, type PublicPlaces } from './publicApi';
import type { LonLatPin } from './PinMap';

const PinMap = lazy(() => import('./PinMap').then((m) => ({ default: m.PinMap })));

type WhereMode = 'map' | 'station' | 'km' | 'train';
const WHERE_MODES: WhereMode[] = ['map', 'station', 'km', 'train'];

interface Receipt {
  code: string;
  photoError: string | null;
}

/** /report: what, where, a few words, photos and an optional contact; answered with a tracking code. */
export function ReportForm() {
  const { t } = useT();
  const errorText = useErrorText();
  const [categories, setCategories] = useState<Array<{ id: PublicCategory; name: string; description: string }>>([]);
  const [places, setPlaces] = useState<PublicPlaces | null>(null);
  const [category, setCategory] = useState<PublicCategory | null>(null);
  const [mode, setMode] = useState<WhereMode>('map');
  const [pin, setPin] = useState<LonLatPin | null>(null);
  const [stationId, setStationId] = useState('');
  const [lineId, setLineId] = useState('');
  const [mileage, setMileage] = useState('');
  const [train, setTrain] = useState('');
  const [car, setCar] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Array<{ blob: Blob; name: string }>>([]);
  const [photoRefused, setPhotoRefused] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [geoFailed, setGeoFailed] = useState(false);
  // one id per report made on this page: a retry after a lost answer gets the same tracking code
  const [clientId, setClientId] = useState(uuid);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const { lang } = useT();

  useEffect(() => {
    let live = true;
    publicApi.categories().then((c) => live && setCategories(c.categories), (e: unknown) => live && setError(errorText(e)));
    publicApi.places().then((p) => {
      if (!live) return;
      setPlaces(p);
      setLineId((l) => l || (p.lines[0]?.id ?? ''));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [lang, errorText]);

  const where = (): PublicReportRequest['where'] | null => {
    if (mode === 'map') return pin ? { lon: pin[0], lat: pin[1] } : null;
    if (mode === 'station') return stationId ? { stationId } : null;
    if (mode === 'km') return lineId && mileage.trim() ? { lineId, mileage: mileage.trim().toUpperCase() } : null;
    const carNo = Number(car);
    return train.trim() ? { train: train.trim().toUpperCase(), ...(car && Number.isInteger(carNo) ? { car: carNo } : {}) } : null;
  };

  const myPosition = () => {
    setGeoFailed(false);
    navigator.geolocation?.getCurrentPosition(
      (p) => setPin([Number(p.coords.longitude.toFixed(6)), Number(p.coords.latitude.toFixed(6))]),
      () => setGeoFailed(true),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const addPhotos = async (files: FileList | null) => {
    setPhotoRefused(false);
    for (const file of Array.from(files ?? [])) {
      const p = await preparePhoto(file);
      if (p) setPhotos((ps) => [...ps, p].slice(0, 3));
      else setPhotoRefused(true);
    }
  };

  const submit = async () => {
    const w = where();
    if (!category) return;
    if (!w) {
      setError(t('publicReport.missingWhere'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const contact = { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
      const r = await publicApi.submit({ clientId, category, where: w, description: description.trim(), ...(Object.keys(contact).length ? { contact } : {}) });
      let photoError: string | null = null;
      for (const p of photos) {
        try {
          await publicApi.photo(r.trackingCode, p.blob, p.name);
        } catch (e) {
          photoError = errorText(e);
        }
      }
      setReceipt({ code: r.trackingCode, photoError });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <section className="report-receipt" data-testid="report-receipt">
        <h2>{t('publicReport.thanks')}</h2>
        <p>{t('publicReport.codeLabel')}</p>
        <p className="report-code mono" data-testid="report-code">
          {receipt.code}
        </p>
        <p>{t('publicReport.keepCode')}</p>
        {receipt.photoError && (
          <p className="notice notice-error" role="alert">
            {t('publicReport.photoFailed', { message: receipt.photoError })}
          </p>
        )}
        <Link className="btn btn-primary report-big" data-testid="report-follow" to={`/report/${encodeURIComponent(receipt.code)}`}>
          {t('publicReport.follow')}
        </Link>
        <button
          type="button"
          className="btn report-big"
          onClick={() => {
            setReceipt(null);
            setClientId(uuid());
            setDescription('');
            setPhotos([]);
            setCategory(null);
          }}
        >
          {t('publicReport.another')}
        </button>
      </section>
    );
  }

  return (
    <form
      className="report-form"
      data-testid="report-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>{t('publicReport.what')}</legend>
        <div className="report-categories">
          {categories.map((c) => (
            <button key={c.id} type="button" className={`report-category${category === c.id ? ' is-chosen' : ''}`} data-testid={`report-category-${c.id}`} aria-pressed={category === c.id} title={c.description} onClick={() => setCategory(c.id)}>
              <strong>{c.name}</strong>
              <span>{c.description}</span>
            </button>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('publicReport.where')}</legend>
        <div className="report-where-modes" role="tablist">
          {WHERE_MODES.map((m) => (
            <button key={m} type="button" role="tab" aria-selected={mode === m} className={`btn report-mode${mode === m ? ' is-chosen' : ''}`} data-testid={`report-where-${m}`} onClick={() => setMode(m)}>
              {t(`publicReport.where.${m}`)}
            </button>
          ))}
        </div>
        {mode === 'map' && (
          <div className="report-where">
            <p className="muted">{t('publicReport.mapHint')}</p>
            {places && (
              <Suspense fallback={<div className="report-map" />}>
                <PinMap places={places} pin={pin} onPin={setPin} />
              </Suspense>
            )}
            <button type="button" className="btn report-big" data-testid="report-my-position" onClick={myPosition}>
              {t('publicReport.myPosition')}
            </button>
            {geoFailed && <p className="notice notice-error">{t('publicReport.geoFailed')}</p>}
            <p className="mono" data-testid="report-pin">
              {pin ? t('publicReport.pinAt', { lat: pin[1].toFixed(5), lon: pin[0].toFixed(5) }) : t('publicReport.noPin')}
            </p>
          </div>
        )}
        {mode === 'station' && (
          <label className="report-where">
            {t('publicReport.station')}
            <select className="report-big" data-testid="report-station" value={stationId} onChange={(e) => setStationId(e.target.value)}>
              <option value="">{t('publicReport.chooseStation')}</option>
              {places?.stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {mode === 'km' && (
          <div className="report-where">
            <label>
              {t('publicReport.line')}
              <select className="report-big" data-testid="report-line" value={lineId} onChange={(e) => setLineId(e.target.value)}>
                {places?.lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}（{l.from}–{l.to}）
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('publicReport.kmPost')}
              <input className="report-big mono" data-testid="report-mileage" value={mileage} placeholder="K505+200" onChange={(e) => setMileage(e.target.value)} />
            </label>
          </div>
        )}
        {mode === 'train' && (
          <div className="report-where report-train">
            <label>
              {t('publicReport.train')}
              <input className="report-big mono" data-testid="report-train" value={train} placeholder="G1234" autoCapitalize="characters" onChange={(e) => setTrain(e.target.value)} />
            </label>
            <label>
              {t('publicReport.car')}
              <input className="report-big" data-testid="report-car" inputMode="numeric" value={car} onChange={(e) => setCar(e.target.value.replace(/\D/g, ''))} />
            </label>
          </div>
        )}
      </fieldset>

      <label className="report-field">
        {t('publicReport.description')}
        <textarea data-testid="report-description" rows={4} maxLength={2000} placeholder={t('publicReport.descriptionHint')} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>

      <label className="btn report-big report-photo-button">
        {t('publicReport.photos')}
        <input type="file" accept="image/jpeg,image/png,image/*" capture="environment" multiple data-testid="report-photo" className="visually-hidden" onChange={(e) => void addPhotos(e.target.files)} />
      </label>
      {photos.length > 0 && <p data-testid="report-photo-count">{t('publicReport.photoCount', { n: photos.length })}</p>}
      {photoRefused && <p className="notice notice-error">{t('publicReport.photoRefused')}</p>}

      <fieldset>
        <legend>{t('publicReport.contact')}</legend>
        <p className="muted">{t('publicReport.contactHint')}</p>
        <label className="report-field">
          {t('publicReport.name')}
          <input className="report-big" data-testid="report-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="report-field">
          {t('publicReport.phone')}
          <input className="report-big" data-testid="report-phone" type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
      </fieldset>

      {error && (
        <p className="notice notice-error" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary report-big" data-testid="report-submit" disabled={busy || !category || !description.trim()}>
        {busy ? t('publicReport.sending') : t('publicReport.submit')}
      </button>
    </form>
  );
}
