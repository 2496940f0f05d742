import { useT } from '../../app/i18n/useT';
import { COLOURS } from './colours';
import type { MessageKey } from '../../app/i18n/zh-CN';
import type { CSSProperties } from 'react';

const ITEMS: Array<{ key: MessageKey; swatch: string; style: CSSProperties }> = [
  { key: 'legend.highSpeed', swatch: 'line', style: { background: COLOURS.highSpeed } },
  { key: 'legend.conventional', swatch: 'line', style: { background: COLOURS.conventional } },
  { key: 'legend.station', swatch: 'dot', style: { background: COLOURS.station, borderColor: COLOURS.stationStroke } },
  { key: 'legend.site', swatch: 'dot', style: { background: COLOURS.site, borderColor: COLOURS.casing } },
  { key: 'legend.kmPost', swatch: 'dot small', style: { background: COLOURS.kmPost, borderColor: COLOURS.casing } },
  { key: 'legend.train', swatch: 'tag', style: { background: COLOURS.train } },
  { key: 'legend.county', swatch: 'area', style: { background: COLOURS.countyFill, borderColor: COLOURS.countyLine } },
  { key: 'legend.township', swatch: 'area dashed', style: { background: COLOURS.townshipFill, borderColor: COLOURS.townshipLine } },
];

export function MapLegend() {
  const { t } = useT();
  return (
    <section className="map-legend" aria-label={t('legend.title')}>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.key}>
            <span className={`swatch swatch-${item.swatch}`} style={item.style} aria-hidden="true" />
            {t(item.key)}
          </li>
        ))}
      </ul>
    </section>
  );
}
