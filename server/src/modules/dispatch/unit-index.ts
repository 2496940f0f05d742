import type { LonLat } from '@railjoint/contracts';
import { distanceM, metresPerDegree } from '../network/geo.js';
import type { DispatchUnit } from './eta.js';

interface Slot {
  unit: DispatchUnit;
  /** cell key, or RIDING for units that move with a train (not placed in the grid) */
  key: number;
  /** index in the cell's array, for O(1) swap-removal */
  at: number;
}

const RIDING = -1;
const OFFSET = 2 ** 20;

/**
 * A uniform grid over lon/lat for many moving units. Moving a unit is O(1) (swap-remove from its
 * old cell, push to the new one), which matters more here than query speed: thousands of GPS
 * fixes a minute against a few incidents. Units on trains are kept apart, because their position
 * says nothing about how soon they arrive.
 */
export class UnitIndex {
  private readonly cells = new Map<number, Slot[]>();
  private readonly slots = new Map<string, Slot>();
  private readonly riding: Slot[] = [];
  readonly cellLonDeg: number;
  readonly cellLatDeg: number;
  private minIx = Infinity;
  private maxIx = -Infinity;
  private minIy = Infinity;
  private maxIy = -Infinity;

  constructor(opts: { cellM?: number; refLat?: number } = {}) {
    const cellM = opts.cellM ?? 2000;
    const { kx, ky } = metresPerDegree(opts.refLat ?? 35);
    this.cellLonDeg = cellM / kx;
    this.cellLatDeg = cellM / ky;
  }

  get size(): number {
    return this.slots.size;
  }

  get(id: string): DispatchUnit | undefined {
    return this.slots.get(id)?.unit;
  }

  /** Insert or move (or re-state) a unit. */
  upsert(unit: DispatchUnit): void {
    const key = unit.train ? RIDING : unit.position ? this.keyOf(unit.position) : null;
    const old = this.slots.get(unit.id);
    if (old && old.key === key) {
      old.unit = unit;
      return;
    }
    if (old) this.detach(old);
    if (key === null) {
      // No position and no train: it cannot be placed, and could not be sent anywhere either.
      this.slots.delete(unit.id);
      return;
    }
    const slot: Slot = { unit, key, at: 0 };
    const list = key === RIDING ? this.riding : this.cellList(key);
    slot.at = list.length;
    list.push(slot);
    this.slots.set(unit.id, slot);
  }

  remove(id: string): boolean {
    const s = this.slots.get(id);
    if (!s) return false;
    this.detach(s);
    this.slots.delete(id);
    return true;
  }

  /** Units riding trains, whatever their last position. */
  ridingUnits(): DispatchUnit[] {
    return this.riding.map((s) => s.unit);
  }

  /**
   * Rings of cells around the point, nearest first: ring k comes with a lower bound (metres) on
   * the distance from the point to any unit in it, so the caller can stop expanding as soon as
   * nothing further out can beat what it has. `visit` returns false to stop.
   */
  visitRings(point: LonLat, visit: (units: DispatchUnit[], lowerBoundM: number) => boolean, maxRadiusM = Infinity): void {
    if (this.minIx > this.maxIx) return;
    const cx = Math.floor(point[0] / this.cellLonDeg);
    const cy = Math.floor(point[1] / this.cellLatDeg);
    const maxK = Math.max(cx - this.minIx, this.maxIx - cx, cy - this.minIy, this.maxIy - cy);
    // ky grows towards the poles, so its equator value is the safe (smallest) one.
    const ky = metresPerDegree(0).ky;
    for (let k = 0; k <= maxK; k++) {
      // The longitude scale shrinks towards the pole: take it at the ring's most poleward edge.
      const farLat = Math.min(89.9, Math.abs(point[1]) + (k + 1) * this.cellLatDeg);
      const kxFar = metresPerDegree(farLat).kx;
      const lowerBoundM = Math.max(0, k - 1) * Math.min(this.cellLonDeg * kxFar, this.cellLatDeg * ky);
      if (lowerBoundM > maxRadiusM) return;
      const units: DispatchUnit[] = [];
      const add = (ix: number, iy: number) => {
        if (ix < this.minIx || ix > this.maxIx || iy < this.minIy || iy > this.maxIy) return;
        const list = this.cells.get(this.key(ix, iy));
        if (list) for (const s of list) units.push(s.unit);
      };
      if (k === 0) add(cx, cy);
      else {
        for (let ix = cx - k; ix <= cx + k; ix++) {
          add(ix, cy - k);
          add(ix, cy + k);
        }
        for (let iy = cy - k + 1; iy <= cy + k - 1; iy++) {
          add(cx - k, iy);
          add(cx + k, iy);
        }
      }
      if (!visit(units, lowerBoundM)) return;
    }
  }

  /** The k units nearest in a straight line within radiusM (units on trains are not placed, so not included). */
  nearest(point: LonLat, opts: { k?: number; radiusM?: number; filter?: (u: DispatchUnit) => boolean } = {}): Array<{ unit: DispatchUnit; distanceM: number }> {
    const k = opts.k ?? 10;
    const radiusM = opts.radiusM ?? Infinity;
    const found: Array<{ unit: DispatchUnit; distanceM: number }> = [];
    this.visitRings(
      point,
      (units, lowerBoundM) => {
        if (found.length >= k && lowerBoundM > found[k - 1]!.distanceM) return false;
        for (const unit of units) {
          if (opts.filter && !opts.filter(unit)) continue;
          const d = distanceM(unit.position!, point);
          if (d <= radiusM) found.push({ unit, distanceM: d });
        }
        found.sort((a, b) => a.distanceM - b.distanceM);
        if (found.length > k) found.length = k;
        return true;
      },
      radiusM,
    );
    return found;
  }

  private keyOf(p: LonLat): number {
    const ix = Math.floor(p[0] / this.cellLonDeg);
    const iy = Math.floor(p[1] / this.cellLatDeg);
    // Bounds only grow: a shrinking box would need a rescan, and a few empty rings cost little.
    if (ix < this.minIx) this.minIx = ix;
    if (ix > this.maxIx) this.maxIx = ix;
    if (iy < this.minIy) this.minIy = iy;
    if (iy > this.maxIy) this.maxIy = iy;
    return this.key(ix, iy);
  }

  private key(ix: number, iy: number): number {
    return (ix + OFFSET) * 2 ** 21 + (iy + OFFSET);
  }

  private cellList(key: number): Slot[] {
    let list = this.cells.get(key);
    if (!list) this.cells.set(key, (list = []));
    return list;
  }

  private detach(s: Slot): void {
    const list = s.key === RIDING ? this.riding : this.cells.get(s.key);
    if (!list) return;
    const last = list.pop()!;
    if (last !== s) {
      list[s.at] = last;
      last.at = s.at;
    } else if (list.length === 0 && s.key !== RIDING) this.cells.delete(s.key);
  }
}
