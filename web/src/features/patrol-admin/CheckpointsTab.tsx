import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Checkpoint, CheckpointPlace, User } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { FormFooter, useSaving } from './FormFooter';
import { useT } from '../../app/i18n/useT';
import { svgSource, useAdminWrites, useCheckpointCode, useCheckpoints } from './adminApi';
import { normalMileage, placeText, useLinesAndStations, useManagedAgencies } from './shared';
import './admin.css';

type PlaceBy = 'mileage' | 'station' | 'point';
const PRINT = '/patrols/checkpoints/print';

/** 巡防点: the list, a form to set one up, its QR code as the server drew it, a new code when a label is lost. */
export function CheckpointsTab({ user }: { user: User }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const checkpoints = useCheckpoints();
  const managed = useManagedAgencies(user);
  const names = useLinesAndStations();
  const { rotateCode } = useAdminWrites();
  const [agencyId, setAgencyId] = useState('');
  const [shownId, setShownId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const all = checkpoints.data ?? [];
  const agencies = useMemo(() => [...new Map(all.map((x) => [x.agencyId, x.agencyName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')), [all]);
  const shown = all.filter((x) => !agencyId || x.agencyId === agencyId);
  const canManage = (id: string) => managed.some((a) => a.id === id);
  const showing = all.find((x) => x.id === shownId) ?? null;

  const rotate = async (cp: Checkpoint) => {
    if (!window.confirm(t('patrolAdmin.cp.rotateConfirm', { name: cp.name }))) return;
    setError(null);
    setNotice(null);
    try {
      const code = await rotateCode(cp.id);
      setNotice(t('patrolAdmin.cp.rotated', { version: num(code.version) }));
      setShownId(cp.id);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="patrol-admin-tab" data-testid="checkpoints-tab">
      <header className="patrol-admin-head">
        <h2>{t('patrolAdmin.cp.title')}</h2>
        <label className="field-inline field">
          <span>{t('patrolAdmin.agency')}</span>
          <select data-testid="checkpoints-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
            <option value="">{t('patrolAdmin.allAgencies')}</option>
            {agencies.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {managed.length > 0 && (
          <button type="button" className="btn btn-primary" data-testid="checkpoint-new" onClick={() => setCreating(true)}>
            {t('patrolAdmin.cp.new')}
          </button>
        )}
        <Link className="btn" data-testid="checkpoints-print" to={agencyId ? `${PRINT}?agency=${encodeURIComponent(agencyId)}` : PRINT}>
          {t('patrolAdmin.cp.printAll')}
        </Link>
      </header>
      {checkpoints.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(checkpoints.error)}
        </p>
      )}
      {notice && (
        <p className="notice notice-info" role="status" data-testid="checkpoint-notice">
          {notice}
        </p>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="checkpoint-error">
          {errorText(error)}
        </p>
      )}
      {creating && (
        <CheckpointForm
          agencies={managed}
          onDone={(cp) => {
            setCreating(false);
            if (cp) {
              setNotice(t('patrolAdmin.cp.created', { name: cp.name, place: placeText(cp, t, names) }));
              setShownId(cp.id);
            }
          }}
        />
      )}
      <div className="patrol-admin-split">
        <section className="patrol-admin-list">
          {checkpoints.isPending && <p className="muted">{t('patrolAdmin.loading')}</p>}
          {!checkpoints.isPending && shown.length === 0 && <p className="muted">{t('patrolAdmin.cp.empty')}</p>}
          {shown.length > 0 && (
            <div className="patrol-admin-table-wrap">
              <table className="patrol-admin-table" data-testid="checkpoint-list">
                <thead>
                  <tr>
                    <th>{t('patrolAdmin.name')}</th>
                    <th>{t('patrolAdmin.cp.place')}</th>
                    <th>{t('patrolAdmin.cp.radiusShort')}</th>
                    <th>{t('patrolAdmin.cp.version')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {shown.map((cp) => (
                    <tr key={cp.id} data-testid="checkpoint-row" data-checkpoint={cp.id} className={cp.id === shownId ? 'is-selected' : cp.active ? undefined : 'is-inactive'}>
                      <td>
                        {cp.name}
                        <div className="muted">
                          {cp.agencyName} · {t(`patrolAdmin.cp.kind.${cp.kind}`)}
                          {cp.nfcTagId ? ` · NFC` : ''}
                        </div>
                      </td>
                      <td data-testid="checkpoint-place">{placeText(cp, t, names)}</td>
                      <td>{t('patrolAdmin.cp.metres', { n: num(cp.radiusM) })}</td>
                      <td>{num(cp.codeVersion)}</td>
                      <td className="patrol-admin-cell-actions">
                        <button type="button" className="btn btn-quiet" data-testid="checkpoint-show-code" onClick={() => setShownId(cp.id)}>
                          {t('patrolAdmin.cp.showCode')}
                        </button>
                        {canManage(cp.agencyId) && (
                          <button type="button" className="btn btn-quiet" data-testid="checkpoint-rotate" onClick={() => void rotate(cp)}>
                            {t('patrolAdmin.cp.rotate')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="patrol-admin-detail is-sticky">{showing && <CodePanel cp={showing} />}</section>
      </div>
    </div>
  );
}

/** The checkpoint's QR code, drawn by the server (the token never leaves it for a renderer elsewhere). */
function CodePanel({ cp }: { cp: Checkpoint }) {
  const { t, num } = useT();
  const errorText = useErrorText();
  const code = useCheckpointCode(cp.id);
  return (
    <div className="patrol-code-panel" data-testid="checkpoint-code" data-checkpoint={cp.id} data-version={code.data?.version ?? ''}>
      <h3>{t('patrolAdmin.cp.codeTitle', { name: cp.name })}</h3>
      {code.error != null && (
        <p className="notice notice-error" role="alert">
          {errorText(code.error)}
        </p>
      )}
      {code.isPending && <p className="muted">{t('patrolAdmin.loading')}</p>}
      {code.data && (
        <>
          <img className="patrol-qr" data-testid="checkpoint-qr" src={svgSource(code.data.svg)} alt={t('patrolAdmin.cp.qrAlt', { name: cp.name })} width={280} height={340} />
          <p>
            {t('patrolAdmin.cp.typed')}: <strong className="mono" data-testid="checkpoint-typed">{code.data.typedCode}</strong>
            <span className="muted">
              {' '}
              · {t('patrolAdmin.cp.version')} {num(code.data.version)}
            </span>
          </p>
          <Link className="btn" data-testid="checkpoint-print-one" to={`${PRINT}?id=${encodeURIComponent(cp.id)}`}>
            {t('patrolAdmin.cp.print')}
          </Link>
        </>
      )}
    </div>
  );
}

function CheckpointForm({ agencies, onDone }: { agencies: Array<{ id: string; name: string }>; onDone(cp: Checkpoint | null): void }) {
  const { t } = useT();
  const { saveCheckpoint } = useAdminWrites();
  const { lines, stations } = useLinesAndStations();
  const [draft, setDraft] = useState({ agencyId: agencies[0]?.id ?? '', name: '', kind: 'checkpoint' as 'checkpoint' | 'post', by: 'mileage' as PlaceBy, lineId: '', mileage: '', stationId: '', lon: '', lat: '', radiusM: '50', nfcTagId: '' });
  const { busy, error, save } = useSaving();
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const lineId = draft.lineId || lines[0]?.id || '';
  const stationId = draft.stationId || stations[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const place: CheckpointPlace = draft.by === 'mileage' ? { lineId, mileage: normalMileage(draft.mileage) } : draft.by === 'station' ? { stationId } : { lon: Number(draft.lon), lat: Number(draft.lat) };
      const cp = await saveCheckpoint({ agencyId: draft.agencyId, name: draft.name.trim(), kind: draft.kind, place, radiusM: Number(draft.radiusM), nfcTagId: draft.nfcTagId.trim() || null });
      onDone(cp);
    });
  };
  return (
    <form className="patrol-admin-form" data-testid="checkpoint-form" onSubmit={submit}>
      <h3>{t('patrolAdmin.cp.new')}</h3>
      <div className="patrol-admin-grid">
        <label className="field">
          <span>{t('patrolAdmin.agency')}</span>
          <select data-testid="checkpoint-agency" value={draft.agencyId} onChange={set('agencyId')}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.name')}</span>
          <input data-testid="checkpoint-name" value={draft.name} maxLength={100} required onChange={set('name')} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.cp.kind')}</span>
          <select data-testid="checkpoint-kind" value={draft.kind} onChange={set('kind')}>
            <option value="checkpoint">{t('patrolAdmin.cp.kind.checkpoint')}</option>
            <option value="post">{t('patrolAdmin.cp.kind.post')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('patrolAdmin.cp.placeBy')}</span>
          <select data-testid="checkpoint-by" value={draft.by} onChange={set('by')}>
            {(['mileage', 'station', 'point'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`patrolAdmin.cp.by.${b}`)}
              </option>
            ))}
          </select>
        </label>
        {draft.by === 'mileage' && (
          <>
            <label className="field">
              <span>{t('patrolAdmin.cp.line')}</span>
              <select data-testid="checkpoint-line" value={lineId} onChange={set('lineId')}>
                {lines.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('patrolAdmin.cp.mileage')}</span>
              <input data-testid="checkpoint-mileage" value={draft.mileage} placeholder="K500+200" required onChange={set('mileage')} />
            </label>
          </>
        )}
        {draft.by === 'station' && (
          <label className="field">
            <span>{t('patrolAdmin.cp.station')}</span>
            <select data-testid="checkpoint-station" value={stationId} onChange={set('stationId')}>
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {draft.by === 'point' && (
          <>
            <label className="field">
              <span>{t('patrolAdmin.cp.lon')}</span>
              <input data-testid="checkpoint-lon" inputMode="decimal" value={draft.lon} required onChange={set('lon')} />
            </label>
            <label className="field">
              <span>{t('patrolAdmin.cp.lat')}</span>
              <input data-testid="checkpoint-lat" inputMode="decimal" value={draft.lat} required onChange={set('lat')} />
            </label>
          </>
        )}
        <label className="field">
          <span>{t('patrolAdmin.cp.radius')}</span>
          <input data-testid="checkpoint-radius" type="number" min={5} max={1000} step={1} value={draft.radiusM} required onChange={set('radiusM')} />
        </label>
        <label className="field">
          <span>{t('patrolAdmin.cp.nfc')}</span>
          <input data-testid="checkpoint-nfc" value={draft.nfcTagId} placeholder={t('patrolAdmin.cp.nfcHint')} onChange={set('nfcTagId')} />
        </label>
      </div>
      <FormFooter saveTestId="checkpoint-save" errorTestId="checkpoint-form-error" busy={busy} disabled={!draft.agencyId} error={error} onCancel={() => onDone(null)} />
    </form>
  );
}
