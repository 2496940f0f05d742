import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The keys personal data is sealed with, kept in a file of their own beside the database (never in
 * it), so a copy of the database files or a dump alone reveals nothing. The newest key seals; every
 * key in the ring still opens what it sealed, so a rotation is a new key first and a re-seal of the
 * old rows later (`railjoint keys rotate`, `railjoint keys reseal`). The index key (for the keyed
 * hashes that let a phone number be looked up) stays the same across rotations.
 */
export interface Keyring {
  current: string;
  keys: Record<string, Buffer>;
  index: Buffer;
}

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes as 64 hex digits');
const KeyFile = z.object({
  version: z.literal(1),
  current: z.string().regex(/^[a-z0-9]{1,16}$/),
  keys: z.record(z.string().regex(/^[a-z0-9]{1,16}$/), Hex32),
  index: Hex32,
});

export class KeyringError extends Error {}

function toRing(data: z.infer<typeof KeyFile>): Keyring {
  if (!(data.current in data.keys)) throw new KeyringError(`the current key ${data.current} is not in the ring`);
  return { current: data.current, keys: Object.fromEntries(Object.entries(data.keys).map(([id, hex]) => [id, Buffer.from(hex, 'hex')])), index: Buffer.from(data.index, 'hex') };
}

function toFile(ring: Keyring): string {
  return `${JSON.stringify({ version: 1, current: ring.current, keys: Object.fromEntries(Object.entries(ring.keys).map(([id, k]) => [id, k.toString('hex')])), index: ring.index.toString('hex') }, null, 2)}\n`;
}

export function readKeyring(file: string): Keyring {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new KeyringError(`cannot read the data key file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parsed = KeyFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new KeyringError(`the data key file ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return toRing(parsed.data);
}

/**
 * The ring in this file, made on first use (readable by its owner only). Several processes may
 * start at once: the file is created exclusively, and the loser reads the winner's.
 */
export function openKeyring(file: string): { ring: Keyring; created: boolean } {
  if (fs.existsSync(file)) return { ring: readKeyring(file), created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ring: Keyring = { current: 'k1', keys: { k1: crypto.randomBytes(32) }, index: crypto.randomBytes(32) };
  try {
    fs.writeFileSync(file, toFile(ring), { flag: 'wx', mode: 0o600 });
    return { ring, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ring: readKeyring(file), created: false };
    throw e;
  }
}

/** Adds a new current key; the old ones stay to open what they sealed. Written atomically. */
export function rotateKeyring(file: string): Keyring {
  const ring = readKeyring(file);
  const numbers = Object.keys(ring.keys).map((id) => Number(/^k(\d+)$/.exec(id)?.[1] ?? 0));
  const id = `k${Math.max(0, ...numbers) + 1}`;
  const next: Keyring = { ...ring, current: id, keys: { ...ring.keys, [id]: crypto.randomBytes(32) } };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, toFile(next), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return next;
}

/** Drops keys nothing is sealed with any more (after a re-seal). */
export function retireKeys(file: string, keep: readonly string[]): Keyring {
  const ring = readKeyring(file);
  const next: Keyring = { ...ring, keys: Object.fromEntries(Object.entries(ring.keys).filter(([id]) => id === ring.current || keep.includes(id))) };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, toFile(next), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return next;
}

/** The file as a source a running instance follows (PersonalData re-reads it when it changes). */
export function keyringFile(file: string): { changed(): boolean; read(): Keyring } {
  let seen = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
  return {
    changed() {
      const now = fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
      const changed = now !== seen;
      seen = now;
      return changed;
    },
    read: () => readKeyring(file),
  };
}
