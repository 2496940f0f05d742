import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { differences, MANIFEST, readManifest, restoreBackup, takeBackup } from '../platform/db/backup.js';
import { readKeyring, KeyringError } from '../platform/crypto/keyring.js';
import { AuditService } from '../modules/audit/service.js';
import { parse, UsageError, type Io } from './args.js';
import { countByKey } from './keys.js';
import { Progress } from './progress.js';

const BACKUP_USAGE = 'railjoint backup DIR';
const RESTORE_USAGE = 'railjoint restore DIR [--force]';

/**
 * `railjoint backup DIR`: an online backup of the database DATABASE_URL names (SQLite's backup API,
 * or pg_dump from a snapshot) with a manifest of its rows, the head of its audit chain and the data
 * keys its personal data needs. The key file is not in it, on purpose: keep it apart.
 */
export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { positionals } = parse(argv, {}, { min: 1, max: 1, usage: BACKUP_USAGE });
  const dir = path.resolve(positionals[0]!);
  const config = loadConfig(io.env, { demo: false });
  let bar: Progress | null = null;
  const taken = await takeBackup(config.database, dir, (done, total) => (bar ??= new Progress('backup pages', total)).update(done));
  (bar as Progress | null)?.done();
  const db = await openDatabase(config.database, { migrate: false });
  let keysInUse: string[];
  try {
    keysInUse = [...new Set(Object.values(await countByKey(db.kysely as never)).flatMap((byKey) => Object.keys(byKey)).filter((k) => k !== 'plain'))].sort();
  } finally {
    await db.close();
  }
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify({ ...taken, keysInUse }, null, 2)}\n`);
  const rows = Object.values(taken.tables).reduce((a, b) => a + b, 0);
  io.out(`backup of ${config.database.engine} in ${dir}: ${Object.keys(taken.tables).length} tables, ${rows} rows, ${taken.bytes} bytes; audit chain head ${taken.audit.headSeq ?? '-'} ${taken.audit.headHash ?? ''}`.trim());
  if (keysInUse.length) io.out(`personal data is sealed under ${keysInUse.join(', ')}: keep a copy of ${config.dataKeyFile} apart from this backup, or it cannot be read after a restore`);
  return 0;
}

/**
 * `railjoint restore DIR`: puts a backup into the (empty) database DATABASE_URL names, then proves
 * the copy is the one taken: every table has the manifest's rows, the SM3 audit chain verifies from
 * its first entry and ends at the manifest's head, and the data keys its personal data needs are at
 * hand. Exit 1 with the reason when any of that fails.
 */
export async function restoreCommand(argv: string[], io: Io): Promise<number> {
  const { positionals, values } = parse(argv, { force: { type: 'boolean' } }, { min: 1, max: 1, usage: RESTORE_USAGE });
  const dir = path.resolve(positionals[0]!);
  const config = loadConfig(io.env, { demo: false });
  let manifest;
  try {
    manifest = readManifest(dir);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const facts = await restoreBackup(dir, config.database, values.force === true);
  const diffs = differences(manifest, facts);
  if (diffs.length) {
    for (const d of diffs) io.out(`DIFFERS ${d}`);
    return 1;
  }
  // opened with migrations: a backup from an older version is brought up to this one
  const db = await openDatabase(config.database);
  try {
    let bar: Progress | null = null;
    const result = await new AuditService(db.kysely).verify(null, (done, total) => (bar ??= new Progress('audit entries', total)).update(done));
    (bar as Progress | null)?.done();
    if (!result.ok) {
      io.out(`BAD audit entry ${result.firstBad!.seq}: ${result.firstBad!.message}`);
      return 1;
    }
    if (result.headSeq !== manifest.audit.headSeq || result.headHash !== manifest.audit.headHash) {
      io.out(`BAD the verified chain ends at ${result.headSeq}, the backup's at ${manifest.audit.headSeq}`);
      return 1;
    }
    io.out(`restored ${Object.keys(facts.tables).length} tables as they were backed up at ${manifest.createdAt}; SM3 audit chain intact, ${result.checked} entries, head ${result.headSeq ?? '-'} as in the backup`);
  } finally {
    await db.close();
  }
  if (manifest.keysInUse.length) {
    let held: string[] = [];
    try {
      held = Object.keys(readKeyring(config.dataKeyFile).keys);
    } catch (e) {
      if (!(e instanceof KeyringError)) throw e;
    }
    const missing = manifest.keysInUse.filter((k) => !held.includes(k));
    if (missing.length) {
      io.out(`MISSING data keys ${missing.join(', ')} in ${config.dataKeyFile}: personal data sealed under them cannot be read until that key file is restored`);
      return 1;
    }
  }
  return 0;
}
