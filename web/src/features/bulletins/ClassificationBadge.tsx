import type { Classification } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

export function ClassificationBadge({ value }: { value: Classification }) {
  const { t } = useT();
  return (
    <span className={`class-badge class-${value}`} data-testid="classification" data-value={value}>
      {t(`bulletin.class.${value}`)}
    </span>
  );
}
