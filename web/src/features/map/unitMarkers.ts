import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { LonLat, UnitStatus } from '@railjoint/contracts';
import { UNIT_STATUS_COLOURS } from './colours';

export interface UnitMarker {
  id: string;
  status: UnitStatus;
  label: string;
  coordinates: LonLat;
}

/**
 * Units as small squares coloured by status (HTML markers: the style has no symbol layers), kept
 * by unit: a reported position moves the unit's own marker and a new status recolours it, so the
 * eye can follow a unit across updates instead of every marker being drawn anew.
 */
export class UnitMarkers {
  private readonly markers = new Map<string, Marker>();

  constructor(private readonly map: MaplibreMap) {}

  update(units: readonly UnitMarker[]): void {
    const ids = new Set(units.map((u) => u.id));
    for (const [id, m] of this.markers) {
      if (!ids.has(id)) {
        m.remove();
        this.markers.delete(id);
      }
    }
    for (const u of units) {
      let marker = this.markers.get(u.id);
      if (!marker) {
        const el = document.createElement('div');
        el.dataset.testid = 'unit-marker';
        el.dataset.id = u.id;
        marker = new Marker({ element: el }).setLngLat(u.coordinates).addTo(this.map);
        this.markers.set(u.id, marker);
      }
      const el = marker.getElement();
      el.className = `unit-marker unit-${u.status}`;
      el.style.background = UNIT_STATUS_COLOURS[u.status];
      el.title = u.label;
      el.setAttribute('aria-label', u.label);
      el.dataset.status = u.status;
      el.dataset.coordinates = `${u.coordinates[0]},${u.coordinates[1]}`;
      marker.setLngLat(u.coordinates);
    }
  }

  remove(): void {
    for (const m of this.markers.values()) m.remove();
    this.markers.clear();
  }
}
