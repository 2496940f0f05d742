import type { Unit } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { UNIT_STATUS_COLOURS } from '../map/colours';
import { formatDateTime } from '../incidents/formatDateTime';

/** One unit on the board: name, status chip, crew, and when its position was last heard. */
export function UnitCard({ unit }: { unit: Unit }) {
  const { t, num, lang } = useT();
  return (
    <li className="unit-card" data-testid="unit-card" data-unit-id={unit.id} data-status={unit.status}>
      <span className="unit-swatch" style={{ background: UNIT_STATUS_COLOURS[unit.status] }} aria-hidden="true" />
      <strong>{unit.name}</strong>
      <span className={`status-chip unit-status-${unit.status}`} data-testid="unit-status">
        {t(`unitStatus.${unit.status}`)}
      </span>
      {typeof unit.crew === 'number' && <span className="muted">{t('units.crew', { n: num(unit.crew) })}</span>}
      {unit.train && <span className="mono muted">{unit.train}</span>}
      <span className="muted unit-last">
        {t('units.lastPosition')}{t('form.colon')}{unit.position && unit.positionAt ? formatDateTime(unit.positionAt, lang) : t('units.noPosition')}
      </span>
    </li>
  );
}
