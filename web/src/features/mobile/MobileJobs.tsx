import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { User } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { api } from '../../api/endpoints';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useUnits } from '../dispatch/useUnits';
import { formatDateTime } from '../incidents/formatDateTime';
import { MobileAssignment } from './MobileAssignment';
import { useAssignments } from './useAssignments';
import { useGeoShare } from './useGeoShare';
import { usePlatformNow } from '../../api/usePlatformNow';

const STATUS_BUTTONS = [
  { status: 'en_route', label: 'mobile.enRoute' },
  { status: 'on_scene', label: 'mobile.onScene' },
  { status: 'available', label: 'mobile.available' },
] as const;

/** A unit crew's jobs on the phone: its agency's open assignments to acknowledge, its status, and position sharing. */
export function MobileJobs({ user }: { user: User }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const { units } = useUnits();
  const own = units.filter((u) => u.agencyId === user.agencyId);
  const [unitId, setUnitId] = useState<string | null>(null);
  const unit = own.find((u) => u.id === unitId) ?? own[0] ?? null;
  const { assignments, error: listError, reload } = useAssignments();
  const [share, setShare] = useState(false);
  const geo = useGeoShare(unit?.id ?? null, share);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const now = usePlatformNow();

  const setStatus = async (status: string) => {
    if (!unit) return;
    setBusy(true);
    setError(null);
    try {
      await api.unitStatus(unit.id, status);
      void client.invalidateQueries({ queryKey: queryKeys.units }, { cancelRefetch: false });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="mobile-section">
        <h2>{t('mobile.unit')}</h2>
        {own.length === 0 ? (
          <p className="muted">{t('mobile.noUnits')}</p>
        ) : (
          <>
            <select className="mobile-big" data-testid="mobile-unit" value={unit?.id ?? ''} onChange={(e) => setUnitId(e.target.value)}>
              {own.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            {unit && (
              <p>
                {t('mobile.status')}{t('form.colon')}
                <span className={`status-chip unit-status-${unit.status}`} data-testid="mobile-unit-status" data-status={unit.status}>
                  {t(`unitStatus.${unit.status}`)}
                </span>
              </p>
            )}
            <div className="mobile-buttons">
              {STATUS_BUTTONS.map((b) => {
                // the unit's state now stands out, so a glance (or a glove) finds the next step
                const current = unit?.status === b.status;
                return (
                  <button
                    key={b.status}
                    type="button"
                    className={`btn mobile-big mobile-status${current ? ' is-current' : ''}`}
                    data-testid={`mobile-status-${b.status}`}
                    aria-pressed={current}
                    title={current ? t('mobile.current') : undefined}
                    disabled={busy || !unit}
                    onClick={() => void setStatus(b.status)}
                  >
                    {t(b.label)}
                  </button>
                );
              })}
            </div>
            <label className="mobile-share">
              <input type="checkbox" data-testid="mobile-share" checked={share} onChange={(e) => setShare(e.target.checked)} />
              {t('mobile.share')}
            </label>
            <p className="muted" data-testid="mobile-geo" data-state={geo.kind}>
              {geo.kind === 'unavailable'
                ? t('mobile.noGeo')
                : geo.kind === 'error'
                  ? t('mobile.geoError', { message: geo.message })
                  : geo.kind === 'sent'
                    ? t('mobile.sent', { time: formatDateTime(geo.at, lang) })
                    : geo.kind === 'waiting'
                      ? t('mobile.sharing')
                      : ''}
            </p>
            {error && (
              <p className="notice notice-error" role="alert">
                {error}
              </p>
            )}
          </>
        )}
      </section>

      <section className="mobile-section">
        <h2>{t('mobile.assignments')}</h2>
        {listError !== null && (
          <p className="notice notice-error" role="alert">
            {errorText(listError)}
          </p>
        )}
        {assignments.length === 0 ? (
          <p className="muted">{t('mobile.noAssignments')}</p>
        ) : (
          <ul className="mobile-assignments">
            {assignments.map((a) => (
              <MobileAssignment key={a.id} a={a} unitName={unitName(a.unit_id)} now={now} onDone={reload} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
