import type { CoverModel } from './model.js';
import { Spend } from './spend.js';

/**
 * A choice of sites with capacities, and the weight it answers: a maximum flow from the demands
 * (each up to its weight) over the sites covering them (each up to its capacity). Demand is
 * divisible, so this is exactly what the chosen posts can take on.
 *
 * The flow is kept and changed in place, never recomputed: adding a site pushes flow into it
 * along augmenting paths searched backwards from it; removing one gives its demands back their
 * slack and pushes that on along paths searched forwards from them. Only those searches are
 * needed — before the move no augmenting path existed, and what a move changes is reachable only
 * from the site added or the demands freed (nodes a failed search saw can never reach spare
 * capacity again during the same repair, so later searches skip them). Every change is logged, so
 * a move can be tried and taken back (`mark` / `rollback`), which is how the local search values
 * a swap.
 */
export class FlowState {
  readonly chosen: Uint8Array;
  size = 0;
  /** the weight answered: Σ of the flow */
  value = 0;
  readonly served: Float64Array;
  readonly load: Float64Array;
  /** flow on edge e of the demands' rows (demand → demandSites[e]) */
  readonly flow: Float64Array;
  readonly spend: Spend;
  /** demand of each edge, and for each entry of the sites' rows its edge in the demands' rows */
  private readonly edgeDemand: Int32Array;
  private readonly siteEdge: Int32Array;
  private readonly cap: Float64Array;
  // undo log: edges with their previous flow, and site toggles (−1 − j for an add, j for a removal)
  private logEdge: number[] = [];
  private logFlow: number[] = [];
  private logSite: number[] = [];
  private logSiteAt: number[] = [];
  // search state: stamps spare clearing between searches
  private readonly seen: Int32Array;
  private readonly dead: Int32Array;
  private stamp = 0;
  private phase = 0;
  private readonly via: Int32Array;
  private readonly queue: Int32Array;
  private readonly siteTrail: Int32Array;
  private readonly eps: number;

  /** @param meter counts the nodes the searches visit (shared by the states of one solve): work, not time */
  constructor(
    readonly model: CoverModel,
    readonly meter: { work: number } = { work: 0 },
  ) {
    const { n, m, demandStart, siteStart, siteDemands, demandSites, capacity, weight } = model;
    this.chosen = new Uint8Array(n);
    this.served = new Float64Array(m);
    this.load = new Float64Array(n);
    const edges = demandStart[m]!;
    this.flow = new Float64Array(edges);
    this.spend = new Spend(model);
    this.cap = capacity ?? new Float64Array(n).fill(Infinity);
    this.edgeDemand = new Int32Array(edges);
    for (let i = 0; i < m; i++) this.edgeDemand.fill(i, demandStart[i]!, demandStart[i + 1]!);
    this.siteEdge = new Int32Array(siteStart[n]!);
    const next = demandStart.slice(0, m);
    // both rows are ascending, so the k-th time a demand meets a site in the sites' rows is its k-th edge
    for (let j = 0; j < n; j++) {
      for (let q = siteStart[j]!; q < siteStart[j + 1]!; q++) {
        const i = siteDemands[q]!;
        while (demandSites[next[i]!] !== j) next[i]!++;
        this.siteEdge[q] = next[i]!;
      }
    }
    // nodes: demands 0 … m − 1, sites m … m + n − 1
    this.seen = new Int32Array(m + n);
    this.dead = new Int32Array(m + n);
    this.via = new Int32Array(m + n);
    this.queue = new Int32Array(m + n);
    this.siteTrail = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < m; i++) total += weight[i]!;
    this.eps = 1e-12 * Math.max(1, total);
  }

  /** a point to roll back to */
  mark(): number {
    return this.logEdge.length * 0x100000 + this.logSite.length;
  }

  rollback(to: number): void {
    const edgesTo = Math.floor(to / 0x100000);
    const sitesTo = to % 0x100000;
    // undone newest first, so site toggles and flows come back in the order they were made
    while (this.logEdge.length > edgesTo || this.logSite.length > sitesTo) {
      const siteAt = this.logSite.length > sitesTo ? this.logSiteAt[this.logSite.length - 1]! : -1;
      if (this.logEdge.length > Math.max(edgesTo, siteAt)) {
        const e = this.logEdge.pop()!;
        const old = this.logFlow.pop()!;
        const d = this.flow[e]! - old;
        this.flow[e] = old;
        this.served[this.edgeDemand[e]!]! -= d;
        this.load[this.model.demandSites[e]!]! -= d;
        this.value -= d;
        continue;
      }
      this.logSiteAt.pop();
      const t = this.logSite.pop()!;
      if (t < 0) this.untoggle(-1 - t, 0);
      else this.untoggle(t, 1);
    }
  }

  private untoggle(j: number, on: 0 | 1): void {
    this.chosen[j] = on;
    if (on) {
      this.size++;
      this.spend.add(j);
    } else {
      this.size--;
      this.spend.remove(j);
    }
  }

  private setFlow(e: number, v: number): void {
    const d = v - this.flow[e]!;
    if (d === 0) return;
    this.logEdge.push(e);
    this.logFlow.push(this.flow[e]!);
    this.flow[e] = v;
    this.served[this.edgeDemand[e]!]! += d;
    this.load[this.model.demandSites[e]!]! += d;
    this.value += d;
  }

  /** forget the log: moves made so far stay */
  commit(): void {
    this.logEdge = [];
    this.logFlow = [];
    this.logSite = [];
    this.logSiteAt = [];
  }

  private slack(i: number): number {
    return this.model.weight[i]! - this.served[i]!;
  }

  private spare(j: number): number {
    return this.cap[j]! - this.load[j]!;
  }

  add(k: number): void {
    this.logSite.push(-1 - k);
    this.logSiteAt.push(this.logEdge.length);
    this.untoggle(k, 1);
    this.pushInto(k);
  }

  remove(j: number): void {
    const { siteStart, siteDemands } = this.model;
    this.logSite.push(j);
    this.logSiteAt.push(this.logEdge.length);
    const freed: number[] = [];
    for (let q = siteStart[j]!; q < siteStart[j + 1]!; q++) {
      const e = this.siteEdge[q]!;
      if (this.flow[e]! > 0) {
        this.setFlow(e, 0);
        freed.push(siteDemands[q]!);
      }
    }
    this.untoggle(j, 0);
    this.pushFrom(freed);
  }

  /** flow into site k (just added) from demands with slack, directly and then along paths */
  private pushInto(k: number): void {
    const { siteStart, siteDemands, demandStart, demandSites, m } = this.model;
    const eps = this.eps;
    for (let q = siteStart[k]!; q < siteStart[k + 1]!; q++) {
      const room = this.spare(k);
      if (room <= eps) return;
      const i = siteDemands[q]!;
      const sl = this.slack(i);
      if (sl > eps) {
        const e = this.siteEdge[q]!;
        this.setFlow(e, this.flow[e]! + Math.min(sl, room));
      }
    }
    // breadth first, backwards from k: a demand is entered from a site covering it, a site from a
    // demand it serves (that flow can be sent elsewhere). Every demand with slack met on the way
    // sends what its path through the search tree still allows, so one search usually does it all;
    // another follows while one found anything.
    for (;;) {
      const stamp = ++this.stamp;
      let head = 0;
      let tail = 0;
      this.queue[tail++] = m + k;
      this.seen[m + k] = stamp;
      let pushed = false;
      while (head < tail && this.spare(k) > eps) {
        const node = this.queue[head++]!;
        if (node >= m) {
          const j = node - m;
          for (let q = siteStart[j]!; q < siteStart[j + 1]!; q++) {
            const i = siteDemands[q]!;
            if (this.seen[i] === stamp) continue;
            this.seen[i] = stamp;
            this.via[i] = this.siteEdge[q]!;
            if (this.slack(i) > eps && this.pathInto(i, k)) {
              pushed = true;
              if (this.spare(k) <= eps) {
                this.meter.work += tail;
                return;
              }
            }
            this.queue[tail++] = i;
          }
        } else {
          for (let e = demandStart[node]!; e < demandStart[node + 1]!; e++) {
            const a = demandSites[e]!;
            if (!this.chosen[a] || this.flow[e]! <= eps || this.seen[m + a] === stamp) continue;
            this.seen[m + a] = stamp;
            this.via[m + a] = e;
            this.queue[tail++] = m + a;
          }
        }
      }
      this.meter.work += tail;
      if (!pushed || this.spare(k) <= eps) return;
    }
  }

  /** sends what it can from demand `from` along the search tree's path into k; false if nothing */
  private pathInto(from: number, k: number): boolean {
    const { demandSites } = this.model;
    const m = this.model.m;
    let delta = Math.min(this.slack(from), this.spare(k));
    for (let i = from; ; ) {
      const a = demandSites[this.via[i]!]!;
      if (a === k) break;
      const back = this.via[m + a]!;
      delta = Math.min(delta, this.flow[back]!);
      i = this.edgeDemand[back]!;
    }
    if (delta <= this.eps) return false;
    for (let i = from; ; ) {
      const e = this.via[i]!;
      this.setFlow(e, this.flow[e]! + delta);
      const a = demandSites[e]!;
      if (a === k) break;
      const back = this.via[m + a]!;
      this.setFlow(back, this.flow[back]! - delta);
      i = this.edgeDemand[back]!;
    }
    return true;
  }

  /** flow from demands that just got slack to chosen sites with spare capacity */
  pushFrom(sources: ArrayLike<number>): void {
    const { siteStart, demandStart, demandSites, m } = this.model;
    const eps = this.eps;
    for (let t = 0; t < sources.length; t++) {
      const i = sources[t]!;
      for (let e = demandStart[i]!; e < demandStart[i + 1]!; e++) {
        const sl = this.slack(i);
        if (sl <= eps) break;
        const a = demandSites[e]!;
        if (!this.chosen[a]) continue;
        const room = this.spare(a);
        if (room > eps) this.setFlow(e, this.flow[e]! + Math.min(sl, room));
      }
    }
    // forwards from each demand still with slack, as in pushInto; a search that finds nothing marks
    // what it saw dead, which stays so while this repair lasts (the text above the class)
    this.phase++;
    for (let t = 0; t < sources.length; t++) {
      const src = sources[t]!;
      while (this.slack(src) > eps && this.dead[src] !== this.phase) {
        const stamp = ++this.stamp;
        let head = 0;
        let tail = 0;
        this.queue[tail++] = src;
        this.seen[src] = stamp;
        let pushed = false;
        let sitesSeen = 0;
        search: while (head < tail) {
          const i = this.queue[head++]!;
          for (let e = demandStart[i]!; e < demandStart[i + 1]!; e++) {
            const a = demandSites[e]!;
            if (!this.chosen[a] || this.seen[m + a] === stamp || this.dead[m + a] === this.phase) continue;
            this.seen[m + a] = stamp;
            this.via[m + a] = e;
            this.siteTrail[sitesSeen++] = a;
            if (this.spare(a) > eps && this.pathFrom(src, a)) {
              pushed = true;
              if (this.slack(src) <= eps) break search;
            }
            // the demands a serves can hand their share to another site
            for (let q = siteStart[a]!; q < siteStart[a + 1]!; q++) {
              const f = this.siteEdge[q]!;
              const i2 = this.model.siteDemands[q]!;
              if (this.flow[f]! <= eps || this.seen[i2] === stamp || this.dead[i2] === this.phase) continue;
              this.seen[i2] = stamp;
              this.via[i2] = f;
              this.queue[tail++] = i2;
            }
          }
        }
        this.meter.work += tail + sitesSeen;
        if (!pushed) {
          for (let q = 0; q < tail; q++) this.dead[this.queue[q]!] = this.phase;
          for (let q = 0; q < sitesSeen; q++) this.dead[m + this.siteTrail[q]!] = this.phase;
          break;
        }
      }
    }
  }

  /** sends what it can from demand `src` along the search tree's path to site `to`; false if nothing */
  private pathFrom(src: number, to: number): boolean {
    const { demandSites } = this.model;
    const m = this.model.m;
    let delta = Math.min(this.slack(src), this.spare(to));
    for (let a = to; ; ) {
      const i = this.edgeDemand[this.via[m + a]!]!;
      if (i === src) break;
      const f = this.via[i]!;
      delta = Math.min(delta, this.flow[f]!);
      a = demandSites[f]!;
    }
    if (delta <= this.eps) return false;
    for (let a = to; ; ) {
      const e = this.via[m + a]!;
      this.setFlow(e, this.flow[e]! + delta);
      const i = this.edgeDemand[e]!;
      if (i === src) break;
      const f = this.via[i]!;
      this.setFlow(f, this.flow[f]! - delta);
      a = demandSites[f]!;
    }
    return true;
  }

  chosenList(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.model.n; j++) if (this.chosen[j]) out.push(j);
    return out;
  }
}

/** The weight these sites answer, as a fresh maximum flow (the capacities of the model). */
export function flowValue(model: CoverModel, sites: ArrayLike<number>): number {
  const s = new FlowState(model);
  for (let t = 0; t < sites.length; t++) s.add(sites[t]!);
  return s.value;
}
