import { z } from 'zod';

export const AuditEntry = z.object({
  seq: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  agencyId: z.string().nullable(),
  roles: z.array(z.string()),
  client: z.string().nullable(),
  kind: z.enum(['write', 'read']),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  result: z.enum(['ok', 'denied']),
  detail: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(100).optional(),
  userId: z.string().max(100).optional(),
  agencyId: z.string().max(100).optional(),
  kind: z.enum(['write', 'read']).optional(),
  result: z.enum(['ok', 'denied']).optional(),
  /** ISO 8601 bounds on the entry time */
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  /** page backwards: entries with seq below this */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  /** the first entry that does not hold, when any: everything after it is suspect too */
  firstBad: z.object({ seq: z.number(), reason: z.string(), message: z.string() }).nullable(),
  headSeq: z.number().nullable(),
  headHash: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
