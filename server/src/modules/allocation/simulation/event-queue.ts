/**
 * The simulator's future events: a time, a sequence number that breaks ties (so two queues give
 * the same order, hence the same results) and an integer payload. Kept in parallel typed arrays
 * rather than objects so that millions of events make no garbage.
 */
export interface EventQueue {
  readonly size: number;
  push(time: number, payload: number): void;
  /** time of the earliest event; Infinity when empty */
  peekTime(): number;
  /** removes the earliest event and returns its payload (its time was peekTime()) */
  pop(): number;
}

/** A binary min-heap: O(log n) per push and pop. */
export class HeapEventQueue implements EventQueue {
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private payloads = new Int32Array(64);
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }

  push(time: number, payload: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const s = this.seq++;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < s)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = s;
    payloads[i] = payload;
  }

  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const top = payloads[0]!;
    const n = --this.n;
    if (n === 0) return top;
    const t = times[n]!;
    const s = seqs[n]!;
    const p = payloads[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))) child = right;
      const ct = times[child]!;
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    payloads[i] = p;
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    const payloads = new Int32Array(size);
    times.set(this.times);
    seqs.set(this.seqs);
    payloads.set(this.payloads);
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
  }
}

/**
 * The naive queue — an array kept sorted by insertion (O(n) per push) — that the benchmark measures
 * the heap against, and the tests check it gives the same order as.
 */
export class SortedArrayEventQueue implements EventQueue {
  // latest first, so the earliest is popped from the end
  private items: Array<{ time: number; seq: number; payload: number }> = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, payload: number): void {
    const item = { time, seq: this.seq++, payload };
    const items = this.items;
    let i = items.length;
    // a later-or-equal event (with a smaller sequence) stays nearer the end only if it comes first
    while (i > 0 && (items[i - 1]!.time < time || (items[i - 1]!.time === time && items[i - 1]!.seq < item.seq))) i--;
    items.splice(i, 0, item);
  }

  peekTime(): number {
    const items = this.items;
    return items.length > 0 ? items[items.length - 1]!.time : Infinity;
  }

  pop(): number {
    return this.items.pop()!.payload;
  }
}
