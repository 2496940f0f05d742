import { useEffect, useRef } from 'react';
import { LngLatBounds, Map as MaplibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { NetworkGeoJSON } from '@railjoint/contracts';

setWorkerUrl(workerUrl);

type Sections = GeoJSON.FeatureCollection<GeoJSON.LineString, { sectionId: string; name: string; colour: string; hours: number }>;

/**
 * The network in grey with each section drawn over it in its colour (hours since last patrolled).
 * A plain background and no text: nothing loaded from elsewhere, so it draws on a closed network.
 */
export function CoverageMap({ network, sections, onSection }: { network: NetworkGeoJSON; sections: Sections; onSection(id: string): void }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MaplibreMap | null>(null);
  const sectionsRef = useRef(sections);
  sectionsRef.current = sections;
  const onSectionRef = useRef(onSection);
  onSectionRef.current = onSection;

  useEffect(() => {
    if (!box.current) return;
    const lines = { type: 'FeatureCollection' as const, features: network.features.filter((f) => f.properties.kind === 'line') } as unknown as GeoJSON.FeatureCollection;
    const bounds = new LngLatBounds();
    for (const f of network.features) {
      if (f.properties.kind !== 'station' || f.geometry.type !== 'Point') continue;
      bounds.extend(f.geometry.coordinates as [number, number]);
    }
    const m = new MaplibreMap({
      container: box.current,
      style: {
        version: 8,
        sources: { lines: { type: 'geojson', data: lines }, sections: { type: 'geojson', data: sectionsRef.current } },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f4f2ee' } },
          { id: 'lines', type: 'line', source: 'lines', paint: { 'line-color': '#d6d6d6', 'line-width': 1.5 } },
          { id: 'sections', type: 'line', source: 'sections', paint: { 'line-color': ['get', 'colour'], 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8] }, layout: { 'line-cap': 'round' } },
        ],
      },
      ...(bounds.isEmpty() ? { center: [109.4, 24.3] as [number, number], zoom: 8 } : { bounds, fitBoundsOptions: { padding: 30 } }),
      attributionControl: false,
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('click', 'sections', (e) => {
      const id = e.features?.[0]?.properties?.sectionId;
      if (typeof id === 'string') onSectionRef.current(id);
    });
    map.current = m;
    (window as unknown as { __railjointCoverageMap?: MaplibreMap }).__railjointCoverageMap = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [network]);

  useEffect(() => {
    const src = map.current?.getSource('sections') as GeoJSONSource | undefined;
    src?.setData(sections);
  }, [sections]);

  return <div ref={box} className="coverage-map" data-testid="coverage-map" />;
}
