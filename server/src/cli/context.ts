import fs from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../platform/config.js';
import { openDatabase, type Db } from '../platform/db/database.js';
import type { Actor } from '../platform/auth/actor.js';
import { UsageError } from './args.js';
import { unsafeTextFields } from '../platform/http/unsafe-text.js';

/** Changes made from the command line are recorded as the operating-system user who ran it. */
export function cliActor(): Actor {
  const name = os.userInfo().username;
  return { userId: `cli:${name}`, username: `cli:${name}`, displayName: `CLI (${name})`, agencyId: 'platform', agencyType: 'coordination_centre', roles: ['admin'] };
}

export async function openCliDatabase(env: NodeJS.ProcessEnv): Promise<Db> {
  const config = loadConfig(env, { demo: false });
  return openDatabase(config.database);
}

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  // the same refusal as the HTTP edge's, so a file the API would refuse cannot come in this way
  const unsafe = unsafeTextFields(data, '');
  if (unsafe.length) throw new Error(`${file}: ${unsafe.slice(0, 5).map((f) => `${f.field || '(top level)'} ${f.message.en}`).join('; ')}${unsafe.length > 5 ? ` and ${unsafe.length - 5} more` : ''}`);
  return data;
}
