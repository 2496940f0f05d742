import { stationDisplayName, type LonLat } from '@railjoint/contracts';
import { projector, type SitrepMap } from './sitrep-map.js';

export type LabelKind = 'incident' | 'station' | 'unit';

export interface MapMarker {
  kind: LabelKind;
  x: number;
  y: number;
  /** half the marker's size, for the labels to keep clear of it */
  r: number;
}

export interface MapLabel {
  kind: LabelKind;
  text: string;
  /** top-left corner of the text box */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelStyle {
  size: number;
  bold: boolean;
}

export const LABEL_STYLE: Record<LabelKind, LabelStyle> = {
  incident: { size: 9, bold: true },
  station: { size: 7, bold: false },
  unit: { size: 7, bold: false },
};

const MARKER_R: Record<LabelKind, number> = { incident: 6, station: 3, unit: 3 };

/** The text width a renderer measures (PDFKit from the font; SVG from the characters). */
export type Measure = (text: string, style: LabelStyle) => number;

/** An estimate for SVG: a CJK character is one em wide, others about 0.6 em. */
export const estimateWidth: Measure = (text, style) => [...text].reduce((w, c) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(c) ? 1 : 0.6), 0) * style.size;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where the report's markers and labels go in a width × height box: units standing together share
 * one marker and one label; each label takes the first place around its marker (right, left,
 * above, below, then the diagonals) that keeps clear of every marker, every label already placed
 * and the box's edge; the incident is placed first, then stations, then units. A label with no
 * free place is left out rather than drawn over another: the units are listed in the report.
 */
export function layoutMap(map: SitrepMap, width: number, height: number, measure: Measure, scale = 1): { markers: MapMarker[]; labels: MapLabel[]; left: string[] } {
  const at = projector(map, width, height);
  const inside = ([x, y]: [number, number]) => x >= 0 && x <= width && y >= 0 && y <= height;
  const markers: MapMarker[] = [];
  const wanted: Array<{ kind: LabelKind; text: string; x: number; y: number }> = [];
  const add = (kind: LabelKind, text: string, p: LonLat) => {
    const [x, y] = at(p);
    if (!inside([x, y])) return;
    markers.push({ kind, x, y, r: MARKER_R[kind] * scale });
    wanted.push({ kind, text, x, y });
  };
  add('incident', map.incident.label, map.incident.at);
  for (const s of map.stations) add('station', stationDisplayName(s.name), s.at);
  // units a few points apart are one marker: a station's car and foot patrol wait at the same gate
  const groups: Array<{ names: string[]; at: LonLat; px: [number, number] }> = [];
  for (const u of map.units) {
    const px = at(u.at);
    const near = groups.find((g) => Math.hypot(g.px[0] - px[0], g.px[1] - px[1]) < 6);
    if (near) near.names.push(u.name);
    else groups.push({ names: [u.name], at: u.at, px });
  }
  for (const g of groups) add('unit', g.names.length === 1 ? g.names[0]! : `${g.names[0]} +${g.names.length - 1}`, g.at);

  const taken: Box[] = markers.map((m) => ({ x: m.x - m.r - 1, y: m.y - m.r - 1, w: 2 * m.r + 2, h: 2 * m.r + 2 }));
  // the scale bar's corner is the bar's, not a label's
  const bar = scaleBar(map, width, height);
  taken.push({ x: 0, y: height - 22, w: bar.px + 60, h: 22 });
  const labels: MapLabel[] = [];
  const left: string[] = [];
  for (const l of wanted) {
    const style = { ...LABEL_STYLE[l.kind], size: LABEL_STYLE[l.kind].size * scale };
    const w = measure(l.text, style);
    const h = style.size * 1.3;
    const r = (MARKER_R[l.kind] + 2) * scale;
    const candidates: Box[] = [
      { x: l.x + r, y: l.y - h / 2, w, h },
      { x: l.x - r - w, y: l.y - h / 2, w, h },
      { x: l.x - w / 2, y: l.y - r - h, w, h },
      { x: l.x - w / 2, y: l.y + r, w, h },
      { x: l.x + r, y: l.y - r - h, w, h },
      { x: l.x + r, y: l.y + r, w, h },
      { x: l.x - r - w, y: l.y - r - h, w, h },
      { x: l.x - r - w, y: l.y + r, w, h },
    ];
    const box = candidates.find((c) => c.x >= 2 && c.y >= 2 && c.x + c.w <= width - 2 && c.y + c.h <= height - 2 && !taken.some((t) => overlaps(c, t)));
    if (!box) {
      left.push(l.text);
      continue;
    }
    taken.push(box);
    labels.push({ kind: l.kind, text: l.text, ...box });
  }
  return { markers, labels, left };
}

/** A scale bar of a round length, about a fifth of the map's width. */
export function scaleBar(map: SitrepMap, width: number, height: number): { metres: number; px: number; text: string } {
  const pxPerMetre = Math.max(width, height) / (2 * map.radiusM);
  const target = width / 5 / pxPerMetre;
  const round = [100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000].reduce((best, m) => (Math.abs(m - target) < Math.abs(best - target) ? m : best), 1000);
  return { metres: round, px: round * pxPerMetre, text: round >= 1000 ? `${round / 1000} km` : `${round} m` };
}
