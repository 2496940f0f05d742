import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PublicReportStatus } from '@railjoint/contracts';
import { ApiError } from '../../api/errors';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { publicApi } from './publicApi';

/** /report/<code>: the status and the handling agency's public notes — nothing personal, nothing of other reports. */
export function ReportStatus() {
  const { code = '' } = useParams();
  const { t, lang, num } = useT();
  const errorText = useErrorText();
  const [status, setStatus] = useState<PublicReportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    publicApi.status(code).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof ApiError && e.status === 404 ? t('publicReport.notFound') : errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [code, tick, lang, t, errorText]);

  return (
    <section className="report-status" data-testid="report-status-page">
      <h2>{t('publicReport.statusTitle')}</h2>
      <p className="mono report-code">{code}</p>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="report-status-error">
          {error}
        </p>
      )}
      {status && (
        <>
          <p className="report-status-line">
            <strong>{status.categoryName}</strong>{' '}
            <span className={`status-chip report-status-${status.status}`} data-testid="report-status" data-status={status.status}>
              {t(`publicReport.status.${status.status}`)}
            </span>
          </p>
          <p className="muted">
            {t('publicReport.submitted', { time: formatDateTime(status.submittedAt, lang) })} · {t('publicReport.updated', { time: formatDateTime(status.updatedAt, lang) })}
          </p>
          <h3>{t('publicReport.notes')}</h3>
          {status.notes.length === 0 ? (
            <p className="muted">{t('publicReport.noNotes')}</p>
          ) : (
            <ul className="report-notes" data-testid="report-notes">
              {status.notes.map((n, i) => (
                <li key={i}>
                  <span className="muted mono">{formatDateTime(n.at, lang)}</span> {n.text}
                </li>
              ))}
            </ul>
          )}
          {status.points > 0 && <p>{t('publicReport.points', { n: num(status.points) })}</p>}
        </>
      )}
      <button type="button" className="btn report-big" data-testid="report-refresh" onClick={refresh}>
        {t('publicReport.refresh')}
      </button>
      <Link className="btn report-big" to="/report">
        {t('publicReport.newReport')}
      </Link>
    </section>
  );
}
