import path from 'node:path';
import { parse, UsageError, type Io } from './args.js';
import { cliActor, openCliDatabase } from './context.js';
import { Progress } from './progress.js';
import { AuditService } from '../modules/audit/service.js';
import { loadConfig } from '../platform/config.js';
import { archiveAudit, MIN_RETENTION_DAYS, verifyArchive } from '../platform/audit/archive.js';

const USAGE = 'railjoint audit verify [--archive FILE] | railjoint audit archive DIR [--before TIME]';

/**
 * `railjoint audit verify`: walks the SM3 chain (from the latest archive's end, or the first entry);
 * exit 1 at the first bad one. `--archive FILE` checks an archive file on its own.
 * `railjoint audit archive DIR`: moves entries older than the retention period
 * (RAILJOINT_AUDIT_RETENTION_DAYS, at least 180) into a file in DIR, verified first.
 */
export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verify(rest, io);
  if (sub === 'archive') return archive(rest, io);
  throw new UsageError(`usage: ${USAGE}`);
}

async function verify(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { archive: { type: 'string' } }, { min: 0, max: 0, usage: USAGE });
  if (typeof values.archive === 'string') {
    const r = await verifyArchive(path.resolve(values.archive));
    io.out(`${r.ok ? 'OK' : 'BAD'} archive ${path.basename(values.archive)}: ${r.message} (${r.entries} entries checked)`);
    return r.ok ? 0 : 1;
  }
  const db = await openCliDatabase(io.env);
  try {
    let bar: Progress | null = null;
    // the machine that holds the database checks it directly: no sign-in, nothing recorded
    const result = await new AuditService(db.kysely).verify(null, (done, total) => (bar ??= new Progress('audit entries', total)).update(done));
    (bar as Progress | null)?.done();
    if (result.ok) {
      io.out(`OK ${result.checked} entries, SM3 chain intact; head ${result.headSeq ?? '-'} ${result.headHash ?? ''}`.trim());
      return 0;
    }
    const bad = result.firstBad!;
    io.out(`BAD entry ${bad.seq}: ${bad.reason}: ${bad.message} (${result.checked} entries before it hold)`);
    return 1;
  } finally {
    await db.close();
  }
}

async function archive(argv: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(argv, { before: { type: 'string' } }, { min: 1, max: 1, usage: USAGE });
  const config = loadConfig(io.env, { demo: false });
  const retentionCutoff = new Date(Date.now() - config.auditRetentionDays * 86_400_000).toISOString();
  let cutoff = retentionCutoff;
  if (typeof values.before === 'string') {
    const t = Date.parse(values.before);
    if (!Number.isFinite(t)) throw new UsageError(`--before ${values.before} is not a time (ISO 8601)`);
    if (new Date(t).toISOString() > retentionCutoff) throw new UsageError(`entries are kept ${config.auditRetentionDays} days (at least ${MIN_RETENTION_DAYS}): --before must be ${retentionCutoff} or earlier`);
    cutoff = new Date(t).toISOString();
  }
  const db = await openCliDatabase(io.env);
  try {
    const r = await archiveAudit(db.kysely, { dir: path.resolve(positionals[0]!), cutoff, by: cliActor(), onProgress: (n) => io.err(`audit archive: ${n} entries checked`) });
    if (!r.entries) {
      io.out(`nothing to archive: no entry before ${cutoff}`);
      return 0;
    }
    io.out(`archived entries ${r.fromSeq}–${r.toSeq} (${r.entries}) written before ${cutoff} to ${r.file} (SHA-256 ${r.sha256}); keep it with the other archives`);
    return 0;
  } finally {
    await db.close();
  }
}
