import { sql } from 'kysely';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { openKeyring, readKeyring, retireKeys, rotateKeyring } from '../platform/crypto/keyring.js';
import { PersonalData } from '../platform/crypto/personal-data.js';
import { reseal } from '../platform/crypto/reseal.js';
import { PERSONAL_COLUMNS } from '../personal-data.js';
import { parse, UsageError, type Io } from './args.js';

const USAGE = 'railjoint keys status|rotate|reseal [--retire]';

/**
 * The keys personal data is sealed with (RAILJOINT_DATA_KEY_FILE): `status` counts the sealed
 * values under each key, `rotate` adds a new key that seals from now on (restart the instances so
 * they read it), `reseal` seals every value again under the current key, and with `--retire`
 * then drops the keys nothing is sealed with any more.
 */
export async function keysCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'status' && sub !== 'rotate' && sub !== 'reseal') throw new UsageError(`usage: ${USAGE}`);
  const { values } = parse(rest, { retire: { type: 'boolean' } }, { min: 0, max: 0, usage: USAGE });
  const config = loadConfig(io.env, { demo: false });
  if (sub === 'rotate') {
    const ring = rotateKeyring(config.dataKeyFile);
    io.out(`new key ${ring.current} seals from now on (${Object.keys(ring.keys).length} keys in ${config.dataKeyFile}); restart the instances, then run "railjoint keys reseal"`);
    return 0;
  }
  const ring = sub === 'status' ? readKeyring(config.dataKeyFile) : openKeyring(config.dataKeyFile).ring;
  const pd = new PersonalData(ring);
  const db = await openDatabase(config.database);
  try {
    if (sub === 'reseal') {
      const written = await reseal(db.kysely, pd, PERSONAL_COLUMNS, { all: true, onProgress: (column, done) => io.err(`${column}: ${done} sealed again`) });
      for (const [column, n] of Object.entries(written)) io.out(`${column}: ${n} values sealed under ${pd.currentKey}`);
    }
    const counts = await countByKey(db.kysely as never);
    for (const [column, byKey] of Object.entries(counts)) io.out(`${column}: ${Object.entries(byKey).map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing stored'}`);
    if (sub === 'reseal' && values.retire) {
      const inUse = new Set(Object.values(counts).flatMap((byKey) => Object.keys(byKey)));
      const kept = retireKeys(config.dataKeyFile, [...inUse]);
      io.out(`keys kept: ${Object.keys(kept.keys).join(', ')}`);
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** How many sealed values each key holds, per personal-data column. */
export async function countByKey(db: import('kysely').Kysely<Record<string, Record<string, string | null>>>): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of PERSONAL_COLUMNS) {
    const rows = await db.selectFrom(c.table).select(sql.ref<string | null>(c.column).as('v')).where(sql.ref(c.column), 'is not', null).execute();
    const byKey: Record<string, number> = {};
    for (const r of rows) {
      const key = PersonalData.keyOf(r.v!) ?? 'plain';
      byKey[key] = (byKey[key] ?? 0) + 1;
    }
    out[`${c.table}.${c.column}`] = byKey;
  }
  return out;
}
