import { WhatIfResult, type WhatIfRequestInput } from '@railjoint/contracts';
import { request } from '../../api/client';

export function runWhatIf(body: WhatIfRequestInput, signal?: AbortSignal) {
  return request('POST', '/api/allocation/what-if', { body, schema: WhatIfResult, ...(signal ? { signal } : {}) });
}

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
