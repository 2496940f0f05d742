/** A problem in a feed file, named by file and (1-based, physical) line so people can find it. */
export interface FeedProblem {
  file: string;
  line: number | null;
  message: string;
}

export interface CsvRow {
  /** physical line the record starts on (the header is line 1) */
  line: number;
  /** the value of a column, trimmed; '' when the column is absent or empty */
  get(column: string): string;
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  has(column: string): boolean;
}

/**
 * Parses RFC 4180 CSV as GTFS uses it: quoted fields may hold commas, doubled quotes and line
 * breaks; a UTF-8 BOM and CRLF line ends are accepted. Records with the wrong number of fields and
 * an unterminated quote are reported, not thrown, so a whole feed's problems come out at once.
 */
export function parseCsv(file: string, text: string): { table: CsvTable; problems: FeedProblem[] } {
  const problems: FeedProblem[] = nulProblems(file, text);
  const records = splitRecords(file, text.replace(/^\uFEFF/, ''), problems);
  const headerRecord = records.shift();
  const header = (headerRecord?.fields ?? []).map((h) => h.trim());
  if (!headerRecord || header.every((h) => h === '')) problems.push({ file, line: 1, message: 'the file has no header line' });
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h)) problems.push({ file, line: 1, message: `column "${h}" appears twice` });
    else index.set(h, i);
  });
  const rows: CsvRow[] = [];
  for (const r of records) {
    // a blank line (often the last one) is not a record
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    if (r.fields.length !== header.length) {
      problems.push({ file, line: r.line, message: `expected ${header.length} fields as in the header, found ${r.fields.length}` });
      continue;
    }
    const fields = r.fields;
    rows.push({ line: r.line, get: (c) => { const i = index.get(c); return i === undefined ? '' : (fields[i] ?? '').trim(); } });
  }
  return { table: { file, header, rows, has: (c) => index.has(c) }, problems };
}

/**
 * No GTFS value holds U+0000, and PostgreSQL cannot store one: a file with NULs (often a binary file
 * under a .txt name) is refused line by line, the first few named.
 */
function nulProblems(file: string, text: string): FeedProblem[] {
  if (!text.includes('\u0000')) return [];
  const lines = text.split('\n').flatMap((l, i) => (l.includes('\u0000') ? [i + 1] : []));
  const shown = lines.slice(0, 5).map((line): FeedProblem => ({ file, line, message: 'the NUL character (U+0000) is not allowed' }));
  if (lines.length > 5) shown.push({ file, line: null, message: `and ${lines.length - 5} more line(s) with NUL characters` });
  return shown;
}

function splitRecords(file: string, text: string, problems: FeedProblem[]): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let quoteLine = 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') { quoted = true; quoteLine = line; field = ''; i++; continue; }
    if (ch === ',') { fields.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      fields.push(field);
      out.push({ line: recordLine, fields });
      fields = [];
      field = '';
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) problems.push({ file, line: quoteLine, message: 'a quoted field is not closed before the end of the file' });
  if (field !== '' || fields.length) { fields.push(field); out.push({ line: recordLine, fields }); }
  return out;
}
