import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';

const run = promisify(execFile);

/**
 * What a backup holds, written beside it: enough to tell, after a restore, that the restored
 * copy is the one that was taken — the same rows in every table and the same head of the audit
 * chain — and which data keys its personal data needs (the key file is kept apart from backups).
 */
export interface BackupManifest {
  format: 1;
  engine: 'sqlite' | 'postgres';
  createdAt: string;
  /** the data file inside the backup folder */
  file: string;
  sha256: string;
  bytes: number;
  tables: Record<string, number>;
  audit: { entries: number; headSeq: number | null; headHash: string | null };
  /** filled by the caller: the keys personal data is sealed with */
  keysInUse: string[];
}

export const MANIFEST = 'manifest.json';

/** The facts a manifest compares, read from one consistent view of a database. */
export interface Facts {
  tables: Record<string, number>;
  audit: BackupManifest['audit'];
}

type Query = (text: string) => Promise<Array<Record<string, unknown>>>;

async function factsOf(query: Query, tables: string[]): Promise<Facts> {
  const counts: Record<string, number> = {};
  for (const t of [...tables].sort()) counts[t] = Number((await query(`select count(*) as n from "${t}"`))[0]!.n);
  const head = tables.includes('audit_log') ? (await query('select seq, hash from audit_log order by seq desc limit 1'))[0] : undefined;
  return { tables: counts, audit: { entries: counts.audit_log ?? 0, headSeq: head ? Number(head.seq) : null, headHash: head ? String(head.hash) : null } };
}

function sqliteTables(db: SQLite.Database): string[] {
  return (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
}

export function sqliteFacts(file: string): Facts & { empty: boolean } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = sqliteTables(db);
    const counts: Record<string, number> = {};
    for (const t of [...tables].sort()) counts[t] = Number((db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n);
    const head = tables.includes('audit_log') ? (db.prepare('select seq, hash from audit_log order by seq desc limit 1').get() as { seq: number; hash: string } | undefined) : undefined;
    return { tables: counts, audit: { entries: counts.audit_log ?? 0, headSeq: head ? Number(head.seq) : null, headHash: head?.hash ?? null }, empty: tables.length === 0 };
  } finally {
    db.close();
  }
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * An online backup: SQLite's backup API copies a consistent image page by page while the server
 * keeps writing; PostgreSQL's pg_dump works from a snapshot exported by a repeatable-read
 * transaction in which the manifest's counts are read too, so both describe the same instant.
 */
export async function takeBackup(config: DatabaseConfig, dir: string, onProgress?: (done: number, total: number) => void): Promise<Omit<BackupManifest, 'keysInUse'>> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, MANIFEST))) throw new Error(`${dir} already holds a backup`);
  const createdAt = new Date().toISOString();
  if (config.engine === 'sqlite') {
    const file = 'database.sqlite';
    const source = new SQLite(config.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.join(dir, file), {
        progress: ({ totalPages, remainingPages }) => {
          onProgress?.(totalPages - remainingPages, totalPages);
          return 200;
        },
      });
    } finally {
      source.close();
    }
    const { empty: _empty, ...facts } = sqliteFacts(path.join(dir, file));
    return { format: 1, engine: 'sqlite', createdAt, file, sha256: await sha256(path.join(dir, file)), bytes: fs.statSync(path.join(dir, file)).size, ...facts };
  }
  const file = 'database.pgdump';
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    const tables = (await client.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public'")).rows.map((r) => r.t);
    const facts = await factsOf(async (q) => (await client.query(q)).rows, tables);
    await run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${path.join(dir, file)}`, config.url], { maxBuffer: 16 * 1024 * 1024 });
    await client.query('commit');
    onProgress?.(1, 1);
    return { format: 1, engine: 'postgres', createdAt, file, sha256: await sha256(path.join(dir, file)), bytes: fs.statSync(path.join(dir, file)).size, ...facts };
  } finally {
    await client.end();
  }
}

export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} holds no backup (no ${MANIFEST})`);
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== 1 || (m.engine !== 'sqlite' && m.engine !== 'postgres')) throw new Error(`${file} is not a RailJoint backup manifest`);
  return m;
}

async function pgTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public'")).rows.map((r) => r.t);
  } finally {
    await client.end();
  }
}

/**
 * Puts a backup into an empty database (or, with `force`, over one): the data file is checked
 * against the manifest's SHA-256 first, so a damaged or altered backup is refused before anything
 * is written. Returns the restored copy's facts for the caller to compare and verify.
 */
export async function restoreBackup(dir: string, target: DatabaseConfig, force: boolean): Promise<Facts> {
  const m = readManifest(dir);
  if (m.engine !== target.engine) throw new Error(`the backup is of a ${m.engine} database; DATABASE_URL names a ${target.engine} one`);
  const data = path.join(dir, m.file);
  if ((await sha256(data)) !== m.sha256) throw new Error(`${data} does not match the SHA-256 in the manifest: the backup is damaged or was altered`);
  if (target.engine === 'sqlite') {
    if (fs.existsSync(target.file) && !sqliteFacts(target.file).empty && !force) throw new Error(`${target.file} already holds data; restore into an empty database, or add --force to replace it`);
    for (const f of [target.file, `${target.file}-wal`, `${target.file}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true });
    fs.copyFileSync(data, target.file);
    const { empty: _empty, ...facts } = sqliteFacts(target.file);
    return facts;
  }
  const existing = await pgTables(target.url);
  if (existing.length && !force) throw new Error(`the target database already holds ${existing.length} tables; restore into an empty database, or add --force to replace it`);
  if (existing.length) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query('drop schema public cascade');
      await client.query('create schema public');
    } finally {
      await client.end();
    }
  }
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.url}`, data], { maxBuffer: 16 * 1024 * 1024 });
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return await factsOf(async (q) => (await client.query(q)).rows, await pgTables(target.url));
  } finally {
    await client.end();
  }
}

/** Where a restored copy differs from what the manifest says was taken. */
export function differences(m: BackupManifest, facts: Facts): string[] {
  const out: string[] = [];
  for (const [t, n] of Object.entries(m.tables)) if (facts.tables[t] !== n) out.push(`${t}: ${facts.tables[t] ?? 'missing'} rows, the backup had ${n}`);
  if (facts.audit.headSeq !== m.audit.headSeq || facts.audit.headHash !== m.audit.headHash) out.push(`audit chain head ${facts.audit.headSeq}:${facts.audit.headHash?.slice(0, 12)} differs from the backup's ${m.audit.headSeq}:${m.audit.headHash?.slice(0, 12)}`);
  return out;
}
