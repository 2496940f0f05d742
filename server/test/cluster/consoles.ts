import WebSocket from 'ws';
import { waitFor } from './processes.js';

export interface SeenEvent {
  seq: number;
  type: string;
  entityId: string;
}

/**
 * A console's live channel as the web console keeps it: it remembers the last sequence number it
 * was given and, whenever the channel closes, connects again with `?since=` — to the same address
 * or, after `moveTo`, to another instance. It records every event in the order received, so a test
 * can check nothing was missed, repeated or reordered.
 */
export class LiveConsole {
  readonly events: SeenEvent[] = [];
  readonly closeCodes: number[] = [];
  connections = 0;
  private socket: WebSocket | null = null;
  private lastSeq: number | null = null;
  private stopped = false;
  private suspended = false;
  private retry: NodeJS.Timeout | null = null;
  private readyWaiters: Array<() => void> = [];

  constructor(
    private baseUrl: string,
    private readonly token: string,
  ) {}

  /** Connects and resolves once the channel says it is ready (caught up). */
  async open(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    this.connect();
    await ready;
  }

  /** The last sequence number seen (or the channel's starting point). */
  get seq(): number {
    return this.lastSeq ?? 0;
  }

  /** The address the next reconnection goes to (the instance it was on has died). */
  moveOnReconnect(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  /** Goes away (the socket closed, no reconnecting) until `resume`. */
  async suspend(): Promise<void> {
    this.suspended = true;
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    });
  }

  /** Comes back, possibly to another instance, from the last event seen (`?since=`). */
  async resume(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl;
    this.suspended = false;
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    this.connect();
    await ready;
  }

  close(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket?.close();
  }

  private connect(): void {
    if (this.stopped || this.suspended) return;
    const ws = this.baseUrl.replace(/^http/, 'ws');
    const since = this.lastSeq === null ? '' : `&since=${this.lastSeq}`;
    const socket = new WebSocket(`${ws}/api/live?token=${encodeURIComponent(this.token)}${since}`);
    this.socket = socket;
    this.connections++;
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; seq?: number; event?: { type: string; entityId: string } };
      if (m.type === 'event' && m.seq !== undefined && m.event) {
        this.events.push({ seq: m.seq, type: m.event.type, entityId: m.event.entityId });
        this.lastSeq = m.seq;
      } else if (m.type === 'ready' && m.seq !== undefined) {
        this.lastSeq = Math.max(this.lastSeq ?? 0, m.seq);
        for (const w of this.readyWaiters.splice(0)) w();
      }
    });
    socket.on('close', (code) => {
      this.closeCodes.push(code);
      if (this.socket === socket) this.socket = null;
      if (!this.stopped && !this.suspended) this.retry = setTimeout(() => this.connect(), 250);
    });
    socket.on('error', () => {
      // a refused or broken connection ends in 'close', which reconnects
    });
  }
}

/**
 * The point from which a test compares what consoles got with the outbox: the seq every console
 * has reached, once they agree and nothing has moved for a moment. Taking the highest seq one
 * console had seen let a console still catching up receive an older event afterwards, which the
 * comparison counted as unexpected. (The outbox's last id is no such point: an event a console may
 * not see does not move its seq.)
 */
export async function caughtUp(consoles: LiveConsole[]): Promise<number> {
  let agreed: { seq: number; since: number } | null = null;
  return waitFor('the consoles to agree on the last event', () => {
    const seqs = new Set(consoles.map((c) => c.seq));
    const seq = consoles[0]!.seq;
    if (seqs.size !== 1) agreed = null;
    else if (agreed?.seq !== seq) agreed = { seq, since: Date.now() };
    else if (Date.now() - agreed.since >= 300) return seq;
    return null;
  }, 30_000, 50);
}

/**
 * Problems with what a console received up to the last expected event: any event repeated or out
 * of order (among all it received), and, against the sequence numbers it should have got after
 * `from`, those missing and those it should not have had.
 */
export function problemsSince(console: LiveConsole, from: number, expected: number[]): string[] {
  const last = expected.at(-1) ?? from;
  const problems: string[] = [];
  const seqs = console.events.filter((e) => e.seq <= last).map((e) => e.seq);
  for (let i = 1; i < seqs.length; i++) if (seqs[i]! <= seqs[i - 1]!) problems.push(`seq ${seqs[i]} after ${seqs[i - 1]} (repeated or out of order)`);
  const got = new Set(seqs);
  const missing = expected.filter((s) => !got.has(s));
  if (missing.length) problems.push(`missing ${missing.length}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}`);
  const want = new Set(expected);
  const extra = seqs.filter((s) => s > from && !want.has(s));
  if (extra.length) problems.push(`unexpected ${extra.length}: ${extra.slice(0, 10).join(', ')}`);
  return problems;
}
