import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useErrorText } from '../../api/useErrorText';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { formatDateTime } from '../incidents/formatDateTime';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { useBriefings } from './briefingApi';
import { BriefingDetail } from './BriefingDetail';
import { GenerateForm } from './GenerateForm';
import '../hazards/hazards.css';
import './briefings.css';

/**
 * 警情通报: the centre's briefings, newest period first, one at its own address with its charts;
 * the centre's dispatchers and commanders make one by hand. Member agencies read each as the
 * bulletin it was published as (通报 room), so this list is the centre's.
 */
export function BriefingsRoom({ user }: { user: User }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { id } = useParams();
  const list = useBriefings();
  const [making, setMaking] = useState(false);
  const maker = useIsCentreDesk(user);
  const open = (bid: string) => {
    setMaking(false);
    navigate(paths.briefing(bid));
  };
  return (
    <main className="hazards-room" data-testid="briefings-room">
      <GovernanceTabs />
      <div className="hazards-split">
        <section className="hazards-list">
          <header className="hazards-head">
            <h2>{t('briefings.title')}</h2>
            {/* the wall opens in its own window, to be dragged onto the wall's screen and left there */}
            <Link className="btn" to={paths.wall} target="_blank" data-testid="wall-link">
              {t('wall.open')}
            </Link>
            {maker && (
              <button type="button" className="btn btn-primary" data-testid="briefing-new" onClick={() => setMaking(true)}>
                {t('briefings.generate')}
              </button>
            )}
          </header>
          {list.error != null && (
            <p className="notice notice-error" role="alert">
              {errorText(list.error)}
            </p>
          )}
          {list.isPending && <p className="muted">{t('briefings.loading')}</p>}
          {list.data && list.data.briefings.length === 0 && <p className="muted">{t('briefings.none')}</p>}
          {list.data && list.data.briefings.length > 0 && (
            <table className="hazards-table" data-testid="briefings-table">
              <tbody>
                {list.data.briefings.map((b) => (
                  <tr key={b.id} data-testid="briefing-row" data-code={b.code} className={b.id === id ? 'is-selected' : undefined} onClick={() => open(b.id)}>
                    <td className="hazards-nowrap">{t(`briefings.kind.${b.kind}`)}</td>
                    <td>
                      <button type="button" className="btn btn-quiet hazards-link" onClick={(e) => (e.stopPropagation(), open(b.id))}>
                        {b.title}
                      </button>
                      <div className="muted">
                        {b.code} · {formatDateTime(b.generatedAt, lang).slice(0, 16)}
                      </div>
                    </td>
                    <td className="hazards-nowrap">{t('briefings.received', { n: b.received })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="hazards-detail">{making ? <GenerateForm onDone={(bid) => (bid ? open(bid) : setMaking(false))} /> : id ? <BriefingDetail id={id} /> : <p className="muted">{t('briefings.select')}</p>}</section>
      </div>
    </main>
  );
}
