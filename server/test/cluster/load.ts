/**
 * A small, bounded load of reads and writes for the fault tests: a few workers, each creating an
 * incident (repeated with the same externalRef until it is acknowledged, as a client that cares
 * about its call would) and reading the queue, with a pause between requests. Every answer is
 * kept, so a test can say what clients saw while something was failing.
 */
export interface Outcome {
  at: number;
  op: 'create' | 'read';
  /** the HTTP status, or what went wrong below HTTP */
  status: number | 'network' | 'timeout';
  body?: unknown;
  /** how long the answer took */
  ms: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  workers?: number;
  pauseMs?: number;
  /** keeps this run's external references apart from any other's */
  tag: string;
  /** a request not answered by then counts as hanging ('timeout'): generous, a liveness bound */
  timeoutMs?: number;
}

export const LOAD_CHANNEL = 'public';

export function reportFor(tag: string, n: number) {
  return {
    category: 'stone_throwing',
    channel: LOAD_CHANNEL,
    location: { lineId: 'xianggui', mileage: `K${420 + ((n * 7) % 120)}+${String((n * 37) % 1000).padStart(3, '0')}` },
    description: `负载 ${tag} #${n}`,
    externalRef: `${tag}-${n}`,
  };
}

export class LoadGenerator {
  /** externalRef → incident id, for every create answered 2xx */
  readonly acknowledged = new Map<string, string>();
  readonly outcomes: Outcome[] = [];
  private stopping = false;
  private workers: Promise<void>[] = [];
  private next = 0;

  constructor(private readonly opts: LoadOptions) {}

  start(): void {
    const n = this.opts.workers ?? 4;
    this.workers = Array.from({ length: n }, () => this.work());
  }

  /** Lets each worker finish what it is doing, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
  }

  /** Answers seen since a moment (ms since epoch), by kind. */
  since(at: number): Outcome[] {
    return this.outcomes.filter((o) => o.at >= at);
  }

  createsAcknowledgedSince(at: number): number {
    return this.outcomes.filter((o) => o.at >= at && o.op === 'create' && typeof o.status === 'number' && o.status < 300).length;
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      const n = this.next++;
      const body = reportFor(this.opts.tag, n);
      // the same call until it is acknowledged: a refused or lost answer is repeated, and the
      // externalRef makes a repeat of one that was carried out answer with the same incident
      while (!this.stopping) {
        const o = await this.request('create', 'POST', '/api/incidents', body);
        if (typeof o.status === 'number' && o.status < 300) {
          this.acknowledged.set(body.externalRef, (o.body as { id: string }).id);
          break;
        }
        await pause(this.opts.pauseMs ?? 50);
      }
      await this.request('read', 'GET', '/api/incidents?status=received&limit=20');
      await pause(this.opts.pauseMs ?? 50);
    }
  }

  private async request(op: Outcome['op'], method: string, path: string, body?: unknown): Promise<Outcome> {
    const at = Date.now();
    let outcome: Outcome;
    try {
      const res = await fetch(`${this.opts.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.opts.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // a balancer's own page, kept as text
      }
      outcome = { at, op, status: res.status, body: parsed, ms: Date.now() - at };
    } catch (e) {
      outcome = { at, op, status: (e as Error).name === 'TimeoutError' ? 'timeout' : 'network', ms: Date.now() - at };
    }
    this.outcomes.push(outcome);
    return outcome;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
