import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { LonLat } from '@railjoint/contracts';
import type { Incident } from '../../api/incidentSchemas';
import { queryKeys } from '../../api/queryClient';
import { useErrorText } from '../../api/useErrorText';
import { useT } from '../../app/i18n/useT';
import { paths } from '../../app/paths';
import { MapView } from '../map/MapView';
import type { MapFocus } from '../map/mapFocus';
import { useNetworkData } from '../map/useNetworkData';
import { useCategories } from '../location-panel/useCategories';
import { buildSearchIndex } from '../search/searchIndex';
import { requestNewCall } from '../shortcuts/newCallRequests';
import { CallForm } from './CallForm';
import { IncidentDetailPanel } from './IncidentDetailPanel';
import { IncidentQueue } from './IncidentQueue';
import { useIncidentFeed } from './useIncidentFeed';
import { useIncidentByCode } from './useIncidentByCode';
import { incidentQuery, useIncidentDetail } from './useIncidentDetail';
import { useRoomMarkers } from './useRoomMarkers';
import { useNearTrainMarkers } from '../trains-near/useNearTrainMarkers';
import { useQueueView } from './useQueueView';
import { markOwnIncident } from './useP1Alarm';
import './incidents.css';

/** Close enough to see the track, the access points and the village beside it. */
const INCIDENT_ZOOM = 13;

/**
 * The dispatcher's workplace: queue on the left, the map in the middle, the call form or one
 * incident on the right. The open incident is in the address (`/incidents/JQ…`), so a reload or a
 * link keeps it open, and the map moves to it when it opens.
 */
export function IncidentsRoom({ userAgencyId }: { userAgencyId: string | null }) {
  const { t } = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const client = useQueryClient();
  const code = useParams().code ?? null;
  const feed = useIncidentFeed();
  const { network, areas } = useNetworkData();
  const { categories } = useCategories();
  const index = useMemo(() => (network ? buildSearchIndex(network) : null), [network]);
  const [view, setView] = useQueueView();
  const [mapPoint, setMapPoint] = useState<{ seq: number; point: LonLat } | null>(null);
  const selected = useIncidentByCode(code, feed.incidents);
  const { incidentMarkers, unitMarkers } = useRoomMarkers(feed.incidents);
  const trainMarkers = useNearTrainMarkers(feed.incidents.find((i) => i.id === selected.id) ?? null);

  const open = useCallback((i: Pick<Incident, 'code'>) => navigate(paths.incident(i.code)), [navigate]);
  const openId = useCallback(
    (id: string) => {
      const listed = feed.incidents.find((i) => i.id === id);
      if (listed) open(listed);
      else void client.fetchQuery(incidentQuery(id)).then(open, () => undefined);
    },
    [feed.incidents, open, client],
  );
  const onNew = useCallback(() => {
    flushSync(() => navigate(paths.incidents));
    requestNewCall();
  }, [navigate]);
  const onCreated = useCallback(
    (i: Incident) => {
      markOwnIncident(i.id);
      void client.invalidateQueries({ queryKey: queryKeys.incidentList }, { cancelRefetch: false });
    },
    [client],
  );
  const onPick = useCallback((point: LonLat) => setMapPoint((p) => ({ seq: (p?.seq ?? 0) + 1, point })), []);
  const codeOf = useCallback((id: string) => feed.incidents.find((i) => i.id === id)?.code ?? id.slice(0, 8), [feed.incidents]);

  const focus = useIncidentFocus(code, selected.id, feed.incidents);

  return (
    <div className={`incidents-room${view === 'table' ? ' is-table' : ''}`}>
      <IncidentQueue incidents={feed.incidents} error={feed.error} mode={feed.mode} selectedCode={code} view={view} onView={setView} onOpen={open} onOpenId={openId} onNew={onNew} />
      <main className="console-map">
        <MapView
          network={network}
          areas={areas}
          pick={mapPoint && !code ? { point: mapPoint.point, onLine: null } : null}
          focus={focus}
          onPick={onPick}
          incidents={incidentMarkers}
          selectedIncident={selected.id}
          onIncidentClick={openId}
          units={unitMarkers}
          trains={trainMarkers}
        />
        {!code && <p className="map-hint">{t('room.mapHint')}</p>}
      </main>
      <aside className="incidents-side">
        {code && selected.id ? (
          <IncidentDetailPanel key={selected.id} id={selected.id} openIncidents={feed.incidents} onBack={() => navigate(paths.incidents)} userAgencyId={userAgencyId} />
        ) : code ? (
          <section className="incident-detail" data-testid="incident-detail" data-state={selected.missing || selected.error ? 'error' : 'loading'}>
            <button type="button" className="btn btn-quiet" onClick={() => navigate(paths.incidents)}>
              {t('detail.back')}
            </button>
            <p className={selected.missing || selected.error ? 'notice notice-error' : 'muted'} role={selected.missing ? 'alert' : undefined}>
              {selected.error ? errorText(selected.error) : selected.missing ? t('detail.notFound', { code }) : t('app.loading')}
            </p>
          </section>
        ) : (
          <CallForm categories={categories} index={index} mapPoint={mapPoint} codeOf={codeOf} onCreated={onCreated} onOpen={openId} />
        )}
      </aside>
    </div>
  );
}

/** Moves the map once to each incident as it is opened (not again when its data is re-read). */
function useIncidentFocus(code: string | null, id: string | null, open: Incident[]): MapFocus | null {
  const { data } = useIncidentDetail(id);
  const coordinates = open.find((i) => i.code === code)?.location.coordinates ?? (data?.code === code ? data?.location.coordinates : null) ?? null;
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!code || !coordinates || done.current === code) return;
    done.current = code;
    setFocus((f) => ({ seq: (f?.seq ?? 0) + 1, center: coordinates, zoom: INCIDENT_ZOOM }));
  }, [code, coordinates]);
  useEffect(() => {
    if (!code) done.current = null;
  }, [code]);
  return focus;
}
