import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ChainVerifier, GENESIS_HASH, type AuditEntry } from './chain.js';
import { appendAudit, type AuditActor } from './trail.js';

/** MLPS 2.0 level 3 keeps audit records at least six months; the delete trigger holds the same line. */
export const MIN_RETENTION_DAYS = 180;

/** Where the chain in the table starts: after the latest archive, or at the genesis. */
export async function chainStart(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const a = await db.selectFrom('audit_archives').select(['to_seq', 'last_hash']).orderBy('to_seq', 'desc').limit(1).executeTakeFirst();
  return a ? { seq: Number(a.to_seq), hash: a.last_hash } : { seq: 0, hash: GENESIS_HASH };
}

export interface ArchiveResult {
  entries: number;
  file: string | null;
  fromSeq: number | null;
  toSeq: number | null;
  sha256: string | null;
}

function fromRow(r: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    userId: (r.user_id as string | null) ?? null,
    username: (r.username as string | null) ?? null,
    agencyId: (r.agency_id as string | null) ?? null,
    roles: String(r.roles),
    client: (r.client as string | null) ?? null,
    kind: r.kind as AuditEntry['kind'],
    entity: String(r.entity),
    entityId: String(r.entity_id),
    action: String(r.action),
    result: r.result as AuditEntry['result'],
    detail: String(r.detail),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/**
 * Moves the oldest stretch of the trail — every entry, from the start of the table, written before
 * `cutoff` — into a gzip of one JSON entry per line, then records the archive, adds an entry saying
 * so, and deletes the stretch, in one transaction. The stretch is verified first (a broken chain is
 * not archived: an auditor must see it where it is), the file is synced before anything is deleted,
 * and the chain left in the table continues from the archive's last hash.
 */
export async function archiveAudit(db: Kysely<Database>, opts: { dir: string; cutoff: string; by: AuditActor; onProgress?: (done: number) => void }): Promise<ArchiveResult> {
  const minCutoff = new Date(Date.now() - MIN_RETENTION_DAYS * 86_400_000).toISOString();
  if (opts.cutoff > minCutoff) throw new Error(`audit entries are kept at least ${MIN_RETENTION_DAYS} days: the cutoff must be before ${minCutoff}`);
  const start = await chainStart(db);
  const verifier = new ChainVerifier(start);
  fs.mkdirSync(opts.dir, { recursive: true });
  const tmp = path.join(opts.dir, `.audit-archive-${process.pid}.tmp`);
  const gzip = zlib.createGzip();
  const out = fs.createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  let first: number | null = null;
  let last: AuditEntry | null = null;
  try {
    outer: for (let after = start.seq; ; ) {
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
      if (!rows.length) break;
      for (const row of rows) {
        const e = fromRow(row as unknown as Record<string, unknown>);
        if (e.at >= opts.cutoff) break outer;
        if (!verifier.feed(e)) throw new Error(`the chain is broken at entry ${verifier.problem!.seq} (${verifier.problem!.message}); nothing archived`);
        first ??= e.seq;
        last = e;
        if (!gzip.write(`${JSON.stringify(e)}\n`)) await new Promise((r) => gzip.once('drain', r));
      }
      after = Number(rows[rows.length - 1]!.seq);
      opts.onProgress?.(verifier.checked);
    }
  } finally {
    gzip.end();
    await done;
  }
  if (first === null || last === null) {
    fs.rmSync(tmp, { force: true });
    return { entries: 0, file: null, fromSeq: null, toSeq: null, sha256: null };
  }
  const fd = fs.openSync(tmp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const name = `audit-${String(first).padStart(10, '0')}-${String(last.seq).padStart(10, '0')}.ndjson.gz`;
  const file = path.join(opts.dir, name);
  fs.renameSync(tmp, file);
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const archive = { from_seq: first, to_seq: last.seq, first_prev_hash: start.hash, last_hash: last.hash, entries: verifier.checked, cutoff: opts.cutoff, file: name, sha256, created_at: new Date().toISOString(), created_by: opts.by.username ?? 'unknown' };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(archive, null, 2)}\n`);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('audit_archives').values(archive).execute();
    await appendAudit(trx, opts.by, { kind: 'write', entity: 'audit_log', entityId: `${first}-${last!.seq}`, action: 'archive', detail: { file: name, sha256, entries: archive.entries, cutoff: opts.cutoff } });
    await trx.deleteFrom('audit_log').where('seq', '>=', first!).where('seq', '<=', last!.seq).execute();
  });
  return { entries: archive.entries, file, fromSeq: first, toSeq: last.seq, sha256 };
}

/**
 * Checks an archive file on its own: its SHA-256 against its sidecar, and its chain entry by entry
 * from the hash its sidecar says it starts at to the hash it says it ends with.
 */
export async function verifyArchive(file: string): Promise<{ ok: boolean; entries: number; message: string }> {
  const side = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { from_seq: number; to_seq: number; first_prev_hash: string; last_hash: string; sha256: string; entries: number };
  const bytes = fs.readFileSync(file);
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== side.sha256) return { ok: false, entries: 0, message: 'the file does not match the SHA-256 recorded when it was written' };
  const v = new ChainVerifier({ seq: side.from_seq - 1, hash: side.first_prev_hash });
  for (const line of zlib.gunzipSync(bytes).toString('utf8').split('\n')) {
    if (!line) continue;
    if (!v.feed(JSON.parse(line) as AuditEntry)) return { ok: false, entries: v.checked, message: `entry ${v.problem!.seq}: ${v.problem!.message}` };
  }
  if (v.head.seq !== Number(side.to_seq) || v.head.hash !== side.last_hash) return { ok: false, entries: v.checked, message: `the archive ends at ${v.head.seq}, its record says ${side.to_seq}` };
  return { ok: true, entries: v.checked, message: `entries ${side.from_seq}–${side.to_seq} intact` };
}
