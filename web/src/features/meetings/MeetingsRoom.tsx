import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useErrorText } from '../../api/useErrorText';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { useMeetings } from './meetingApi';
import { MeetingDetail } from './MeetingDetail';
import { ConveneForm } from './ConveneForm';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import '../hazards/hazards.css';
import '../defensible-space/space.css';
import './meetings.css';

/** 联席会议: the joint meetings the user's agency takes part in, one at its own address, and for the centre convening and recording them. */
export function MeetingsRoom({ user }: { user: User }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { id } = useParams();
  const list = useMeetings();
  const [convening, setConvening] = useState(false);
  // convening and recording are the centre's
  const convener = useIsCentreDesk(user);
  const open = (mid: string) => {
    setConvening(false);
    navigate(paths.meeting(mid));
  };
  return (
    <main className="hazards-room" data-testid="meetings-room">
      <GovernanceTabs />
      <div className="hazards-split">
        <section className="hazards-list">
          <header className="hazards-head">
            <h2>{t('meetings.title')}</h2>
            {convener && (
              <button type="button" className="btn btn-primary" data-testid="meeting-new" onClick={() => setConvening(true)}>
                {t('meetings.new')}
              </button>
            )}
          </header>
          {list.error != null && (
            <p className="notice notice-error" role="alert">
              {errorText(list.error)}
            </p>
          )}
          {list.isPending && <p className="muted">{t('meetings.loading')}</p>}
          {list.data && list.data.meetings.length === 0 && <p className="muted">{t('meetings.none')}</p>}
          {list.data && list.data.meetings.length > 0 && (
            <table className="hazards-table" data-testid="meetings-table">
              <tbody>
                {list.data.meetings.map((m) => (
                  <tr key={m.id} data-testid="meeting-row" data-code={m.code} className={m.id === id ? 'is-selected' : undefined} onClick={() => open(m.id)}>
                    <td className="hazards-nowrap">{formatDateTime(m.scheduledAt, lang).slice(0, 16)}</td>
                    <td>
                      <button type="button" className="btn btn-quiet hazards-link" onClick={(e) => (e.stopPropagation(), open(m.id))}>
                        {m.title}
                      </button>
                      <div className="muted">
                        {t(`meetings.type.${m.type}`)} · {m.code}
                      </div>
                    </td>
                    <td>
                      <span className={`hazard-status is-${m.status === 'held' ? 'verified' : 'assigned'}`}>{t(`meetings.status.${m.status}`)}</span>
                    </td>
                    <td>
                      {t('meetings.counts', { n: m.decisions, open: m.openDecisions })}
                      {m.overdueDecisions > 0 && <span className="hazard-flag is-bad">{t('meetings.overdueCount', { n: m.overdueDecisions })}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="hazards-detail">{convening ? <ConveneForm onDone={(mid) => (mid ? open(mid) : setConvening(false))} /> : id ? <MeetingDetail id={id} mayRecord={convener} /> : <p className="muted">{t('meetings.select')}</p>}</section>
      </div>
    </main>
  );
}
