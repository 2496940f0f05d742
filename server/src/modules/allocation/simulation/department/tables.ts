/** Background what-if runs (migration 043). */
export interface WhatIfRunTables {
  what_if_runs: WhatIfRunsTable;
}

export interface WhatIfRunsTable {
  id: string;
  owner_id: string;
  /** the status's own state, a column so the running and the ended are found without reading the JSON */
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** JSON: the WhatIfRunStatus as last written by the instance running it (or by a cancel) */
  status: string;
  /** set by a DELETE on any instance; the running instance ends the workers when it sees it */
  cancel_requested_at: string | null;
  /** the instance that runs it (instanceName() of that process) */
  instance: string;
  /** machine time, not the platform clock: instances compare them, and a clock started elsewhere differs per process */
  created_at: string;
  /** the last write by the running instance (at least every few seconds while it runs), or the end */
  updated_at: string;
}
