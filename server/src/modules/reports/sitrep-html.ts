import type { Sitrep } from '@railjoint/contracts';
import { projector, type SitrepMap } from './sitrep-map.js';
import { estimateWidth, LABEL_STYLE, layoutMap, scaleBar, type LabelKind } from './sitrep-layout.js';
import { printedSections } from './sitrep-model.js';
import type { SitrepWords } from './sitrep-words.js';

export interface PrintMeta {
  department: string;
  printedAt: string;
  words: SitrepWords['print'];
  lang: 'zh-CN' | 'en';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COLOUR: Record<LabelKind, string> = { incident: '#1f2933', station: '#1f2933', unit: '#1565c0' };

/** The map as inline SVG: lines (high-speed red), stations, units, the incident, labels kept apart. */
export function mapSvg(map: SitrepMap, width = 640, height = 420): string {
  const at = projector(map, width, height);
  const path = (pts: SitrepMap['lines'][number]['points'][number]) => pts.map((p, k) => `${k ? 'L' : 'M'}${at(p).map((v) => v.toFixed(1)).join(' ')}`).join(' ');
  // the SVG's labels are a little larger than the PDF's: a screen, not A4
  const scale = 12 / LABEL_STYLE.station.size;
  const { markers, labels } = layoutMap(map, width, height, estimateWidth, scale);
  const parts: string[] = [`<defs><clipPath id="frame"><rect width="${width}" height="${height}"/></clipPath></defs>`, `<rect width="${width}" height="${height}" fill="#f4f6f8" stroke="#9aa5b1"/>`, '<g clip-path="url(#frame)">'];
  for (const l of map.lines) for (const run of l.points) parts.push(`<path d="${path(run)}" fill="none" stroke="${l.highSpeed ? '#c8102e' : '#1f2933'}" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const m of markers) {
    const [x, y] = [m.x.toFixed(1), m.y.toFixed(1)];
    const r = m.r.toFixed(1);
    if (m.kind === 'station') parts.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" stroke="#1f2933" stroke-width="2"/>`);
    else if (m.kind === 'unit') parts.push(`<rect x="${(m.x - m.r).toFixed(1)}" y="${(m.y - m.r).toFixed(1)}" width="${(2 * m.r).toFixed(1)}" height="${(2 * m.r).toFixed(1)}" fill="#1565c0"/>`);
    else parts.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="#c8102e" stroke="#fff" stroke-width="2"/>`);
  }
  for (const l of labels) {
    const size = LABEL_STYLE[l.kind].size * scale;
    parts.push(`<text x="${l.x.toFixed(1)}" y="${(l.y + l.h * 0.8).toFixed(1)}" font-size="${size.toFixed(1)}"${LABEL_STYLE[l.kind].bold ? ' font-weight="bold"' : ''} fill="${COLOUR[l.kind]}" stroke="#f4f6f8" stroke-width="3" paint-order="stroke">${esc(l.text)}</text>`);
  }
  parts.push('</g>');
  const bar = scaleBar(map, width, height);
  parts.push(`<path d="M10 ${height - 10}h${bar.px.toFixed(1)}" stroke="#52606d" stroke-width="2"/><text x="${(14 + bar.px).toFixed(1)}" y="${height - 6}" font-size="11" fill="#52606d">${bar.text}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="map">${parts.join('')}</svg>`;
}

/** A self-contained page (no scripts, no outside requests) fit to print or mail. */
export function sitrepHtml(r: Sitrep, map: SitrepMap, meta: PrintMeta): string {
  const sections = printedSections(r).map((s) => `<section><h2>${esc(s.heading)}</h2><p>${esc(s.body).replace(/\n/g, '<br>')}</p></section>`).join('\n');
  const w = meta.words;
  const stamp = esc(r.status === 'released' ? w.released(r.releasedAt ?? '', r.releasedByName ?? '') : w.draft);
  return `<!doctype html>
<html lang="${meta.lang}"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:"Noto Sans SC","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:760px;margin:24px auto;color:#1f2933;line-height:1.6}
h1{font-size:22px;text-align:center;margin-bottom:4px}.meta{text-align:center;color:#52606d;font-size:13px}h2{font-size:16px;border-bottom:1px solid #cbd2d9;padding-bottom:2px}
.draft{color:#c8102e;font-weight:bold}figure{margin:16px 0;text-align:center}figcaption{font-size:12px;color:#52606d}</style></head>
<body><h1>${esc(r.title)}</h1>
<p class="meta">${esc(meta.department)} · ${esc(w.issue(r.number))} · <span class="${r.status === 'released' ? '' : 'draft'}">${stamp}</span></p>
<figure>${mapSvg(map)}<figcaption>${esc(w.mapCaption)}</figcaption></figure>
${sections}
<p class="meta">${esc(w.printedAt(meta.printedAt))}</p>
</body></html>
`;
}
