import autocannon from 'autocannon';
import { fmt, percentile } from './report.js';

/** What one sustained load measured: requests per second and latency quantiles, loopback only. */
export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export interface LoadSpec {
  url: string;
  token: string;
  method: 'GET' | 'POST';
  /** the path and body of the n-th request (each request its own incident, unit or place) */
  request: (n: number) => { path: string; body?: unknown };
  connections: number;
  /** run for this long, or until `amount` requests when the work to do is bounded (dispatching prepared incidents) */
  seconds?: number;
  amount?: number;
}

/** A sustained, bounded load with autocannon: a fixed number of connections, each one request at a time. */
export async function sustain(spec: LoadSpec): Promise<LoadFigures> {
  let n = 0;
  const headers = { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' };
  const started = performance.now();
  let last: number | null = null;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds ?? 10 }),
    requests: [
      {
        method: spec.method,
        headers,
        onResponse: () => {
          last = performance.now();
        },
        setupRequest: (req) => {
          const r = spec.request(n++);
          return { ...req, path: r.path, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body) }) };
        },
      },
    ],
  });
  const ok = result['2xx'];
  // autocannon ends a run at its next one-second sample, so its duration is rounded up to whole
  // seconds: a bounded load of 400 dispatches took "3 s" whether it ran 1.6 or 2.9. The rate is
  // taken up to the last answer instead.
  const elapsedS = ((last ?? performance.now()) - started) / 1000;
  return { rps: ok / elapsedS, p50: result.latency.p50, p99: result.latency.p99, ok, failed: result.non2xx + result.errors + result.timeouts };
}

export function describeLoad(f: LoadFigures): string {
  return `${fmt(f.rps)}/s, p50 ${fmt(f.p50)} ms, p99 ${fmt(f.p99)} ms${f.failed ? ` (${fmt(f.failed)} failed)` : ''}`;
}

/** The median and 95th percentile of some latencies, in ms. */
export function spreadOf(times: readonly number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** One request at a time: the latency a single dispatcher sees. */
export async function oneAtATime(count: number, call: (n: number) => Promise<number>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await call(i));
  return spreadOf(times);
}

/** Times one HTTP call; throws unless it succeeds. */
export async function timed(url: string, token: string, method: string, path: string, body?: unknown): Promise<{ ms: number; json: Record<string, unknown> }> {
  const t = performance.now();
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
