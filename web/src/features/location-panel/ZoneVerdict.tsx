import type { ProtectionZoneVerdict } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/**
 * The zone begins at the formation's outer edge, so a point on the formation itself is "not in the
 * zone" — yet it is inside the enclosure, which is worse. Showing that as a green "outside" would
 * read as all-clear to a dispatcher, so it gets its own verdict.
 */
function verdictOf(zone: ProtectionZoneVerdict): 'formation' | 'inside' | 'outside' {
  if (zone.distanceFromEdgeM < 0 && !zone.inside) return 'formation';
  return zone.inside ? 'inside' : 'outside';
}

const VERDICT_TEXT = { formation: 'zone.onFormation', inside: 'zone.inside', outside: 'zone.outside' } as const;

export function ZoneVerdict({ zone }: { zone: ProtectionZoneVerdict | null }) {
  const { t, num } = useT();
  const verdict = zone ? verdictOf(zone) : null;
  return (
    <section className="panel-section" aria-labelledby="zone-heading">
      <h3 id="zone-heading">{t('zone.title')}</h3>
      {zone === null ? (
        <p className="muted" data-testid="panel-zone" data-inside="n/a">
          {t('zone.notApplicable')}
        </p>
      ) : (
        <div data-testid="panel-zone" data-inside={zone.inside ? 'true' : 'false'}>
          <p className={`verdict verdict-${verdict}`} data-testid="panel-zone-verdict" data-verdict={verdict}>
            {verdict && t(VERDICT_TEXT[verdict])}
          </p>
          <dl className="facts">
            <dt>{t('zone.width')}</dt>
            <dd>
              {t('zone.widthValue', { width: num(zone.widthM) })}
              {zone.highSpeed && <span className="tag tag-hs">{t('panel.highSpeed')}</span>}
            </dd>
            <dt>{t('zone.distance')}</dt>
            <dd>{zone.distanceFromEdgeM < 0 ? t('zone.withinFormation') : t('zone.distanceValue', { distance: num(zone.distanceFromEdgeM, 1) })}</dd>
            <dt>{t('zone.areaClass')}</dt>
            <dd>{t(`area.${zone.areaClass}`)}</dd>
            <dt>{t('zone.basis')}</dt>
            <dd className="basis">{zone.basis}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
