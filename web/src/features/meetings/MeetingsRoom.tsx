import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { ListDetailLayout } from '../governance/ListDetailLayout';
import { useRecordSelection } from '../governance/useRecordSelection';
import { useMeetings } from './meetingApi';
import { MeetingDetail } from './MeetingDetail';
import { ConveneForm } from './ConveneForm';
import '../defensible-space/space.css';
import './meetings.css';

/** 联席会议: the joint meetings the user's agency takes part in, one at its own address, and for the centre convening and recording them. */
export function MeetingsRoom({ user }: { user: User }) {
  const { t, lang } = useT();
  const list = useMeetings();
  const selection = useRecordSelection(paths.meeting);
  const { id } = selection;
  // convening and recording are the centre's
  const convener = useIsCentreDesk(user);
  return (
    <ListDetailLayout
      testIds={{ room: 'meetings-room', table: 'meetings-table', row: 'meeting-row' }}
      title={t('meetings.title')}
      actions={
        convener && (
          <button type="button" className="btn btn-primary" data-testid="meeting-new" onClick={() => selection.openForm(true)}>
            {t('meetings.new')}
          </button>
        )
      }
      list={list}
      records={list.data?.meetings}
      texts={{ loading: t('meetings.loading'), none: t('meetings.none'), select: t('meetings.select') }}
      selection={selection}
      row={(m, link) => (
        <>
          <td className="hazards-nowrap">{formatDateTime(m.scheduledAt, lang).slice(0, 16)}</td>
          <td>
            {link(m.title)}
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
        </>
      )}
      detail={selection.form ? <ConveneForm onDone={selection.closeForm} /> : id ? <MeetingDetail id={id} mayRecord={convener} /> : null}
    />
  );
}
