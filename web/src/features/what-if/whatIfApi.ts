import { WhatIfResult, WhatIfRunStatus, WhatIfSetup, type WhatIfRequestInput } from '@railjoint/contracts';
import { request } from '../../api/client';
import { ApiError } from '../../api/errors';

export function whatIfSetup(signal?: AbortSignal) {
  return request('GET', '/api/allocation/what-if/setup', { schema: WhatIfSetup, ...(signal ? { signal } : {}) });
}

/** Starts a run in the background once the server has checked it; a refusal comes back here. */
export function startWhatIf(body: WhatIfRequestInput) {
  return request('POST', '/api/allocation/what-if/runs', { body, schema: WhatIfRunStatus });
}

export function whatIfRun(id: string, signal?: AbortSignal) {
  return request('GET', `/api/allocation/what-if/runs/${encodeURIComponent(id)}`, { schema: WhatIfRunStatus, ...(signal ? { signal } : {}) });
}

/** Ends the run's worker threads on the server. */
export function cancelWhatIf(id: string) {
  return request('DELETE', `/api/allocation/what-if/runs/${encodeURIComponent(id)}`, { schema: WhatIfRunStatus });
}

/** A failed run's reason as the error the console words like any refusal (in the language it was asked in). */
export const runError = (status: WhatIfRunStatus) => new ApiError(status.error?.code === 'validation_failed' ? 400 : 500, status.error?.code ?? 'internal', status.error?.message ?? '', status.error?.details, document.documentElement.lang === 'en' ? 'en' : 'zh-CN');


export interface SavedRun {
  /** 1, 2, … in the order they were run on this page */
  n: number;
  at: string;
  result: WhatIfResult;
}

/** Earlier runs stay for this browser tab, so one made before a change can be compared with one after. */
const KEY = 'railjoint.whatIfRuns';
const KEEP = 12;

export function loadRuns(): SavedRun[] {
  try {
    const list = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as unknown[];
    return list.flatMap((x) => {
      const r = x as SavedRun;
      const parsed = WhatIfResult.safeParse(r?.result);
      return parsed.success && typeof r.n === 'number' && typeof r.at === 'string' ? [{ n: r.n, at: r.at, result: parsed.data }] : [];
    });
  } catch {
    return [];
  }
}

export function saveRuns(runs: readonly SavedRun[]): SavedRun[] {
  const kept = runs.slice(-KEEP);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // a full storage only costs the list after a reload
  }
  return kept;
}
