import { benchLocate } from './locate.bench.js';
import { markdownTable, type BenchRow } from './report.js';

/**
 * `npm run bench`: every benchmark, each compared with a baseline measured in the same run; the
 * table it prints goes into the README.
 */
const rows: BenchRow[] = [];
const log = (line: string) => console.error(line);
rows.push(...(await benchLocate(log)));
console.log(`\n${markdownTable(rows)}\n`);
console.log(`measured ${new Date().toISOString().slice(0, 10)} on ${process.platform} ${process.arch}, Node ${process.version}`);
