import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { SimulationPolicy, WhatIfRequest, WhatIfRunStatus } from '@railjoint/contracts';
import type { Actor } from '../../../../platform/auth/actor.js';
import type { Db } from '../../../../platform/db/database.js';
import type { PeriodicJob } from '../../../../platform/jobs/runner.js';
import { HttpError, said, type Lang } from '../../../../platform/http/errors.js';
import { nowIso } from '../../../../platform/clock.js';
import { SimulationCancelled } from '../simulate.js';
import { SILENT_FOR_MS, WhatIfRunStore } from './run-store.js';
import type { PolicyState, WhatIfService } from './service.js';

/** What-ifs simulating at once on this instance: each holds up to three cores until it is done. */
export const RUNNING_AT_MOST = 2;
/** A running run's status is written at most this often: a page polls it a few times a second at most. */
const WRITE_EVERY_MS = 250;
/** How often this instance looks for cancel requests on its runs: a DELETE elsewhere ends the workers within it. */
const LOOK_EVERY_MS = 250;
/** A run whose status has not changed is written again after this, so it never reads as silent (SILENT_FOR_MS). */
const ALIVE_EVERY_MS = 10_000;
/**
 * The share of the progress bar the steps before the simulation take: gathering is done before the
 * run is answered, the post plan is a fraction of a second to a few seconds; the rest is incidents.
 */
const BEFORE_SIMULATING = { gathering: 0.05, posts: 0.15 } as const;

interface Entry {
  status: WhatIfRunStatus;
  lang: Lang;
  abort: AbortController;
  started: number;
  /** the execution has settled; the entry goes once its last status is written */
  ended: boolean;
  dirty: boolean;
  lastWrite: number;
  writing: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

/** Names this process among the instances (two apps in one test process are two instances). */
function instanceName(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * What-if runs followed by id: started in the background after every check has passed, read for
 * their progress and the figures of the policies already done, cancelled by ending their worker
 * threads. The workers are this process's, but the run is the table's (`what_if_runs`): this
 * instance writes its status as it changes, any instance answers it, and a DELETE on any instance
 * marks the row, which this instance looks for a few times a second. The synchronous route takes
 * its slot from the same count, so at most RUNNING_AT_MOST what-ifs simulate at once on an
 * instance whichever way they were asked.
 */
export class WhatIfRuns {
  /** the runs simulating here, until their last status is written */
  private readonly here = new Map<string, Entry>();
  private readonly store: WhatIfRunStore;
  readonly instance = instanceName();
  private busy = 0;
  private looking: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly service: WhatIfService,
    db: Db,
    private readonly log: (e: unknown, msg: string) => void = () => {},
  ) {
    this.store = new WhatIfRunStore(db);
  }

  /** Removes ended runs from the table 15 minutes after their end, on whichever instance holds the job. */
  jobs(): PeriodicJob[] {
    return [{ name: 'allocation.what-if-runs-expiry', everyMs: 60_000, run: () => this.store.expire() }];
  }

  /** A slot for one what-if, or 429; release it when the what-if ends. */
  take(): () => void {
    if (this.busy >= RUNNING_AT_MOST) throw new HttpError(429, 'too_many_requests', said('仿真计算正忙，请稍后再试', 'the simulator is busy; try again shortly'), { retryAfterS: 5 });
    this.busy++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
    };
  }

  /** Checks the request (400/422 at once), then simulates in the background; answers the run as started. */
  async start(actor: Actor, req: WhatIfRequest, lang: Lang): Promise<WhatIfRunStatus> {
    const release = this.take();
    let prepared;
    const id = randomUUID();
    const policies = req.policies.map((policy) => ({ policy, state: 'waiting' as PolicyState, generated: 0, expected: 0 }));
    const entry: Entry = {
      lang,
      abort: new AbortController(),
      started: performance.now(),
      ended: false,
      dirty: false,
      lastWrite: Date.now(),
      writing: null,
      timer: null,
      status: { id, state: 'running', stage: 'gathering', progress: BEFORE_SIMULATING.gathering, policies, partial: [], startedAt: nowIso(), seconds: 0 },
    };
    try {
      prepared = await this.service.prepare(actor, req, lang);
      // in the table before it is answered: the page's first GET may reach another instance
      await this.store.insert(actor.userId, entry.status, this.instance);
    } catch (e) {
      release();
      throw e;
    }
    this.here.set(id, entry);
    this.lookForCancels();
    const s = entry.status;
    const policyOf = (p: SimulationPolicy) => s.policies.find((x) => x.policy === p)!;
    // the slot is held until the execution has settled, its workers told to end, whatever ended it
    const end = (fill: Partial<WhatIfRunStatus>) => {
      release();
      entry.ended = true;
      if (s.state === 'running') Object.assign(s, fill, { seconds: (performance.now() - entry.started) / 1000 });
      this.changed(entry);
    };
    void this.service
      .execute(actor, prepared, {
        signal: entry.abort.signal,
        onStage: (stage) => {
          if (s.state !== 'running') return;
          s.stage = stage;
          if (stage === 'posts') s.progress = BEFORE_SIMULATING.gathering;
          if (stage === 'simulating') s.progress = req.policies.includes('joint_optimised_posts') ? BEFORE_SIMULATING.posts : BEFORE_SIMULATING.gathering;
          this.changed(entry);
        },
        onPolicy: (policy, state, generated, expected) => {
          if (s.state !== 'running') return;
          Object.assign(policyOf(policy), { state, generated, expected });
          const base = req.policies.includes('joint_optimised_posts') ? BEFORE_SIMULATING.posts : BEFORE_SIMULATING.gathering;
          const shares = s.policies.map((x) => (x.state === 'done' ? 1 : x.expected > 0 ? Math.min(1, x.generated / x.expected) : 0));
          // never backwards: a worker's first estimate of what to expect may be revised upwards
          s.progress = Math.max(s.progress, Math.min(0.99, base + ((1 - base) * shares.reduce((a, b) => a + b, 0)) / shares.length));
          s.seconds = (performance.now() - entry.started) / 1000;
          this.changed(entry);
        },
        onRun: (run) => {
          if (s.state !== 'running') return;
          s.partial.push(run);
          this.changed(entry);
        },
      })
      .then(
        (result) => end({ state: 'done', stage: 'finished', progress: 1, result, partial: result.runs }),
        (e: unknown) => {
          if (e instanceof SimulationCancelled) end({ state: 'cancelled', stage: 'finished' });
          else end({ state: 'failed', stage: 'finished', error: errorOf(e, lang) });
        },
      );
    return copy(s);
  }

  /** The run as the table has it; another user's run is not found, as if it did not exist. */
  async get(actor: Actor, id: string, lang: Lang): Promise<WhatIfRunStatus> {
    return (await this.own(actor, id, lang)).status;
  }

  /**
   * Marks the cancel request and reports the run cancelled; the instance running it ends its
   * worker threads when it sees the mark (at once when that is this one). An ended run is
   * answered as it ended.
   */
  async cancel(actor: Actor, id: string, lang: Lang): Promise<WhatIfRunStatus> {
    const run = await this.own(actor, id, lang);
    if (run.status.state !== 'running') return run.status;
    const local = this.here.get(id);
    const seconds = local ? (performance.now() - local.started) / 1000 : run.status.seconds + Math.max(0, Date.now() - run.updatedAt) / 1000;
    const cancelled = cancelledAs(run.status, seconds);
    if (await this.store.requestCancel(cancelled)) {
      if (local) this.cancelHere(local);
      return cancelled;
    }
    // it ended (or its instance went silent) in the meantime
    return (await this.own(actor, id, lang)).status;
  }

  /** Ends this instance's runs: their workers stop and their pages read that the server stopped. */
  async close(): Promise<void> {
    if (this.looking) clearInterval(this.looking);
    this.looking = null;
    for (const e of this.here.values()) {
      if (e.status.state === 'running') {
        Object.assign(e.status, {
          state: 'failed',
          stage: 'finished',
          seconds: (performance.now() - e.started) / 1000,
          error: { code: 'internal', message: said('运行该仿真的服务实例已停止，请重新发起', 'the server instance running this what-if stopped; start it again').in(e.lang) },
        });
        for (const p of e.status.policies) if (p.state === 'waiting' || p.state === 'running') p.state = 'failed';
      }
      e.abort.abort();
      e.dirty = true;
    }
    // a write under way when close came may hold an older status: write again after it, a few rounds at most
    for (let round = 0; round < 3; round++) {
      const pending = [...this.here.values()].filter((e) => e.dirty || e.writing);
      if (pending.length === 0) break;
      for (const e of pending) if (!e.writing) this.flush(e);
      await Promise.all(pending.map((e) => e.writing));
    }
    this.closed = true;
    for (const e of this.here.values()) if (e.timer) clearTimeout(e.timer);
  }

  private async own(actor: Actor, id: string, lang: Lang): Promise<{ status: WhatIfRunStatus; updatedAt: number }> {
    const run = await this.store.read(id);
    if (!run || run.ownerId !== actor.userId) throw new HttpError(404, 'not_found', said('仿真任务不存在', 'what-if run not found'));
    if (run.status.state === 'running' && Date.now() - run.updatedAt > SILENT_FOR_MS) return { status: silentAs(run.status, lang), updatedAt: run.updatedAt };
    return { status: run.status, updatedAt: run.updatedAt };
  }

  private cancelHere(e: Entry): void {
    if (e.status.state === 'running') Object.assign(e.status, cancelledAs(e.status, (performance.now() - e.started) / 1000));
    e.abort.abort();
  }

  /** The status changed: written within WRITE_EVERY_MS, the end at once. */
  private changed(e: Entry): void {
    e.dirty = true;
    if (this.closed || e.timer || e.writing) return;
    const wait = e.ended ? 0 : Math.max(0, e.lastWrite + WRITE_EVERY_MS - Date.now());
    e.timer = setTimeout(() => {
      e.timer = null;
      this.flush(e);
    }, wait);
    e.timer.unref();
  }

  private flush(e: Entry): void {
    if (this.closed || e.writing) return;
    if (e.timer) clearTimeout(e.timer);
    e.timer = null;
    e.dirty = false;
    e.lastWrite = Date.now();
    const ended = e.ended;
    e.writing = this.store
      .write(copy(e.status))
      .then(
        (written) => {
          // refused: a DELETE on another instance marked it first (the look may not have come yet)
          if (!written) {
            this.cancelHere(e);
            if (ended) this.here.delete(e.status.id);
          } else if (ended && !e.dirty) this.here.delete(e.status.id);
        },
        (err: unknown) => {
          // the database away for a moment: the status is written again with the next change or look
          e.dirty = true;
          this.log(err, 'what-if run status not written');
        },
      )
      .finally(() => {
        e.writing = null;
        if (e.dirty && this.here.has(e.status.id)) this.changed(e);
      });
  }

  /** A few times a second while runs simulate here: a cancel asked elsewhere, a run to keep from reading silent. */
  private lookForCancels(): void {
    if (this.looking || this.closed) return;
    let busy = false;
    this.looking = setInterval(() => {
      if (busy) return;
      const running = [...this.here.values()].filter((e) => !e.ended);
      if (this.here.size === 0) {
        clearInterval(this.looking!);
        this.looking = null;
        return;
      }
      for (const e of this.here.values()) if (e.dirty || (!e.ended && Date.now() - e.lastWrite > ALIVE_EVERY_MS)) this.changed(e);
      busy = true;
      void this.store
        .cancelRequested(running.map((e) => e.status.id))
        .then((ids) => {
          for (const id of ids) {
            const e = this.here.get(id);
            if (e) this.cancelHere(e);
          }
        }, (err: unknown) => this.log(err, 'what-if cancel requests not read'))
        .finally(() => {
          busy = false;
        });
    }, LOOK_EVERY_MS);
    this.looking.unref();
  }
}

function copy(s: WhatIfRunStatus): WhatIfRunStatus {
  return { ...s, policies: s.policies.map((p) => ({ ...p })), partial: [...s.partial] };
}

/** What a cancel answers: the policies not yet done are cancelled, the ones done keep their figures. */
function cancelledAs(s: WhatIfRunStatus, seconds: number): WhatIfRunStatus {
  return {
    ...copy(s),
    state: 'cancelled',
    stage: 'finished',
    seconds,
    policies: s.policies.map((p) => ({ ...p, state: p.state === 'waiting' || p.state === 'running' ? 'cancelled' : p.state })),
  };
}

/** A run whose instance stopped writing while it ran: that instance died or lost the database. */
function silentAs(s: WhatIfRunStatus, lang: Lang): WhatIfRunStatus {
  return {
    ...copy(s),
    state: 'failed',
    stage: 'finished',
    policies: s.policies.map((p) => ({ ...p, state: p.state === 'waiting' || p.state === 'running' ? 'failed' : p.state })),
    error: {
      code: 'internal',
      message: said(`运行该仿真的服务实例已超过 ${SILENT_FOR_MS / 1000} 秒没有回应，仿真已中断，请重新发起`, `the server instance running this what-if has not answered for ${SILENT_FOR_MS / 1000} s; the run was lost, start it again`).in(lang),
    },
  };
}

/** A failed run's reason as the error shape says it, in the language the run was asked in. */
function errorOf(e: unknown, lang: Lang): WhatIfRunStatus['error'] {
  if (e instanceof HttpError) return { code: e.code, message: e.said.in(lang), ...(e.details ? { details: e.detailsIn(lang) } : {}) };
  return { code: 'internal', message: lang === 'en' ? 'the simulation failed' : '仿真失败' };
}
