import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { CooperationAgreement, User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useErrorText } from '../../api/useErrorText';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { GovernanceTabs } from '../governance/GovernanceTabs';
import { useAgreements } from './agreementApi';
import { AgreementDetail } from './AgreementDetail';
import { AgreementForm } from './AgreementForm';
import '../hazards/hazards.css';
import '../defensible-space/space.css';
import '../meetings/meetings.css';
import './agreements.css';

/** 协议: the cooperation agreements the user's agency is party to (the centre: all), one at its own address, and for the centre drawing them up. */
export function AgreementsRoom({ user }: { user: User }) {
  const { t } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { id } = useParams();
  const list = useAgreements();
  const [drafting, setDrafting] = useState(false);
  const [editing, setEditing] = useState<CooperationAgreement | null>(null);
  const centre = useIsCentreDesk(user);
  const open = (aid: string) => {
    setDrafting(false);
    setEditing(null);
    navigate(paths.agreement(aid));
  };
  return (
    <main className="hazards-room" data-testid="coop-room">
      <GovernanceTabs />
      <div className="hazards-split">
        <section className="hazards-list">
          <header className="hazards-head">
            <h2>{t('coop.title')}</h2>
            {centre && (
              <button type="button" className="btn btn-primary" data-testid="coop-new" onClick={() => setDrafting(true)}>
                {t('coop.new')}
              </button>
            )}
          </header>
          {list.error != null && (
            <p className="notice notice-error" role="alert">
              {errorText(list.error)}
            </p>
          )}
          {list.isPending && <p className="muted">{t('coop.loading')}</p>}
          {list.data && list.data.agreements.length === 0 && <p className="muted">{t('coop.none')}</p>}
          {list.data && list.data.agreements.length > 0 && (
            <table className="hazards-table" data-testid="coop-table">
              <tbody>
                {list.data.agreements.map((a) => (
                  <tr key={a.id} data-testid="coop-row" data-code={a.code} className={a.id === id ? 'is-selected' : undefined} onClick={() => open(a.id)}>
                    <td>
                      <button type="button" className="btn btn-quiet hazards-link" onClick={(e) => (e.stopPropagation(), open(a.id))}>
                        {a.title}
                      </button>
                      <div className="muted">{a.parties.map((p) => p.name).join('、')}</div>
                    </td>
                    <td className="hazards-nowrap">{t(`coop.status.${a.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="hazards-detail">
          {drafting ? (
            <AgreementForm onDone={(aid) => (aid ? open(aid) : setDrafting(false))} />
          ) : editing && editing.id === id ? (
            <AgreementForm key={editing.id} initial={editing} onDone={(aid) => (aid ? open(aid) : setEditing(null))} />
          ) : id ? (
            <AgreementDetail id={id} centre={centre} onEdit={setEditing} />
          ) : (
            <p className="muted">{t('coop.select')}</p>
          )}
        </section>
      </div>
    </main>
  );
}
