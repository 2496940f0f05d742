import { useCallback, useMemo, useState } from 'react';
import type { LonLat } from '@railjoint/contracts';
import type { Incident } from '../../api/incidentSchemas';
import { useT } from '../../app/i18n/useT';
import { MapView } from '../map/MapView';
import type { IncidentMarker } from '../map/incidentMarkers';
import { useNetworkData } from '../map/useNetworkData';
import type { UnitMarker } from '../map/unitMarkers';
import { useUnits } from '../dispatch/useUnits';
import { useCategories } from '../location-panel/useCategories';
import { buildSearchIndex } from '../search/searchIndex';
import { CallForm } from './CallForm';
import { IncidentDetailPanel } from './IncidentDetailPanel';
import { IncidentQueue } from './IncidentQueue';
import { useIncidentFeed } from './useIncidentFeed';
import './incidents.css';

/** The dispatcher's workplace: queue on the left, the map in the middle, the form or one incident on the right. */
export function IncidentsRoom({ userAgencyId }: { userAgencyId: string | null }) {
  const { t } = useT();
  const feed = useIncidentFeed();
  const { network, areas } = useNetworkData();
  const { categories } = useCategories();
  const index = useMemo(() => (network ? buildSearchIndex(network) : null), [network]);
  const [selected, setSelected] = useState<string | null>(null);
  const [mapPoint, setMapPoint] = useState<{ seq: number; point: LonLat } | null>(null);

  const markers = useMemo<IncidentMarker[]>(
    () =>
      feed.incidents.flatMap((i) =>
        i.location.coordinates ? [{ id: i.id, code: i.code, priority: i.priority, label: `${i.code} ${i.categoryName}`, coordinates: i.location.coordinates }] : [],
      ),
    [feed.incidents],
  );
  const { units } = useUnits(feed.unitsVersion);
  const unitMarkers = useMemo<UnitMarker[]>(
    () => units.flatMap((u) => (u.position ? [{ id: u.id, status: u.status, label: `${u.name} · ${t(`unitStatus.${u.status}`)}`, coordinates: u.position }] : [])),
    [units, t],
  );
  const { markOwn, refresh } = feed;
  const onCreated = useCallback(
    (i: Incident) => {
      markOwn(i.id);
      refresh();
    },
    [markOwn, refresh],
  );
  const onPick = useCallback((point: LonLat) => setMapPoint((p) => ({ seq: (p?.seq ?? 0) + 1, point })), []);
  const codeOf = useCallback((id: string) => feed.incidents.find((i) => i.id === id)?.code ?? id.slice(0, 8), [feed.incidents]);

  return (
    <div className="incidents-room">
      <IncidentQueue incidents={feed.incidents} error={feed.error} mode={feed.mode} selectedId={selected} onOpen={setSelected} onNew={() => setSelected(null)} />
      <main className="console-map">
        <MapView
          network={network}
          areas={areas}
          pick={mapPoint && !selected ? { point: mapPoint.point, onLine: null } : null}
          focus={null}
          onPick={onPick}
          incidents={markers}
          selectedIncident={selected}
          onIncidentClick={setSelected}
          units={unitMarkers}
        />
        {!selected && <p className="map-hint">{t('room.mapHint')}</p>}
      </main>
      <aside className="incidents-side">
        {selected ? (
          <IncidentDetailPanel key={selected} id={selected} version={feed.version} openIncidents={feed.incidents} onChanged={refresh} onBack={() => setSelected(null)} userAgencyId={userAgencyId} />
        ) : (
          <CallForm categories={categories} index={index} mapPoint={mapPoint} codeOf={codeOf} onCreated={onCreated} onOpen={setSelected} />
        )}
      </aside>
    </div>
  );
}
