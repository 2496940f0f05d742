import { useEffect, useState } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { stationDisplayName } from '@railjoint/contracts';
import { HOVER_LAYERS } from './mapStyle';

export interface HoverName {
  name: string;
  x: number;
  y: number;
}

/** Lines carry no drawn labels, so hovering names them; stations too, when labels are hidden. */
export function useHoverName(map: MaplibreMap | null): HoverName | null {
  const [hover, setHover] = useState<HoverName | null>(null);
  useEffect(() => {
    if (!map) return;
    const move = (e: { point: { x: number; y: number } }) => {
      const box: [[number, number], [number, number]] = [
        [e.point.x - 4, e.point.y - 4],
        [e.point.x + 4, e.point.y + 4],
      ];
      const f = map.queryRenderedFeatures(box, { layers: HOVER_LAYERS })[0];
      const name = f?.properties?.name;
      const shown = typeof name === 'string' && f?.properties?.kind === 'station' ? stationDisplayName(name) : name;
      setHover(typeof shown === 'string' ? { name: shown, x: e.point.x, y: e.point.y } : null);
    };
    const leave = () => setHover(null);
    map.on('mousemove', move);
    map.on('mouseout', leave);
    return () => {
      map.off('mousemove', move);
      map.off('mouseout', leave);
    };
  }, [map]);
  return hover;
}
