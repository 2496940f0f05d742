import { useEffect, useState } from 'react';
import type { BulletinReceipts } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { bulletinApi } from './bulletinApi';

/** Who has acknowledged and read it, for the sending agency and the centre; remind the rest. */
export function Receipts({ id, version }: { id: string; version: number }) {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const [data, setData] = useState<BulletinReceipts | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    bulletinApi.receipts(id, abort.signal).then(
      (r) => !abort.signal.aborted && setData(r),
      (e: unknown) => !abort.signal.aborted && setNote(errorText(e)),
    );
    return () => abort.abort();
  }, [id, version, tick, errorText]);
  if (!data) return note ? <p className="notice notice-error">{note}</p> : null;
  const total = data.recipients.length;
  return (
    <section className="bulletin-receipts">
      <h3>
        {t('bulletin.receipts')}{' '}
        <span data-testid="receipts-summary" data-acknowledged={data.acknowledged} data-total={total}>
          {t('bulletin.ackSummary', { n: String(data.acknowledged), total: String(total) })}
        </span>
      </h3>
      <table className="receipts-table">
        <tbody>
          {data.recipients.map((r) => (
            <tr key={r.agencyId} data-testid="receipt-row" data-agency-id={r.agencyId} data-acknowledged={r.acknowledgedAt ? 'true' : 'false'}>
              <td>{r.agencyName}</td>
              <td>{r.acknowledgedAt ? t('bulletin.ackedBy', { who: r.acknowledgedByName ?? '', time: formatDateTime(r.acknowledgedAt, lang) }) : <span className="verdict-warn">{t('bulletin.outstanding')}</span>}</td>
              <td className="muted">{t('bulletin.reads', { n: String(r.reads) })}</td>
              <td className="muted">{r.reminders ? t('bulletin.reminded', { n: String(r.reminders) }) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.outstanding > 0 && (
        <button
          type="button"
          className="btn"
          data-testid="bulletin-remind"
          onClick={() =>
            void bulletinApi.remind(id).then(
              (r) => {
                setNote(t('bulletin.remindedNow', { n: String(r.reminded) }));
                setTick((n) => n + 1);
              },
              (e: unknown) => setNote(errorText(e)),
            )
          }
        >
          {t('bulletin.remind')}
        </button>
      )}
      {note && <p className="muted" data-testid="remind-note">{note}</p>}
    </section>
  );
}
