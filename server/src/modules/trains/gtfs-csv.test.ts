import { describe, expect, it } from 'vitest';
import { parseCsv } from './gtfs-csv.js';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks in fields, BOM and CRLF', () => {
    const { table, problems } = parseCsv('stops.txt', '\uFEFFstop_id,stop_name\r\n1,"A, ""big"" one"\r\n2,"two\r\nlines"\r\n3, plain \r\n');
    expect(problems).toEqual([]);
    expect(table.header).toEqual(['stop_id', 'stop_name']);
    expect(table.rows.map((r) => [r.line, r.get('stop_id'), r.get('stop_name')])).toEqual([
      [2, '1', 'A, "big" one'],
      [3, '2', 'two\r\nlines'],
      [5, '3', 'plain'],
    ]);
    expect(table.rows[0]!.get('absent')).toBe('');
  });

  it('names the file and line of a wrong field count and an unclosed quote', () => {
    const { problems } = parseCsv('trips.txt', 'a,b\n1,2,3\n4,"5\n');
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([
      { file: 'trips.txt', line: 2, message: 'expected 2 fields as in the header, found 3' },
      { file: 'trips.txt', line: 3, message: expect.stringMatching(/not closed/) },
    ]));
  });

  it('refuses NUL characters line by line (PostgreSQL cannot store them), naming the first five', () => {
    expect(parseCsv('stops.txt', 'stop_id,stop_name\n1,A\u0000B\n2,ok\n').problems).toEqual([{ file: 'stops.txt', line: 2, message: 'the NUL character (U+0000) is not allowed' }]);
    const binary = parseCsv('stops.txt', 'stop_id,stop_name\n' + '\u0000,x\n'.repeat(8)).problems;
    expect(binary.filter((p) => /NUL/.test(p.message)).map((p) => p.line)).toEqual([2, 3, 4, 5, 6, null]);
  });

  it('reports an empty file', () => {
    expect(parseCsv('x.txt', '').problems[0]).toMatchObject({ file: 'x.txt', line: 1 });
  });
});
