import type { ResponseLevel } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** 响应等级 in the emergency plan's colours: I red, II orange, III yellow, IV blue. */
export function LevelBadge({ level, large = false }: { level: ResponseLevel; large?: boolean }) {
  const { t } = useT();
  return (
    <span className={`level-badge level-${level}${large ? ' level-badge-large' : ''}`} data-testid={large ? 'response-level' : 'level-badge'} data-level={level} title={t(`level.name.${level}`)}>
      {t('level.badge', { level })}
    </span>
  );
}
