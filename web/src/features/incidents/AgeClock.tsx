import { useT } from '../../app/i18n/useT';
import { formatClock } from './formatClock';

interface Props {
  receivedAt: string;
  /** the time limit, seconds; the clock turns red past it */
  limitS: number;
  now: number;
  /** stop the clock here (e.g. when closed) */
  stoppedAt?: string | null;
}

export function AgeClock({ receivedAt, limitS, now, stoppedAt }: Props) {
  const { t } = useT();
  const end = stoppedAt ? Date.parse(stoppedAt) : now;
  const age = (end - Date.parse(receivedAt)) / 1000;
  const over = limitS > 0 && age > limitS;
  return (
    <span className={`age-clock${over ? ' is-over' : ''}`} data-testid="age-clock" data-over={over ? 'true' : 'false'} title={over ? t('incident.overLimit') : t('incident.age')}>
      {formatClock(age)}
    </span>
  );
}
