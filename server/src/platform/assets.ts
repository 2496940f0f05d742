import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's own folder, found from wherever this code runs: the TypeScript sources
 * (development, tests) or the compiled bundle in dist/ (npm start, the CLI). Files the server reads
 * at run time (the CAP schema, the password lists) are named from here, so both layouts find them.
 */
function findServerRoot(from: string): string {
  let dir = path.dirname(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === '@railjoint/server') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the server package above ${from}`);
    dir = up;
  }
}

export const SERVER_ROOT = findServerRoot(fileURLToPath(import.meta.url));

export function serverFile(...parts: string[]): string {
  return path.join(SERVER_ROOT, ...parts);
}
