import { useT } from '../../app/i18n/useT';

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (v && typeof v === 'object' ? `${k} (${text(v)})` : `${k} ${String(v)}`))
      .join('; ');
  }
  return String(value);
}

/** The ETA model's own assumptions (speeds, track walking, access overhead, acknowledgement timeout), as the server words them. */
export function AssumptionsList({ assumptions }: { assumptions: unknown }) {
  const { t } = useT();
  if (!assumptions || typeof assumptions !== 'object') return null;
  return (
    <details className="dispatch-assumptions" data-testid="dispatch-assumptions">
      <summary>{t('dispatch.assumptions')}</summary>
      <dl className="facts">
        {Object.entries(assumptions as Record<string, unknown>).map(([k, v]) => (
          <div key={k} className="assumption-row">
            <dt className="mono">{k}</dt>
            <dd>{text(v)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
