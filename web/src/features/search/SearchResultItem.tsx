import { useT } from '../../app/i18n/useT';
import type { SearchHit } from './searchHit';

export function SearchResultItem({ hit }: { hit: SearchHit }) {
  const { t } = useT();
  switch (hit.kind) {
    case 'station':
      return (
        <>
          <span className="hit-kind">{t('search.kind.station')}</span>
          <span className="hit-main">{hit.name}</span>
          {hit.telecode && <span className="hit-code">{hit.telecode}</span>}
          <span className="hit-detail">{hit.lineNames.join('、')}</span>
        </>
      );
    case 'line':
      return (
        <>
          <span className="hit-kind">{t('search.kind.line')}</span>
          <span className="hit-main">{hit.name}</span>
          {hit.highSpeed && <span className="tag tag-hs">{t('panel.highSpeed')}</span>}
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
            <span className="hit-detail" title={hit.chain.note}>
              {t(`chain.${hit.chain.kind}`)}
              {hit.chain.occurrence !== undefined && ` · ${t('panel.chainOccurrence', { n: hit.chain.occurrence })}`}
            </span>
          )}
        </>
      );
  }
}
