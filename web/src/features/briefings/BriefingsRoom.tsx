import { Link } from 'react-router';
import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { ListDetailLayout } from '../governance/ListDetailLayout';
import { useRecordSelection } from '../governance/useRecordSelection';
import { useBriefings } from './briefingApi';
import { BriefingDetail } from './BriefingDetail';
import { GenerateForm } from './GenerateForm';
import './briefings.css';

/**
 * 警情通报: the centre's briefings, newest period first, one at its own address with its charts;
 * the centre's dispatchers and commanders make one by hand. Member agencies read each as the
 * bulletin it was published as (通报 room), so this list is the centre's.
 */
export function BriefingsRoom({ user }: { user: User }) {
  const { t, lang } = useT();
  const list = useBriefings();
  const selection = useRecordSelection(paths.briefing);
  const { id } = selection;
  const maker = useIsCentreDesk(user);
  return (
    <ListDetailLayout
      testIds={{ room: 'briefings-room', table: 'briefings-table', row: 'briefing-row' }}
      title={t('briefings.title')}
      actions={
        <>
          {/* the wall opens in its own window, to be dragged onto the wall's screen and left there */}
          <Link className="btn" to={paths.wall} target="_blank" data-testid="wall-link">
            {t('wall.open')}
          </Link>
          {maker && (
            <button type="button" className="btn btn-primary" data-testid="briefing-new" onClick={() => selection.openForm(true)}>
              {t('briefings.generate')}
            </button>
          )}
        </>
      }
      list={list}
      records={list.data?.briefings}
      texts={{ loading: t('briefings.loading'), none: t('briefings.none'), select: t('briefings.select') }}
      selection={selection}
      row={(b, link) => (
        <>
          <td className="hazards-nowrap">{t(`briefings.kind.${b.kind}`)}</td>
          <td>
            {link(b.title)}
            <div className="muted">
              {b.code} · {formatDateTime(b.generatedAt, lang).slice(0, 16)}
            </div>
          </td>
          <td className="hazards-nowrap">{t('briefings.received', { n: b.received })}</td>
        </>
      )}
      detail={selection.form ? <GenerateForm onDone={selection.closeForm} /> : id ? <BriefingDetail id={id} /> : null}
    />
  );
}
