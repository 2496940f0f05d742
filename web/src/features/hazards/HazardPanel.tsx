import type { HazardDetail, ProtectionZoneVerdict } from '@railjoint/contracts';
import type { I18n } from '../../app/i18n/context';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { useHazard } from './hazardApi';
import { placeText } from './hazardText';
import { HazardActions } from './HazardActions';
import { HazardPhotos } from './HazardPhotos';

/** One hazard: where and what, both section chiefs, the deadline, photos before and after, the steps the reader may take and the history. */
export function HazardPanel({ id }: { id: string }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const q = useHazard(id);
  if (q.error != null)
    return (
      <p className="notice notice-error" role="alert">
        {errorText(q.error)}
      </p>
    );
  if (!q.data) return <p className="muted">{t('hazards.loading')}</p>;
  const h = q.data;
  return (
    <article className="hazard-panel" data-testid="hazard-panel" data-code={h.code} data-status={h.status}>
      <header className="hazard-panel-head">
        <h2>
          {t(`hazards.type.${h.type}`)} <span className="muted">{h.code}</span>
        </h2>
        <span className={`hazard-severity is-${h.severity}`}>{t(`hazards.severity.${h.severity}`)}</span>
        <span className={`hazard-status is-${h.status}`} data-testid="hazard-status">
          {t(`hazards.status.${h.status}`)}
        </span>
        {h.overdue && <span className="hazard-flag is-bad">{t('hazards.overdue')}</span>}
        {h.escalatedAt && <span className="hazard-flag is-warn">{t('hazards.escalated')}</span>}
      </header>
      <dl className="hazard-facts">
        <dt>{t('hazards.detail.place')}</dt>
        <dd data-testid="hazard-place">
          {placeText(h)} · {t(`place.${h.placeKind}`)}
        </dd>
        {h.sectionName && (
          <>
            <dt>{t('hazards.detail.section')}</dt>
            <dd>{h.sectionName}</dd>
          </>
        )}
        {h.protectionZone && (
          <>
            <dt>{t('hazards.detail.zone')}</dt>
            <dd data-testid="hazard-zone">{zoneText(h.protectionZone, t)}</dd>
          </>
        )}
        <dt>{t('hazards.detail.railwayChief')}</dt>
        <dd data-testid="hazard-railway-chief">{t('hazards.detail.chief', { agency: h.railwayOwner.agencyName, name: h.railwayOwner.chief })}</dd>
        <dt>{t('hazards.detail.localChief')}</dt>
        <dd data-testid="hazard-local-chief">{t('hazards.detail.chief', { agency: h.localOwner.agencyName, name: h.localOwner.chief })}</dd>
        {h.townshipName && (
          <>
            <dt>{t('hazards.detail.township')}</dt>
            <dd>{h.townshipName}</dd>
          </>
        )}
        <dt>{t('hazards.detail.finder')}</dt>
        <dd>
          {h.finderAgencyName} · {t(`hazards.source.${h.source.kind}`)}
        </dd>
        <dt>{t('hazards.detail.reported')}</dt>
        <dd>{t('hazards.detail.reportedBy', { time: formatDateTime(h.reportedAt, lang), user: h.reportedByName })}</dd>
        <dt>{t('hazards.detail.deadline')}</dt>
        <dd className={h.overdue ? 'hazard-late' : undefined} data-testid="hazard-deadline">
          {formatDateTime(h.deadline, lang)}
        </dd>
        <dt>{t('hazards.detail.description')}</dt>
        <dd className="hazard-text">{h.description}</dd>
        {h.rectificationNote && (
          <>
            <dt>{t('hazards.detail.rectification')}</dt>
            <dd className="hazard-text">{h.rectificationNote}</dd>
          </>
        )}
        {h.verificationNote && (
          <>
            <dt>{t('hazards.detail.verification')}</dt>
            <dd className="hazard-text">{h.verificationNote}</dd>
          </>
        )}
        {h.rejectReason && (
          <>
            <dt>{t('hazards.detail.rejectReason')}</dt>
            <dd className="hazard-text">{h.rejectReason}</dd>
          </>
        )}
      </dl>
      <HazardActions hazard={h} />
      <HazardPhotos hazard={h} />
      <History hazard={h} />
    </article>
  );
}

const HISTORY_ACTIONS = ['report', 'assign', 'start', 'rectify', 'verify', 'fail_verification', 'close', 'reject', 'photo', 'overdue'] as const;
const named = (a: string): a is (typeof HISTORY_ACTIONS)[number] => (HISTORY_ACTIONS as readonly string[]).includes(a);

function History({ hazard }: { hazard: HazardDetail }) {
  const { t, lang } = useT();
  return (
    <section className="hazard-history">
      <h3>{t('hazards.history')}</h3>
      <ol data-testid="hazard-history">
        {hazard.history.map((e, i) => (
          <li key={i} data-action={e.action}>
            <time>{formatDateTime(e.at, lang)}</time> <strong>{named(e.action) ? t(`hazards.history.${e.action}`) : e.action}</strong> · {e.byName}
            {noteOf(e.detail) && <span className="muted"> — {noteOf(e.detail)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The resolver's verdict in words; a negative distance means the point lies within the formation itself. */
function zoneText(z: ProtectionZoneVerdict, t: I18n['t']): string {
  const d = Math.round(z.distanceFromEdgeM);
  if (d < 0) return t('hazards.detail.zoneFormation', { width: z.widthM, distance: -d });
  return t(z.inside ? 'hazards.detail.zoneInside' : 'hazards.detail.zoneOutside', { width: z.widthM, distance: d });
}

function noteOf(detail: unknown): string | null {
  if (!detail || typeof detail !== 'object') return null;
  const d = detail as { note?: unknown; reason?: unknown };
  return typeof d.note === 'string' ? d.note : typeof d.reason === 'string' ? d.reason : null;
}
