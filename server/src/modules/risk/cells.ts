import { mileageText } from '../network/chain-notes.js';
import type { LineReference } from '../network/linear-ref.js';

/** One cell of a line: a stretch of `cellM` metres along the geometry (shorter at the ends of a run). */
export interface Cell {
  lineId: string;
  /** position of the cell among all cells of a CellSet */
  index: number;
  fromMeasure: number;
  toMeasure: number;
  fromMileage: string;
  toMileage: string;
}

export interface CellLine {
  id: string;
  ref: LineReference;
}

/**
 * A cell shorter than this at the end of a run is joined to the cell before it, so no cell is a
 * sliver that a ranking by density would over- or under-state.
 */
const MIN_TAIL_FRACTION = 0.25;
const EPS = 1e-6;

/**
 * Cuts a line into cells measured along its geometry. Runs restart at every post where the mileage
 * jumps (chain break, change of prefix): a cell never straddles a break, so its from/to mileage
 * reads as people read the posts, and the cells of a long chain's repeated mileage are the two
 * places where that mileage lies, not one.
 */
export function cellsOfLine(line: CellLine, cellM: number, startIndex = 0): Cell[] {
  const L = line.ref.lengthM;
  const breaks = line.ref.posts
    .filter((p) => p.ahead.prefix !== p.behind.prefix || Math.abs(p.ahead.metres - p.behind.metres) > EPS)
    .map((p) => p.measure)
    .filter((m) => m > EPS && m < L - EPS);
  const edges = [0, ...breaks, L];
  const out: Cell[] = [];
  for (let r = 0; r + 1 < edges.length; r++) {
    const a = edges[r]!;
    const b = edges[r + 1]!;
    if (b - a <= EPS) continue;
    const cuts: number[] = [];
    for (let x = a; x < b - EPS; x += cellM) cuts.push(x);
    cuts.push(b);
    if (cuts.length > 2 && cuts[cuts.length - 1]! - cuts[cuts.length - 2]! < cellM * MIN_TAIL_FRACTION) cuts.splice(cuts.length - 2, 1);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      out.push({ lineId: line.id, index: startIndex + out.length, fromMeasure: from, toMeasure: to, fromMileage: mileageAt(line.ref, from, false), toMileage: mileageAt(line.ref, to, true) });
    }
  }
  return out;
}

/** The mileage at a measure; at the end of a cell, the side behind (a chain-break post reads both). */
function mileageAt(ref: LineReference, measure: number, end: boolean): string {
  const m = ref.measureToMileage(end && measure > EPS ? measure - 1e-4 : measure);
  return mileageText({ prefix: m.prefix, metres: Math.round(m.metres) });
}

/** Every cell of a set of lines, with a lookup from (line, measure) to its cell. */
export class CellSet {
  readonly cells: Cell[] = [];
  /** per line: the cells' indexes into `cells` (in measure order) and their starting measures */
  private readonly byLine = new Map<string, { first: number; starts: Float64Array }>();
  readonly lengthM: number;

  constructor(lines: readonly CellLine[], readonly cellM: number) {
    for (const line of lines) {
      const cells = cellsOfLine(line, cellM, this.cells.length);
      this.byLine.set(line.id, { first: this.cells.length, starts: Float64Array.from(cells.map((c) => c.fromMeasure)) });
      this.cells.push(...cells);
    }
    this.lengthM = this.cells.reduce((s, c) => s + (c.toMeasure - c.fromMeasure), 0);
  }

  /** The index of the cell holding a measure on a line, or -1 for a line without cells. */
  cellAt(lineId: string, measure: number): number {
    const l = this.byLine.get(lineId);
    if (!l || !l.starts.length) return -1;
    let lo = 0;
    let hi = l.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (l.starts[mid]! <= measure) lo = mid;
      else hi = mid - 1;
    }
    return l.first + lo;
  }

  /** The cells of one line (indexes into `cells`). */
  range(lineId: string): { from: number; to: number } | null {
    const l = this.byLine.get(lineId);
    return l ? { from: l.first, to: l.first + l.starts.length } : null;
  }

  lineIds(): string[] {
    return [...this.byLine.keys()];
  }

  midpoint(i: number): number {
    const c = this.cells[i]!;
    return (c.fromMeasure + c.toMeasure) / 2;
  }
}
