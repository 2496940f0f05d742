import { z } from 'zod';
import { AuditEntry, AuditVerifyResult } from '@railjoint/contracts';
import { request } from '../../api/client';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  kind?: 'write' | 'read' | '';
  result?: 'ok' | 'denied' | '';
  before?: number;
}

export const auditApi = {
  search: (f: AuditFilter, signal?: AbortSignal) => request('GET', '/api/audit', { query: { ...f, limit: 100 }, schema: z.object({ entries: z.array(AuditEntry) }), signal }),
  verify: () => request('GET', '/api/audit/verify', { schema: AuditVerifyResult }),
  /** the session cookie authenticates a plain download link */
  exportUrl: (format: 'ndjson' | 'csv') => `/api/audit/export?format=${format}`,
};
