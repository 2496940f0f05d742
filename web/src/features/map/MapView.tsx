import { useEffect, useRef, useState } from 'react';
import { Map as MaplibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LonLat } from '@railjoint/contracts';
import type { AreaCollection, NetworkGeoJSON } from '../../api/endpoints';
import { useT } from '../../app/i18n/useT';
import { AREAS_SOURCE, NETWORK_SOURCE, PICK_SOURCE } from './mapStyle';
import { boundsOf, toMapFeatures } from './mapFeatures';
import { addStationLabels, zoomBand, type ZoomBand } from './stationLabels';
import { addAreaLabels } from './areaLabels';
import { declutterLabels } from './declutterLabels';
import { COLOURS } from './colours';
import { useHoverName } from './useHoverName';
import type { MapFocus, MapPick } from './mapFocus';
import { addIncidentMarkers, type IncidentMarker } from './incidentMarkers';
import { UnitMarkers, type UnitMarker } from './unitMarkers';
import { addTrainMarkers, type TrainMarker } from './trainMarkers';
import { kmSpacing } from './kmPosts';
import { useBaseStyle } from './useBaseStyle';
import { useMapLayers } from './useMapLayers';
import { LAYER_GROUPS, STYLE_LAYERS } from './mapLayers';
import { LayerToggles } from './LayerToggles';
import { useNetworkOverlays } from './useNetworkOverlays';
import { useDefenceLayers } from '../devices/useDefenceLayers';
import { useHazardLayer } from '../hazards/hazardLayer';
import { useRiskLayer } from '../risk/riskLayer';
import { usePostsLayer } from '../allocation/postsLayer';
import { useSpaceLayer } from '../defensible-space/spaceLayer';
import './map.css';

// Under Vite the worker is a separate asset; without this maplibre looks for it beside the page.
setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** the live map, for browser tests that need to turn coordinates into pixels */
    __railjointMap?: MaplibreMap;
  }
}

interface Props {
  network: NetworkGeoJSON | null;
  areas: AreaCollection | null;
  pick: MapPick | null;
  focus: MapFocus | null;
  onPick(point: LonLat): void;
  /** incidents to draw as coloured markers */
  incidents?: IncidentMarker[];
  selectedIncident?: string | null;
  onIncidentClick?(id: string): void;
  /** units to draw as small squares coloured by status */
  units?: UnitMarker[];
  /** the trains near the open incident, where the timetable has them now */
  trains?: TrainMarker[];
}

/** Liuzhou: where the demo department lies; replaced by the network's extent as soon as it loads. */
const INITIAL_CENTER: LonLat = [109.41, 24.33];

export function MapView({ network, areas, pick, focus, onPick, incidents, selectedIncident = null, onIncidentClick, units, trains }: Props) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const style = useBaseStyle();
  const [layers, setLayer] = useMapLayers();
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [band, setBand] = useState<ZoomBand>('low');
  const [spacing, setSpacing] = useState<1 | 10>(10);
  const onPickRef = useRef(onPick);
  const onIncidentRef = useRef(onIncidentClick);
  const focusRef = useRef(focus);
  useEffect(() => {
    onPickRef.current = onPick;
    onIncidentRef.current = onIncidentClick;
    focusRef.current = focus;
  }, [onPick, onIncidentClick, focus]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container || !style) return;
    const m = new MaplibreMap({
      container,
      style,
      center: INITIAL_CENTER,
      zoom: 7,
      attributionControl: false,
      // A plan view of lines: rotation and pitch only disorient and have no data to show.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    m.touchZoomRotate.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    m.getCanvas().style.cursor = 'crosshair';
    m.on('click', (e) => onPickRef.current([e.lngLat.lng, e.lngLat.lat]));
    m.on('zoom', () => {
      setBand(zoomBand(m.getZoom()));
      setSpacing(kmSpacing(m.getZoom()));
    });
    m.on('load', () => setMap(m));
    window.__railjointMap = m;
    return () => {
      if (window.__railjointMap === m) delete window.__railjointMap;
      m.remove();
      setMap(null);
      setReady(false);
    };
  }, [style]);

  useEffect(() => {
    if (!map || !network) return;
    map.getSource<GeoJSONSource>(NETWORK_SOURCE)?.setData(toMapFeatures(network));
    // the whole network, unless the map was already sent somewhere (an incident opened by its address)
    const bounds = boundsOf(network.features.map((f) => f.geometry));
    if (bounds && !focusRef.current) map.fitBounds(bounds, { padding: 40, duration: 0 });
    setBand(zoomBand(map.getZoom()));
    setSpacing(kmSpacing(map.getZoom()));
    // 'idle' after setData means the worker has tiled the lines and they are on screen.
    map.once('idle', () => setReady(true));
    return addStationLabels(map, network);
  }, [map, network]);

  useNetworkOverlays(map, network, layers.kmPosts);
  useDefenceLayers(map, network, layers);
  useHazardLayer(map, layers.hazards);
  useSpaceLayer(map, layers.space);
  useRiskLayer(map, network, layers.risk);
  usePostsLayer(map, network, layers.posts);

  useEffect(() => {
    if (!map) return;
    for (const group of LAYER_GROUPS) {
      for (const id of STYLE_LAYERS[group] ?? []) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', layers[group] ? 'visible' : 'none');
    }
  }, [map, layers]);

  useEffect(() => {
    if (!map || !areas) return;
    map.getSource<GeoJSONSource>(AREAS_SOURCE)?.setData(areas as GeoJSON.FeatureCollection);
    return addAreaLabels(map, areas);
  }, [map, areas]);

  useEffect(() => {
    if (!map || !pick) return;
    const marker = new Marker({ color: COLOURS.pick }).setLngLat(pick.point).addTo(map);
    marker.getElement().setAttribute('aria-label', t('map.pick'));
    marker.getElement().dataset.testid = 'map-pick';
    const features: GeoJSON.Feature[] = [];
    if (pick.onLine) {
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: pick.onLine } });
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [pick.point, pick.onLine] } });
    }
    map.getSource<GeoJSONSource>(PICK_SOURCE)?.setData({ type: 'FeatureCollection', features });
    return () => {
      marker.remove();
    };
  }, [map, pick, t]);

  useEffect(() => {
    if (!map || !incidents) return;
    return addIncidentMarkers(map, incidents, selectedIncident, (id) => onIncidentRef.current?.(id));
  }, [map, incidents, selectedIncident]);

  const unitLayer = useRef<UnitMarkers | null>(null);
  useEffect(() => {
    if (!map) return;
    const layer = new UnitMarkers(map);
    unitLayer.current = layer;
    return () => {
      layer.remove();
      unitLayer.current = null;
    };
  }, [map]);
  useEffect(() => unitLayer.current?.update(units ?? []), [map, units]);

  useEffect(() => {
    if (!map || !trains?.length) return;
    return addTrainMarkers(map, trains);
  }, [map, trains]);

  useEffect(() => {
    if (!map || !focus) return;
    if ('bounds' in focus) map.fitBounds(focus.bounds, { padding: 60, maxZoom: 13 });
    else map.flyTo({ center: focus.center, zoom: Math.max(map.getZoom(), focus.zoom), speed: 1.6 });
  }, [map, focus]);

  useEffect(() => {
    if (!map) return;
    const run = () => declutterLabels(map.getContainer());
    // labels are added by the effects above; the first idle after them has them all in place
    map.once('idle', run);
    map.on('moveend', run);
    return () => {
      map.off('moveend', run);
      map.off('idle', run);
    };
  }, [map, network, areas, band]);

  const hover = useHoverName(map);
  const hidden = LAYER_GROUPS.filter((g) => !layers[g]).map((g) => `hide-${g}`);

  return (
    <div className={['map-wrap', ...hidden].join(' ')}>
      <div
        ref={containerRef}
        className="map"
        data-zoom-band={band}
        data-km-spacing={spacing}
        data-testid="map"
        data-ready={ready ? 'true' : 'false'}
        role="application"
        aria-label={`${t('map.label')}: ${t('map.hint')}`}
      />
      <LayerToggles layers={layers} onChange={setLayer} />
      {hover && (
        <div className="map-hover" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
          {hover.name}
        </div>
      )}
    </div>
  );
}
