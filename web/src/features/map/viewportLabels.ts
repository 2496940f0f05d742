import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat } from '@railjoint/contracts';

export interface LabelSpec {
  key: string;
  text: string;
  at: LonLat;
  className: string;
  data?: Record<string, string>;
  anchor?: 'center' | 'left' | 'top' | 'bottom';
  offset?: [number, number];
  /** degrees clockwise on the screen (a line's name follows the line) */
  rotation?: number;
}

/** More labels than this on screen are noise, and each costs a DOM element moved every frame. */
const MAX_LABELS = 250;

/**
 * HTML labels for only what is in view (no glyph server: the browser's own CJK fonts), kept as
 * markers while they stay in view (moved, when they follow a line) and made or removed as the view
 * moves. `pick` chooses, for the
 * current bounds and zoom, which labels to show.
 */
export function viewportLabels(map: MaplibreMap, pick: (bounds: { contains(p: LonLat): boolean }, zoom: number) => LabelSpec[]): { refresh(): void; remove(): void } {
  const shown = new Map<string, Marker>();
  const refresh = () => {
    const bounds = map.getBounds();
    const wanted = pick({ contains: (p) => bounds.contains(p) }, map.getZoom()).slice(0, MAX_LABELS);
    const keys = new Set(wanted.map((w) => w.key));
    for (const [key, marker] of shown) {
      if (!keys.has(key)) {
        marker.remove();
        shown.delete(key);
      }
    }
    for (const w of wanted) {
      const kept = shown.get(w.key);
      if (kept) {
        kept.setLngLat(w.at).setRotation(w.rotation ?? 0).setOffset(w.offset ?? [0, 0]);
        continue;
      }
      const el = document.createElement('div');
      el.className = w.className;
      el.textContent = w.text;
      el.setAttribute('aria-hidden', 'true');
      for (const [k, v] of Object.entries(w.data ?? {})) el.dataset[k] = v;
      const marker = new Marker({ element: el, anchor: w.anchor ?? 'center', offset: w.offset ?? [0, 0], rotation: w.rotation ?? 0, rotationAlignment: 'viewport' });
      shown.set(w.key, marker.setLngLat(w.at).addTo(map));
    }
  };
  return {
    refresh,
    remove: () => {
      for (const m of shown.values()) m.remove();
      shown.clear();
    },
  };
}
