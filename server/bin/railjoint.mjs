#!/usr/bin/env node
// The `railjoint` command. It runs the compiled bundle (dist/cli.js, made by `npm run build` and at
// install) when that is at least as new as every source file, and otherwise the TypeScript sources
// through tsx, so a developer's edit is never hidden behind a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const server = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(server, 'dist', 'cli.js');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function fresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    return built >= newest(path.join(server, 'src')) && built >= newest(path.join(server, '..', 'contracts', 'src'));
  } catch {
    return false;
  }
}

if (process.env.RAILJOINT_FROM_SOURCE !== '1' && fresh()) {
  await import(new URL(`file://${bundle}`).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
