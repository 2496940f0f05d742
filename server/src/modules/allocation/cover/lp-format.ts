import type { CoverColumns } from './exact.js';

/**
 * The exact model in CPLEX LP format, which CBC (`cbc FILE.lp`) and GLPK (`glpsol --lp FILE`)
 * both read, so the benchmark hands every solver the same model.
 */
export function coverLpText(c: CoverColumns): string {
  const out: string[] = ['\\ maximal covering location problem (RailJoint)', 'Maximize'];
  const terms = (parts: string[]) => {
    // LP readers limit line length: wrap every few terms
    const lines: string[] = [];
    for (let k = 0; k < parts.length; k += 8) lines.push(` ${parts.slice(k, k + 8).join(' ')}`);
    return lines.length ? lines : [' 0 x0'];
  };
  const obj: string[] = [];
  for (let j = 0; j < c.numCols; j++) if (c.cost[j] !== 0) obj.push(`${obj.length ? '+ ' : ''}${c.cost[j]} ${c.names[j]}`);
  out.push(' obj:', ...terms(obj), 'Subject To');
  for (let r = 0; r < c.numRows; r++) {
    const parts: string[] = [];
    for (let e = c.starts[r]!; e < c.starts[r + 1]!; e++) {
      const v = c.values[e]!;
      parts.push(`${v < 0 ? '-' : parts.length ? '+' : ''} ${Math.abs(v) === 1 ? '' : `${Math.abs(v)} `}${c.names[c.indices[e]!]}`.trim());
    }
    const lo = c.rowLower[r]!;
    const hi = c.rowUpper[r]!;
    const rel = lo === hi ? `= ${hi}` : lo === -Infinity ? `<= ${hi}` : `>= ${lo}`;
    const [first, ...rest] = terms(parts);
    out.push(` r${r}:${first}`, ...rest, `  ${rel}`);
  }
  out.push('Bounds');
  for (let j = 0; j < c.numCols; j++) out.push(` ${c.lower[j]} <= ${c.names[j]} <= ${c.upper[j]}`);
  const ints = c.names.filter((_, j) => c.integer[j]);
  if (ints.length) {
    out.push('Generals');
    for (let k = 0; k < ints.length; k += 16) out.push(` ${ints.slice(k, k + 16).join(' ')}`);
  }
  out.push('End', '');
  return out.join('\n');
}
