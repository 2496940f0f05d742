import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { columnName, writeXlsx } from './xlsx.js';

/** Reads a written workbook back: the sheets' names and their cells as text. */
export function readXlsx(bytes: Uint8Array): Array<{ name: string; rows: string[][] }> {
  const files = unzipSync(bytes);
  const text = (p: string) => strFromU8(files[p]!);
  const names = [...text('xl/workbook.xml').matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return names.map((name, i) => {
    const xml = text(`xl/worksheets/sheet${i + 1}.xml`);
    const rows = [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((r) => {
      const out: string[] = [];
      for (const c of r[1]!.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)) {
        let col = 0;
        for (const ch of c[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
        out[col - 1] = unescape(c[2] ?? c[3] ?? '');
      }
      return Array.from(out, (v) => v ?? '');
    });
    return { name: unescape(name), rows };
  });
}

describe('the XLSX writer', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('writes a workbook whose parts and cells read back', () => {
    const bytes = writeXlsx([
      { name: '隐患台账', rows: [['编号', '类型', '天数'], ['YH20261201-0001', '护网破损 <A&B> "x"', 3], ['YH20261201-0002', null, 15.5]], widths: [20, 20, 8] },
      { name: 'a/b:c', rows: [['only']] },
    ]);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const sheets = readXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['隐患台账', 'a b c']);
    expect(sheets[0]!.rows).toEqual([['编号', '类型', '天数'], ['YH20261201-0001', '护网破损 <A&B> "x"', '3'], ['YH20261201-0002', '', '15.5']]);
    // numbers are numbers, text is inline text
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('<c r="C2"><v>3</v></c>');
    expect(strFromU8(files['[Content_Types].xml']!)).toContain('/xl/worksheets/sheet2.xml');
  });

  it('drops characters XML cannot hold and makes the same bytes twice', () => {
    const a = writeXlsx([{ name: 'x', rows: [['a\u0001b']] }]);
    expect(readXlsx(a)[0]!.rows).toEqual([['ab']]);
    expect(Buffer.from(a).equals(Buffer.from(writeXlsx([{ name: 'x', rows: [['a\u0001b']] }])))).toBe(true);
  });
});
