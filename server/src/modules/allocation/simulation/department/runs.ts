import { randomUUID } from 'node:crypto';
import type { SimulationPolicy, WhatIfRequest, WhatIfRunStatus } from '@railjoint/contracts';
import type { Actor } from '../../../../platform/auth/actor.js';
import { HttpError, said, type Lang } from '../../../../platform/http/errors.js';
import { nowIso } from '../../../../platform/clock.js';
import { SimulationCancelled } from '../simulate.js';
import type { PolicyState, WhatIfService } from './service.js';

/** What-ifs simulating at once on this instance: each holds up to three cores until it is done. */
export const RUNNING_AT_MOST = 2;
/** An ended run is kept this long for its page to read, then forgotten. */
const KEEP_MS = 15 * 60_000;
/** Runs kept per instance, ended ones first to go. */
const KEEP_AT_MOST = 200;
/**
 * The share of the progress bar the steps before the simulation take: gathering is done before the
 * run is answered, the post plan is a fraction of a second to a few seconds; the rest is incidents.
 */
const BEFORE_SIMULATING = { gathering: 0.05, posts: 0.15 } as const;

interface Entry {
  status: WhatIfRunStatus;
  ownerId: string;
  abort: AbortController;
  started: number;
  endedAt: number | null;
}

/**
 * What-if runs followed by id: started in the background after every check has passed, read for
 * their progress and the figures of the policies already done, cancelled by ending their worker
 * threads. The synchronous route takes its slot from the same count, so at most RUNNING_AT_MOST
 * what-ifs simulate at once whichever way they were asked. Runs live in this instance's memory
 * only: a what-if takes seconds to minutes and is asked again after a restart.
 */
export class WhatIfRuns {
  private readonly runs = new Map<string, Entry>();
  private busy = 0;

  constructor(private readonly service: WhatIfService) {}

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
    try {
      prepared = await this.service.prepare(actor, req, lang);
    } catch (e) {
      release();
      throw e;
    }
    this.forgetOld();
    const id = randomUUID();
    const policies = req.policies.map((policy) => ({ policy, state: 'waiting' as PolicyState, generated: 0, expected: 0 }));
    const entry: Entry = {
      ownerId: actor.userId,
      abort: new AbortController(),
      started: performance.now(),
      endedAt: null,
      status: { id, state: 'running', stage: 'gathering', progress: BEFORE_SIMULATING.gathering, policies, partial: [], startedAt: nowIso(), seconds: 0 },
    };
    this.runs.set(id, entry);
    const s = entry.status;
    const policyOf = (p: SimulationPolicy) => s.policies.find((x) => x.policy === p)!;
    // the slot is held until the execution has settled, its workers told to end, whatever ended it
    const end = (fill: Partial<WhatIfRunStatus>) => {
      release();
      if (s.state !== 'running') return;
      Object.assign(s, fill, { seconds: (performance.now() - entry.started) / 1000 });
      entry.endedAt = Date.now();
    };
    void this.service
      .execute(actor, prepared, {
        signal: entry.abort.signal,
        onStage: (stage) => {
          s.stage = stage;
          if (stage === 'posts') s.progress = BEFORE_SIMULATING.gathering;
          if (stage === 'simulating') s.progress = req.policies.includes('joint_optimised_posts') ? BEFORE_SIMULATING.posts : BEFORE_SIMULATING.gathering;
        },
        onPolicy: (policy, state, generated, expected) => {
          if (s.state !== 'running') return;
          Object.assign(policyOf(policy), { state, generated, expected });
          const base = req.policies.includes('joint_optimised_posts') ? BEFORE_SIMULATING.posts : BEFORE_SIMULATING.gathering;
          const shares = s.policies.map((x) => (x.state === 'done' ? 1 : x.expected > 0 ? Math.min(1, x.generated / x.expected) : 0));
          // never backwards: a worker's first estimate of what to expect may be revised upwards
          s.progress = Math.max(s.progress, Math.min(0.99, base + ((1 - base) * shares.reduce((a, b) => a + b, 0)) / shares.length));
          s.seconds = (performance.now() - entry.started) / 1000;
        },
        onRun: (run) => {
          if (s.state === 'running') s.partial.push(run);
        },
      })
      .then(
        (result) => end({ state: 'done', stage: 'finished', progress: 1, result, partial: result.runs }),
        (e: unknown) => {
          if (e instanceof SimulationCancelled) end({ state: 'cancelled', stage: 'finished' });
          else end({ state: 'failed', stage: 'finished', error: errorOf(e, lang) });
        },
      );
    return this.copy(s);
  }

  /** The run as it stands; another user's run is not found, as if it did not exist. */
  get(actor: Actor, id: string): WhatIfRunStatus {
    return this.copy(this.entry(actor, id).status);
  }

  /** Ends the run's worker threads and reports it cancelled; an ended run is answered as it ended. */
  cancel(actor: Actor, id: string): WhatIfRunStatus {
    const entry = this.entry(actor, id);
    const s = entry.status;
    if (s.state === 'running') {
      // reported cancelled at once: the workers are terminated as the signal reaches them
      Object.assign(s, { state: 'cancelled', stage: 'finished', seconds: (performance.now() - entry.started) / 1000 });
      for (const p of s.policies) if (p.state === 'waiting' || p.state === 'running') p.state = 'cancelled';
      entry.endedAt = Date.now();
      entry.abort.abort();
    }
    return this.copy(s);
  }

  private entry(actor: Actor, id: string): Entry {
    const entry = this.runs.get(id);
    if (!entry || entry.ownerId !== actor.userId) throw new HttpError(404, 'not_found', said('仿真任务不存在', 'what-if run not found'));
    return entry;
  }

  private forgetOld(): void {
    const t = Date.now();
    for (const [id, e] of this.runs) if (e.endedAt !== null && t - e.endedAt > KEEP_MS) this.runs.delete(id);
    const ended = [...this.runs].filter(([, e]) => e.endedAt !== null).sort((a, b) => a[1].endedAt! - b[1].endedAt!);
    while (this.runs.size >= KEEP_AT_MOST && ended.length) this.runs.delete(ended.shift()![0]);
  }

  private copy(s: WhatIfRunStatus): WhatIfRunStatus {
    return { ...s, policies: s.policies.map((p) => ({ ...p })), partial: [...s.partial] };
  }
}

/** A failed run's reason as the error shape says it, in the language the run was asked in. */
function errorOf(e: unknown, lang: Lang): WhatIfRunStatus['error'] {
  if (e instanceof HttpError) return { code: e.code, message: e.said.in(lang), ...(e.details ? { details: e.detailsIn(lang) } : {}) };
  return { code: 'internal', message: lang === 'en' ? 'the simulation failed' : '仿真失败' };
}
