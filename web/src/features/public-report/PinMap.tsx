import { useEffect, useRef } from 'react';
import { LngLatBounds, Map as MaplibreMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

// MapLibre's worker from its own file under /assets, as the console's map loads it (script-src 'self')
setWorkerUrl(workerUrl);
import type { PublicPlaces } from './publicApi';

export type LonLatPin = [number, number];

/**
 * A small map to pin the place: the railway lines and stations on a plain background (nothing
 * from outside the server, so it works on any network and under the content security policy).
 * A tap sets the pin; the pin moves when the reporter's own position is used.
 */
export function PinMap({ places, pin, onPin }: { places: PublicPlaces; pin: LonLatPin | null; onPin(p: LonLatPin): void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MaplibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;

  useEffect(() => {
    if (!box.current) return;
    const lines: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: places.lines.map((l) => ({ type: 'Feature', properties: { name: l.name }, geometry: { type: 'MultiLineString', coordinates: l.paths } })),
    };
    const stations: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: places.stations.map((s) => ({ type: 'Feature', properties: { name: s.name }, geometry: { type: 'Point', coordinates: s.coordinates } })),
    };
    const all = places.stations.map((s) => s.coordinates);
    const bounds = all.length
      ? all.reduce((b, c) => b.extend(c), new LngLatBounds(all[0], all[0]))
      : new LngLatBounds([108, 22], [112, 26]);
    const m = new MaplibreMap({
      container: box.current,
      style: {
        version: 8,
        sources: { lines: { type: 'geojson', data: lines }, stations: { type: 'geojson', data: stations } },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f2efe9' } },
          { id: 'lines', type: 'line', source: 'lines', paint: { 'line-color': '#444', 'line-width': 3 } },
          { id: 'stations', type: 'circle', source: 'stations', paint: { 'circle-radius': 5, 'circle-color': '#fff', 'circle-stroke-color': '#c62828', 'circle-stroke-width': 2 } },
        ],
      },
      bounds,
      fitBoundsOptions: { padding: 20 },
      attributionControl: false,
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('click', (e) => onPinRef.current([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, [places]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!pin) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new Marker({ color: '#c62828' }).setLngLat(pin).addTo(m);
    marker.current.setLngLat(pin);
  }, [pin]);

  return <div ref={box} className="report-map" data-testid="report-map" />;
}
