/**
 * Larson's hypercube queueing model of a few units serving a few districts ("atoms"), each
 * district sending the most preferred free unit on its fixed list, with an unlimited first-come
 * first-served queue served by whichever unit frees first, Poisson calls and exponential service of
 * one mean: the yardstick for the simulator where units cover for one another across districts.
 * Two solutions: the exact one over the 2^N busy/free states (small N only), and Larson's (1975)
 * approximation, N equations solved by iteration, stated to come within 1–2% of the exact one.
 */
export interface HypercubeCase {
  units: number;
  /** calls per unit of time from each district */
  rates: number[];
  /** for each district, every unit, most preferred first */
  preference: number[][];
  /** mean service time, same unit of time as the rates */
  meanService: number;
}

export interface HypercubeFigures {
  /** fraction of time each unit is busy */
  workload: number[];
  /** probability that a call finds every unit busy and queues */
  waitProbability: number;
}

function check(c: HypercubeCase): { lambda: number; a: number; rho: number } {
  const lambda = c.rates.reduce((x, y) => x + y, 0);
  const a = lambda * c.meanService;
  const rho = a / c.units;
  if (!(rho < 1)) throw new RangeError('the load must be below the number of units');
  c.preference.forEach((p) => {
    if (p.length !== c.units || new Set(p).size !== c.units) throw new RangeError('each preference list names every unit once');
  });
  return { lambda, a, rho };
}

/** Exact: the balance equations of the 2^N-state chain; the all-busy state's queue is geometric. */
export function hypercubeExact(c: HypercubeCase): HypercubeFigures {
  const N = c.units;
  if (N > 10) throw new RangeError('the exact model is for at most 10 units');
  const { rho } = check(c);
  const mu = 1 / c.meanService;
  const S = 1 << N;
  const full = S - 1;
  // generator transposed: rows are balance equations (inflow − outflow = 0)
  const g = Array.from({ length: S }, () => new Float64Array(S));
  for (let b = 0; b < S; b++) {
    if (b !== full) {
      c.rates.forEach((rate, j) => {
        const n = c.preference[j]!.find((u) => !(b & (1 << u)))!;
        const to = b | (1 << n);
        g[to]![b]! += rate;
        g[b]![b]! -= rate;
      });
    }
    // arrivals to the full state join the queue and come back as service completions: they cancel
    for (let n = 0; n < N; n++) {
      if (!(b & (1 << n))) continue;
      const to = b & ~(1 << n);
      g[to]![b]! += mu;
      g[b]![b]! -= mu;
    }
  }
  // replace one equation by normalisation Σ π_B = 1 (the queue's tail is added afterwards)
  g[0] = new Float64Array(S).fill(1);
  const rhs = new Float64Array(S);
  rhs[0] = 1;
  const pi = solve(g, rhs);
  const tail = pi[full]! / (1 - rho); // π_full · (1 + ρ + ρ² + …)
  const total = 1 - pi[full]! + tail;
  const workload = Array.from({ length: N }, (_, n) => {
    let s = 0;
    for (let b = 0; b < S; b++) if (b !== full && b & (1 << n)) s += pi[b]!;
    return (s + tail) / total;
  });
  return { workload, waitProbability: tail / total };
}

/** Gaussian elimination with partial pivoting; small dense systems only. */
function solve(m: Float64Array[], rhs: Float64Array): Float64Array {
  const n = rhs.length;
  const a = m.map((row) => Float64Array.from(row));
  const b = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const p = a[col]![col]!;
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / p;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r]![k]! -= f * a[col]![k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** M/M/N state probabilities P_0 … P_{N−1} and the probability that all are busy. */
function mmnStates(N: number, a: number): { p: number[]; allBusy: number } {
  const terms: number[] = [];
  let t = 1;
  for (let k = 0; k < N; k++) {
    terms.push(t);
    t = (t * a) / (k + 1);
  }
  const allBusyTerm = t / (1 - a / N); // a^N / N! · 1/(1 − ρ)
  const sum = terms.reduce((x, y) => x + y, 0) + allBusyTerm;
  return { p: terms.map((x) => x / sum), allBusy: allBusyTerm / sum };
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Larson's correction factor: P{the j units named first are busy and the next is free} in an
 * M/M/N queue, over what independent units of workload ρ would give (ρ^j (1 − ρ)).
 */
export function larsonQ(N: number, rho: number, j: number): number {
  const { p } = mmnStates(N, rho * N);
  let s = 0;
  for (let k = j; k < N; k++) s += (p[k]! * choose(N - j - 1, k - j)) / choose(N, k);
  return s / (rho ** j * (1 - rho));
}

/**
 * Larson's approximation: unit n's workload is its share of calls dispatched while some unit is
 * free — district j's call goes to the k-th unit on its list with probability
 * Q(N, ρ, k−1) · Π(workloads of the first k−1) · (1 − ρ_n) — plus an equal share of the queued calls.
 */
export function hypercubeApprox(c: HypercubeCase, opts: { tolerance?: number; maxIterations?: number } = {}): HypercubeFigures & { iterations: number } {
  const N = c.units;
  const { lambda, a, rho } = check(c);
  const { allBusy } = mmnStates(N, a);
  const q = Array.from({ length: N }, (_, j) => larsonQ(N, rho, j));
  const queued = (lambda * allBusy * c.meanService) / N;
  let workload = new Array<number>(N).fill(rho);
  const tolerance = opts.tolerance ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 1000;
  for (let it = 1; it <= maxIterations; it++) {
    const v = new Array<number>(N).fill(0);
    c.rates.forEach((rate, j) => {
      let busyBefore = 1;
      c.preference[j]!.forEach((n, k) => {
        v[n]! += rate * c.meanService * q[k]! * busyBefore;
        busyBefore *= workload[n]!;
      });
    });
    const raw = v.map((vn) => (vn + queued) / (1 + vn));
    // every call is served, so the workloads add up to λ/μ exactly; the estimate is held to that
    const scale = a / raw.reduce((x, y) => x + y, 0);
    const next = raw.map((x) => x * scale);
    const change = Math.max(...next.map((x, n) => Math.abs(x - workload[n]!)));
    workload = next;
    if (change < tolerance) return { workload, waitProbability: allBusy, iterations: it };
  }
  throw new Error('the hypercube approximation did not converge');
}
