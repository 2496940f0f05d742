import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/src/platform/db/database.js';
import { appendAudit } from '../server/src/platform/audit/trail.js';
import { ChainVerifier, GENESIS_HASH, canonical, type AuditEntry, type AuditFields } from '../server/src/platform/audit/chain.js';
import { AuditService } from '../server/src/modules/audit/service.js';
import { fmt, type BenchRow } from './report.js';

/**
 * The SM3 audit chain: appending on SQLite (each entry its own durable transaction, reading the
 * previous hash first) against raw inserts of the same rows; verifying a chain with SM3 against the
 * same walk with SHA-256 (the cost of the national hash); verifying from the database.
 */
export async function benchAudit(opts: { log: (line: string) => void; appends?: number; chain?: number }): Promise<{ rows: BenchRow[] }> {
  const log = opts.log;
  const nAppend = opts.appends ?? 3000;
  const nChain = opts.chain ?? 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'railjoint-bench-audit-'));
  const rows: BenchRow[] = [];
  try {
    const db = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'audit.db') });
    const actor = { userId: 'u1', username: 'lz.dispatcher1', agencyId: 'lz-centre', roles: ['dispatcher'] };
    log(`audit: ${nAppend} appends through the chain…`);
    let t = performance.now();
    for (let i = 0; i < nAppend; i++) {
      await db.kysely.transaction().execute((trx) => appendAudit(trx, actor, { kind: 'write', entity: 'incident', entityId: `i${i}`, action: 'received', detail: { from: null, to: 'received' } }));
    }
    const chainMs = performance.now() - t;
    // the same rows straight into a table of the same shape, no previous-hash lookup, no hashing
    await db.kysely.schema.createTable('audit_raw').as(db.kysely.selectFrom('audit_log').selectAll().where('seq', '<', 0)).execute();
    const copy = await db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    log('audit: the same rows as raw inserts…');
    t = performance.now();
    for (const r of copy) await db.kysely.transaction().execute((trx) => trx.insertInto('audit_raw' as 'audit_log').values(r).execute());
    const rawMs = performance.now() - t;
    rows.push({ name: `append on SQLite (${fmt(nAppend)} entries, each its own durable transaction)`, value: `${fmt(nAppend / (chainMs / 1000))}/s chained vs ${fmt(nAppend / (rawMs / 1000))}/s raw inserts: ${fmt(chainMs / rawMs, 2)}× the cost` });

    t = performance.now();
    const verified = await new AuditService(db.kysely).verify(null);
    const dbMs = performance.now() - t;
    rows.push({ name: 'verify from the database (railjoint audit verify)', value: `${fmt(verified.checked / (dbMs / 1000))} entries/s (${verified.ok ? 'intact' : 'BROKEN'})` });
    await db.close();

    log(`audit: ${fmt(nChain)}-entry chain in memory, SM3 against SHA-256…`);
    const build = (hash: (text: string) => string): AuditEntry[] => {
      const out: AuditEntry[] = [];
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= nChain; seq++) {
        const f: AuditFields = { seq, at: '2026-12-01T07:20:00.000Z', userId: 'u1', username: 'lz.dispatcher1', agencyId: 'lz-centre', roles: 'dispatcher', client: '10.0.0.8 Mozilla/5.0', kind: 'write', entity: 'incident', entityId: crypto.randomUUID(), action: 'received', result: 'ok', detail: '{"from":null,"to":"received"}', prevHash: prev };
        prev = hash(canonical(f));
        out.push({ ...f, hash: prev });
      }
      return out;
    };
    const sm3 = build((x) => crypto.createHash('sm3').update(x).digest('hex'));
    t = performance.now();
    const v = new ChainVerifier();
    for (const e of sm3) v.feed(e);
    const sm3Ms = performance.now() - t;
    const sha = (x: string) => crypto.createHash('sha256').update(x).digest('hex');
    const shaChain = build(sha);
    t = performance.now();
    let prev = GENESIS_HASH;
    for (const e of shaChain) {
      const { hash, ...f } = e;
      if (f.prevHash !== prev || sha(canonical(f)) !== hash) throw new Error('sha chain broken');
      prev = hash;
    }
    const shaMs = performance.now() - t;
    rows.push({ name: `verify ${fmt(nChain)} entries in memory, SM3`, value: `${fmt(nChain / (sm3Ms / 1000))} entries/s (${v.problem ? 'BROKEN' : 'intact'})` });
    rows.push({ name: 'the same walk with SHA-256 (baseline)', value: `${fmt(nChain / (shaMs / 1000))} entries/s: SM3 costs ${fmt(sm3Ms / shaMs, 2)}× SHA-256` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}
