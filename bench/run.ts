import { benchLocate } from './locate.bench.js';
import { benchResolve } from './resolve.bench.js';
import { benchRecommend } from './recommend.bench.js';
import { benchReception } from './reception.bench.js';
import { markdownTable } from './report.js';

/**
 * `npm run bench`: every benchmark, each compared with a baseline measured in the same run; the
 * table it prints goes into the README.
 */
const log = (line: string) => console.error(line);
const sections = [
  { bench: 'network locate', ...(await benchLocate({ log })) },
  { bench: 'jurisdiction resolve', ...(await benchResolve({ log })) },
  { bench: 'dispatch recommend', ...(await benchRecommend({ log })) },
  { bench: 'reception', ...(await benchReception({ log })) },
];
console.log(`\n${markdownTable(sections)}\n`);
console.log(`measured ${new Date().toISOString().slice(0, 10)} on ${process.platform} ${process.arch}, Node ${process.version}`);
