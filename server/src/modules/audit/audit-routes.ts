import { z } from 'zod';
import { AuditEntry, AuditQuery, AuditVerifyResult } from '@railjoint/contracts';
import { defineRoute, type RouteSpec } from '../../platform/http/route.js';
import type { AuditService } from './service.js';

const CSV_COLUMNS = ['seq', 'at', 'username', 'agencyId', 'roles', 'client', 'kind', 'entity', 'entityId', 'action', 'result', 'detail', 'prevHash', 'hash'] as const;

function csvCell(v: unknown): string {
  const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(';') : JSON.stringify(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The SM3-chained audit trail, for auditors only: search, export, verify. */
export function auditRoutes(audit: AuditService): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      summary: 'Audit entries, newest first (auditors only): every write, every read of restricted or secret data, who, agency, role, from where, result; page with `before`',
      tag: 'audit',
      access: 'signed-in',
      reads: { action: 'audit.read' },
      query: AuditQuery,
      response: z.object({ entries: z.array(AuditEntry) }),
      handler: async ({ actor, query }) => audit.search(actor!, query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit/verify',
      summary: 'Checks the whole SM3 chain and names the first entry that does not hold (auditors only)',
      tag: 'audit',
      access: 'signed-in',
      reads: { action: 'audit.read' },
      response: AuditVerifyResult,
      handler: async ({ actor }) => audit.verify(actor!),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/audit/export',
      summary: 'The whole trail in chain order as NDJSON (default) or CSV, for archiving and outside checking (auditors only)',
      tag: 'audit',
      access: 'signed-in',
      reads: { action: 'audit.read' },
      query: z.object({ format: z.enum(['ndjson', 'csv']).default('ndjson') }),
      handler: async ({ actor, query, reply }) => {
        const lines: string[] = query.format === 'csv' ? [CSV_COLUMNS.join(',')] : [];
        for await (const e of audit.exportAll(actor!)) {
          lines.push(query.format === 'csv' ? CSV_COLUMNS.map((c) => csvCell(e[c])).join(',') : JSON.stringify(e));
        }
        const type = query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
        reply.header('content-type', type).header('content-disposition', `attachment; filename="railjoint-audit.${query.format}"`);
        return reply.send(`${query.format === 'csv' ? '\uFEFF' : ''}${lines.join('\n')}\n`);
      },
    }),
  ];
}
