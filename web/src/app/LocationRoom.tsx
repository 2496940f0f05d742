import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { LonLat } from '@railjoint/contracts';
import { useT } from './i18n/useT';
import { useErrorText } from '../api/useErrorText';
import { MapView } from '../features/map/MapView';
import { MapLegend } from '../features/map/MapLegend';
import { useNetworkData } from '../features/map/useNetworkData';
import type { MapFocus, MapPick } from '../features/map/mapFocus';
import { LocationPanel } from '../features/location-panel/LocationPanel';
import { useLocationLookup } from '../features/location-panel/useLocationLookup';
import { useCategories } from '../features/location-panel/useCategories';
import { SearchBox } from '../features/search/SearchBox';
import { buildSearchIndex } from '../features/search/searchIndex';
import type { PlaceHit } from '@railjoint/contracts';
import { hitPoint } from '../features/search/placeHit';
import { useIncidentFeed } from '../features/incidents/useIncidentFeed';
import { useRoomMarkers } from '../features/incidents/useRoomMarkers';
import { paths } from './paths';

/** Close enough to see the track, the fence line and the nearest village at once. */
const FOCUS_ZOOM = 14;

/** The location room: click or search a place, read its mileage, jurisdiction and responsibility. */
export function LocationRoom() {
  const { t, lang } = useT();
  const errorText = useErrorText();
  const { network, areas, networkError, areasError } = useNetworkData();
  const { categories, error: categoriesError } = useCategories();
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const { lookup, lookupAt } = useLocationLookup(lang, categoryId);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const focusSeq = useRef(0);
  // the same live picture as the incidents room: open incidents and units where they are
  const feed = useIncidentFeed();
  const { incidentMarkers, unitMarkers } = useRoomMarkers(feed.incidents);
  const navigate = useNavigate();
  const openIncident = useCallback(
    (id: string) => {
      const found = feed.incidents.find((i) => i.id === id);
      if (found) navigate(paths.incident(found.code));
    },
    [feed.incidents, navigate],
  );

  const index = useMemo(() => (network ? buildSearchIndex(network) : null), [network]);
  const pick = useMemo<MapPick | null>(
    () => (lookup.point ? { point: lookup.point, onLine: lookup.result?.location.line?.onLine ?? null } : null),
    [lookup.point, lookup.result],
  );
  const contextLineId = lookup.result?.location.line?.lineId ?? null;

  const onPick = useCallback((point: LonLat) => lookupAt(point), [lookupAt]);

  const onChoose = useCallback(
    (hit: PlaceHit) => {
      const seq = ++focusSeq.current;
      const point = hitPoint(hit);
      if (hit.kind === 'line' || !point) {
        if (hit.kind === 'line') setFocus({ seq, bounds: hit.bounds });
        return;
      }
      // a village is looked up at the railway beside it: that is where the call is about
      setFocus({ seq, center: point, zoom: FOCUS_ZOOM });
      lookupAt(point);
    },
    [lookupAt],
  );

  return (
      <div className="console-body">
        <main className="console-map">
          <MapView network={network} areas={areas} pick={pick} focus={focus} onPick={onPick} incidents={incidentMarkers} onIncidentClick={openIncident} units={unitMarkers} />
          <MapLegend />
          {!network && networkError === null && (
            <p className="map-status" role="status">
              {t('map.loading')}
            </p>
          )}
          {(networkError !== null || areasError !== null) && (
            <div className="map-status map-status-error" role="alert">
              {networkError !== null && <p>{t('map.networkFailed', { message: errorText(networkError) })}</p>}
              {areasError !== null && <p>{t('map.areasFailed', { message: errorText(areasError) })}</p>}
            </div>
          )}
          {network && !lookup.point && <p className="map-hint">{t('map.hint')}</p>}
        </main>
        <LocationPanel
          lookup={lookup}
          categories={categories}
          categoriesError={categoriesError}
          categoryId={categoryId}
          onCategoryChange={setCategoryId}
          search={<SearchBox index={index} contextLineId={contextLineId} onChoose={onChoose} />}
        />
      </div>
  );
}
