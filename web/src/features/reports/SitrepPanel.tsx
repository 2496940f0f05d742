import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Sitrep } from '@railjoint/contracts';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { sitrepApi } from './sitrepApi';
import { SitrepEditor } from './SitrepEditor';
import './reports.css';

/** 情况报告: draft one from the incident, edit, release, print as PDF or HTML; earlier ones listed. */
export function SitrepPanel({ incidentId }: { incidentId: string }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const client = useQueryClient();
  const key = queryKeys.sitreps(incidentId);
  // read with the incident: its live events (a scheduled report is drafted on its timeline) mark it stale
  const q = useQuery({ queryKey: key, queryFn: async ({ signal }) => (await sitrepApi.list(incidentId, signal)).sitreps });
  const list = q.data ?? null;
  const setList = (update: (l: Sitrep[] | null) => Sitrep[]) => client.setQueryData<Sitrep[]>(key, (l) => update(l ?? null));
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [schedule, setSchedule] = useState<string>('');
  const [scheduled, setScheduled] = useState<string | null>(null);

  const draft = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await sitrepApi.draft(incidentId);
      setList((l) => [r, ...(l ?? [])]);
      setOpen(r.id);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const replace = (next: Sitrep) => setList((l) => (l ?? []).map((x) => (x.id === next.id ? next : x)));
  const shown = (list ?? []).find((r) => r.id === open);

  return (
    <section className="sitrep-panel" data-testid="sitrep-panel">
      <h3>
        {t('sitrep.heading')} <span className="muted">({list?.length ?? 0})</span>
      </h3>
      <button type="button" className="btn" data-testid="sitrep-draft" disabled={busy} onClick={() => void draft()}>
        {t('sitrep.draft')}
      </button>
      <label className="sitrep-schedule">
        <span>{t('sitrep.every')}</span>
        <select
          data-testid="sitrep-schedule"
          value={schedule}
          onChange={(e) => {
            const v = e.target.value;
            setSchedule(v);
            setError(null);
            sitrepApi.schedule(incidentId, v ? Number(v) : null).then(
              (r) => setScheduled(r.dueAt ? t('sitrep.nextAt', { time: formatDateTime(r.dueAt, lang) }) : t('sitrep.off')),
              (err: unknown) => setError(errorText(err)),
            );
          }}
        >
          <option value="">{t('sitrep.off')}</option>
          {[30, 60, 120, 240].map((m) => (
            <option key={m} value={m}>
              {t('sitrep.everyN', { n: String(m) })}
            </option>
          ))}
        </select>
        {scheduled && <span className="muted" data-testid="sitrep-next">{scheduled}</span>}
      </label>
      {(error || q.error) && (
        <p className="notice notice-error" role="alert">
          {error ?? errorText(q.error)}
        </p>
      )}
      <ul className="sitrep-list">
        {(list ?? []).map((r) => (
          <li key={r.id} data-testid="sitrep-item" data-status={r.status}>
            <button type="button" className="btn btn-quiet" onClick={() => setOpen(open === r.id ? null : r.id)}>
              {t('sitrep.number', { n: String(r.number) })} · {r.status === 'released' ? t('sitrep.released') : t('sitrep.draftLabel')}
              {r.scheduled ? ` · ${t('sitrep.scheduled')}` : ''} · {formatDateTime(r.generatedAt, lang)}
            </button>
          </li>
        ))}
      </ul>
      {shown && <SitrepEditor key={`${shown.id}:${shown.status}`} sitrep={shown} onSaved={replace} />}
    </section>
  );
}
