import type { Sitrep } from '@railjoint/contracts';
import { projector, type SitrepMap } from './sitrep-map.js';
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

/** The map as inline SVG: lines (high-speed red), stations, units, the incident. */
export function mapSvg(map: SitrepMap, width = 640, height = 420): string {
  const at = projector(map, width, height);
  const path = (pts: SitrepMap['lines'][number]['points'][number]) => pts.map((p, k) => `${k ? 'L' : 'M'}${at(p).map((v) => v.toFixed(1)).join(' ')}`).join(' ');
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#f4f6f8" stroke="#9aa5b1"/>`];
  for (const l of map.lines) for (const run of l.points) parts.push(`<path d="${path(run)}" fill="none" stroke="${l.highSpeed ? '#c8102e' : '#1f2933'}" stroke-width="3"/>`);
  for (const s of map.stations) {
    const [x, y] = at(s.at);
    parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="#fff" stroke="#1f2933" stroke-width="2"/><text x="${(x + 8).toFixed(1)}" y="${(y - 6).toFixed(1)}" font-size="12">${esc(s.name)}</text>`);
  }
  for (const u of map.units) {
    const [x, y] = at(u.at);
    parts.push(`<rect x="${(x - 5).toFixed(1)}" y="${(y - 5).toFixed(1)}" width="10" height="10" fill="#1565c0"/><text x="${(x + 8).toFixed(1)}" y="${(y + 4).toFixed(1)}" font-size="11" fill="#1565c0">${esc(u.name)}</text>`);
  }
  const [ix, iy] = at(map.incident.at);
  parts.push(`<circle cx="${ix.toFixed(1)}" cy="${iy.toFixed(1)}" r="9" fill="#c8102e" stroke="#fff" stroke-width="2"/><text x="${(ix + 12).toFixed(1)}" y="${(iy + 4).toFixed(1)}" font-size="13" font-weight="bold">${esc(map.incident.label)}</text>`);
  const km = Math.round((map.radiusM * 2) / 1000);
  parts.push(`<text x="10" y="${height - 10}" font-size="11" fill="#52606d">${km} km × ${km} km</text>`);
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
