import { stationDisplayName, type PlaceHit, type PlaceOnLine } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';

/** One hit as a dispatcher reads it: what kind of place, its name, where on the railway it is. */
export function SearchResultItem({ hit }: { hit: PlaceHit }) {
  const { t, num } = useT();
  const matched = hit.matched === 'pinyin' || hit.matched === 'initials' || hit.matched === 'alias' ? <span className="hit-match">{t(`search.matched.${hit.matched}`)}</span> : null;
  const onLine = (line: PlaceOnLine | null, offset: boolean) =>
    line ? (
      <span className="hit-detail">
        {line.lineName} <span className="mono">{line.mileage}</span>
        {offset && line.offsetM > 0 && ` · ${t('search.offset', { m: num(line.offsetM) })}`}
      </span>
    ) : (
      <span className="hit-detail">{t('search.noLineNear')}</span>
    );
  switch (hit.kind) {
    case 'station':
      return (
        <>
          <span className="hit-kind">{t('search.kind.station')}</span>
          <span className="hit-main">{stationDisplayName(hit.name)}</span>
          {hit.telecode && <span className="hit-code">{hit.telecode}</span>}
          {matched}
          <span className="hit-detail">{hit.lineNames.join('、')}</span>
        </>
      );
    case 'police_station':
      return (
        <>
          <span className="hit-kind">{t('search.kind.police_station')}</span>
          <span className="hit-main">{hit.name}</span>
          {matched}
          <span className="hit-detail">{stationDisplayName(hit.stationName)}</span>
        </>
      );
    case 'site':
      return (
        <>
          <span className="hit-kind">{t(`search.site.${hit.siteType}`)}</span>
          <span className="hit-main">{hit.name}</span>
          {matched}
          {onLine(hit.line, false)}
        </>
      );
    case 'place':
      return (
        <>
          <span className="hit-kind">{t(`search.place.${hit.placeType}`)}</span>
          <span className="hit-main">{hit.name}</span>
          {matched}
          {onLine(hit.line, true)}
        </>
      );
    case 'line':
      return (
        <>
          <span className="hit-kind">{t('search.kind.line')}</span>
          <span className="hit-main">{hit.name}</span>
          {hit.highSpeed && <span className="tag tag-hs">{t('panel.highSpeed')}</span>}
          {matched}
        </>
      );
    case 'mileage':
      return (
        <>
          <span className="hit-kind">{t('search.kind.mileage')}</span>
          <span className="hit-main">
            {hit.lineName} <span className="mono">{hit.mileage}</span>
          </span>
          {hit.count > 1 && <span className="hit-detail">{t('search.candidate', { n: hit.n, count: hit.count })}</span>}
          {hit.chain && (
            <span className="hit-detail">
              {t(`chain.${hit.chain.kind}`)}
              {hit.chain.occurrence !== undefined && ` · ${t('panel.chainOccurrence', { n: hit.chain.occurrence })}`}
            </span>
          )}
        </>
      );
  }
}
