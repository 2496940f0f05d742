import type { LonLat } from '@railjoint/contracts';
import type { Bounds } from './mapFeatures';

/** A request to move the view; `seq` makes asking twice for the same place move the map again. */
export type MapFocus = { seq: number; center: LonLat; zoom: number } | { seq: number; bounds: Bounds };

/** What the user picked: the clicked point and, once resolved, the nearest point on the line. */
export interface MapPick {
  point: LonLat;
  onLine: LonLat | null;
}
