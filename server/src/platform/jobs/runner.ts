import type { Leases } from './leases.js';

/**
 * Work that runs by the clock rather than by a request: sweeps for deadlines, deliveries,
 * scheduled reports. With several instances on one database each job must run on one of them
 * only, or three instances would escalate one late assignment three times.
 */
export interface PeriodicJob {
  /** unique across the platform: the lease is named after it (e.g. `dispatch.ack-escalation`) */
  name: string;
  everyMs: number;
  /**
   * Finds what is due and handles it. Each item's effect and the mark that it was handled belong
   * in one transaction, so a run cut short (the instance killed, the database gone) is finished by
   * the next run, wherever it happens, and nothing is done twice.
   */
  run: () => Promise<unknown>;
}

export interface JobState {
  name: string;
  /** this instance holds the job's lease */
  here: boolean;
  lastRunAt: string | null;
  lastError: string | null;
}

/**
 * Runs each registered job every `everyMs` on exactly one instance: the one holding the job's
 * lease (leases.ts). An instance keeps a lease once it has it, so a job stays where it is and runs
 * at its own pace; the others ask for the lease at every tick and take it over within one interval
 * of the holder's death. On one instance, runs of a job never overlap.
 */
export class JobRunner {
  private readonly jobs = new Map<string, { job: PeriodicJob; timer: NodeJS.Timeout | null; running: Promise<boolean> | null; lastRunAt: string | null; lastError: string | null }>();
  private started = false;
  private closed = false;

  constructor(
    private readonly leases: Leases,
    private readonly onError: (job: string, e: unknown) => void = () => {},
  ) {}

  add(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    if (!(job.everyMs > 0)) throw new Error(`job ${job.name} needs a positive interval`);
    this.jobs.set(job.name, { job, timer: null, running: null, lastRunAt: null, lastError: null });
    if (this.started) this.schedule(job.name);
  }

  /** Starts every job's clock (jobs added later start at once). */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    for (const name of this.jobs.keys()) this.schedule(name);
  }

  /**
   * One round of a job now, if this instance holds (or can take) its lease; true when it ran here.
   * A round already under way on this instance is waited for instead of started twice.
   */
  async runNow(name: string): Promise<boolean> {
    const entry = this.jobs.get(name);
    if (!entry) throw new Error(`no job ${name}`);
    if (entry.running) return entry.running;
    let ran = false;
    entry.running = (async () => {
      if (!(await this.leases.hold(name))) return false;
      ran = true;
      try {
        await entry.job.run();
        entry.lastError = null;
      } finally {
        entry.lastRunAt = new Date().toISOString();
      }
      return true;
    })()
      .catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        // the same failure round after round (the database away for a minute) is told once
        if (message !== entry.lastError) this.onError(name, e);
        entry.lastError = message;
        return ran;
      })
      .finally(() => {
        entry.running = null;
      });
    return entry.running;
  }

  states(): JobState[] {
    const here = new Set(this.leases.held());
    return [...this.jobs.values()].map((e) => ({ name: e.job.name, here: here.has(e.job.name), lastRunAt: e.lastRunAt, lastError: e.lastError }));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.jobs.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    await Promise.all([...this.jobs.values()].map((e) => e.running));
    await this.leases.close();
  }

  private schedule(name: string): void {
    const entry = this.jobs.get(name)!;
    // A first tick at a random point of the interval, so instances started together do not all
    // ask for every lease at the same moment.
    const tick = (delay: number) => {
      entry.timer = setTimeout(() => {
        if (this.closed) return;
        void this.runNow(name).finally(() => {
          if (!this.closed) tick(entry.job.everyMs);
        });
      }, delay);
      entry.timer.unref();
    };
    tick(Math.floor(Math.random() * entry.job.everyMs));
  }
}
