import type { CoverModel } from './model.js';
import { FlowState } from './flow.js';

/**
 * Greedy and interchange when posts have capacities: each move is valued by changing the maximum
 * flow in place and taking it back (see `FlowState`), and a site is tried only while what it could
 * add at most — its capacity, the weight it covers, the weight still unanswered — could beat the
 * best move found, so most candidates cost a comparison.
 */
export class CapacitatedSearch {
  /** the most a site can ever answer: min(capacity, weight it covers) */
  readonly reach: Float64Array;
  /** sites by `reach`, largest first (ties to the lower index) */
  readonly order: Int32Array;
  readonly total: number;
  /** nodes the flow searches of this search's states visited: the measure of work, which a clock is not */
  readonly meter = { work: 0 };

  constructor(readonly model: CoverModel) {
    const { n, siteStart, siteDemands, weight, capacity } = model;
    this.reach = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let w = 0;
      for (let q = siteStart[j]!; q < siteStart[j + 1]!; q++) w += weight[siteDemands[q]!]!;
      this.reach[j] = Math.min(w, capacity ? capacity[j]! : Infinity);
    }
    this.order = Int32Array.from({ length: n }, (_, j) => j).sort((a, b) => this.reach[b]! - this.reach[a]! || a - b);
    this.total = weight.reduce((a, b) => a + b, 0);
  }

  /** the state holding these sites in order (those the budgets allow), filled up greedily */
  start(sites: Iterable<number> = []): FlowState {
    const s = new FlowState(this.model, this.meter);
    const { fixed, p, n } = this.model;
    for (let j = 0; j < n; j++) if (fixed[j]) s.add(j);
    for (const j of sites) if (!s.chosen[j] && s.size < p && s.spend.fits(j)) s.add(j);
    s.commit();
    this.fill(s);
    return s;
  }

  /** adds the site adding most (within the budgets) until p are chosen or none fits */
  fill(s: FlowState): void {
    while (s.size < this.model.p) {
      const k = this.bestAdd(s, -Infinity);
      if (k < 0) return;
      s.add(k);
      s.commit();
    }
  }

  /** the site adding most, if it adds more than `floor`; −1 if none */
  private bestAdd(s: FlowState, floor: number): number {
    const eps = 1e-9 * Math.max(1, s.value);
    let best = -1;
    let bestGain = -Infinity;
    const before = s.value;
    for (const k of this.order) {
      if (s.chosen[k] || !s.spend.fits(k)) continue;
      const ub = Math.min(this.reach[k]!, this.total - before);
      // sorted by reach: nothing later can do better
      if ((best >= 0 && ub <= bestGain + eps) || ub <= floor + eps) break;
      const at = s.mark();
      s.add(k);
      const gain = s.value - before;
      s.rollback(at);
      if (best < 0 || gain > bestGain + eps) {
        best = k;
        bestGain = gain;
      }
    }
    return best >= 0 && (floor === -Infinity || bestGain > floor + eps) ? best : -1;
  }

  /**
   * Interchange: for each chosen (not fixed) site in turn, the best site to swap it for within the
   * budgets, taken when it answers more; until a round over all chosen sites finds nothing. Where
   * budgets left fewer than p chosen, a site is added whenever one fits and adds anything.
   */
  interchange(s: FlowState, maxMoves = 10_000): number {
    const { n, fixed, p } = this.model;
    let moves = 0;
    let quiet = 0;
    let changed = true;
    for (let j = 0; moves < maxMoves && quiet < n; j = (j + 1) % n) {
      while (changed && s.size < p && moves < maxMoves) {
        const k = this.bestAdd(s, 0);
        if (k < 0) break;
        s.add(k);
        s.commit();
        moves++;
      }
      changed = false;
      quiet++;
      if (!s.chosen[j] || fixed[j]) continue;
      const eps = 1e-9 * Math.max(1, s.value);
      const was = s.value;
      const at = s.mark();
      s.remove(j);
      const without = s.value;
      let bestK = -1;
      let bestValue = was + eps;
      for (const k of this.order) {
        if (k === j || s.chosen[k] || !s.spend.fits(k)) continue;
        if (without + Math.min(this.reach[k]!, this.total - without) <= bestValue) break;
        const at2 = s.mark();
        s.add(k);
          if (s.value > bestValue) {
          bestValue = s.value;
          bestK = k;
        }
        s.rollback(at2);
      }
      if (bestK >= 0) {
        s.add(bestK);
        s.commit();
        moves++;
        quiet = 0;
        changed = true;
      } else {
        s.rollback(at);
        s.commit();
      }
    }
    return moves;
  }
}
