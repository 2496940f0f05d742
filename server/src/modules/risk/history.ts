import { Said, said } from '../../platform/http/errors.js';
import { NetworkError, type NetworkModel } from '../network/network-model.js';
import { parseCsv } from '../trains/gtfs-csv.js';

/** A past incident placed on the line, ready to store. */
export interface HistoryRow {
  occurredAt: string;
  category: string;
  lineId: string;
  measure: number;
  mileage: string;
  lon: number;
  lat: number;
}

/** A refused row: its line in the file (the header is line 1) and the column. */
export interface HistoryProblem {
  line: number;
  field: string;
  message: Said;
}

const BY_POINT = ['occurredAt', 'category', 'lon', 'lat'] as const;
const BY_MILEAGE = ['occurredAt', 'category', 'lineId', 'mileage'] as const;
// a date, or a date and time with an optional zone: what people and exports write
const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a history CSV (`occurredAt,category,lon,lat` or `occurredAt,category,lineId,mileage`) and
 * places every row on the line. Nothing is thrown for bad rows: every problem is returned, named by
 * line and column, so the caller can refuse the whole file at once. A time without a zone is
 * Beijing time, as the department writes it.
 */
export function parseHistory(text: string, model: NetworkModel, categories: ReadonlySet<string>, now: number, progress?: (done: number, total: number) => void): { rows: HistoryRow[]; problems: HistoryProblem[] } {
  const { table, problems: csv } = parseCsv('history.csv', text);
  const problems: HistoryProblem[] = csv.map((p) => ({ line: p.line ?? 0, field: 'file', message: said(p.message, p.message) }));
  const byPoint = BY_POINT.every((c) => table.has(c));
  const byMileage = BY_MILEAGE.every((c) => table.has(c));
  if (!byPoint && !byMileage) {
    problems.push({ line: 1, field: 'header', message: said(`表头应为「${BY_POINT.join(',')}」或「${BY_MILEAGE.join(',')}」`, `the header must be "${BY_POINT.join(',')}" or "${BY_MILEAGE.join(',')}"`) });
    return { rows: [], problems };
  }
  if (!table.rows.length) problems.push({ line: 2, field: 'file', message: said('文件中没有任何记录', 'the file holds no row') });
  const rows: HistoryRow[] = [];
  table.rows.forEach((r, n) => {
    if (progress && n % 500 === 0) progress(n, table.rows.length);
    const bad = (field: string, zh: string, en: string) => problems.push({ line: r.line, field, message: said(zh, en) });
    const when = r.get('occurredAt');
    const t = DATE.test(when) ? Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(when) ? when.replace(' ', 'T') : `${when.replace(' ', 'T')}${when.length === 10 ? 'T00:00:00' : ''}+08:00`) : NaN;
    if (!Number.isFinite(t) || !validDate(when)) bad('occurredAt', `「${when}」不是有效的日期时间（如 2025-03-01T08:30:00+08:00）`, `"${when}" is not a valid date or time (e.g. 2025-03-01T08:30:00+08:00)`);
    else if (t > now) bad('occurredAt', `「${when}」在将来`, `"${when}" is in the future`);
    const category = r.get('category');
    if (!categories.has(category)) bad('category', `未知的警情类别「${category}」`, `unknown incident category "${category}"`);
    let placed: Omit<HistoryRow, 'occurredAt' | 'category'> | null = null;
    if (byPoint) {
      const lon = Number(r.get('lon'));
      const lat = Number(r.get('lat'));
      const lonOk = r.get('lon') !== '' && Number.isFinite(lon) && lon >= -180 && lon <= 180;
      const latOk = r.get('lat') !== '' && Number.isFinite(lat) && lat >= -90 && lat <= 90;
      if (!lonOk) bad('lon', `经度「${r.get('lon')}」有误`, `bad longitude "${r.get('lon')}"`);
      if (!latOk) bad('lat', `纬度「${r.get('lat')}」有误`, `bad latitude "${r.get('lat')}"`);
      if (lonOk && latOk) {
        const hit = model.locate([lon, lat]);
        if (!hit) bad('lon', `(${lon}, ${lat}) 距任何线路都超过 500 米`, `(${lon}, ${lat}) is more than 500 m from every line`);
        else placed = { lineId: hit.lineId, measure: hit.measureM, mileage: hit.mileage, lon, lat };
      }
    } else {
      const lineId = r.get('lineId');
      const mileage = r.get('mileage');
      if (!model.line(lineId)) bad('lineId', `线路「${lineId}」不存在`, `line "${lineId}" not found`);
      else {
        try {
          const pos = model.position(lineId, mileage);
          if (pos.candidates.length > 1) {
            bad('mileage', `${pos.mileage} 在长链内出现两次，无法确定位置：请改用经纬度`, `${pos.mileage} occurs twice in a long chain (长链), so the place is ambiguous: give lon,lat instead`);
          } else {
            const c = pos.candidates[0]!;
            placed = { lineId, measure: c.measureM, mileage: pos.mileage, lon: c.coordinates[0], lat: c.coordinates[1] };
          }
        } catch (e) {
          if (!(e instanceof NetworkError)) throw e;
          problems.push({ line: r.line, field: 'mileage', message: e.said });
        }
      }
    }
    if (placed && Number.isFinite(t) && categories.has(category)) rows.push({ occurredAt: new Date(t).toISOString(), category, ...placed });
  });
  progress?.(table.rows.length, table.rows.length);
  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length ? [] : rows, problems };
}

/** Date.parse rolls 2025-02-30 over to March: the day must exist as written. */
function validDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}
