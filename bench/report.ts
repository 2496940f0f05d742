/** One measured figure of a benchmark; ratios against the same run's baseline are figures too. */
export interface BenchRow {
  name: string;
  value: string;
}

export function markdownTable(sections: Array<{ bench: string; rows: BenchRow[] }>): string {
  const head = '| bench | figure | value |\n| --- | --- | --- |';
  return [head, ...sections.flatMap((s) => s.rows.map((r) => `| ${s.bench} | ${r.name} | ${r.value} |`))].join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The p-quantile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
