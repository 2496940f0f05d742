import type { AuditEntry, AuditQuery, AuditVerifyResult } from '@railjoint/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/policies.js';
import { auditRead } from '../../platform/audit/trail.js';
import { ChainVerifier } from '../../platform/audit/chain.js';
import { chainStart } from '../../platform/audit/archive.js';
import { AuditStore, toChainEntry, type AuditRow } from './store.js';

const PAGE = 2000;

export function presentAuditEntry(r: AuditRow): AuditEntry {
  let detail: unknown = r.detail;
  try {
    detail = JSON.parse(r.detail);
  } catch {
    // kept as text: the chain hashes the text, so it is shown as it is
  }
  return { ...toChainEntry(r), roles: r.roles ? r.roles.split(',') : [], kind: r.kind as AuditEntry['kind'], result: r.result as AuditEntry['result'], detail };
}

/**
 * The auditors' view of the trail: search, export and verification of the SM3 chain. Looking at
 * the trail is itself recorded, so nobody reads it unseen.
 */
export class AuditService {
  readonly store: AuditStore;

  constructor(private readonly db: Kysely<Database>) {
    this.store = new AuditStore(db);
  }

  async search(actor: Actor, q: AuditQuery): Promise<{ entries: AuditEntry[] }> {
    authorize(actor, 'audit.read');
    const rows = await this.store.search(q);
    await auditRead(this.db, actor, { entity: 'audit_log', entityId: '*', action: 'search', detail: { ...q } });
    return { entries: rows.map(presentAuditEntry) };
  }

  /** Every entry in chain order, for export; the caller streams them out. */
  async *exportAll(actor: Actor): AsyncGenerator<AuditEntry> {
    authorize(actor, 'audit.read');
    await auditRead(this.db, actor, { entity: 'audit_log', entityId: '*', action: 'export' });
    for (let after = 0; ; ) {
      const rows = await this.store.page(after, PAGE);
      if (!rows.length) return;
      for (const r of rows) yield presentAuditEntry(r);
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  async verify(actor: Actor | null, onProgress?: (done: number, total: number) => void): Promise<AuditVerifyResult> {
    if (actor) authorize(actor, 'audit.read');
    const total = await this.store.count();
    // entries older than the retention period live in archives: the table's chain continues from the latest
    const start = await chainStart(this.db);
    const v = new ChainVerifier(start);
    let head: AuditRow | null = null;
    outer: for (let after = start.seq; ; ) {
      const rows = await this.store.page(after, PAGE);
      if (!rows.length) break;
      for (const r of rows) {
        if (!v.feed(toChainEntry(r))) break outer;
        head = r;
      }
      after = Number(rows[rows.length - 1]!.seq);
      onProgress?.(v.checked, total);
    }
    onProgress?.(v.checked, total);
    if (actor) await auditRead(this.db, actor, { entity: 'audit_log', entityId: '*', action: 'verify', detail: { ok: !v.problem, checked: v.checked } });
    return { ok: v.problem === null, checked: v.checked, firstBad: v.problem, headSeq: head ? Number(head.seq) : null, headHash: head?.hash ?? null };
  }
}
