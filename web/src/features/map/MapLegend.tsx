import { useT } from '../../app/i18n/useT';
import { COLOURS } from './colours';
import type { MessageKey } from '../../app/i18n/zh-CN';
import type { CSSProperties } from 'react';
import { useMapLayers } from './useMapLayers';
import { POST_COLOURS } from '../allocation/postsLayer';

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

/** What the layers that start hidden paint, listed only while they are shown. */
const LAYER_ITEMS: Partial<Record<'risk' | 'posts', Array<{ key: MessageKey; swatch: string; style: CSSProperties }>>> = {
  risk: [
    { key: 'legend.risk1', swatch: 'line', style: { background: '#7f0000' } },
    { key: 'legend.risk5', swatch: 'line', style: { background: '#d7301f' } },
    { key: 'legend.risk10', swatch: 'line', style: { background: '#fc8d59' } },
    { key: 'legend.risk20', swatch: 'line', style: { background: '#fdcc8a' } },
  ],
  posts: [
    { key: 'legend.postCurrent', swatch: 'dot', style: { background: POST_COLOURS.current, borderColor: '#fff' } },
    { key: 'legend.postProposed', swatch: 'dot', style: { background: POST_COLOURS.proposed, borderColor: '#fff' } },
    { key: 'legend.postBoth', swatch: 'dot', style: { background: POST_COLOURS.both, borderColor: '#fff' } },
    { key: 'legend.postCandidate', swatch: 'dot', style: { background: POST_COLOURS.candidate, borderColor: '#1a1a1a' } },
    { key: 'legend.postKept', swatch: 'line', style: { background: POST_COLOURS.kept } },
    { key: 'legend.postGained', swatch: 'line', style: { background: POST_COLOURS.gained } },
    { key: 'legend.postLost', swatch: 'line', style: { background: POST_COLOURS.lost } },
  ],
};

export function MapLegend() {
  const { t } = useT();
  const [layers] = useMapLayers();
  const items = [...ITEMS, ...(layers.risk ? (LAYER_ITEMS.risk ?? []) : []), ...(layers.posts ? (LAYER_ITEMS.posts ?? []) : [])];
  return (
    <section className="map-legend" aria-label={t('legend.title')}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <span className={`swatch swatch-${item.swatch}`} style={item.style} aria-hidden="true" />
            {t(item.key)}
          </li>
        ))}
      </ul>
    </section>
  );
}
