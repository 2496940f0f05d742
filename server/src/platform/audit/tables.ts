import type { Generated } from 'kysely';

/** Archives of the audit trail: entries older than the retention period, moved to files. */
export interface AuditArchiveTables {
  audit_archives: AuditArchivesTable;
}

/**
 * One archived stretch of the chain, `from_seq`–`to_seq`: the file it went to and that file's
 * SHA-256, and the hash of its last entry, from which the chain left in the database continues.
 * Append-only, like the trail itself.
 */
export interface AuditArchivesTable {
  id: Generated<number>;
  from_seq: number;
  to_seq: number;
  first_prev_hash: string;
  last_hash: string;
  entries: number;
  /** entries older than this were archived */
  cutoff: string;
  file: string;
  sha256: string;
  created_at: string;
  created_by: string;
}
