import { useQuery } from '@tanstack/react-query';
import { useT } from '../../app/i18n/useT';
import { formatDateTime } from '../incidents/formatDateTime';
import { dutyApi } from './dutyApi';

interface Props {
  seatId: string;
  value: string;
  onChange(username: string): void;
  /** left out of the choice (the person handing over) */
  exclude?: string;
  testId: string;
  label: string;
}

/**
 * A person for a seat, chosen by name from the seat's agency (the roster's next first, marked):
 * nobody has to remember a colleague's sign-in name. The value is the sign-in name the API takes.
 */
export function PersonSelect({ seatId, value, onChange, exclude, testId, label }: Props) {
  const { t, lang } = useT();
  const q = useQuery({ queryKey: ['duty', 'seat-people', seatId], queryFn: ({ signal }) => dutyApi.seatPeople(seatId, signal), enabled: Boolean(seatId) });
  const people = (q.data?.people ?? []).filter((p) => p.username !== exclude);
  return (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} disabled={!q.data}>
      <option value="">{q.isLoading ? t('app.loading') : t('duty.choosePerson')}</option>
      {people.map((p) => (
        <option key={p.userId} value={p.username}>
          {p.scheduled && p.from ? t('duty.personScheduled', { name: p.displayName, time: formatDateTime(p.from, lang) }) : p.displayName}
        </option>
      ))}
    </select>
  );
}
