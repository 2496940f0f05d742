import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OBLIGATION_KINDS, type CooperationAgreement, type CooperationAgreementInput, type ObligationInput } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { platformNow } from '../../api/platformClock';
import { useAgencies } from '../dispatch/useAgencies';
import { useLinesAndStations } from '../patrol-admin/shared';
import { AGREEMENTS_KEY, createAgreement, updateAgreement } from './agreementApi';

const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
type Stretch = { lineId: string; from: string; to: string };
type Duty = { kind: ObligationInput['kind']; partyAgencyId: string; target: string; limitMin: string };

/**
 * Draw up an agreement (the centre): kind, title, parties, stretches of line and areas, obligations
 * with targets, validity — or rewrite a draft (`initial`). The server checks every mileage against
 * the network and names each field it refuses; nothing is saved until all are right.
 */
export function AgreementForm({ initial, onDone }: { initial?: CooperationAgreement; onDone(id: string | null): void }) {
  const { t } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const agencies = useAgencies().filter((a) => a.type !== 'coordination_centre');
  const { lines } = useLinesAndStations();
  const [kind, setKind] = useState<'agreement' | 'pledge'>(initial?.kind ?? 'agreement');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [parties, setParties] = useState<string[]>(initial?.parties.map((p) => p.agencyId) ?? []);
  const [stretches, setStretches] = useState<Stretch[]>(initial?.scope.lines.map((l) => ({ lineId: l.lineId, from: l.from, to: l.to })) ?? [{ lineId: '', from: '', to: '' }]);
  const [areas, setAreas] = useState<string[]>(initial?.scope.areas.map((a) => a.agencyId) ?? []);
  const [duties, setDuties] = useState<Duty[]>(initial?.obligations.map((o) => ({ kind: o.kind, partyAgencyId: o.partyAgencyId, target: String(o.target), limitMin: o.limitMin ? String(o.limitMin) : '' })) ?? [{ kind: 'patrol_hours', partyAgencyId: '', target: '', limitMin: '' }]);
  const [validFrom, setValidFrom] = useState(() => initial?.validFrom ?? beijingDay(platformNow()));
  const [validTo, setValidTo] = useState(() => initial?.validTo ?? beijingDay(platformNow() + 364 * 86_400_000));
  const [note, setNote] = useState(initial?.note ?? '');
  const save = useMutation({
    mutationFn: () => {
      const input: CooperationAgreementInput = {
        kind,
        title,
        parties,
        scope: { lines: stretches.filter((s) => s.lineId || s.from || s.to), areas },
        obligations: duties.map((d) => ({ kind: d.kind, partyAgencyId: d.partyAgencyId, target: Number(d.target), ...(d.limitMin ? { limitMin: Number(d.limitMin) } : {}) })),
        validFrom,
        validTo,
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      return initial ? updateAgreement(initial.id, input) : createAgreement(input);
    },
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: AGREEMENTS_KEY });
      onDone(a.id);
    },
  });
  const setStretch = (i: number, patch: Partial<Stretch>) => setStretches((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setDuty = (i: number, patch: Partial<Duty>) => setDuties((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const partyAgencies = agencies.filter((a) => parties.includes(a.id));
  return (
    <form
      className="hazard-form"
      data-testid="coop-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{initial ? t('coop.edit') : t('coop.new')}</h2>
      <div className="hazard-form-grid">
        <label className="field">
          <span>{t('coop.form.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'agreement' | 'pledge')} data-testid="coop-kind">
            <option value="agreement">{t('coop.kind.agreement')}</option>
            <option value="pledge">{t('coop.kind.pledge')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('coop.form.from.date')}</span>
          <input type="date" required value={validFrom} onChange={(e) => setValidFrom(e.target.value)} data-testid="coop-valid-from" />
        </label>
        <label className="field">
          <span>{t('coop.form.to.date')}</span>
          <input type="date" required value={validTo} onChange={(e) => setValidTo(e.target.value)} data-testid="coop-valid-to" />
        </label>
      </div>
      <label className="field">
        <span>{t('coop.form.title')}</span>
        <input required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="coop-title" />
      </label>
      <fieldset className="space-aspect">
        <legend>{t('coop.form.parties')}</legend>
        <div className="meeting-agencies">
          {agencies.map((a) => (
            <label key={a.id} className="meeting-agency">
              <input type="checkbox" data-testid={`coop-party-${a.id}`} checked={parties.includes(a.id)} onChange={(e) => setParties((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))} />
              {a.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-aspect">
        <legend>{t('coop.scope.lines')}</legend>
        {stretches.map((s, i) => (
          <div key={i} className="hazard-form-grid">
            <select aria-label={t('coop.form.line')} value={s.lineId} onChange={(e) => setStretch(i, { lineId: e.target.value })} data-testid="coop-line">
              <option value="" />
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <input aria-label={t('coop.form.from')} placeholder="K499+000" value={s.from} onChange={(e) => setStretch(i, { from: e.target.value })} data-testid="coop-line-from" />
            <input aria-label={t('coop.form.to')} placeholder="K501+000" value={s.to} onChange={(e) => setStretch(i, { to: e.target.value })} data-testid="coop-line-to" />
            <button type="button" className="btn btn-quiet" onClick={() => setStretches((xs) => xs.filter((_, j) => j !== i))}>
              {t('coop.form.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => setStretches((xs) => [...xs, { lineId: '', from: '', to: '' }])}>
          {t('coop.form.addLine')}
        </button>
      </fieldset>
      <fieldset className="space-aspect">
        <legend>{t('coop.scope.areas')}</legend>
        <div className="meeting-agencies">
          {agencies
            .filter((a) => a.type === 'county_police_bureau' || a.type === 'township')
            .map((a) => (
              <label key={a.id} className="meeting-agency">
                <input type="checkbox" checked={areas.includes(a.id)} onChange={(e) => setAreas((s) => (e.target.checked ? [...s, a.id] : s.filter((x) => x !== a.id)))} />
                {a.name}
              </label>
            ))}
        </div>
      </fieldset>
      <fieldset className="space-aspect">
        <legend>{t('coop.obligations')}</legend>
        {duties.map((d, i) => (
          <div key={i} className="hazard-form-grid" data-testid="coop-duty">
            <select aria-label={t('coop.form.obligation')} value={d.kind} onChange={(e) => setDuty(i, { kind: e.target.value as Duty['kind'] })} data-testid="coop-duty-kind">
              {OBLIGATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`coop.kindLabel.${k}`)}
                </option>
              ))}
            </select>
            <select aria-label={t('coop.form.party')} value={d.partyAgencyId} onChange={(e) => setDuty(i, { partyAgencyId: e.target.value })} data-testid="coop-duty-party">
              <option value="" />
              {partyAgencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <input aria-label={t('coop.form.target')} placeholder={t('coop.form.target')} inputMode="decimal" value={d.target} onChange={(e) => setDuty(i, { target: e.target.value })} data-testid="coop-duty-target" />
            {d.kind !== 'patrol_hours' && d.kind !== 'hazard_rectification' && <input aria-label={t('coop.form.limit')} placeholder={t('coop.form.limit')} inputMode="numeric" value={d.limitMin} onChange={(e) => setDuty(i, { limitMin: e.target.value })} data-testid="coop-duty-limit" />}
            <button type="button" className="btn btn-quiet" onClick={() => setDuties((xs) => xs.filter((_, j) => j !== i))}>
              {t('coop.form.remove')}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => setDuties((xs) => [...xs, { kind: 'response_time', partyAgencyId: '', target: '', limitMin: '' }])}>
          {t('coop.form.addObligation')}
        </button>
      </fieldset>
      <label className="field">
        <span>{t('coop.form.note')}</span>
        <textarea rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {save.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
      <div className="hazard-action-buttons">
        <button type="submit" className="btn btn-primary" data-testid="coop-save" disabled={save.isPending}>
          {t('coop.form.save')}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t('coop.form.cancel')}
        </button>
      </div>
    </form>
  );
}
