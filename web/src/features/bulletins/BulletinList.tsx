import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import type { BulletinSummary, BulletinView } from './bulletinApi';
import { ClassificationBadge } from './ClassificationBadge';

interface Props {
  bulletins: BulletinSummary[];
  view: BulletinView;
  onView(view: BulletinView): void;
  selected: string | null;
  onOpen(id: string): void;
  onNew(): void;
  onImport(): void;
  /** agreements and webhooks, for admins and commanders */
  onAdmin?(): void;
}

const VIEWS: BulletinView[] = ['current', 'unacknowledged', 'all'];

export function BulletinList({ bulletins, view, onView, selected, onOpen, onNew, onImport, onAdmin }: Props) {
  const { t, lang } = useT();
  return (
    <section className="bulletin-list" data-testid="bulletin-list">
      <header className="queue-head">
        <h2>
          {t('bulletin.title')} <span className="muted">({bulletins.length})</span>
        </h2>
        <button type="button" className="btn btn-primary" data-testid="bulletin-new" onClick={onNew}>
          {t('bulletin.new')}
        </button>
        <button type="button" className="btn btn-quiet" data-testid="bulletin-import" onClick={onImport}>
          {t('bulletin.importCap')}
        </button>
        {onAdmin && (
          <button type="button" className="btn btn-quiet" data-testid="sharing-admin-open" onClick={onAdmin}>
            {t('admin.open')}
          </button>
        )}
      </header>
      <div className="bulletin-views" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'is-active' : undefined} data-testid={`bulletin-view-${v}`} onClick={() => onView(v)}>
            {t(`bulletin.view.${v}`)}
          </button>
        ))}
      </div>
      <ol className="bulletin-rows">
        {bulletins.map((b) => (
          <li key={b.id}>
            <button type="button" className={`bulletin-row${selected === b.id ? ' is-selected' : ''}`} data-testid="bulletin-row" data-id={b.id} data-code={b.code} onClick={() => onOpen(b.id)}>
              <span className="bulletin-row-head">
                <ClassificationBadge value={b.classification} />
                <span className="muted">{t(`bulletin.kind.${b.kind}`)}</span>
                {b.myAcknowledgement && !b.myAcknowledgement.acknowledgedAt && (
                  <span className="status-chip status-received" data-testid="bulletin-to-ack">
                    {t('bulletin.toAck')}
                  </span>
                )}
                {b.status === 'withdrawn' && <span className="status-chip">{t('bulletin.withdrawn')}</span>}
              </span>
              <strong>{b.title}</strong>
              <span className="muted">
                {b.senderAgencyName} · {b.code} · {t('bulletin.until', { time: formatDateTime(b.validUntil, lang) })}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {bulletins.length === 0 && <p className="muted">{t('bulletin.none')}</p>}
    </section>
  );
}
