import type { CooperationAgreement, User } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { useIsCentreDesk } from '../dispatch/useAgencies';
import { ListDetailLayout } from '../governance/ListDetailLayout';
import { useRecordSelection } from '../governance/useRecordSelection';
import { useAgreements } from './agreementApi';
import { AgreementDetail } from './AgreementDetail';
import { AgreementForm } from './AgreementForm';
import '../defensible-space/space.css';
import '../meetings/meetings.css';
import './agreements.css';

/** The centre draws up a new agreement or amends the one it is reading. */
type Drafting = { kind: 'new' } | { kind: 'edit'; agreement: CooperationAgreement };

/** 协议: the cooperation agreements the user's agency is party to (the centre: all), one at its own address, and for the centre drawing them up. */
export function AgreementsRoom({ user }: { user: User }) {
  const { t } = useT();
  const list = useAgreements();
  const selection = useRecordSelection<Drafting>(paths.agreement);
  const { id, form } = selection;
  const centre = useIsCentreDesk(user);
  return (
    <ListDetailLayout
      testIds={{ room: 'coop-room', table: 'coop-table', row: 'coop-row' }}
      title={t('coop.title')}
      actions={
        centre && (
          <button type="button" className="btn btn-primary" data-testid="coop-new" onClick={() => selection.openForm({ kind: 'new' })}>
            {t('coop.new')}
          </button>
        )
      }
      list={list}
      records={list.data?.agreements}
      texts={{ loading: t('coop.loading'), none: t('coop.none'), select: t('coop.select') }}
      selection={selection}
      row={(a, link) => (
        <>
          <td>
            {link(a.title)}
            <div className="muted">{a.parties.map((p) => p.name).join('、')}</div>
          </td>
          <td className="hazards-nowrap">{t(`coop.status.${a.status}`)}</td>
        </>
      )}
      detail={
        form?.kind === 'new' ? (
          <AgreementForm onDone={selection.closeForm} />
        ) : form?.kind === 'edit' && form.agreement.id === id ? (
          // the amendment belongs to the agreement it began on: back to another, it is not shown
          <AgreementForm key={form.agreement.id} initial={form.agreement} onDone={selection.closeForm} />
        ) : id ? (
          <AgreementDetail id={id} centre={centre} onEdit={(agreement) => selection.openForm({ kind: 'edit', agreement })} />
        ) : null
      }
    />
  );
}
