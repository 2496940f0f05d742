import type { ReactElement, ReactNode } from 'react';
import { useErrorText } from '../../api/useErrorText';
import { GovernanceTabs } from './GovernanceTabs';
import type { RecordSelection } from './useRecordSelection';
import '../hazards/hazards.css';
import './governance.css';

interface Props<T extends { id: string; code: string }> {
  /** the room's data-testid; the table's and each row's follow as given */
  testIds: { room: string; table: string; row: string };
  title: ReactNode;
  /** the header's buttons beside the title (new, open the wall…) */
  actions?: ReactNode;
  /** the list's query: its error shown above the list, pending while nothing came yet */
  list: { error: unknown; isPending: boolean };
  records: readonly T[] | undefined;
  texts: { loading: string; none: string; select: string };
  selection: RecordSelection;
  /** a record's cells; `link` is its title as the keyboard's way in (the row itself takes clicks) */
  row(record: T, link: (label: ReactNode) => ReactElement): ReactNode;
  /** the right-hand pane: a form or the chosen record; null asks the user to choose one */
  detail: ReactElement | null;
}

/**
 * A governance room (联席会议, 协议, 警情通报): its tabs, its records on the left with the chosen
 * one marked, and that record (or a form) on the right. A row takes a click anywhere; its title
 * is a button so the keyboard reaches every record, and it says which one is open to a reader.
 */
export function ListDetailLayout<T extends { id: string; code: string }>({ testIds, title, actions, list, records, texts, selection, row, detail }: Props<T>) {
  const errorText = useErrorText();
  return (
    <main className="hazards-room" data-testid={testIds.room}>
      <GovernanceTabs />
      <div className="hazards-split">
        <section className="hazards-list">
          <header className="hazards-head">
            <h2>{title}</h2>
            {actions}
          </header>
          {list.error != null && (
            <p className="notice notice-error" role="alert">
              {errorText(list.error)}
            </p>
          )}
          {list.isPending && <p className="muted">{texts.loading}</p>}
          {records && records.length === 0 && <p className="muted">{texts.none}</p>}
          {records && records.length > 0 && (
            <table className="hazards-table governance-records" data-testid={testIds.table}>
              <tbody>
                {records.map((r) => {
                  const selected = r.id === selection.id;
                  const link = (label: ReactNode) => (
                    <button type="button" className="btn btn-quiet hazards-link" aria-current={selected ? 'true' : undefined} onClick={(e) => (e.stopPropagation(), selection.open(r.id))}>
                      {label}
                    </button>
                  );
                  return (
                    <tr key={r.id} data-testid={testIds.row} data-code={r.code} className={selected ? 'is-selected' : undefined} onClick={() => selection.open(r.id)}>
                      {row(r, link)}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section className="hazards-detail">{detail ?? <p className="muted">{texts.select}</p>}</section>
      </div>
    </main>
  );
}
