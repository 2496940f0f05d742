import type { SimResponseStats, SimulationResult } from '@railjoint/contracts';
import { createRng } from '../../../demo/prng.js';
import type { CompiledScenario } from './compile.js';
import { dutySeconds, ScenarioError } from './compile.js';
import { sampler } from './durations.js';
import { HeapEventQueue, type EventQueue } from './event-queue.js';
import { HISTOGRAM_BINS, binOf, quantile } from './histogram.js';

/**
 * The discrete-event simulation of reception and handling. Incidents arrive as a Poisson process
 * whose rate changes by the hour (or replay a history); under the siloed policy a share of them is
 * first received by the wrong agency and waits a transfer delay; then the nearest free unit the
 * policy allows is sent, or the incident queues first-come first-served until one frees. A unit is
 * busy for the travel out, the time on scene and the travel back to its post. Shifts take units on
 * and off duty; a unit busy at the end of its shift finishes the job first.
 *
 * Every random draw of an incident (when, what, where, how long on scene, whether and how long it
 * is transferred) is made at its arrival from streams of their own, so two policies run on the same
 * seed meet the very same incidents — the comparison shows the policy, not the luck of the draw.
 */
export class SimulationCancelled extends Error {
  constructor() {
    super('the simulation was cancelled');
  }
}

export interface SimulateOptions {
  /** the event queue; the benchmark passes the naive one to compare */
  queue?: () => EventQueue;
  /** called every 65,536 incidents with how many were generated and how many are expected */
  onProgress?: (generated: number, expected: number) => void;
  /** asked as often as onProgress; true stops the run with SimulationCancelled */
  cancelled?: () => boolean;
}

const COMPLETE = 0;
const TRANSFERRED = 1;
const SHIFT = 2;
const DAY = 86_400;
const MAX_WAITING = 1_000_000;

/** A first-come first-served queue of incident slots, growing as needed. */
class SlotQueue {
  buf = new Int32Array(16);
  head = 0;
  count = 0;
  push(slot: number): void {
    if (this.count === this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.head + i) % this.buf.length]!;
      this.buf = next;
      this.head = 0;
    }
    this.buf[(this.head + this.count) % this.buf.length] = slot;
    this.count++;
  }
  shift(): number {
    const slot = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.count--;
    return slot;
  }
}

export function simulate(m: CompiledScenario, opts: SimulateOptions = {}): SimulationResult {
  const A = m.areaIds.length;
  const C = m.categoryIds.length;
  const U = m.unitIds.length;
  const { travel, unitPost, unitPool, areaPool, prefStart, prefUnits, limitS, transferShare, horizonS, warmupS } = m;
  const siloed = m.policy === 'siloed';
  const queue = opts.queue ? opts.queue() : new HeapEventQueue();

  const root = createRng(m.seed);
  const arrivalRng = root.fork('arrivals');
  const serviceRng = root.fork('service');
  const transferRng = root.fork('transfer');
  const services = m.service.map((d) => sampler(d, serviceRng));
  const delay = sampler(m.transferDelay, createRng(m.seed).fork('transfer-delay'));

  // incidents waiting (for a transfer or a unit), by slot
  let slots = 1024;
  let sArrival = new Float64Array(slots);
  let sReady = new Float64Array(slots);
  let sService = new Float64Array(slots);
  let sTransfer = new Float64Array(slots);
  let sCategory = new Int32Array(slots);
  let sArea = new Int32Array(slots);
  const free: number[] = [];
  let used = 0;
  const alloc = (): number => {
    if (free.length) return free.pop()!;
    if (used === slots) {
      slots *= 2;
      const grow64 = (a: Float64Array) => {
        const b = new Float64Array(slots);
        b.set(a);
        return b;
      };
      const grow32 = (a: Int32Array) => {
        const b = new Int32Array(slots);
        b.set(a);
        return b;
      };
      sArrival = grow64(sArrival);
      sReady = grow64(sReady);
      sService = grow64(sService);
      sTransfer = grow64(sTransfer);
      sCategory = grow32(sCategory);
      sArea = grow32(sArea);
    }
    return used++;
  };
  const waiting = Array.from({ length: m.pools }, () => new SlotQueue());
  let waitingTotal = 0;
  let pendingTransfers = 0;

  // statistics by group: 0 all, 1..C categories, C+1..C+A districts
  const groups = 1 + C + A;
  const hist = new Uint32Array(groups * HISTOGRAM_BINS);
  const gCount = new Float64Array(groups);
  const gSumResponse = new Float64Array(groups);
  const gWithin = new Float64Array(groups);
  const gSumWait = new Float64Array(groups);
  const gWaited = new Float64Array(groups);
  const gTransferred = new Float64Array(groups);
  const gSumTransfer = new Float64Array(groups);
  const busy = new Uint8Array(U);
  const onDuty = new Uint8Array(U);
  const busyS = new Float64Array(U);
  const dispatches = new Float64Array(U);

  const record = (g: number, response: number, wait: number, transferDelay: number, within: boolean, bin: number) => {
    gCount[g]!++;
    gSumResponse[g]! += response;
    if (within) gWithin[g]!++;
    gSumWait[g]! += wait;
    if (wait > 0) gWaited[g]!++;
    if (transferDelay > 0) {
      gTransferred[g]!++;
      gSumTransfer[g]! += transferDelay;
    }
    hist[g * HISTOGRAM_BINS + bin]!++;
  };

  const dispatch = (u: number, now: number, arrival: number, ready: number, service: number, transferDelay: number, category: number, area: number) => {
    const post = unitPost[u]!;
    const out = travel[post * A + area]!;
    const end = now + out + service + travel[area * A + post]!;
    busy[u] = 1;
    queue.push(end, u * 4 + COMPLETE);
    // busy time is clipped to the counted window whatever the call, so work left from the warm-up counts
    const from = now > warmupS ? now : warmupS;
    const to = end < horizonS ? end : horizonS;
    if (to > from) busyS[u]! += to - from;
    if (arrival < warmupS) return;
    dispatches[u]!++;
    const response = now + out - arrival;
    const wait = now - ready;
    const within = response <= limitS[category]!;
    const bin = binOf(response);
    record(0, response, wait, transferDelay, within, bin);
    record(1 + category, response, wait, transferDelay, within, bin);
    record(1 + C + area, response, wait, transferDelay, within, bin);
  };

  const freeUnitFor = (area: number): number => {
    for (let i = prefStart[area]!, end = prefStart[area + 1]!; i < end; i++) {
      const u = prefUnits[i]!;
      if (busy[u] === 0 && onDuty[u] === 1) return u;
    }
    return -1;
  };

  const enqueue = (slot: number) => {
    waiting[areaPool[sArea[slot]!]!]!.push(slot);
    // an overloaded department would otherwise hold its whole backlog in memory
    if (++waitingTotal > MAX_WAITING) {
      throw new ScenarioError('units', `more than ${MAX_WAITING.toLocaleString('en-US')} calls wait at once: the units cannot keep up with the calls`, `同时等待的警情超过 ${MAX_WAITING} 起：警力远不足以处置`);
    }
  };

  /** a unit that has become free and on duty takes the oldest incident of its queue */
  const takeWork = (u: number, now: number) => {
    const q = waiting[unitPool[u]!]!;
    if (q.count === 0) return;
    const slot = q.shift();
    waitingTotal--;
    dispatch(u, now, sArrival[slot]!, sReady[slot]!, sService[slot]!, sTransfer[slot]!, sCategory[slot]!, sArea[slot]!);
    free.push(slot);
  };

  // shifts: on duty now or not, and the next change
  const duty = m.duty;
  const nextChange = (u: number, t: number): number => {
    const w = duty[u]!;
    const day = Math.floor(t / DAY);
    const tod = t - day * DAY;
    for (let i = 0; i < w.length; i++) if (w[i]! > tod) return day * DAY + w[i]!;
    return (day + 1) * DAY + w[0]!;
  };
  const onDutyAt = (u: number, t: number): boolean => {
    const w = duty[u]!;
    const tod = t - Math.floor(t / DAY) * DAY;
    for (let i = 0; i < w.length; i += 2) if (tod >= w[i]! && tod < w[i + 1]!) return true;
    return false;
  };
  for (let u = 0; u < U; u++) {
    const w = duty[u];
    if (!w) onDuty[u] = 1;
    else if (w.length > 0) {
      onDuty[u] = onDutyAt(u, 0) ? 1 : 0;
      queue.push(nextChange(u, 0), u * 4 + SHIFT);
    }
  }

  // arrivals
  const arr = m.arrivals;
  let historyAt = 0;
  let rateClock = 0;
  let nextCategory = 0;
  let nextArea = 0;
  const S = arr.kind === 'rates' ? arr.streamArea.length : 0;
  const expected = arr.kind === 'rates' ? arr.expected : arr.atS.length;
  /** the next arrival's time (and its category and district in nextCategory, nextArea), or Infinity */
  const nextArrival = (): number => {
    if (arr.kind === 'history') {
      if (historyAt >= arr.atS.length) return Infinity;
      nextCategory = arr.category[historyAt]!;
      nextArea = arr.area[historyAt]!;
      return arr.atS[historyAt++]!;
    }
    let t = rateClock;
    for (;;) {
      if (t >= horizonS) return Infinity;
      const hour = Math.floor(t / 3600);
      const h = hour % 24;
      const total = arr.hourTotal[h]!;
      const hourEnd = (hour + 1) * 3600;
      if (total > 0) {
        // memoryless: a gap that crosses into the next hour is redrawn there at that hour's rate
        const gap = (-Math.log(1 - arrivalRng.next()) * 3600) / total;
        if (t + gap < hourEnd) {
          t += gap;
          break;
        }
      }
      t = hourEnd;
    }
    rateClock = t;
    if (t >= horizonS) return Infinity;
    const target = arrivalRng.next() * arr.hourTotal[Math.floor(t / 3600) % 24]!;
    const base = (Math.floor(t / 3600) % 24) * S;
    let lo = 0;
    let hi = S - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (arr.cumulative[base + mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    nextCategory = arr.streamCategory[lo]!;
    nextArea = arr.streamArea[lo]!;
    return t;
  };

  let generated = 0;
  let transferredAll = 0;
  let events = 0;
  let arrivalAt = nextArrival();
  for (;;) {
    const te = queue.peekTime();
    if (te === Infinity && arrivalAt === Infinity) break;
    events++;
    if (arrivalAt < te) {
      const now = arrivalAt;
      const category = nextCategory;
      const area = nextArea;
      generated++;
      if ((generated & 0xffff) === 0) {
        if (opts.cancelled?.()) throw new SimulationCancelled();
        opts.onProgress?.(generated, expected);
      }
      const service = services[category]!();
      // drawn under every policy, so the streams stay aligned between policies
      const misrouted = transferRng.next() < transferShare[area]!;
      arrivalAt = nextArrival();
      if (siloed && misrouted) {
        const d = delay();
        if (d > 0) {
          transferredAll++;
          const slot = alloc();
          sArrival[slot] = now;
          sReady[slot] = now + d;
          sService[slot] = service;
          sTransfer[slot] = d;
          sCategory[slot] = category;
          sArea[slot] = area;
          pendingTransfers++;
          queue.push(now + d, slot * 4 + TRANSFERRED);
          continue;
        }
      }
      const u = freeUnitFor(area);
      if (u >= 0) {
        dispatch(u, now, now, now, service, 0, category, area);
      } else {
        const slot = alloc();
        sArrival[slot] = now;
        sReady[slot] = now;
        sService[slot] = service;
        sTransfer[slot] = 0;
        sCategory[slot] = category;
        sArea[slot] = area;
        enqueue(slot);
      }
      continue;
    }
    const now = te;
    const payload = queue.pop();
    const kind = payload & 3;
    const id = payload >> 2;
    if (kind === COMPLETE) {
      busy[id] = 0;
      if (onDuty[id] === 1) takeWork(id, now);
    } else if (kind === TRANSFERRED) {
      pendingTransfers--;
      const u = freeUnitFor(sArea[id]!);
      if (u >= 0) {
        dispatch(u, now, sArrival[id]!, sReady[id]!, sService[id]!, sTransfer[id]!, sCategory[id]!, sArea[id]!);
        free.push(id);
      } else enqueue(id);
    } else {
      onDuty[id] = onDuty[id] === 1 ? 0 : 1;
      if (onDuty[id] === 1 && busy[id] === 0) takeWork(id, now);
      // past the horizon, shifts go on only while there is work left
      if (now < horizonS || waitingTotal > 0 || pendingTransfers > 0 || arrivalAt !== Infinity) queue.push(nextChange(id, now), id * 4 + SHIFT);
    }
  }
  opts.onProgress?.(generated, expected);

  const stats = (g: number): SimResponseStats => {
    const n = gCount[g]!;
    const counted = n > 0;
    return {
      incidents: n,
      p50S: quantile(hist, g * HISTOGRAM_BINS, n, 0.5),
      p90S: quantile(hist, g * HISTOGRAM_BINS, n, 0.9),
      meanS: counted ? gSumResponse[g]! / n : null,
      withinLimitShare: counted ? gWithin[g]! / n : null,
      meanQueueWaitS: counted ? gSumWait[g]! / n : null,
      waitProbability: counted ? gWaited[g]! / n : null,
      transferred: gTransferred[g]!,
      meanTransferDelayS: gTransferred[g]! > 0 ? gSumTransfer[g]! / gTransferred[g]! : null,
    };
  };
  const units = m.unitIds.map((unitId, u) => {
    const dutyS = dutySeconds(m.duty[u] ?? null, warmupS, horizonS);
    return {
      unitId,
      agencyId: m.agencyIds[m.unitAgency[u]!]!,
      postAreaId: m.areaIds[unitPost[u]!]!,
      dispatches: dispatches[u]!,
      busyS: busyS[u]!,
      dutyS,
      utilisation: dutyS > 0 ? busyS[u]! / dutyS : null,
    };
  });
  return {
    policy: m.policy,
    seed: m.seed,
    horizonDays: horizonS / DAY,
    warmupDays: warmupS / DAY,
    overall: stats(0),
    byCategory: m.categoryIds.map((categoryId, c) => ({ categoryId, ...stats(1 + c) })),
    byArea: m.areaIds.map((areaId, a) => ({ areaId, ...stats(1 + C + a) })),
    units,
    agencies: m.agencyIds.map((agencyId, g) => {
      const mine = units.filter((_, u) => m.unitAgency[u] === g);
      const duty = mine.reduce((s, x) => s + x.dutyS, 0);
      return {
        agencyId,
        units: mine.length,
        dispatches: mine.reduce((s, x) => s + x.dispatches, 0),
        utilisation: duty > 0 ? mine.reduce((s, x) => s + x.busyS, 0) / duty : null,
      };
    }),
    counts: { generated, counted: gCount[0]!, transferred: transferredAll, waited: gWaited[0]!, events },
  };
}
