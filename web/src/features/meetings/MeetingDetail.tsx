import { useState } from 'react';
import type { Decision } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { formatDateTime } from '../incidents/formatDateTime';
import { minutesUrl, useMeeting } from './meetingApi';
import { RecordForm } from './RecordForm';
import { MeetingDocuments } from './MeetingDocuments';
import { useSignedInUser } from '../../app/signedInUser';

/** One meeting: when and where, who came, the agenda with the decisions carried over, the minutes and the decisions with their tasks' state. */
export function MeetingDetail({ id, mayRecord }: { id: string; mayRecord: boolean }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const q = useMeeting(id);
  const [recording, setRecording] = useState(false);
  const user = useSignedInUser();
  if (q.error != null)
    return (
      <p className="notice notice-error" role="alert">
        {errorText(q.error)}
      </p>
    );
  if (!q.data) return <p className="muted">{t('meetings.loading')}</p>;
  const m = q.data;
  if (recording) return <RecordForm meeting={m} onDone={() => setRecording(false)} />;
  const decisions = (list: Decision[], testId: string) => (
    <table className="hazards-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('meetings.decisions')}</th>
          <th>{t('meetings.decision.owner')}</th>
          <th>{t('meetings.decision.due')}</th>
          <th>{t('meetings.decision.task')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((d) => (
          <tr key={d.id} data-testid="meeting-decision" data-code={d.code} data-status={d.status}>
            <td>
              <strong>{d.code}</strong> {d.text}
            </td>
            <td>{d.ownerAgencyName}</td>
            <td className={d.overdue ? 'hazard-late hazards-nowrap' : 'hazards-nowrap'}>{formatDateTime(d.dueAt, lang).slice(0, 10)}</td>
            <td className="hazards-nowrap">
              {d.taskCode} <span className={`hazard-status is-${d.status === 'done' ? 'verified' : 'assigned'}`}>{t(`meetings.decision.${d.status}`)}</span>
              {d.overdue && <span className="hazard-flag is-bad">{t('meetings.decision.overdue')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <article className="hazard-panel" data-testid="meeting" data-code={m.code} data-status={m.status}>
      <header className="hazard-panel-head">
        <h2>{m.title}</h2>
        <span className="hazard-status">{t(`meetings.type.${m.type}`)}</span>
        <span className={`hazard-status is-${m.status === 'held' ? 'verified' : 'assigned'}`} data-testid="meeting-status">
          {t(`meetings.status.${m.status}`)}
        </span>
      </header>
      <dl className="hazard-facts">
        <dt>{t('meetings.when')}</dt>
        <dd>
          {formatDateTime(m.scheduledAt, lang)} · {m.code}
        </dd>
        {m.place && (
          <>
            <dt>{t('meetings.place')}</dt>
            <dd>{m.place}</dd>
          </>
        )}
        <dt>{t('meetings.agencies')}</dt>
        <dd>
          {m.agencies.map((a) => (
            <div key={a.agencyId}>
              {a.agencyName}
              {a.attended !== null && <span className="muted"> · {a.attended ? `${t('meetings.attended')}${a.representative ? `（${a.representative}）` : ''}` : t('meetings.absent')}</span>}
            </div>
          ))}
        </dd>
      </dl>
      <section>
        <h3>{t('meetings.agenda')}</h3>
        <ol className="meeting-agenda">
          {m.agenda.map((x) => (
            <li key={x.seq}>
              {x.title}
              {x.notes && <span className="muted"> — {x.notes}</span>}
            </li>
          ))}
        </ol>
        {m.carried.length > 0 && (
          <>
            <h4>{t('meetings.carried')}</h4>
            {decisions(m.carried, 'meeting-carried')}
          </>
        )}
      </section>
      {m.minutes && (
        <section>
          <h3>{t('meetings.minutes')}</h3>
          <p className="hazard-text">{m.minutes}</p>
        </section>
      )}
      {m.decisions.length > 0 && (
        <section>
          <h3>{t('meetings.decisions')}</h3>
          {decisions(m.decisions, 'meeting-decisions')}
        </section>
      )}
      <MeetingDocuments meeting={m} mayAdd={mayRecord || (!!user && m.agencies.some((a) => a.agencyId === user.agencyId) && user.roles.some((r) => r !== 'auditor' && r !== 'volunteer'))} />
      <div className="hazard-action-buttons">
        {mayRecord && m.status === 'planned' && (
          <button type="button" className="btn btn-primary" data-testid="meeting-record" onClick={() => setRecording(true)}>
            {t('meetings.record')}
          </button>
        )}
        <a className="btn" data-testid="meeting-pdf" href={minutesUrl(m.id)} download>
          {t('meetings.pdf')}
        </a>
      </div>
    </article>
  );
}
