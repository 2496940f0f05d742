import { describe, expect, it } from 'vitest';
import { LineReference } from '../network/linear-ref.js';
import { lineFeature, postsAlong, walk } from '../network/fixtures.js';
import { CellSet, cellsOfLine } from './cells.js';

const START: [number, number] = [109.2, 24.3];

function line(id: string, lengthM: number, posts: (w: ReturnType<typeof walk>) => ReturnType<typeof postsAlong>) {
  const w = walk(START, lengthM, 100, () => 0);
  return { id, ref: LineReference.fromFeature(lineFeature(id, id, w, posts(w))) };
}

describe('cells along a line', () => {
  it('cuts a plain line every cellM metres and names each cell by its mileage', () => {
    const l = line('L1', 1000, (w) => postsAlong(w, 200, 120_000));
    const cells = cellsOfLine(l, 100);
    expect(cells).toHaveLength(10);
    expect(cells[0]).toMatchObject({ fromMileage: 'K120+000', toMileage: 'K120+100' });
    expect(cells[9]).toMatchObject({ fromMileage: 'K120+900', toMileage: 'K121+000' });
    const set = new CellSet([l], 100);
    expect(set.cellAt('L1', 350)).toBe(3);
    expect(set.cellAt('L1', 0)).toBe(0);
    expect(set.cellAt('L1', 999.9)).toBe(9);
    expect(set.cellAt('nowhere', 10)).toBe(-1);
    expect(set.lengthM).toBeCloseTo(1000, 3);
  });

  it('restarts at a long chain, so the repeated mileage is two different cells', () => {
    // at 1000 m along the line the posts read K1+000 behind and K0+800 ahead: K0+800–K1+000 occurs twice
    const l = line('L2', 2000, (w) => postsAlong(w, 500, 0, 'K', [{ atM: 1000, aheadM: 800 }]));
    const cells = cellsOfLine(l, 300);
    // 0–1000 gives 300, 300, 300 and a 100 m tail (a third of a cell: kept), then 1000–2000 the same
    expect(cells.map((c) => Math.round(c.toMeasure - c.fromMeasure))).toEqual([300, 300, 300, 100, 300, 300, 300, 100]);
    expect(cells[3]).toMatchObject({ fromMileage: 'K0+900', toMileage: 'K1+000' });
    expect(cells[4]).toMatchObject({ fromMileage: 'K0+800', toMileage: 'K1+100' });
  });

  it('joins a sliver at the end of a run to the cell before it', () => {
    const l = line('L3', 1020, (w) => postsAlong(w, 340, 0));
    const cells = cellsOfLine(l, 100);
    expect(cells).toHaveLength(10);
    expect(cells[9]!.toMeasure - cells[9]!.fromMeasure).toBeCloseTo(120, 3);
    expect(cells[9]).toMatchObject({ fromMileage: 'K0+900', toMileage: 'K1+020' });
  });
});
