import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';
import type { NetworkGeoJSON } from '../../api/endpoints';
import type { LabelSpec } from './viewportLabels';

export interface LinePath {
  id: string;
  name: string;
  highSpeed: boolean;
  parts: LonLat[][];
}

/** Screen distance between two names of the same line, px. */
const SPACING_PX = 420;
const MAX_PER_LINE = 6;
/** from the track to the middle of its name, px */
const OFFSET_PX = 10;

export function linePaths(network: NetworkGeoJSON): LinePath[] {
  return network.features.flatMap((f) =>
    f.properties.kind === 'line' && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString')
      ? [{ id: f.properties.id, name: f.properties.name, highSpeed: f.properties.highSpeed, parts: f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates }]
      : [],
  );
}

/**
 * Each line's name along it, every SPACING_PX of its course on screen, turned to the line and
 * kept upright. Placed in screen space after each move, so a name is always where the line is in
 * view, however the lines wind. Vertices are skipped where they are closer than a few pixels.
 */
export function lineLabels(map: MaplibreMap, lines: readonly LinePath[]): LabelSpec[] {
  const canvas = map.getCanvas();
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  const inside = (p: { x: number; y: number }) => p.x > 40 && p.x < w - 40 && p.y > 20 && p.y < h - 20;
  const metresPerPx = (40_075_016 * Math.cos((map.getCenter().lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const out: LabelSpec[] = [];
  for (const line of lines) {
    let placed = 0;
    for (const part of line.parts) {
      const stride = Math.max(1, Math.floor((metresPerPx * 6) / 150));
      let acc = SPACING_PX / 2;
      let prev: { x: number; y: number } | null = null;
      for (let i = 0; i < part.length && placed < MAX_PER_LINE; i += stride) {
        const p = map.project(part[i]!);
        if (prev && inside(p) && inside(prev)) {
          acc += Math.hypot(p.x - prev.x, p.y - prev.y);
          if (acc >= SPACING_PX) {
            let angle = (Math.atan2(p.y - prev.y, p.x - prev.x) * 180) / Math.PI;
            if (angle > 90) angle -= 180;
            if (angle < -90) angle += 180;
            // beside the track on its left-hand side on screen: kilometre posts are named on the right
            const rad = (angle * Math.PI) / 180;
            const side = Math.sin(rad) > 0 ? -1 : 1;
            const offset: [number, number] = [side * Math.sin(rad) * OFFSET_PX, -side * Math.cos(rad) * OFFSET_PX];
            // half-way along the segment: its ends are often kilometre posts, whose names sit there
            const mid = map.unproject([(p.x + prev.x) / 2, (p.y + prev.y) / 2]);
            out.push({ key: `line:${line.id}:${placed}`, text: line.name, at: [mid.lng, mid.lat], className: `line-label${line.highSpeed ? ' is-hs' : ''}`, rotation: angle, offset, data: { lineId: line.id } });
            placed++;
            acc = 0;
          }
        } else if (!inside(p)) acc = SPACING_PX / 2;
        prev = p;
      }
    }
  }
  return out;
}
