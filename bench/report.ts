/** One measured figure, with the baseline it is compared to. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
}

export function markdownTable(rows: BenchRow[]): string {
  const head = '| bench | metric | RailJoint | baseline (same run) | ratio |\n| --- | --- | --- | --- | --- |';
  return [head, ...rows.map((r) => `| ${r.bench} | ${r.metric} | ${r.value} | ${r.baseline} | ${r.ratio} |`)].join('\n');
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function mb(bytes: number): string {
  return `${fmt(bytes / 1024 / 1024, 1)} MB`;
}

export function memoryNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
