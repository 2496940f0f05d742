import { addProtocol, type LayerSpecification, type SourceSpecification, type StyleSpecification } from 'maplibre-gl';
import { PMTiles, Protocol, TileType } from 'pmtiles';
import type { MapConfig } from '@railjoint/contracts';
import { BASEMAP_COLOURS } from './colours';

let protocol: Protocol | null = null;

/** MapLibre reads `pmtiles://` URLs through this, once per page. */
function pmtilesProtocol(): Protocol {
  if (!protocol) {
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  return protocol;
}

/**
 * The style to start the map with: ours alone (the schematic map, the default), or ours drawn
 * over a basemap — a PMTiles archive from our own server (vector tiles in the Protomaps basemap
 * layout, or raster tiles, as its header says), or a style from the department's own tile server,
 * whose glyphs and sprite then serve its labels. Our layers always come last, on top.
 */
export async function withBasemap(ours: StyleSpecification, basemap: MapConfig['basemap']): Promise<StyleSpecification> {
  if (!basemap) return ours;
  const [background, ...rest] = ours.layers;
  // the jurisdiction areas stay, but thin enough to read the roads and villages through them
  const overlays = rest.map((l) => (l.id === 'areas-fill' && l.type === 'fill' ? { ...l, paint: { ...l.paint, 'fill-opacity': ['match', ['get', 'type'], 'county_police_bureau', 0.18, 0.1] } } : l)) as LayerSpecification[];
  if (basemap.kind === 'style') {
    const res = await fetch(basemap.url);
    if (!res.ok) throw new Error(`basemap style ${basemap.url}: ${res.status}`);
    const theirs = (await res.json()) as StyleSpecification;
    return { ...theirs, sources: { ...theirs.sources, ...ours.sources }, layers: [...theirs.layers, ...overlays] };
  }
  const url = new URL(basemap.url, window.location.origin).href;
  const archive = new PMTiles(url);
  pmtilesProtocol().add(archive);
  const header = await archive.getHeader();
  const vector = header.tileType === TileType.Mvt;
  const source: SourceSpecification = vector ? { type: 'vector', url: `pmtiles://${url}` } : { type: 'raster', url: `pmtiles://${url}`, tileSize: 256 };
  const layers: LayerSpecification[] = vector ? protomapsLayers('basemap') : [{ id: 'basemap-raster', type: 'raster', source: 'basemap', paint: { 'raster-saturation': -0.6, 'raster-opacity': 0.8 } }];
  return { ...ours, sources: { basemap: source, ...ours.sources }, layers: [...(background ? [background] : []), ...layers, ...overlays] };
}

/**
 * Quiet fills and lines for the Protomaps basemap layout (what `pmtiles extract` of a Protomaps
 * build gives): land, water, green areas, roads by class and buildings, no labels (no glyphs on a
 * closed network), pale so the railway stays what the eye sees first.
 */
function protomapsLayers(source: string): LayerSpecification[] {
  const c = BASEMAP_COLOURS;
  const road = (id: string, kinds: string[], colour: string, width: [number, number]): LayerSpecification => ({
    id: `basemap-${id}`,
    type: 'line',
    source,
    'source-layer': 'roads',
    filter: ['in', ['get', 'kind'], ['literal', kinds]],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': colour, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, width[0], 16, width[1]] },
  });
  return [
    { id: 'basemap-earth', type: 'fill', source, 'source-layer': 'earth', paint: { 'fill-color': c.earth } },
    { id: 'basemap-landcover', type: 'fill', source, 'source-layer': 'landcover', paint: { 'fill-color': c.green, 'fill-opacity': 0.5 } },
    { id: 'basemap-landuse', type: 'fill', source, 'source-layer': 'landuse', paint: { 'fill-color': ['match', ['get', 'kind'], ['park', 'forest', 'wood', 'nature_reserve', 'grassland', 'farmland'], c.green, c.landuse], 'fill-opacity': 0.6 } },
    { id: 'basemap-water', type: 'fill', source, 'source-layer': 'water', paint: { 'fill-color': c.water } },
    { id: 'basemap-buildings', type: 'fill', source, 'source-layer': 'buildings', minzoom: 13, paint: { 'fill-color': c.building } },
    road('minor', ['minor_road', 'other', 'path'], c.minorRoad, [0.3, 3]),
    road('major', ['major_road', 'medium_road'], c.majorRoad, [0.6, 5]),
    road('highway', ['highway'], c.highway, [0.8, 6]),
    { id: 'basemap-boundaries', type: 'line', source, 'source-layer': 'boundaries', paint: { 'line-color': c.boundary, 'line-dasharray': [3, 2], 'line-width': 0.8 } },
  ];
}
