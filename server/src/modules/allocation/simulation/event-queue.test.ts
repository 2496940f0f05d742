import { describe, expect, it } from 'vitest';
import { createRng } from '../../../demo/prng.js';
import { HeapEventQueue, SortedArrayEventQueue, type EventQueue } from './event-queue.js';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.size > 0) {
    const t = q.peekTime();
    out.push([t, q.pop()]);
  }
  return out;
}

describe('event queues', () => {
  it('pop by time, ties in the order pushed, interleaved with pushes — heap and sorted array alike', () => {
    const rng = createRng(7);
    const heap = new HeapEventQueue();
    const sorted = new SortedArrayEventQueue();
    const reference: Array<{ t: number; seq: number; p: number }> = [];
    const popped: Array<[number, number, number]> = [];
    let seq = 0;
    for (let i = 0; i < 5000; i++) {
      if (rng.next() < 0.6 || heap.size === 0) {
        const t = Math.floor(rng.next() * 200); // many equal times
        const p = i;
        heap.push(t, p);
        sorted.push(t, p);
        reference.push({ t, seq: seq++, p });
      } else {
        reference.sort((a, b) => a.t - b.t || a.seq - b.seq);
        const want = reference.shift()!;
        expect(heap.peekTime()).toBe(want.t);
        expect(sorted.peekTime()).toBe(want.t);
        popped.push([want.p, heap.pop(), sorted.pop()]);
      }
    }
    for (const [want, h, s] of popped) {
      expect(h).toBe(want);
      expect(s).toBe(want);
    }
    expect(drain(heap)).toEqual(drain(sorted));
    expect(heap.peekTime()).toBe(Infinity);
  });
});
