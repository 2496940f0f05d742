import type { z } from 'zod';
import { CheckInRequest, FindingRequest, FinishPatrolRequest, StartPatrolRequest, SyncRequest, TrackRequest } from '@railjoint/contracts';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/clock.js';
import { HttpError, validationError, fieldError, fieldErrors } from '../../platform/http/errors.js';
import type { Replayable } from './idempotency.js';
import type { PatrolService } from './patrolling.js';
import type { CheckInService } from './check-ins.js';
import type { FindingService } from './findings.js';

type Item = z.infer<typeof SyncRequest>['items'][number];

/**
 * The offline queue's way home: many queued writes in one request, each judged exactly as its
 * own route would judge it — validated on its own, written in its own transaction, once-only by
 * its own id — and answered one by one, in order. A start and the check-ins of that patrol can
 * travel in the same batch: the patrol's id is the phone's, known before the server ever saw it.
 */
export class SyncService {
  constructor(
    private readonly patrols: PatrolService,
    private readonly checkIns: CheckInService,
    private readonly findings: FindingService,
  ) {}

  async sync(actor: Actor, items: readonly Item[], lang: 'zh-CN' | 'en') {
    const results = [];
    for (const [index, item] of items.entries()) {
      const id = typeof item.body.id === 'string' ? item.body.id : null;
      try {
        const done = await this.one(actor, item, index, lang);
        const result = done.status < 400 ? done.body : undefined;
        const error = done.status >= 400 ? (done.body as { error: { code: string; message: string; details?: unknown } }).error : undefined;
        results.push({ index, kind: item.kind, id, status: done.status, replayed: done.replayed, ...(result !== undefined ? { result } : {}), ...(error ? { error } : {}) });
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        results.push({ index, kind: item.kind, id, status: e.status, replayed: false, error: { code: e.code, message: e.said.in(lang), ...(e.details !== undefined ? { details: e.detailsIn(lang) } : {}) } });
      }
    }
    return { results, receivedAt: nowIso() };
  }

  private async one(actor: Actor, item: Item, index: number, lang: 'zh-CN' | 'en'): Promise<Replayable> {
    const at = `items[${index}]`;
    const parse = <S extends z.ZodType>(schema: S): z.infer<S> => {
      const r = schema.safeParse(item.body);
      if (!r.success) throw validationError(fieldErrors(r.error, `${at}.body`));
      return r.data;
    };
    if (item.kind === 'start') return this.patrols.start(actor, parse(StartPatrolRequest));
    if (!item.patrolId) throw validationError([fieldError(`${at}.patrolId`, '必填：该条目所属的巡逻', 'required: the patrol the item belongs to')]);
    switch (item.kind) {
      case 'track':
        return this.patrols.track(actor, item.patrolId, parse(TrackRequest));
      case 'check_in':
        return this.checkIns.checkIn(actor, item.patrolId, parse(CheckInRequest), lang);
      case 'finding':
        return this.findings.file(actor, item.patrolId, parse(FindingRequest));
      case 'finish':
        return this.patrols.finish(actor, item.patrolId, parse(FinishPatrolRequest));
    }
  }
}
