import { useMemo } from 'react';
import { UNIT_STATUSES, type Unit } from '@railjoint/contracts';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { useAgencies } from '../dispatch/useAgencies';
import { useUnits } from '../dispatch/useUnits';
import { UnitCard } from './UnitCard';
import './units.css';

/** 警力: every unit the user may see, grouped by agency, kept current by the live channel. */
export function UnitsRoom() {
  const { t, num } = useT();
  const errorText = useErrorText();
  const { units, error } = useUnits();
  const agencies = useAgencies();
  const groups = useMemo(() => {
    const by = new Map<string, Unit[]>();
    for (const u of units) by.set(u.agencyId, [...(by.get(u.agencyId) ?? []), u]);
    const name = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
    return [...by.entries()].map(([id, list]) => ({ id, name: name(id), units: list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [units, agencies]);
  const counts = UNIT_STATUSES.map((s) => ({ status: s, n: units.filter((u) => u.status === s).length }));

  return (
    <main className="units-room" data-testid="units-board">
      <header className="units-head">
        <h2>{t('units.title')}</h2>
        <span className="muted">{t('units.count', { n: num(units.length) })}</span>
        {counts.map((c) => (
          <span key={c.status} className={`status-chip unit-status-${c.status}`} data-testid="unit-count" data-status={c.status}>
            {t(`unitStatus.${c.status}`)} {num(c.n)}
          </span>
        ))}
      </header>
      {error !== null && (
        <p className="notice notice-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {groups.length === 0 && error === null && <p className="muted">{t('units.none')}</p>}
      <div className="units-groups">
        {groups.map((g) => (
          <section key={g.id} className="units-group" data-testid="unit-group" data-agency-id={g.id}>
            <h3>
              {g.name} <span className="muted">({num(g.units.length)})</span>
            </h3>
            <ul className="unit-list">
              {g.units.map((u) => (
                <UnitCard key={u.id} unit={u} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}
