// Compiles the server and the CLI into dist/ with esbuild, so `npm start` and the `railjoint`
// command run JavaScript instead of compiling TypeScript at every start. Packages stay outside
// the bundle (native better-sqlite3, pdfkit's font files, xmllint's WebAssembly); the workspace's
// own contracts are bundled in, as they are TypeScript source.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((d) => d !== '@railjoint/contracts');
// `--outdir <dir>` builds elsewhere: the multi-instance tests run a bundle of their own, so a
// build of dist/ at the same time (another test, a developer) cannot pull it from under them.
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist');
const started = Date.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src/main.ts'), cli: path.join(root, 'src/cli/main.ts') },
  outdir,
  bundle: true,
  // command groups load on demand (`railjoint mileage` does not load the database): keep them apart
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});
console.log(`server built into ${path.relative(root, outdir) || '.'}/ in ${Date.now() - started} ms`);
