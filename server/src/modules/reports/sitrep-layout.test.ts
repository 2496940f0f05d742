import { describe, expect, it } from 'vitest';
import type { LonLat } from '@railjoint/contracts';
import { estimateWidth, layoutMap } from './sitrep-layout.js';
import { linesNear, projector, type MapLine, type SitrepMap } from './sitrep-map.js';

const CENTRE: LonLat = [109.5, 24.35];
const KX = 111_320 * Math.cos((24.35 * Math.PI) / 180);

/** A straight line through the centre, east–west, long enough to leave the map on both sides. */
function straight(name: string, dy = 0, lengthM = 60_000): MapLine {
  return { name, highSpeed: false, lengthM, pointAt: (m) => [CENTRE[0] + (m - lengthM / 2) / KX, CENTRE[1] + dy] };
}

const boxesOverlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('the situation report’s map', () => {
  it('runs every line to the edge of the map, and a line ending inside it to its own end', () => {
    const [line] = linesNear([straight('甲线')], CENTRE, 10_000);
    const run = line!.points[0]!;
    const map: SitrepMap = { centre: CENTRE, radiusM: 10_000, lines: [line!], stations: [], units: [], incident: { label: 'JQ', at: CENTRE } };
    const at = projector(map, 400, 250);
    expect(at(run[0]!)[0]).toBeLessThan(0);
    expect(at(run[run.length - 1]!)[0]).toBeGreaterThan(400);
    // 3.2 km long, centred: it ends inside the map, exactly at its last metre
    const [short] = linesNear([straight('乙线', 0, 3_210)], CENTRE, 10_000);
    const ends = short!.points[0]!;
    expect(ends[ends.length - 1]![0]).toBeCloseTo(CENTRE[0] + 1_605 / KX, 5);
  });

  it('covers the whole box from the square it was drawn for: no blank margin beside it', () => {
    const map: SitrepMap = { centre: CENTRE, radiusM: 10_000, lines: [], stations: [], units: [], incident: { label: 'JQ', at: CENTRE } };
    const at = projector(map, 500, 310);
    // the square's west and east edges fall on the box's sides
    expect(at([CENTRE[0] - 10_000 / KX, CENTRE[1]])[0]).toBeCloseTo(0, 3);
    expect(at([CENTRE[0] + 10_000 / KX, CENTRE[1]])[0]).toBeCloseTo(500, 3);
  });

  it('places labels without any two overlapping, inside the box, units standing together under one', () => {
    const near = (dx: number, dy: number): LonLat => [CENTRE[0] + dx / KX, CENTRE[1] + dy / 110_574];
    const map: SitrepMap = {
      centre: CENTRE,
      radiusM: 5_000,
      lines: [],
      stations: [0, 300, 600, 900].map((d, i) => ({ name: `车站${i}`, at: near(d, 100) })),
      units: [
        { name: '柳州站巡逻车', agency: '柳州站派出所', at: near(0, 100) },
        { name: '柳州站徒步巡组', agency: '柳州站派出所', at: near(0, 100) },
        ...[0, 200, 400, 600, 800].map((d) => ({ name: `鱼峰区巡逻车${d}`, agency: '鱼峰区公安分局', at: near(d, -150) })),
      ],
      incident: { label: 'JQ20261201-0001', at: near(50, 0) },
    };
    const { labels, markers, left } = layoutMap(map, 480, 300, estimateWidth);
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      expect(l.x >= 0 && l.y >= 0 && l.x + l.w <= 480 && l.y + l.h <= 300, l.text).toBe(true);
      for (const other of labels.slice(i + 1)) expect(boxesOverlap(l, other), `${l.text} / ${other.text}`).toBe(false);
    }
    // the incident always has its label; the two units at the station share one marker
    expect(labels[0]!.text).toBe('JQ20261201-0001');
    expect([...labels.map((l) => l.text), ...left]).toContain('柳州站巡逻车 +1');
    expect(labels.length).toBeGreaterThan(5);
    expect(markers.filter((m) => m.kind === 'unit')).toHaveLength(6);
    expect(labels.length + left.length).toBe(markers.length);
  });
});
