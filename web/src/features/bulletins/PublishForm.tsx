import { useState } from 'react';
import { BULLETIN_KINDS, CLASSIFICATIONS, type Agency, type Bulletin, type BulletinKind, type Classification } from '@railjoint/contracts';
import { ApiError } from '../../api/errors';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { beijingInputValue, inputToIso } from '../command/deadline';
import { bulletinApi } from './bulletinApi';
import { RecipientPicker } from './RecipientPicker';
import { platformNow } from '../../api/platformClock';
import { api } from '../../api/endpoints';

type Field = 'kind' | 'classification' | 'title' | 'body' | 'validUntil' | 'distribution' | 'incidentId' | 'general';

function sortErrors(e: unknown): Partial<Record<Field, string>> {
  if (!(e instanceof ApiError)) return {};
  const fields = (e.details as { fields?: Array<{ field?: unknown; message?: unknown }> } | undefined)?.fields ?? [];
  const out: Partial<Record<Field, string>> = {};
  for (const f of fields) {
    const head = String(f.field ?? '').replace(/^body\.?/, '').split(/[.[]/)[0] ?? '';
    const key = (['kind', 'classification', 'title', 'body', 'validUntil', 'distribution', 'incidentId'] as const).find((k) => k === head) ?? 'general';
    out[key] = [out[key], String(f.message ?? '')].filter(Boolean).join('；');
  }
  return out;
}

/** 发布通报: what, how protected, to whom, until when. */
export function PublishForm({ agencies, incidentCode = '', onDone, onCancel }: { agencies: Agency[]; incidentCode?: string; onDone(b: Bulletin): void; onCancel(): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const [kind, setKind] = useState<BulletinKind>('bolo');
  const [classification, setClassification] = useState<Classification>('internal');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [instruction, setInstruction] = useState('');
  const [until, setUntil] = useState(() => beijingInputValue(platformNow() + 7 * 86_400_000));
  const [to, setTo] = useState<string[]>([]);
  const [incident, setIncident] = useState(incidentCode);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const validUntil = inputToIso(until);
      if (!validUntil) {
        setErrors({ validUntil: t('bulletin.badTime') });
        return;
      }
      const code = incident.trim().toUpperCase();
      const about = code ? (await api.incidents({ code, limit: 1 })).incidents[0] : undefined;
      if (code && !about) {
        setErrors({ incidentId: t('bulletin.noSuchIncident', { code }) });
        return;
      }
      const b = await bulletinApi.publish({ kind, classification, title, body, distribution: { agencies: to, areas: [], roles: [] }, validUntil, ...(instruction.trim() ? { instruction: instruction.trim() } : {}), ...(about ? { incidentId: about.id } : {}) });
      onDone(b);
    } catch (e) {
      // the agreement refusal names the agencies in words; the per-field version only has ids
      const agreement = e instanceof ApiError && e.code === 'no_sharing_agreement';
      const sorted = agreement ? {} : sortErrors(e);
      setErrors(sorted);
      setGeneral(agreement ? errorText(e) : Object.keys(sorted).length ? (sorted.general ?? null) : errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const err = (f: Field) => errors[f] && <span className="field-error" role="alert">{errors[f]}</span>;

  return (
    <section className="bulletin-form" data-testid="bulletin-form">
      <h2>{t('bulletin.new')}</h2>
      <div className="field-row">
        <label className="field">
          <span>{t('bulletin.kindLabel')}</span>
          <select data-testid="bulletin-kind" value={kind} onChange={(e) => setKind(e.target.value as BulletinKind)}>
            {BULLETIN_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`bulletin.kind.${k}`)}
              </option>
            ))}
          </select>
          {err('kind')}
        </label>
        <label className="field">
          <span>{t('bulletin.classLabel')}</span>
          <select data-testid="bulletin-classification" value={classification} onChange={(e) => setClassification(e.target.value as Classification)}>
            {CLASSIFICATIONS.map((c) => (
              <option key={c} value={c}>
                {t(`bulletin.class.${c}`)}
              </option>
            ))}
          </select>
          {err('classification')}
        </label>
      </div>
      <label className="field">
        <span>{t('bulletin.titleLabel')}</span>
        <input data-testid="bulletin-title" value={title} onChange={(e) => setTitle(e.target.value)} />
        {err('title')}
      </label>
      <label className="field">
        <span>{t('bulletin.bodyLabel')}</span>
        <textarea data-testid="bulletin-body" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
        {err('body')}
      </label>
      <label className="field">
        <span>{t('bulletin.incidentLabel')}</span>
        <input data-testid="bulletin-incident-code" className="mono" placeholder="JQ…" value={incident} onChange={(e) => setIncident(e.target.value)} />
        {err('incidentId')}
      </label>
      <label className="field">
        <span>{t('bulletin.instruction')}</span>
        <input data-testid="bulletin-instruction" value={instruction} onChange={(e) => setInstruction(e.target.value)} />
      </label>
      <div className="field">
        <span>{t('bulletin.recipients')}</span>
        <RecipientPicker agencies={agencies} value={to} onChange={setTo} />
        {err('distribution')}
      </div>
      <label className="field">
        <span>{t('bulletin.validUntil')}</span>
        <input type="datetime-local" data-testid="bulletin-until" value={until} onChange={(e) => setUntil(e.target.value)} />
        {err('validUntil')}
      </label>
      {general && (
        <p className="notice notice-error" role="alert" data-testid="bulletin-form-error">
          {general}
        </p>
      )}
      <div className="dialog-footer">
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          {t('bulletin.cancel')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="bulletin-submit" disabled={busy} onClick={() => void submit()}>
          {t('bulletin.publish')}
        </button>
      </div>
    </section>
  );
}
