import { formatMileage, type ResolveResult } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { ChainNote } from './ChainNote';

/** The answer to "where exactly is this": mileage first and large, as it is read out on the radio. */
export function LocationSummary({ result }: { result: ResolveResult }) {
  const { t, num } = useT();
  const { line, stationName, coordinates } = result.location;
  return (
    <section className="panel-section location-summary" aria-label={t('panel.title')}>
      {line ? (
        <>
          <div className="mileage-row">
            {/* formatted here from metres so every mileage the console shows is rounded the same way */}
            <span className="mileage" data-testid="panel-mileage">
              {formatMileage(line.metres, line.prefix)}
            </span>
            {line.highSpeed && <span className="tag tag-hs">{t('panel.highSpeed')}</span>}
          </div>
          {line.extrapolated && <p className="notice notice-warn">{t('panel.extrapolated')}</p>}
          {line.chain && <ChainNote chain={line.chain} />}
        </>
      ) : (
        <p className="mileage mileage-none" data-testid="panel-mileage" data-empty="true">
          {t('panel.noLine')}
        </p>
      )}
      <dl className="facts">
        {line && (
          <>
            <dt>{t('panel.line')}</dt>
            <dd className="strong" data-testid="panel-line">
              {line.lineName}
            </dd>
            <dt>{t('panel.section')}</dt>
            <dd>{line.sectionName ?? t('panel.none')}</dd>
            <dt>{t('panel.offset')}</dt>
            <dd title={t('panel.sideHint')}>{t('panel.offsetValue', { side: t(`side.${line.side}`), metres: num(line.offsetM) })}</dd>
          </>
        )}
        {stationName && (
          <>
            <dt>{t('panel.station')}</dt>
            <dd className="strong">{stationName}</dd>
          </>
        )}
        <dt>{t('panel.placeKind')}</dt>
        <dd data-testid="panel-place" data-place={result.placeKind}>
          {t(`place.${result.placeKind}`)}
        </dd>
        <dt>{t('panel.coordinates')}</dt>
        <dd className="coords">
          {coordinates[0].toFixed(6)}, {coordinates[1].toFixed(6)}
        </dd>
      </dl>
    </section>
  );
}
