import type { CoverModel } from './model.js';
import { Spend } from './spend.js';

/**
 * A choice of p sites with the bookkeeping that makes each move cheap: how many chosen sites cover
 * each demand, what each site would add (`gain`: uncovered weight it covers) and what each chosen
 * site would take away (`loss`: weight only it covers). A move touches only the demands of the two
 * sites it swaps, and each of those only its own covering sites, so a swap costs the size of the
 * neighbourhood, not of the instance. While p × n stays small, it also keeps for each chosen site j
 * and every site k the weight only j covers that k covers too (`shared`, a row per chosen site),
 * so the value of every swap is read off, not gathered.
 */
export class CoverState {
  readonly count: Int32Array;
  readonly chosen: Uint8Array;
  readonly gain: Float64Array;
  readonly loss: Float64Array;
  /** the chosen site covering a demand covered exactly once */
  private readonly only: Int32Array;
  /** rows of `shared` by chosen site, or null when p × n is too large to keep them */
  readonly shared: Float64Array | null;
  readonly row: Int32Array;
  private readonly freeRows: number[] = [];
  /** what the chosen sites cost each budgeted group */
  readonly spend: Spend;
  covered = 0;
  size = 0;

  constructor(
    readonly model: CoverModel,
    keepShared = model.p * model.n <= SHARED_LIMIT,
  ) {
    this.count = new Int32Array(model.m);
    this.chosen = new Uint8Array(model.n);
    this.gain = new Float64Array(model.n);
    this.loss = new Float64Array(model.n);
    this.only = new Int32Array(model.m).fill(-1);
    this.row = new Int32Array(model.n).fill(-1);
    this.shared = keepShared ? new Float64Array(model.p * model.n) : null;
    this.spend = new Spend(model);
    for (let r = model.p - 1; r >= 0; r--) this.freeRows.push(r);
    for (let i = 0; i < model.m; i++) this.contribute(i, 1);
  }

  /** add (sign 1) or take back (sign −1) what demand i in its present state puts into gain and loss */
  private contribute(i: number, sign: 1 | -1): void {
    const { demandStart, demandSites, weight } = this.model;
    const w = sign * weight[i]!;
    const c = this.count[i]!;
    if (c === 0) {
      for (let e = demandStart[i]!; e < demandStart[i + 1]!; e++) this.gain[demandSites[e]!]! += w;
    } else if (c === 1) {
      const j = this.only[i]!;
      this.loss[j]! += w;
      if (this.shared) {
        const base = this.row[j]! * this.model.n;
        for (let e = demandStart[i]!; e < demandStart[i + 1]!; e++) this.shared[base + demandSites[e]!]! += w;
      }
    }
  }

  add(j: number): void {
    const { siteStart, siteDemands, weight } = this.model;
    this.chosen[j] = 1;
    this.size++;
    this.spend.add(j);
    if (this.shared) {
      const r = this.freeRows.pop();
      if (r === undefined) throw new Error('more than p sites chosen');
      this.row[j] = r;
    }
    for (let e = siteStart[j]!; e < siteStart[j + 1]!; e++) {
      const i = siteDemands[e]!;
      const c = this.count[i]!;
      if (c >= 2) {
        this.count[i] = c + 1;
        continue;
      }
      this.contribute(i, -1);
      if (c === 0) {
        this.only[i] = j;
        this.covered += weight[i]!;
      }
      this.count[i] = c + 1;
      this.contribute(i, 1);
    }
  }

  remove(j: number): void {
    const { siteStart, siteDemands, demandStart, demandSites, weight } = this.model;
    this.chosen[j] = 0;
    this.size--;
    this.spend.remove(j);
    for (let e = siteStart[j]!; e < siteStart[j + 1]!; e++) {
      const i = siteDemands[e]!;
      const c = this.count[i]!;
      if (c >= 3) {
        this.count[i] = c - 1;
        continue;
      }
      this.contribute(i, -1);
      this.count[i] = c - 1;
      if (c === 1) this.covered -= weight[i]!;
      else {
        // two coverers left one: find which
        for (let f = demandStart[i]!; f < demandStart[i + 1]!; f++) {
          if (this.chosen[demandSites[f]!]) {
            this.only[i] = demandSites[f]!;
            break;
          }
        }
      }
      this.contribute(i, 1);
    }
    if (this.shared) {
      // what is left is rounding: start the next site's row from zero
      const r = this.row[j]!;
      this.shared.fill(0, r * this.model.n, (r + 1) * this.model.n);
      this.freeRows.push(r);
      this.row[j] = -1;
    }
  }

  chosenList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.model.n; j++) if (this.chosen[j]) out.push(j);
    return out;
  }
}

// 4 million entries (32 MB): p = 100 among 40,000 candidate sites
const SHARED_LIMIT = 4_000_000;

/** Fixed sites, then the site adding most until p are chosen (ties to the lower index). */
export function greedy(model: CoverModel, keepShared?: boolean): CoverState {
  const s = new CoverState(model, keepShared);
  for (let j = 0; j < model.n; j++) if (model.fixed[j]) s.add(j);
  fill(s);
  return s;
}

/**
 * Adds the site adding most, within the budgets, until p are chosen or the budgets allow no more
 * (then fewer than p are chosen: a site more never covers less, so only budgets stop it).
 */
function fill(s: CoverState): void {
  const { model } = s;
  while (s.size < model.p) {
    let best = -1;
    for (let j = 0; j < model.n; j++) if (!s.chosen[j] && (best < 0 || s.gain[j]! > s.gain[best]!) && (!s.spend.active || s.spend.fits(j))) best = j;
    if (best < 0) return;
    s.add(best);
  }
}

/**
 * A state holding these sites (fixed ones included by the caller) in their order, skipping those
 * the budgets no longer allow and filling up greedily after them.
 */
export function stateOf(model: CoverModel, sites: Iterable<number>, keepShared?: boolean): CoverState {
  const s = new CoverState(model, keepShared);
  for (const j of sites) if (!s.chosen[j] && s.size < model.p && (model.fixed[j] || !s.spend.active || s.spend.fits(j))) s.add(j);
  fill(s);
  return s;
}

/**
 * Best-improvement interchange: swap a chosen (not fixed) site out and another in while that
 * covers more, keeping the budgets (and, where budgets left fewer than p chosen, add a site when a
 * swap has freed enough of one). The value of swapping j out and k in is gain[k] − loss[j] + what only j covers
 * that k covers too; the last term is read from the kept rows, or, where p × n is too large to
 * keep them, gathered per j from the demands only j covers.
 * Stops at a local optimum or after `maxMoves`; returns the number of moves made.
 */
export function interchange(s: CoverState, maxMoves = 10_000): number {
  const { model } = s;
  const { n, siteStart, siteDemands, demandStart, demandSites, weight, fixed } = model;
  // without kept rows, gathered per outgoing site from the demands only it covers
  const shared = new Float64Array(n);
  const touched = new Int32Array(n);
  // drift of the bookkept sums is far below this; a move must gain more than noise
  const eps = 1e-9 * Math.max(1, s.covered);
  const budgets = s.spend.active;
  let moves = 0;
  while (moves < maxMoves) {
    let bestDelta = eps;
    let bestOut = -1;
    let bestIn = -1;
    if (s.size < model.p) {
      for (let k = 0; k < n; k++) {
        if (!s.chosen[k] && s.gain[k]! > bestDelta && s.spend.fits(k)) {
          bestDelta = s.gain[k]!;
          bestIn = k;
        }
      }
      if (bestIn >= 0) {
        s.add(bestIn);
        moves++;
        continue;
      }
    }
    for (let j = 0; j < n; j++) {
      if (!s.chosen[j] || fixed[j]) continue;
      const lossJ = s.loss[j]!;
      if (s.shared) {
        const base = s.row[j]! * n;
        for (let k = 0; k < n; k++) {
          if (s.chosen[k]) continue;
          const d = s.gain[k]! - lossJ + s.shared[base + k]!;
          if (d > bestDelta && (!budgets || s.spend.fits(k, j))) {
            bestDelta = d;
            bestOut = j;
            bestIn = k;
          }
        }
        continue;
      }
      let nt = 0;
      for (let e = siteStart[j]!; e < siteStart[j + 1]!; e++) {
        const i = siteDemands[e]!;
        if (s.count[i] !== 1) continue;
        const w = weight[i]!;
        for (let f = demandStart[i]!; f < demandStart[i + 1]!; f++) {
          const k = demandSites[f]!;
          if (shared[k] === 0) touched[nt++] = k;
          shared[k]! += w;
        }
      }
      for (let k = 0; k < n; k++) {
        if (s.chosen[k]) continue;
        const d = s.gain[k]! - lossJ + shared[k]!;
        if (d > bestDelta && (!budgets || s.spend.fits(k, j))) {
          bestDelta = d;
          bestOut = j;
          bestIn = k;
        }
      }
      for (let t = 0; t < nt; t++) shared[touched[t]!] = 0;
    }
    if (bestOut < 0) break;
    s.remove(bestOut);
    s.add(bestIn);
    moves++;
  }
  return moves;
}
