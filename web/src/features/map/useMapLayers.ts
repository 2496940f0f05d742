import { useCallback, useSyncExternalStore } from 'react';
import { loadLayers, saveLayers, type LayerGroup, type LayerVisibility } from './mapLayers';

let current: LayerVisibility | null = null;
const listeners = new Set<() => void>();

function snapshot(): LayerVisibility {
  current ??= loadLayers();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Turns a layer on or off for every map of the console, remembered (a room may ask to show its layer). */
export function setMapLayer(group: LayerGroup, on: boolean): void {
  current = { ...snapshot(), [group]: on };
  saveLayers(current);
  for (const l of listeners) l();
}

/** One choice for every map of the console (the map room's and the incidents room's), remembered. */
export function useMapLayers(): [LayerVisibility, (group: LayerGroup, on: boolean) => void] {
  const layers = useSyncExternalStore(subscribe, snapshot);
  const set = useCallback((group: LayerGroup, on: boolean) => setMapLayer(group, on), []);
  return [layers, set];
}
